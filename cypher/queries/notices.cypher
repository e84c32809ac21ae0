// name: notices
// description: Loaded notices (not those known only as cited), newest first, filtered by kind, jurisdiction or text in the title or 文号; one page.
// param q: string = "" — text the title or 文号 contains; empty for all
// param kind: string = "" — measures_notice, award_notice, news_report, implementation_rules or plan; empty for all
// param jurisdiction: string = "" — jurisdiction locality id; empty for all
// param offset: int = 0 — rows to skip
// param limit: int = 50 — rows to return
// example: ikg query notices --param kind=award_notice
MATCH (n:Notice)
WHERE n.kind IS NOT NULL
  AND ($kind = '' OR n.kind = $kind)
  AND ($jurisdiction = '' OR n.jurisdiction_id = $jurisdiction)
  AND ($q = '' OR n.title CONTAINS $q OR n.doc_number CONTAINS $q)
RETURN n.id AS id, n.title AS title, n.doc_number AS doc_number, n.issuer AS issuer, n.kind AS kind,
       n.date AS date, n.work_year AS work_year, n.jurisdiction_id AS jurisdiction
ORDER BY coalesce(n.date, '') DESC, id
SKIP $offset LIMIT $limit
