// name: neighbours_award
// description: The graph around an award, one row per relationship (for the explorer's graph view): the locality that received it, the measure it was won under, the notice announcing it, the implementing departments. `side` says which end the row's node is; name, detail, year and topics describe it.
// param id: string — award id
// param limit: int = 200 — the most rows per relationship type
// example: ikg query neighbours_award --param id=n63fc28038946-m2-a5d71d57752
// note: no branch returns one expression twice (LadybugDB 0.22 then mixes up UNION ALL columns), so the other end is named by `side`, not repeated as an id; CASE WHEN false … gives typed nulls and empty lists, which both engines accept.
MATCH (l:Locality)-[:RECEIVED]->(a:Award {id: $id})
RETURN 'RECEIVED' AS rel, l.id AS source, a.id AS target, 'source' AS side, 'Locality' AS kind,
       l.name AS name, l.level AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (a:Award {id: $id})-[:UNDER]->(m:Measure)
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN 'UNDER' AS rel, a.id AS source, m.id AS target, 'target' AS side, 'Measure' AS kind,
       coalesce(m.title, m.text) AS name, m.ordinal AS detail, CASE WHEN false THEN 0 END AS year, collect(DISTINCT t.id) AS topics
UNION ALL
MATCH (a:Award {id: $id})-[:ANNOUNCED_IN]->(n:Notice)
RETURN 'ANNOUNCED_IN' AS rel, a.id AS source, n.id AS target, 'target' AS side, 'Notice' AS kind,
       coalesce(n.title, n.doc_number, n.issuer, n.id) AS name, n.kind AS detail, n.work_year AS year, collect(CASE WHEN false THEN '' END) AS topics
UNION ALL
MATCH (a:Award {id: $id})-[:IMPLEMENTED_BY]->(d:Department)
RETURN 'IMPLEMENTED_BY' AS rel, a.id AS source, d.id AS target, 'target' AS side, 'Department' AS kind,
       d.name AS name, d.jurisdiction_id AS detail, CASE WHEN false THEN 0 END AS year, collect(CASE WHEN false THEN '' END) AS topics
