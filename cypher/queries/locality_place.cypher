// name: locality_place
// description: One locality with its parent (the profile's head; `locality_children` gives its children, `locality` adds its number of awards).
// param id: string — locality id (GB/T 2260 code, or a zone/base id)
// example: ikg query locality_place --param id=500112
MATCH (l:Locality {id: $id})
OPTIONAL MATCH (l)-[:PART_OF]->(p:Locality)
RETURN l.id AS id, l.code AS code, l.name AS name, l.full_name AS full_name, l.level AS level,
       l.valid_from AS valid_from, l.valid_to AS valid_to,
       CASE WHEN p IS NULL THEN NULL ELSE {id: p.id, name: p.name, level: p.level} END AS parent
