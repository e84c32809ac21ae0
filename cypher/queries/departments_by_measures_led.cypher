// name: departments_by_measures_led
// description: Departments ranked by the number of measures they lead, with how many they support and the departments they co-lead with.
// param limit: int = 50 — the most rows
// example: ikg query departments_by_measures_led --param limit=10
MATCH (s:DepartmentTally)
WITH s.department_id AS id, sum(s.leads) AS leads, sum(s.supports) AS supports
WHERE leads + supports > 0
WITH id, leads, supports
ORDER BY leads DESC, supports DESC, id
LIMIT $limit
MATCH (d:Department {id: id})
OPTIONAL MATCH (led:Measure)-[:LED_BY]->(d), (led)-[:LED_BY]->(co:Department)
WHERE co.id <> d.id
WITH d, leads, supports, collect(DISTINCT co.name) AS co_leads
RETURN d.id AS id, d.name AS name, d.jurisdiction_id AS jurisdiction, leads, supports, co_leads
ORDER BY leads DESC, supports DESC, id
