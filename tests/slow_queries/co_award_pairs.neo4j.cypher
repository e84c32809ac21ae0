// name: co_award_pairs
// description: Neo4j dialect of co_award_pairs: the distinct winners of each measure are paired (by id, names looked up for the rows returned only), instead of expanding every pair of awards; the shared text timed out (5 s) on Neo4j at scale 0.1.
// param min_shared: int = 2 — the fewest measures a pair must share
// param limit: int = 50 — the most pairs
// example: ikg query co_award_pairs --param min_shared=3
MATCH (m:Measure)<-[:UNDER]-(:Award)<-[:RECEIVED]-(l:Locality)
WITH m, collect(DISTINCT l.id) AS winners
UNWIND winners AS a
UNWIND winners AS b
WITH a, b
WHERE a < b
WITH a, b, count(*) AS shared
WHERE shared >= $min_shared
ORDER BY shared DESC, a, b
LIMIT $limit
MATCH (la:Locality {id: a})
MATCH (lb:Locality {id: b})
RETURN a AS a_id, la.name AS a_name, b AS b_id, lb.name AS b_name, shared
ORDER BY shared DESC, a_id, b_id
