// name: neighbours_notice
// description: The graph around a notice, one row per relationship (for the explorer's graph view): its measures, the department that issued it, the notices it cites or supersedes and those citing or superseding it. `side` says which end the row's node is; name, detail, year and topics describe it.
// param id: string — notice id
// param limit: int = 200 — the most rows per relationship type
// example: ikg query neighbours_notice --param id=n2186625d9211
// note: no branch returns one expression twice (LadybugDB 0.22 then mixes up UNION ALL columns), so the other end is named by `side`, not repeated as an id; CASE WHEN false … gives typed nulls and empty lists, which both engines accept.
MATCH (n:Notice {id: $id})-[:HAS_MEASURE]->(m:Measure)
WITH n, m ORDER BY m.id LIMIT $limit
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN 'HAS_MEASURE' AS rel, n.id AS source, m.id AS target, 'target' AS side, 'Measure' AS kind,
       coalesce(m.title, m.text) AS name, m.ordinal AS detail, CASE WHEN false THEN 0 END AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (n:Notice {id: $id})-[:ISSUED_BY]->(d:Department)
RETURN 'ISSUED_BY' AS rel, n.id AS source, d.id AS target, 'target' AS side, 'Department' AS kind,
       d.name AS name, d.jurisdiction_id AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (n:Notice {id: $id})-[:CITES]->(c:Notice)
WITH n, c ORDER BY c.id LIMIT $limit
RETURN 'CITES' AS rel, n.id AS source, c.id AS target, 'target' AS side, 'Notice' AS kind,
       coalesce(c.title, c.doc_number, c.issuer, c.id) AS name, c.kind AS detail, c.work_year AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (c:Notice)-[:CITES]->(n:Notice {id: $id})
WITH n, c ORDER BY c.id LIMIT $limit
RETURN 'CITES' AS rel, c.id AS source, n.id AS target, 'source' AS side, 'Notice' AS kind,
       coalesce(c.title, c.doc_number, c.issuer, c.id) AS name, c.kind AS detail, c.work_year AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (n:Notice {id: $id})-[:SUPERSEDES]->(s:Notice)
WITH n, s ORDER BY s.id LIMIT $limit
RETURN 'SUPERSEDES' AS rel, n.id AS source, s.id AS target, 'target' AS side, 'Notice' AS kind,
       coalesce(s.title, s.doc_number, s.issuer, s.id) AS name, s.kind AS detail, s.work_year AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (s:Notice)-[:SUPERSEDES]->(n:Notice {id: $id})
WITH n, s ORDER BY s.id LIMIT $limit
RETURN 'SUPERSEDES' AS rel, s.id AS source, n.id AS target, 'source' AS side, 'Notice' AS kind,
       coalesce(s.title, s.doc_number, s.issuer, s.id) AS name, s.kind AS detail, s.work_year AS year, collect(CASE WHEN false THEN '' END) AS topics
