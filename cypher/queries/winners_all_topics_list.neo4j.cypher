// name: winners_all_topics_list
// description: The localities of winners_all_topics without their evidence (for paging): each with its number of awards under the listed topics. Reads the award tallies (AwardTally), not the awards.
// param topics: string[] — topic ids (see GET /topics); a locality must have won under each
// param year_from: int = 0 — first award year (the year whose work was judged), inclusive
// param year_to: int = 9999 — last award year, inclusive
// param jurisdiction: string = "" — only localities inside this locality id (itself or below it via PART_OF); empty for all
// param level: string = "" — only localities of this level (province, prefecture, county, zone, base); empty for all
// example: ikg query winners_all_topics_list --param topics=ecology,investment --param year_from=2020 --param year_to=2020
MATCH (s:AwardTally)
WHERE s.year_from >= $year_from AND s.year_to <= $year_to
  AND any(x IN s.topics WHERE x IN $topics)
WITH s.locality_id AS id, sum(s.awards) AS awards, collect(s.topics) AS lists
UNWIND lists AS list
UNWIND list AS t
WITH id, awards, t
WHERE t IN $topics
WITH id, awards, count(DISTINCT t) AS won
WHERE won = size($topics)
MATCH (l:Locality {id: id})
WHERE $level = '' OR l.level = $level
MATCH (l)-[:PART_OF*0..4]->(scope:Locality)
WHERE $jurisdiction = '' OR scope.id = $jurisdiction
WITH DISTINCT l, awards
RETURN l.id AS id, l.name AS name, l.level AS level, l.parent_id AS parent_id, awards
ORDER BY id
