// name: notice_diff
// description: What changed between two notices (e.g. one issuer's measures of two years): measures added, dropped, or kept under the same title with re-worded text. Measures are matched by title, else by their full text.
// param old: string — id of the earlier notice
// param new: string — id of the later notice
// example: ikg query notice_diff --param old=n0123456789ab --param new=n0123456789ab
MATCH (:Notice {id: $new})-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (:Notice {id: $old})-[:HAS_MEASURE]->(o:Measure)
WHERE coalesce(o.title, o.text) = coalesce(m.title, m.text)
WITH m, o
RETURN CASE WHEN o IS NULL THEN 'added' WHEN o.text = m.text THEN 'unchanged' ELSE 'reworded' END AS change,
       m.ordinal AS new_ordinal, o.ordinal AS old_ordinal, coalesce(m.title, m.text) AS measure
UNION ALL
MATCH (:Notice {id: $old})-[:HAS_MEASURE]->(o:Measure)
OPTIONAL MATCH (:Notice {id: $new})-[:HAS_MEASURE]->(m:Measure)
WHERE coalesce(o.title, o.text) = coalesce(m.title, m.text)
WITH o, m
WHERE m IS NULL
RETURN 'dropped' AS change, m.ordinal AS new_ordinal, o.ordinal AS old_ordinal, coalesce(o.title, o.text) AS measure
