// name: neighbours_topic
// description: The graph around a topic, one row per relationship (for the explorer's graph view): the measures about it. `side` says which end the row's node is; name, detail, year and topics describe it.
// param id: string — topic id
// param limit: int = 200 — the most rows per relationship type
// example: ikg query neighbours_topic --param id=ecology
// note: no branch returns one expression twice (LadybugDB 0.22 then mixes up UNION ALL columns), so the other end is named by `side`, not repeated as an id; CASE WHEN false … gives typed nulls and empty lists, which both engines accept.
MATCH (m:Measure)-[:ABOUT]->(t:Topic {id: $id})
WITH t, m ORDER BY m.id LIMIT $limit
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN 'ABOUT' AS rel, m.id AS source, t.id AS target, 'source' AS side, 'Measure' AS kind,
       coalesce(m.title, m.text) AS name, m.ordinal AS detail, CASE WHEN false THEN 0 END AS year, collect(DISTINCT t.id) AS topics
