// name: locality_children
// description: The localities directly part of one locality, by id.
// param id: string — locality id (GB/T 2260 code, or a zone/base id)
// example: ikg query locality_children --param id=500000
MATCH (c:Locality)-[:PART_OF]->(:Locality {id: $id})
RETURN DISTINCT c.id AS id, c.name AS name, c.level AS level
ORDER BY id
