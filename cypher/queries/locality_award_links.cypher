// name: locality_award_links
// description: The topics (of their measures) and the implementing departments of a locality's awards, one row per award and link: `link` is 'topic' or 'department', `value` the topic id or the department's name.
// param id: string — locality id (GB/T 2260 code, or a zone/base id)
// example: ikg query locality_award_links --param id=500112
MATCH (:Locality {id: $id})-[:RECEIVED]->(a:Award)-[:UNDER]->(:Measure)-[:ABOUT]->(t:Topic)
RETURN a.id AS award, 'topic' AS link, t.id AS value
UNION ALL
MATCH (:Locality {id: $id})-[:RECEIVED]->(a:Award)-[:IMPLEMENTED_BY]->(d:Department)
RETURN a.id AS award, 'department' AS link, d.name AS value
