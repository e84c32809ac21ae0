// name: neighbours_measure
// description: The graph around a measure, one row per relationship (for the explorer's graph view): its notice, lead and supporting departments, topics, the awards under it and their winners, the measures it implements or that implement it. `side` says which end the row's node is; name, detail, year and topics describe it.
// param id: string — measure id
// param limit: int = 200 — the most rows per relationship type
// example: ikg query neighbours_measure --param id=n63fc28038946-m2
// note: no branch returns one expression twice (LadybugDB 0.22 then mixes up UNION ALL columns), so the other end is named by `side`, not repeated as an id; CASE WHEN false … gives typed nulls and empty lists, which both engines accept.
MATCH (n:Notice)-[:HAS_MEASURE]->(m:Measure {id: $id})
RETURN 'HAS_MEASURE' AS rel, n.id AS source, m.id AS target, 'source' AS side, 'Notice' AS kind,
       coalesce(n.title, n.doc_number, n.issuer, n.id) AS name, n.kind AS detail, n.work_year AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (m:Measure {id: $id})-[:LED_BY]->(d:Department)
WITH m, d ORDER BY d.id LIMIT $limit
RETURN 'LED_BY' AS rel, m.id AS source, d.id AS target, 'target' AS side, 'Department' AS kind,
       d.name AS name, d.jurisdiction_id AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (m:Measure {id: $id})-[:SUPPORTED_BY]->(d:Department)
WITH m, d ORDER BY d.id LIMIT $limit
RETURN 'SUPPORTED_BY' AS rel, m.id AS source, d.id AS target, 'target' AS side, 'Department' AS kind,
       d.name AS name, d.jurisdiction_id AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (m:Measure {id: $id})-[:ABOUT]->(t:Topic)
WITH m, t ORDER BY t.id LIMIT $limit
RETURN 'ABOUT' AS rel, m.id AS source, t.id AS target, 'target' AS side, 'Topic' AS kind,
       t.label_zh AS name, t.label_en AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (a:Award)-[:UNDER]->(m:Measure {id: $id})
WITH m, a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[:UNDER]->(:Measure)-[:ABOUT]->(t:Topic)
RETURN 'UNDER' AS rel, a.id AS source, m.id AS target, 'source' AS side, 'Award' AS kind,
       a.as_written AS name, a.rank_note AS detail, a.year AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (l:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(:Measure {id: $id})
WITH a, l ORDER BY l.id LIMIT $limit
RETURN 'RECEIVED' AS rel, l.id AS source, a.id AS target, 'source' AS side, 'Locality' AS kind,
       l.name AS name, l.level AS detail, a.year AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (m:Measure {id: $id})-[:IMPLEMENTS]->(p:Measure)
WITH m, p ORDER BY p.id LIMIT $limit
OPTIONAL MATCH (p)-[:ABOUT]->(t:Topic)
RETURN 'IMPLEMENTS' AS rel, m.id AS source, p.id AS target, 'target' AS side, 'Measure' AS kind,
       coalesce(p.title, p.text) AS name, p.ordinal AS detail, CASE WHEN false THEN 0 END AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (c:Measure)-[:IMPLEMENTS]->(m:Measure {id: $id})
WITH m, c ORDER BY c.id LIMIT $limit
OPTIONAL MATCH (c)-[:ABOUT]->(t:Topic)
RETURN 'IMPLEMENTS' AS rel, c.id AS source, m.id AS target, 'source' AS side, 'Measure' AS kind,
       coalesce(c.title, c.text) AS name, c.ordinal AS detail, CASE WHEN false THEN 0 END AS year, collect(DISTINCT t.id) AS topics
