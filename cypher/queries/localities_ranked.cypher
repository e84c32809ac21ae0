// name: localities_ranked
// description: Localities ranked by number of awards (or by money awarded) within a jurisdiction and a period of award years.
// param jurisdiction: string = "" — only localities inside this locality id (itself or below via PART_OF); empty for all
// param year_from: int = 0 — first award year, inclusive
// param year_to: int = 9999 — last award year, inclusive
// param level: string = "" — only localities of this level; empty for all
// param by: string = "awards" — rank by 'awards' (count) or 'amount' (yuan stated per recipient)
// param limit: int = 50 — the most rows
// example: ikg query localities_ranked --param jurisdiction=510000 --param by=amount --param limit=10
MATCH (s:AwardTally)
WHERE s.year_from >= $year_from AND s.year_to <= $year_to
WITH s.locality_id AS id, sum(s.awards) AS awards, sum(s.amount_yuan) AS amount_yuan
MATCH (l:Locality {id: id})
WHERE $level = '' OR l.level = $level
MATCH (l)-[:PART_OF*0..4]->(scope:Locality)
WHERE $jurisdiction = '' OR scope.id = $jurisdiction
WITH DISTINCT l, awards, amount_yuan
RETURN l.id AS id, l.name AS name, l.level AS level, awards, amount_yuan
ORDER BY CASE WHEN $by = 'amount' THEN amount_yuan ELSE awards END DESC, awards DESC, id
LIMIT $limit
