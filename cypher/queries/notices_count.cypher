// name: notices_count
// description: How many notices the `notices` query would list in all (its total, for paging).
// param q: string = "" — text the title or 文号 contains; empty for all
// param kind: string = "" — notice kind; empty for all
// param jurisdiction: string = "" — jurisdiction locality id; empty for all
// example: ikg query notices_count --param kind=measures_notice
MATCH (n:Notice)
WHERE n.kind IS NOT NULL
  AND ($kind = '' OR n.kind = $kind)
  AND ($jurisdiction = '' OR n.jurisdiction_id = $jurisdiction)
  AND ($q = '' OR n.title CONTAINS $q OR n.doc_number CONTAINS $q)
RETURN count(n) AS total
