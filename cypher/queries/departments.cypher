// name: departments
// description: Departments, filtered by jurisdiction or by text in the name; one page, ordered by how many measures they lead.
// param q: string = "" — text the name contains; empty for all
// param jurisdiction: string = "" — jurisdiction locality id; empty for all
// param offset: int = 0 — rows to skip
// param limit: int = 50 — rows to return
// example: ikg query departments --param q=财政
MATCH (d:Department)
WHERE ($q = '' OR d.name CONTAINS $q)
  AND ($jurisdiction = '' OR d.jurisdiction_id = $jurisdiction)
OPTIONAL MATCH (m:Measure)-[:LED_BY]->(d)
WITH d, count(DISTINCT m) AS leads
RETURN d.id AS id, d.name AS name, d.jurisdiction_id AS jurisdiction, leads
ORDER BY leads DESC, id
SKIP $offset LIMIT $limit
