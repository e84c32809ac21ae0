// name: departments_by_measures_led
// description: Departments ranked by the number of measures they lead, with how many they support.
// param limit: int = 50 — the most rows
// example: ikg query departments_by_measures_led --param limit=10
MATCH (d:Department)
OPTIONAL MATCH (led:Measure)-[:LED_BY]->(d)
OPTIONAL MATCH (sup:Measure)-[:SUPPORTED_BY]->(d)
WITH d, count(DISTINCT led) AS leads, count(DISTINCT sup) AS supports
WHERE leads + supports > 0
RETURN d.id AS id, d.name AS name, d.jurisdiction_id AS jurisdiction, leads, supports
ORDER BY leads DESC, supports DESC, id
LIMIT $limit
