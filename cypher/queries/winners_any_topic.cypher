// name: winners_any_topic
// description: Localities that won awards under measures about at least one of the listed topics, with the topics each won in and its number of awards.
// param topics: string[] — topic ids; a locality qualifies by winning under any of them
// param year_from: int = 0 — first award year, inclusive
// param year_to: int = 9999 — last award year, inclusive
// param jurisdiction: string = "" — only localities inside this locality id; empty for all
// param level: string = "" — only localities of this level; empty for all
// example: ikg query winners_any_topic --param topics=ecology,innovation
MATCH (s:AwardTally)
WHERE s.year_from >= $year_from AND s.year_to <= $year_to
  AND list_has_any(s.topics, $topics)
WITH s.locality_id AS id, sum(s.awards) AS awards, collect(s.topics) AS lists
UNWIND lists AS list
UNWIND list AS t
WITH id, awards, t
WHERE t IN $topics
WITH id, awards, collect(DISTINCT t) AS topics
MATCH (l:Locality {id: id})
WHERE $level = '' OR l.level = $level
MATCH (l)-[:PART_OF*0..4]->(scope:Locality)
WHERE $jurisdiction = '' OR scope.id = $jurisdiction
WITH DISTINCT l, topics, awards
RETURN l.id AS id, l.name AS name, l.level AS level, topics, awards
ORDER BY awards DESC, id
