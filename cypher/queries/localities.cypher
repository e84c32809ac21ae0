// name: localities
// description: Localities in the graph, filtered by text in the name, level or parent; one page, ordered by id.
// param q: string = "" — text the name or full name contains; empty for all
// param level: string = "" — province, prefecture, county, zone or base; empty for all
// param parent: string = "" — only direct children of this locality id; empty for all
// param offset: int = 0 — rows to skip
// param limit: int = 50 — rows to return
// example: ikg query localities --param parent=500000 --param limit=5
MATCH (l:Locality)
WHERE ($q = '' OR l.name CONTAINS $q OR l.full_name CONTAINS $q)
  AND ($level = '' OR l.level = $level)
  AND ($parent = '' OR l.parent_id = $parent)
OPTIONAL MATCH (l)-[:RECEIVED]->(a:Award)
WITH l, count(a) AS awards
RETURN l.id AS id, l.name AS name, l.full_name AS full_name, l.level AS level, l.parent_id AS parent_id, awards
ORDER BY id
SKIP $offset LIMIT $limit
