// name: search_names
// description: Localities, departments and notices whose name contains the text (give it in simplified characters; the API converts traditional input).
// param q: string — the text to look for
// param limit: int = 20 — the most rows per kind
// example: ikg query search_names --param q=渝北
MATCH (l:Locality) WHERE l.name CONTAINS $q OR l.full_name CONTAINS $q
WITH l ORDER BY l.id LIMIT $limit
RETURN 'locality' AS kind, l.id AS id, l.name AS name, l.level AS detail
UNION ALL
MATCH (d:Department) WHERE d.name CONTAINS $q
WITH d ORDER BY d.id LIMIT $limit
RETURN 'department' AS kind, d.id AS id, d.name AS name, d.jurisdiction_id AS detail
UNION ALL
MATCH (n:Notice) WHERE n.title CONTAINS $q OR n.doc_number CONTAINS $q
WITH n ORDER BY n.id LIMIT $limit
RETURN 'notice' AS kind, n.id AS id, n.title AS name, n.kind AS detail
