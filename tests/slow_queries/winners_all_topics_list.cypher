// name: winners_all_topics_list
// description: The localities of winners_all_topics without their evidence (for paging): each with its number of awards under the listed topics. Starts from the topics' measures, so it reads only their awards.
// param topics: string[] — topic ids (see GET /topics); a locality must have won under each
// param year_from: int = 0 — first award year (the year whose work was judged), inclusive
// param year_to: int = 9999 — last award year, inclusive
// param jurisdiction: string = "" — only localities inside this locality id (itself or below it via PART_OF); empty for all
// param level: string = "" — only localities of this level (province, prefecture, county, zone, base); empty for all
// example: ikg query winners_all_topics_list --param topics=ecology,investment --param year_from=2020 --param year_to=2020
MATCH (t:Topic)<-[:ABOUT]-(:Measure)<-[:UNDER]-(a:Award)<-[:RECEIVED]-(l:Locality)
WHERE t.id IN $topics
  AND coalesce(a.year, 0) >= $year_from AND coalesce(a.year, 9999) <= $year_to
  AND ($level = '' OR l.level = $level)
WITH l, count(DISTINCT t.id) AS won, count(DISTINCT a) AS awards
WHERE won = size($topics)
MATCH (l)-[:PART_OF*0..4]->(scope:Locality)
WHERE $jurisdiction = '' OR scope.id = $jurisdiction
WITH DISTINCT l, awards
RETURN l.id AS id, l.name AS name, l.level AS level, l.parent_id AS parent_id, awards
ORDER BY id
