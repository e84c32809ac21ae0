// name: topic
// description: One topic with the measures about it and how many localities won under them.
// param id: string — topic id (see GET /topics)
// example: ikg query topic --param id=ecology
MATCH (t:Topic {id: $id})
OPTIONAL MATCH (m:Measure)-[:ABOUT]->(t)
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(:Award)-[:UNDER]->(m)
RETURN t.id AS id, t.label_zh AS label_zh, t.label_en AS label_en,
       count(DISTINCT m) AS measures, count(DISTINCT w) AS winners,
       collect(DISTINCT CASE WHEN m IS NULL THEN NULL
               ELSE {id: m.id, ordinal: m.ordinal, title: coalesce(m.title, m.text), notice: m.notice_id} END) AS measure_list
