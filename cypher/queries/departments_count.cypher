// name: departments_count
// description: How many departments the `departments` query would list in all (its total, for paging).
// param q: string = "" — text the name contains; empty for all
// param jurisdiction: string = "" — jurisdiction locality id; empty for all
// example: ikg query departments_count --param q=财政
MATCH (d:Department)
WHERE ($q = '' OR d.name CONTAINS $q)
  AND ($jurisdiction = '' OR d.jurisdiction_id = $jurisdiction)
RETURN count(d) AS total
