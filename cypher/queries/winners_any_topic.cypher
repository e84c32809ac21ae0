// name: winners_any_topic
// description: Localities that won awards under measures about at least one of the listed topics, with the topics each won in and its number of awards.
// param topics: string[] — topic ids; a locality qualifies by winning under any of them
// param year_from: int = 0 — first award year, inclusive
// param year_to: int = 9999 — last award year, inclusive
// param jurisdiction: string = "" — only localities inside this locality id; empty for all
// param level: string = "" — only localities of this level; empty for all
// example: ikg query winners_any_topic --param topics=ecology,innovation
MATCH (t:Topic)<-[:ABOUT]-(:Measure)<-[:UNDER]-(a:Award)<-[:RECEIVED]-(l:Locality)
WHERE t.id IN $topics
  AND coalesce(a.year, 0) >= $year_from AND coalesce(a.year, 9999) <= $year_to
  AND ($level = '' OR l.level = $level)
WITH l, collect(DISTINCT t.id) AS topics, count(DISTINCT a) AS awards
MATCH (l)-[:PART_OF*0..4]->(scope:Locality)
WHERE $jurisdiction = '' OR scope.id = $jurisdiction
WITH DISTINCT l, topics, awards
RETURN l.id AS id, l.name AS name, l.level AS level, topics, awards
ORDER BY awards DESC, id
