// name: departments_by_awards
// description: Departments ranked by the awards (or the money) that the policy measures they lead produced, counted through the award categories that implement those measures (IMPLEMENTS).
// param jurisdiction: string = "" — only departments of this jurisdiction (locality id); empty for all
// param year_from: int = 0 — first award year
// param year_to: int = 9999 — last award year
// param order_by: string = "awards" — awards or money
// param limit: int = 50 — the most departments
// example: ikg query departments_by_awards --param order_by=money --param limit=10
MATCH (d:Department)<-[:LED_BY]-(m:Measure)<-[:IMPLEMENTS]-(:Measure)<-[:UNDER]-(a:Award)
WHERE ($jurisdiction = '' OR d.jurisdiction_id = $jurisdiction) AND a.year >= $year_from AND a.year <= $year_to
WITH d, a, count(DISTINCT m) AS through
WITH d, count(a) AS awards, sum(coalesce(a.amount_yuan, 0)) AS money_yuan, min(a.year) AS first_year,
     max(a.year) AS last_year
WITH d, awards, money_yuan, first_year, last_year,
     CASE WHEN $order_by = 'money' THEN money_yuan ELSE awards END AS rank_value
ORDER BY rank_value DESC, d.id
LIMIT $limit
MATCH (d)<-[:LED_BY]-(m:Measure)<-[:IMPLEMENTS]-(:Measure)
WITH d, awards, money_yuan, first_year, last_year, rank_value, count(DISTINCT m) AS measures
RETURN d.id AS id, d.name AS name, d.jurisdiction_id AS jurisdiction, measures, awards, money_yuan,
       first_year, last_year
ORDER BY rank_value DESC, id
