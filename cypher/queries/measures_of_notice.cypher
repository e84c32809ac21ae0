// name: measures_of_notice
// description: The measures (or award categories) of a notice in order, with lead and supporting departments, topics and the number of winners.
// param id: string — notice id
// example: ikg query measures_of_notice --param id=n0123456789ab
MATCH (n:Notice {id: $id})-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (m)-[lb:LED_BY]->(lead:Department)
OPTIONAL MATCH (m)-[:SUPPORTED_BY]->(sup:Department)
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(m)
RETURN m.id AS id, m.ordinal AS ordinal, m.title AS title, m.text AS text,
       collect(DISTINCT lead.name) AS lead_departments, collect(DISTINCT sup.name) AS supporting_departments,
       collect(DISTINCT t.id) AS topics, count(DISTINCT w) AS winners, m.span_start AS span_start
ORDER BY span_start
