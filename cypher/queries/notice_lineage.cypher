// name: notice_lineage
// description: A notice's lineage: the notices it cites and supersedes and those citing or superseding it (resolved by 文号, or by issuer, title and year when the text names a notice by its title alone: those carry the link's `score` and `evidence`; `loaded` says whether that notice is in the graph or known only as cited), the award notice a news report reports on (REPORTS_ON) and the reports on it, and the same issuer's previous and next notice of the same kind.
// param id: string — notice id
// example: ikg query notice_lineage --param id=n0123456789ab
// note: a previous or next notice is no link: its score and evidence are typed nulls (CASE WHEN false …), which both engines accept in a UNION.
MATCH (:Notice {id: $id})-[r:CITES]->(o:Notice)
RETURN 'cites' AS relation, o.id AS id, o.title AS title, o.doc_number AS doc_number, o.kind AS kind,
       o.date AS date, o.source_path IS NOT NULL AS loaded, r.score AS score, r.evidence AS evidence
UNION ALL
MATCH (:Notice {id: $id})<-[r:CITES]-(o:Notice)
RETURN 'cited_by' AS relation, o.id AS id, o.title AS title, o.doc_number AS doc_number, o.kind AS kind,
       o.date AS date, o.source_path IS NOT NULL AS loaded, r.score AS score, r.evidence AS evidence
UNION ALL
MATCH (:Notice {id: $id})-[r:SUPERSEDES]->(o:Notice)
RETURN 'supersedes' AS relation, o.id AS id, o.title AS title, o.doc_number AS doc_number, o.kind AS kind,
       o.date AS date, o.source_path IS NOT NULL AS loaded, r.score AS score, r.evidence AS evidence
UNION ALL
MATCH (:Notice {id: $id})<-[r:SUPERSEDES]-(o:Notice)
RETURN 'superseded_by' AS relation, o.id AS id, o.title AS title, o.doc_number AS doc_number, o.kind AS kind,
       o.date AS date, o.source_path IS NOT NULL AS loaded, r.score AS score, r.evidence AS evidence
UNION ALL
MATCH (:Notice {id: $id})-[r:REPORTS_ON]->(o:Notice)
RETURN 'reports_on' AS relation, o.id AS id, o.title AS title, o.doc_number AS doc_number, o.kind AS kind,
       o.date AS date, o.source_path IS NOT NULL AS loaded, r.score AS score, r.evidence AS evidence
UNION ALL
MATCH (:Notice {id: $id})<-[r:REPORTS_ON]-(o:Notice)
RETURN 'reported_by' AS relation, o.id AS id, o.title AS title, o.doc_number AS doc_number, o.kind AS kind,
       o.date AS date, o.source_path IS NOT NULL AS loaded, r.score AS score, r.evidence AS evidence
UNION ALL
MATCH (n:Notice {id: $id})
MATCH (o:Notice)
WHERE o.issuer = n.issuer AND o.kind = n.kind AND o.id <> n.id AND coalesce(o.date, '') < coalesce(n.date, '')
WITH o ORDER BY o.date DESC, o.id LIMIT 1
RETURN 'previous' AS relation, o.id AS id, o.title AS title, o.doc_number AS doc_number, o.kind AS kind,
       o.date AS date, o.source_path IS NOT NULL AS loaded, CASE WHEN false THEN o.work_year END AS score,
       CASE WHEN false THEN o.title END AS evidence
UNION ALL
MATCH (n:Notice {id: $id})
MATCH (o:Notice)
WHERE o.issuer = n.issuer AND o.kind = n.kind AND o.id <> n.id AND coalesce(o.date, '') > coalesce(n.date, '')
WITH o ORDER BY o.date, o.id LIMIT 1
RETURN 'next' AS relation, o.id AS id, o.title AS title, o.doc_number AS doc_number, o.kind AS kind,
       o.date AS date, o.source_path IS NOT NULL AS loaded, CASE WHEN false THEN o.work_year END AS score,
       CASE WHEN false THEN o.title END AS evidence
