// name: co_award_pairs
// description: Pairs of localities that won under the same measures (award categories), most shared first.
// param min_shared: int = 2 — the fewest measures a pair must share
// param limit: int = 50 — the most pairs
// example: ikg query co_award_pairs --param min_shared=3
MATCH (a:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(m:Measure)<-[:UNDER]-(:Award)<-[:RECEIVED]-(b:Locality)
WHERE a.id < b.id
WITH a, b, count(DISTINCT m) AS shared
WHERE shared >= $min_shared
RETURN a.id AS a_id, a.name AS a_name, b.id AS b_id, b.name AS b_name, shared
ORDER BY shared DESC, a_id, b_id
LIMIT $limit
