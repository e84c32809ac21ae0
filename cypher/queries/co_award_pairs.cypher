// name: co_award_pairs
// description: Pairs of localities that won under the same measures (award categories), most shared first: each measure's distinct winners are paired, not every pair of their awards.
// param min_shared: int = 2 — the fewest measures a pair must share
// param limit: int = 50 — the most pairs
// example: ikg query co_award_pairs --param min_shared=3
// plan: bounded before aggregating (issue 18): a pair shares at most as many measures as either of its localities has awards, so only localities with at least `bound` awards are paired, `bound` being the `limit`-th most shared count among the 32 localities with most awards (a lower bound of the answer's last count: those pairs are real pairs; 32 give 496 pairs; with fewer than `limit` of them the bound is `min_shared`, every locality; the list is padded with a 0 since CASE evaluates both branches and an index past the end is an error). At national scale that pairs 114 of 3,509 winners instead of all of them (4,093,478 pairs of winners, which filled the 512 MB buffer pool). Winners are paired as `id<TAB>name` (TAB sorts before any character of an id, so the order is the ids'): the names looked up after the aggregation were planned as a join of the whole Locality table with every pair. Neo4j keeps the former text (co_award_pairs.neo4j.cypher); the first form is tests/slow_queries/co_award_pairs.cypher.
MATCH (l:Locality)-[:RECEIVED]->(:Award)
WITH l, count(*) AS awards
ORDER BY awards DESC, l.id
LIMIT 32
MATCH (l)-[:RECEIVED]->(:Award)-[:UNDER]->(m:Measure)
WITH m, collect(DISTINCT l.id) AS winners
UNWIND winners AS a
UNWIND winners AS b
WITH a, b
WHERE a < b
WITH a, b, count(*) AS shared
WITH list_concat(list_reverse_sort(collect(shared)), [0]) AS found
WITH found[CASE WHEN $limit >= 1 AND $limit < size(found) THEN $limit ELSE size(found) END] AS at_limit
WITH CASE WHEN at_limit > $min_shared THEN at_limit ELSE $min_shared END AS bound
MATCH (l:Locality)-[:RECEIVED]->(:Award)
WITH bound, l, count(*) AS awards
WHERE awards >= bound
MATCH (l)-[:RECEIVED]->(:Award)-[:UNDER]->(m:Measure)
WITH m, collect(DISTINCT l.id + '\t' + coalesce(l.name, '')) AS winners
UNWIND winners AS a
UNWIND winners AS b
WITH a, b
WHERE a < b
WITH a, b, count(*) AS shared
WHERE shared >= $min_shared
WITH a, b, shared
ORDER BY shared DESC, a, b
LIMIT $limit
WITH string_split(a, '\t') AS a, string_split(b, '\t') AS b, shared
RETURN a[1] AS a_id, a[2] AS a_name, b[1] AS b_id, b[2] AS b_name, shared
ORDER BY shared DESC, a_id, b_id
