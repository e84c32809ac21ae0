// name: shortest_connection
// description: Neo4j dialect of shortest_connection: the GQL path selector SHORTEST 1 (Neo4j 5.21+) instead of LadybugDB's [* SHORTEST 1..8], and labels() instead of label().
// param locality: string — locality id
// param department: string — department id
// example: ikg query shortest_connection --param locality=500112 --param department=500000-e3c7b764bb
MATCH p = SHORTEST 1 (a:Locality {id: $locality})-[]-{1,8}(b:Department {id: $department})
UNWIND nodes(p) AS step
RETURN labels(step)[0] AS kind, step.id AS id, coalesce(step.name, step.title, step.ordinal, step.doc_number) AS name
