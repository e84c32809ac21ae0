// name: co_award_pairs
// description: Pairs of localities that won under the same measures (award categories), most shared first: each measure's distinct winners are paired, not every pair of their awards.
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
WITH a, b, shared
ORDER BY shared DESC, a, b
LIMIT $limit
MATCH (la:Locality {id: a})
MATCH (lb:Locality {id: b})
RETURN a AS a_id, la.name AS a_name, b AS b_id, lb.name AS b_name, shared
ORDER BY shared DESC, a_id, b_id
