// name: measure_winners
// description: The localities that won under a policy measure through the award categories that implement it (IMPLEMENTS), newest year first, with the award notice, the category, the amount and the link's score.
// param id: string — policy measure id
// param limit: int = 1000 — the most rows
// example: ikg query measure_winners --param id=n0123456789ab-m1
MATCH (m:Measure {id: $id})<-[r:IMPLEMENTS]-(c:Measure)<-[:UNDER]-(a:Award)<-[:RECEIVED]-(l:Locality)
MATCH (a)-[:ANNOUNCED_IN]->(n:Notice)
RETURN a.year AS year, l.id AS locality_id, l.name AS locality, a.amount_yuan AS amount_yuan,
       a.rank_note AS rank_note, n.id AS award_notice, n.title AS award_notice_title, c.id AS category,
       coalesce(c.title, c.text) AS category_text, r.score AS link_score, a.id AS award
ORDER BY year DESC, locality_id, award
LIMIT $limit
