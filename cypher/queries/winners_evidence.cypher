// name: winners_evidence
// description: The evidence of winners_all_topics for some localities, one row per piece: award, topic, measure and announcing notice, by locality, year, topic.
// param ids: string[] — locality ids
// param topics: string[] — topic ids (see GET /topics)
// param year_from: int = 0 — first award year, inclusive
// param year_to: int = 9999 — last award year, inclusive
// example: ikg query winners_evidence --param ids=500112 --param topics=ecology,investment --param year_from=2020 --param year_to=2020
MATCH (l:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(m:Measure)-[:ABOUT]->(t:Topic), (a)-[:ANNOUNCED_IN]->(n:Notice)
WHERE l.id IN $ids AND t.id IN $topics
  AND coalesce(a.year, 0) >= $year_from AND coalesce(a.year, 9999) <= $year_to
RETURN DISTINCT l.id AS locality, t.id AS topic, a.id AS award, a.year AS year, a.amount_yuan AS amount_yuan,
       m.id AS measure, m.ordinal AS measure_ordinal, m.text AS measure_text,
       n.id AS notice, n.title AS notice_title, n.kind AS notice_kind
ORDER BY locality, year, topic, award, notice
