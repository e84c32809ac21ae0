// The former text of winners_all_topics: every award as evidence (310–383 ms at 1.0, a 12 MB answer). The
// named query now summarises the evidence per topic from the award tallies; tests/test_fast_queries.py checks
// its summaries, winners_all_topics_list and winners_evidence against this.
// name: winners_all_topics
// description: Localities that won awards under measures about every one of the listed topics, with the evidence for each topic (award, measure, notice, year).
// param topics: string[] — topic ids (see GET /topics); a locality must have won under each
// param year_from: int = 0 — first award year (the year whose work was judged), inclusive
// param year_to: int = 9999 — last award year, inclusive
// param jurisdiction: string = "" — only localities inside this locality id (itself or below it via PART_OF); empty for all
// param level: string = "" — only localities of this level (province, prefecture, county, zone, base); empty for all
// example: ikg query winners_all_topics --param topics=ecology,investment --param year_from=2020 --param year_to=2020
MATCH (l:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(:Measure)-[:ABOUT]->(t:Topic)
WHERE t.id IN $topics
  AND coalesce(a.year, 0) >= $year_from AND coalesce(a.year, 9999) <= $year_to
  AND ($level = '' OR l.level = $level)
WITH l, collect(DISTINCT t.id) AS won
WHERE size(won) = size($topics)
MATCH (l)-[:PART_OF*0..4]->(scope:Locality)
WHERE $jurisdiction = '' OR scope.id = $jurisdiction
WITH DISTINCT l
MATCH (l)-[:RECEIVED]->(a:Award)-[:UNDER]->(m:Measure)-[:ABOUT]->(t:Topic), (a)-[:ANNOUNCED_IN]->(n:Notice)
WHERE t.id IN $topics
  AND coalesce(a.year, 0) >= $year_from AND coalesce(a.year, 9999) <= $year_to
RETURN l.id AS id, l.name AS name, l.level AS level, l.parent_id AS parent_id,
       collect(DISTINCT {topic: t.id, award: a.id, year: a.year, amount_yuan: a.amount_yuan,
                         measure: m.id, measure_ordinal: m.ordinal, measure_text: m.text,
                         notice: n.id, notice_title: n.title, notice_kind: n.kind}) AS evidence
ORDER BY id
