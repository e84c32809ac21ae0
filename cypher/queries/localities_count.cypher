// name: localities_count
// description: How many localities the `localities` query would list in all (its total, for paging).
// param q: string = "" — text the name or full name contains; empty for all
// param level: string = "" — locality level; empty for all
// param parent: string = "" — only direct children of this locality id; empty for all
// example: ikg query localities_count --param level=county
MATCH (l:Locality)
WHERE ($q = '' OR l.name CONTAINS $q OR l.full_name CONTAINS $q)
  AND ($level = '' OR l.level = $level)
  AND ($parent = '' OR l.parent_id = $parent)
RETURN count(l) AS total
