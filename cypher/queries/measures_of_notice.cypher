// name: measures_of_notice
// description: The measures (or award categories) of a notice in order, with lead and supporting departments, topics and the number of winners: under the measure itself, or, for a policy measure, under the award categories that implement it (`linked_winners`, IMPLEMENTS).
// param id: string — notice id
// example: ikg query measures_of_notice --param id=n0123456789ab
MATCH (n:Notice {id: $id})-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(m)
WITH m, count(DISTINCT w) AS own_winners
OPTIONAL MATCH (lw:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(:Measure)-[:IMPLEMENTS]->(m)
WITH m, own_winners, count(DISTINCT lw) AS linked_winners
OPTIONAL MATCH (m)-[lb:LED_BY]->(lead:Department)
OPTIONAL MATCH (m)-[:SUPPORTED_BY]->(sup:Department)
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN m.id AS id, m.ordinal AS ordinal, m.title AS title, m.text AS text,
       collect(DISTINCT lead.name) AS lead_departments, collect(DISTINCT sup.name) AS supporting_departments,
       collect(DISTINCT t.id) AS topics, own_winners + linked_winners AS winners, linked_winners,
       m.span_start AS span_start
ORDER BY span_start
