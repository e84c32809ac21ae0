// name: winners_all_topics
// description: Localities that won awards under measures about every one of the listed topics, each with its number of awards under them and its evidence summarised per topic: awards, money (yuan, where stated), first and last award year. Reads the award tallies (AwardTally), not the awards; each award with its measure and notice is winners_evidence for these ids (GET /queries/winners links it per locality).
// param topics: string[] — topic ids (see GET /topics); a locality must have won under each
// param year_from: int = 0 — first award year (the year whose work was judged), inclusive
// param year_to: int = 9999 — last award year, inclusive
// param jurisdiction: string = "" — only localities inside this locality id (itself or below it via PART_OF); empty for all
// param level: string = "" — only localities of this level (province, prefecture, county, zone, base); empty for all
// example: ikg query winners_all_topics --param topics=ecology,investment --param year_from=2020 --param year_to=2020
// plan: starts from the topics asked about: each AwardTally's TALLY_TOPIC relationship to each of its topics carries its counts, so only those topics' tallies are read (~3,000 of 333,000 at national scale; the filter on the tallies' topic lists scanned them all); an award under several of the topics is counted once, in the first of them its tally has (`earlier`: the tally's topics before this one). The localities inside `jurisdiction` are found once from it (PART_OF*0..4 from each winner cost more than the rest together). Issue 18; the former text is tests/slow_queries/winners_all_topics.cypher.
MATCH (t:Topic)<-[s:TALLY_TOPIC]-()
WHERE t.id IN $topics AND s.year_from >= $year_from AND s.year_to <= $year_to
WITH s.locality_id AS id, t.id AS t, sum(s.awards) AS topic_awards, sum(s.amount_yuan) AS amount_yuan,
     min(s.year) AS first_year, max(s.year) AS last_year,
     sum(CASE WHEN list_has_any(s.earlier, $topics) THEN 0 ELSE s.awards END) AS once
WITH id, sum(once) AS awards, collect({topic: t, awards: topic_awards, amount_yuan: amount_yuan,
                                      first_year: first_year, last_year: last_year}) AS evidence
WHERE size(evidence) = size($topics)
WITH collect({id: id, awards: awards, evidence: evidence}) AS winners
OPTIONAL MATCH (:Locality {id: $jurisdiction})<-[:PART_OF*0..4]-(inside:Locality)
WITH winners, collect(inside.id) AS inside
UNWIND winners AS w
WITH w, inside
WHERE $jurisdiction = '' OR w.id IN inside
MATCH (l:Locality {id: w.id})
WHERE $level = '' OR l.level = $level
RETURN l.id AS id, l.name AS name, l.level AS level, l.parent_id AS parent_id, w.awards AS awards,
       w.evidence AS evidence
ORDER BY id
