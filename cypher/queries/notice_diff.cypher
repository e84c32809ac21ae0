// name: notice_diff
// description: What changed between two notices (e.g. one issuer's measures of two years): measures added, dropped, or kept with re-worded text. Measures are matched by CONTINUES (the linking stage's match of a measure to its earlier version), else by equal title, else equal full text. Without `old`, the earlier notice is the same issuer's previous notice of the same kind (notice_lineage's `previous`).
// param new: string — id of the later notice
// param old: string = "" — id of the earlier notice; empty for the same issuer's previous notice of the same kind
// example: ikg query notice_diff --param new=n0123456789ab
MATCH (nn:Notice {id: $new})
OPTIONAL MATCH (p:Notice)
WHERE $old = '' AND p.issuer = nn.issuer AND p.kind = nn.kind AND p.id <> nn.id
  AND coalesce(p.date, '') < coalesce(nn.date, '')
WITH nn, p ORDER BY p.date DESC, p.id LIMIT 1
WITH nn, CASE WHEN $old = '' THEN p.id ELSE $old END AS old_id
MATCH (nn)-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (m)-[:CONTINUES]->(c:Measure {notice_id: old_id})
OPTIONAL MATCH (:Notice {id: old_id})-[:HAS_MEASURE]->(twin:Measure)
WHERE coalesce(twin.title, twin.text) = coalesce(m.title, m.text)
WITH old_id, m, coalesce(c.ordinal, twin.ordinal) AS matched_ordinal, coalesce(c.text, twin.text) AS matched_text
RETURN CASE WHEN matched_ordinal IS NULL THEN 'added' WHEN matched_text = m.text THEN 'unchanged' ELSE 'reworded' END
       AS change, m.ordinal AS new_ordinal, matched_ordinal AS old_ordinal, coalesce(m.title, m.text) AS measure,
       old_id AS old_notice
UNION ALL
MATCH (nn:Notice {id: $new})
OPTIONAL MATCH (p:Notice)
WHERE $old = '' AND p.issuer = nn.issuer AND p.kind = nn.kind AND p.id <> nn.id
  AND coalesce(p.date, '') < coalesce(nn.date, '')
WITH nn, p ORDER BY p.date DESC, p.id LIMIT 1
WITH nn, CASE WHEN $old = '' THEN p.id ELSE $old END AS old_id
MATCH (:Notice {id: old_id})-[:HAS_MEASURE]->(o:Measure)
OPTIONAL MATCH (c:Measure {notice_id: nn.id})-[:CONTINUES]->(o)
OPTIONAL MATCH (nn)-[:HAS_MEASURE]->(twin:Measure)
WHERE coalesce(o.title, o.text) = coalesce(twin.title, twin.text)
WITH old_id, o, c, twin
WHERE c IS NULL AND twin IS NULL
RETURN 'dropped' AS change, twin.ordinal AS new_ordinal, o.ordinal AS old_ordinal, coalesce(o.title, o.text) AS measure,
       old_id AS old_notice
