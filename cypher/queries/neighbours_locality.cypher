// name: neighbours_locality
// description: The graph around a locality, one row per relationship (for the explorer's graph view): its awards and the measures they were won under, its parent and children, the departments of it. `side` says which end the row's node is; name, detail, year and topics describe it.
// param id: string — locality id
// param limit: int = 200 — the most rows per relationship type
// example: ikg query neighbours_locality --param id=500112
// note: no branch returns one expression twice (LadybugDB 0.22 then mixes up UNION ALL columns), so the other end is named by `side`, not repeated as an id; CASE WHEN false … gives typed nulls and empty lists, which both engines accept.
MATCH (l:Locality {id: $id})-[:RECEIVED]->(a:Award)
WITH l, a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[:UNDER]->(:Measure)-[:ABOUT]->(t:Topic)
RETURN 'RECEIVED' AS rel, l.id AS source, a.id AS target, 'target' AS side, 'Award' AS kind,
       a.as_written AS name, a.rank_note AS detail, a.year AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (:Locality {id: $id})-[:RECEIVED]->(a:Award)-[:UNDER]->(m:Measure)
WITH a, m ORDER BY m.id LIMIT $limit
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN 'UNDER' AS rel, a.id AS source, m.id AS target, 'target' AS side, 'Measure' AS kind,
       coalesce(m.title, m.text) AS name, m.ordinal AS detail, a.year AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (l:Locality {id: $id})-[:PART_OF]->(p:Locality)
RETURN 'PART_OF' AS rel, l.id AS source, p.id AS target, 'target' AS side, 'Locality' AS kind,
       p.name AS name, p.level AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (c:Locality)-[:PART_OF]->(l:Locality {id: $id})
WITH l, c ORDER BY c.id LIMIT $limit
RETURN 'PART_OF' AS rel, c.id AS source, l.id AS target, 'source' AS side, 'Locality' AS kind,
       c.name AS name, c.level AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (d:Department)-[:`OF`]->(l:Locality {id: $id})
WITH l, d ORDER BY d.id LIMIT $limit
RETURN 'OF' AS rel, d.id AS source, l.id AS target, 'source' AS side, 'Department' AS kind,
       d.name AS name, d.jurisdiction_id AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
