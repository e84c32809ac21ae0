// name: department_profile
// description: A department: the measures it leads and supports, and the departments it co-leads with (how many measures each).
// param id: string — department id
// example: ikg query department_profile --param id=500000-e3c7b764bb
MATCH (d:Department {id: $id})
OPTIONAL MATCH (led:Measure)-[:LED_BY]->(d)
OPTIONAL MATCH (sup:Measure)-[:SUPPORTED_BY]->(d)
OPTIONAL MATCH (co_m:Measure)-[:LED_BY]->(d), (co_m)-[:LED_BY]->(co:Department)
WHERE co.id <> d.id
RETURN d.id AS id, d.name AS name, d.jurisdiction_id AS jurisdiction,
       collect(DISTINCT CASE WHEN led IS NULL THEN NULL
                        ELSE {id: led.id, ordinal: led.ordinal, title: led.title, notice: led.notice_id} END) AS leads,
       collect(DISTINCT CASE WHEN sup IS NULL THEN NULL
                        ELSE {id: sup.id, ordinal: sup.ordinal, title: sup.title, notice: sup.notice_id} END) AS supports,
       collect(DISTINCT CASE WHEN co IS NULL THEN NULL ELSE {id: co.id, name: co.name} END) AS co_leads
