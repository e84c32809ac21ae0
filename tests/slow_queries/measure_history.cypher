// name: measure_history
// description: A policy measure across years: itself, the measures of the issuer's earlier notices it continues and those of later notices continuing it (CONTINUES, up to 10 steps each way), each with its notice, work year and the localities that won under it through IMPLEMENTS.
// param id: string — policy measure id
// example: ikg query measure_history --param id=n0123456789ab-m1
MATCH (n:Notice)-[:HAS_MEASURE]->(h:Measure {id: $id})
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(:Measure)-[:IMPLEMENTS]->(h)
RETURN 0 AS step, h.id AS id, n.id AS notice, n.title AS notice_title, n.work_year AS year,
       coalesce(h.title, h.text) AS measure, count(DISTINCT w) AS winners, collect(DISTINCT w.name) AS winner_names
UNION ALL
MATCH p = (:Measure {id: $id})-[:CONTINUES*1..10]->(h:Measure)
MATCH (n:Notice)-[:HAS_MEASURE]->(h)
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(:Measure)-[:IMPLEMENTS]->(h)
RETURN -length(p) AS step, h.id AS id, n.id AS notice, n.title AS notice_title, n.work_year AS year,
       coalesce(h.title, h.text) AS measure, count(DISTINCT w) AS winners, collect(DISTINCT w.name) AS winner_names
UNION ALL
MATCH p = (:Measure {id: $id})<-[:CONTINUES*1..10]-(h:Measure)
MATCH (n:Notice)-[:HAS_MEASURE]->(h)
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(:Measure)-[:IMPLEMENTS]->(h)
RETURN length(p) AS step, h.id AS id, n.id AS notice, n.title AS notice_title, n.work_year AS year,
       coalesce(h.title, h.text) AS measure, count(DISTINCT w) AS winners, collect(DISTINCT w.name) AS winner_names
