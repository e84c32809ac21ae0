// name: neighbours_department
// description: The graph around a department, one row per relationship (for the explorer's graph view): the measures it leads or supports, the awards it implements, the locality it belongs to, the notices it issued. `side` says which end the row's node is; name, detail, year and topics describe it.
// param id: string — department id
// param limit: int = 200 — the most rows per relationship type
// example: ikg query neighbours_department --param id=500000-e3c7b764bb
// note: no branch returns one expression twice (LadybugDB 0.22 then mixes up UNION ALL columns), so the other end is named by `side`, not repeated as an id; CASE WHEN false … gives typed nulls and empty lists, which both engines accept.
MATCH (m:Measure)-[:LED_BY]->(d:Department {id: $id})
WITH d, m ORDER BY m.id LIMIT $limit
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN 'LED_BY' AS rel, m.id AS source, d.id AS target, 'source' AS side, 'Measure' AS kind,
       coalesce(m.title, m.text) AS name, m.ordinal AS detail, CASE WHEN false THEN 0 END AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (m:Measure)-[:SUPPORTED_BY]->(d:Department {id: $id})
WITH d, m ORDER BY m.id LIMIT $limit
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN 'SUPPORTED_BY' AS rel, m.id AS source, d.id AS target, 'source' AS side, 'Measure' AS kind,
       coalesce(m.title, m.text) AS name, m.ordinal AS detail, CASE WHEN false THEN 0 END AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (a:Award)-[:IMPLEMENTED_BY]->(d:Department {id: $id})
WITH d, a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[:UNDER]->(:Measure)-[:ABOUT]->(t:Topic)
RETURN 'IMPLEMENTED_BY' AS rel, a.id AS source, d.id AS target, 'source' AS side, 'Award' AS kind,
       a.as_written AS name, a.rank_note AS detail, a.year AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (d:Department {id: $id})-[:`OF`]->(l:Locality)
RETURN 'OF' AS rel, d.id AS source, l.id AS target, 'target' AS side, 'Locality' AS kind,
       l.name AS name, l.level AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (n:Notice)-[:ISSUED_BY]->(d:Department {id: $id})
WITH d, n ORDER BY n.id LIMIT $limit
RETURN 'ISSUED_BY' AS rel, n.id AS source, d.id AS target, 'source' AS side, 'Notice' AS kind,
       coalesce(n.title, n.doc_number, n.issuer, n.id) AS name, n.kind AS detail, n.work_year AS year, collect(CASE WHEN false THEN '' END) AS topics
