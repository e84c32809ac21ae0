// name: awards_by_year
// description: Awards and award money in the whole graph by award year (the explorer's map takes its years from it).
// example: ikg query awards_by_year
MATCH (a:Award)
WHERE a.year IS NOT NULL
RETURN a.year AS year, count(a) AS awards, sum(coalesce(a.amount_yuan, 0)) AS amount_yuan
ORDER BY year
