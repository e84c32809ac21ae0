// name: measures_without_winners
// description: Measures of policy notices (not award categories) with no winners yet: no award is under them, nor under an award category that implements them.
// param notice: string = "" — only the measures of this notice id; empty for all
// param limit: int = 100 — the most rows
// example: ikg query measures_without_winners --param limit=5
// plan: the lead departments are looked up for the `limit` measures returned only, after ordering (the former text looked them up for every measure without winners, ~10,000 at national scale; issue 18, tests/slow_queries/measures_without_winners.cypher).
MATCH (n:Notice)-[:HAS_MEASURE]->(m:Measure)
WHERE ($notice = '' OR n.id = $notice)
  AND (n.kind IN ['measures_notice', 'implementation_rules', 'plan'])
  AND NOT EXISTS { MATCH (:Award)-[:UNDER]->(m) }
  AND NOT EXISTS { MATCH (:Award)-[:UNDER]->(:Measure)-[:IMPLEMENTS]->(m) }
WITH n, m
ORDER BY n.id, m.id
LIMIT $limit
OPTIONAL MATCH (m)-[:LED_BY]->(d:Department)
RETURN m.id AS id, n.id AS notice, n.title AS notice_title, m.ordinal AS ordinal, m.title AS title,
       collect(DISTINCT d.name) AS lead_departments
ORDER BY notice, id
