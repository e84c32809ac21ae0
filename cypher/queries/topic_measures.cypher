// name: topic_measures
// description: The measures about one topic, one page, ordered by notice and measure id.
// param id: string — topic id (see GET /topics)
// param offset: int = 0 — rows to skip
// param limit: int = 100 — rows to return
// example: ikg query topic_measures --param id=ecology --param limit=5
MATCH (m:Measure)-[:ABOUT]->(:Topic {id: $id})
RETURN m.id AS id, m.ordinal AS ordinal, coalesce(m.title, m.text) AS title, m.notice_id AS notice
ORDER BY notice, id
SKIP $offset LIMIT $limit
