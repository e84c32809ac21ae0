// name: winners_all_topics
// description: Localities that won awards under measures about every one of the listed topics, each with its number of awards under them and its evidence summarised per topic: awards, money (yuan, where stated), first and last award year. Reads the award tallies (AwardTally), not the awards; each award with its measure and notice is winners_evidence for these ids (GET /queries/winners links it per locality).
// param topics: string[] — topic ids (see GET /topics); a locality must have won under each
// param year_from: int = 0 — first award year (the year whose work was judged), inclusive
// param year_to: int = 9999 — last award year, inclusive
// param jurisdiction: string = "" — only localities inside this locality id (itself or below it via PART_OF); empty for all
// param level: string = "" — only localities of this level (province, prefecture, county, zone, base); empty for all
// example: ikg query winners_all_topics --param topics=ecology,investment --param year_from=2020 --param year_to=2020
MATCH (s:AwardTally)
WHERE s.year_from >= $year_from AND s.year_to <= $year_to
  AND any(x IN s.topics WHERE x IN $topics)
WITH s.locality_id AS id, sum(s.awards) AS awards,
     collect({topics: s.topics, awards: s.awards, amount_yuan: s.amount_yuan, year: s.year}) AS tallies
UNWIND tallies AS tally
UNWIND tally.topics AS t
WITH id, awards, t, tally
WHERE t IN $topics
WITH id, awards, t, sum(tally.awards) AS topic_awards, sum(tally.amount_yuan) AS amount_yuan,
     min(tally.year) AS first_year, max(tally.year) AS last_year
WITH id, awards, collect({topic: t, awards: topic_awards, amount_yuan: amount_yuan,
                          first_year: first_year, last_year: last_year}) AS evidence
WHERE size(evidence) = size($topics)
MATCH (l:Locality {id: id})
WHERE $level = '' OR l.level = $level
MATCH (l)-[:PART_OF*0..4]->(scope:Locality)
WHERE $jurisdiction = '' OR scope.id = $jurisdiction
WITH DISTINCT l, awards, evidence
RETURN l.id AS id, l.name AS name, l.level AS level, l.parent_id AS parent_id, awards, evidence
ORDER BY id
