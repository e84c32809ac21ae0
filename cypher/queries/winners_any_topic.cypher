// name: winners_any_topic
// description: Localities that won awards under measures about at least one of the listed topics, with the topics each won in and its number of awards under them. Reads the award tallies (AwardTally), not the awards.
// param topics: string[] — topic ids; a locality qualifies by winning under any of them
// param year_from: int = 0 — first award year, inclusive
// param year_to: int = 9999 — last award year, inclusive
// param jurisdiction: string = "" — only localities inside this locality id; empty for all
// param level: string = "" — only localities of this level; empty for all
// example: ikg query winners_any_topic --param topics=ecology,innovation
// plan: starts from the topics asked about: each AwardTally's TALLY_TOPIC relationship to each of its topics carries its counts, so only those topics' tallies are read (~3,000 of 333,000 at national scale; the filter on the tallies' topic lists scanned them all); an award under several of the topics is counted once, in the first of them its tally has (`earlier`: the tally's topics before this one). The localities inside `jurisdiction` are found once from it (PART_OF*0..4 from each winner cost more than the rest together). Issue 18; the former text is tests/slow_queries/winners_any_topic.cypher.
MATCH (t:Topic)<-[s:TALLY_TOPIC]-()
WHERE t.id IN $topics AND s.year_from >= $year_from AND s.year_to <= $year_to
WITH s.locality_id AS id, collect(DISTINCT t.id) AS topics,
     sum(CASE WHEN list_has_any(s.earlier, $topics) THEN 0 ELSE s.awards END) AS awards
WITH collect({id: id, topics: topics, awards: awards}) AS winners
OPTIONAL MATCH (:Locality {id: $jurisdiction})<-[:PART_OF*0..4]-(inside:Locality)
WITH winners, collect(inside.id) AS inside
UNWIND winners AS w
WITH w, inside
WHERE $jurisdiction = '' OR w.id IN inside
MATCH (l:Locality {id: w.id})
WHERE $level = '' OR l.level = $level
RETURN l.id AS id, l.name AS name, l.level AS level, w.topics AS topics, w.awards AS awards
ORDER BY awards DESC, id
