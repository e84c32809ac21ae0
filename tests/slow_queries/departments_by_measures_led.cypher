// name: departments_by_measures_led
// description: Departments ranked by the number of measures they lead, with how many they support and the departments they co-lead with.
// param limit: int = 50 — the most rows
// example: ikg query departments_by_measures_led --param limit=10
MATCH (d:Department)
OPTIONAL MATCH (led:Measure)-[:LED_BY]->(d)
OPTIONAL MATCH (sup:Measure)-[:SUPPORTED_BY]->(d)
OPTIONAL MATCH (led)-[:LED_BY]->(co:Department)
WHERE co.id <> d.id
WITH d, count(DISTINCT led) AS leads, count(DISTINCT sup) AS supports, collect(DISTINCT co.name) AS co_leads
WHERE leads + supports > 0
RETURN d.id AS id, d.name AS name, d.jurisdiction_id AS jurisdiction, leads, supports, co_leads
ORDER BY leads DESC, supports DESC, id
LIMIT $limit
