// name: search_measures
// description: Measures (and award categories) whose title or text contains the text (give it in simplified characters), with their notice.
// param q: string — the text to look for
// param limit: int = 20 — the most rows
// example: ikg query search_measures --param q=招商引资
MATCH (n:Notice)-[:HAS_MEASURE]->(m:Measure)
WHERE m.title CONTAINS $q OR m.text CONTAINS $q
RETURN m.id AS id, m.ordinal AS ordinal, coalesce(m.title, m.text) AS name, n.id AS notice,
       coalesce(n.title, n.doc_number, n.issuer) AS notice_title
ORDER BY id
LIMIT $limit
