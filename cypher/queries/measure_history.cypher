// name: measure_history
// description: A policy measure across years: itself, the measures of the issuer's earlier notices it continues and those of later notices continuing it (CONTINUES, up to 10 steps each way), each with its notice, work year and the localities that won under it through IMPLEMENTS.
// param id: string — policy measure id
// example: ikg query measure_history --param id=n0123456789ab-m1
// plan: LadybugDB walks `-[:CONTINUES* SHORTEST 1..10]-` from the one measure (~1 ms) where the plain `*1..10` costs ~100 ms at national scale; CONTINUES links each measure to at most one earlier and one later measure (loaders/linking.py, each measure used once), so the shortest path to each is its only path. Each measure's notice is looked up by its notice_id (loaders/graph.py), not joined through HAS_MEASURE, which after a path LadybugDB hash-joined over the whole table (issue 18; the former text is tests/slow_queries/measure_history.cypher, and Neo4j, without this SHORTEST form, runs it as measure_history.neo4j.cypher).
MATCH (n:Notice)-[:HAS_MEASURE]->(h:Measure {id: $id})
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(:Measure)-[:IMPLEMENTS]->(h)
RETURN 0 AS step, h.id AS id, n.id AS notice, n.title AS notice_title, n.work_year AS year,
       coalesce(h.title, h.text) AS measure, count(DISTINCT w) AS winners, collect(DISTINCT w.name) AS winner_names
UNION ALL
MATCH p = (:Measure {id: $id})-[:CONTINUES* SHORTEST 1..10]->(h:Measure)
WITH h, length(p) AS steps
MATCH (n:Notice {id: h.notice_id})
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(:Measure)-[:IMPLEMENTS]->(h)
RETURN -steps AS step, h.id AS id, n.id AS notice, n.title AS notice_title, n.work_year AS year,
       coalesce(h.title, h.text) AS measure, count(DISTINCT w) AS winners, collect(DISTINCT w.name) AS winner_names
UNION ALL
MATCH p = (:Measure {id: $id})<-[:CONTINUES* SHORTEST 1..10]-(h:Measure)
WITH h, length(p) AS steps
MATCH (n:Notice {id: h.notice_id})
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(:Measure)-[:IMPLEMENTS]->(h)
RETURN steps AS step, h.id AS id, n.id AS notice, n.title AS notice_title, n.work_year AS year,
       coalesce(h.title, h.text) AS measure, count(DISTINCT w) AS winners, collect(DISTINCT w.name) AS winner_names
