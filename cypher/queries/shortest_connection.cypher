// name: shortest_connection
// description: The shortest chain of relationships (up to 8 hops, any direction) between a locality and a department, one row per node on the path in order.
// param locality: string — locality id
// param department: string — department id
// example: ikg query shortest_connection --param locality=500112 --param department=500000-e3c7b764bb
MATCH p = (a:Locality {id: $locality})-[* SHORTEST 1..8]-(b:Department {id: $department})
UNWIND nodes(p) AS step
RETURN label(step) AS kind, step.id AS id, coalesce(step.name, step.title, step.ordinal, step.doc_number) AS name
