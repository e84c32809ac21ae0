// name: locality_by_year_topic
// description: A locality's awards counted by year and topic (for a profile chart).
// param id: string — locality id
// example: ikg query locality_by_year_topic --param id=500112
MATCH (l:Locality {id: $id})-[:RECEIVED]->(a:Award)-[:UNDER]->(m:Measure)
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN a.year AS year, t.id AS topic, count(DISTINCT a) AS awards
ORDER BY year, topic
