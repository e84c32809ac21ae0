// name: department_awards_by_year
// description: The awards (and money) that the policy measures a department leads produced, by award year, counted through the award categories that implement those measures (IMPLEMENTS).
// param id: string — department id
// example: ikg query department_awards_by_year --param id=500000-4f2a9c1b7d
MATCH (:Department {id: $id})<-[:LED_BY]-(:Measure)<-[:IMPLEMENTS]-(:Measure)<-[:UNDER]-(a:Award)
WITH DISTINCT a
RETURN a.year AS year, count(a) AS awards, sum(coalesce(a.amount_yuan, 0)) AS amount_yuan
ORDER BY year
