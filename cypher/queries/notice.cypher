// name: notice
// description: One notice with its metadata, source, the notices it cites and supersedes, and how many measures and awards it holds.
// param id: string — notice id
// example: ikg query notice --param id=n0123456789ab
MATCH (n:Notice {id: $id})
OPTIONAL MATCH (n)-[:CITES]->(c:Notice)
OPTIONAL MATCH (n)-[:SUPERSEDES]->(s:Notice)
OPTIONAL MATCH (n)-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (a:Award)-[:ANNOUNCED_IN]->(n)
RETURN n.id AS id, n.title AS title, n.doc_number AS doc_number, n.issuer AS issuer, n.kind AS kind,
       n.date AS date, n.work_year AS work_year, n.jurisdiction_id AS jurisdiction, n.script AS script,
       n.caps AS caps, n.source_path AS source_path, n.source_sha256 AS source_sha256,
       n.source_part AS source_part, n.span_start AS span_start, n.span_end AS span_end,
       collect(DISTINCT CASE WHEN c IS NULL THEN NULL ELSE {id: c.id, doc_number: c.doc_number} END) AS cites,
       collect(DISTINCT CASE WHEN s IS NULL THEN NULL ELSE {id: s.id, doc_number: s.doc_number} END) AS supersedes,
       count(DISTINCT m) AS measures, count(DISTINCT a) AS awards
