// name: notice_diff
// description: What changed between two notices (e.g. one issuer's measures of two years): measures added, dropped, kept with other lead or supporting departments (`departments_changed`, whatever their wording), kept with re-worded text, or unchanged. Measures are matched by CONTINUES (the linking stage's match of a measure to its earlier version), else by equal title, else equal full text. Each kept measure lists its lead and supporting departments before and after. Without `old`, the earlier notice is the same issuer's previous notice of the same kind (notice_lineage's `previous`).
// param new: string — id of the later notice
// param old: string = "" — id of the earlier notice; empty for the same issuer's previous notice of the same kind
// example: ikg query notice_diff --param new=n0123456789ab
// note: a dropped measure's departments after are empty lists of names (collects of nulls): a literal [] is a list of integers to LadybugDB, and no branch returns one expression twice (LadybugDB 0.22 then mixes up UNION ALL columns).
// plan: the earlier notice is bound as a node (`was`) and every later pattern starts from a bound node (the two notices, a measure): an id held in a variable (`{id: matched_id}`, `c.notice_id = old_id`) made LadybugDB scan and hash-join the whole Measure, CONTINUES, LED_BY and SUPPORTED_BY tables (issue 18; the former text is tests/slow_queries/notice_diff.cypher). A measure's notice_id is its notice's id (loaders/graph.py), so `(c)<-[:HAS_MEASURE]-(was)` is `c.notice_id = old_id`.
MATCH (nn:Notice {id: $new})
OPTIONAL MATCH (p:Notice)
WHERE $old = '' AND p.issuer = nn.issuer AND p.kind = nn.kind AND p.id <> nn.id
  AND coalesce(p.date, '') < coalesce(nn.date, '')
WITH nn, p ORDER BY p.date DESC, p.id LIMIT 1
WITH nn, CASE WHEN $old = '' THEN p.id ELSE $old END AS old_id
OPTIONAL MATCH (was:Notice) WHERE was.id = old_id
WITH nn, old_id, was
MATCH (nn)-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (m)-[:CONTINUES]->(c:Measure)<-[:HAS_MEASURE]-(was)
OPTIONAL MATCH (was)-[:HAS_MEASURE]->(twin:Measure)
WHERE coalesce(twin.title, twin.text) = coalesce(m.title, m.text)
WITH was, old_id, m, coalesce(c.id, twin.id) AS matched_id, coalesce(c.ordinal, twin.ordinal) AS matched_ordinal,
     coalesce(c.text, twin.text) AS matched_text
OPTIONAL MATCH (m)-[:LED_BY]->(nl:Department)
WITH was, old_id, m, matched_id, matched_ordinal, matched_text, collect(DISTINCT nl.name) AS leads_after
OPTIONAL MATCH (m)-[:SUPPORTED_BY]->(ns:Department)
WITH was, old_id, m, matched_id, matched_ordinal, matched_text, leads_after, collect(DISTINCT ns.name) AS supports_after
OPTIONAL MATCH (was)-[:HAS_MEASURE]->(om:Measure)-[:LED_BY]->(ol:Department) WHERE om.id = matched_id
WITH was, old_id, m, matched_id, matched_ordinal, matched_text, leads_after, supports_after,
     collect(DISTINCT ol.name) AS leads_before
OPTIONAL MATCH (was)-[:HAS_MEASURE]->(sm:Measure)-[:SUPPORTED_BY]->(os:Department) WHERE sm.id = matched_id
WITH old_id, m, matched_ordinal, matched_text, leads_after, supports_after, leads_before,
     collect(DISTINCT os.name) AS supports_before
WITH old_id, m, matched_ordinal, matched_text, leads_after, supports_after, leads_before, supports_before,
     size(leads_after) <> size(leads_before) OR any(x IN leads_after WHERE NOT x IN leads_before)
     OR size(supports_after) <> size(supports_before) OR any(x IN supports_after WHERE NOT x IN supports_before)
     AS departments_differ
RETURN CASE WHEN matched_ordinal IS NULL THEN 'added' WHEN departments_differ THEN 'departments_changed'
            WHEN matched_text = m.text THEN 'unchanged' ELSE 'reworded' END AS change,
       m.ordinal AS new_ordinal, matched_ordinal AS old_ordinal, coalesce(m.title, m.text) AS measure,
       old_id AS old_notice, leads_before, leads_after, supports_before, supports_after
UNION ALL
MATCH (nn:Notice {id: $new})
OPTIONAL MATCH (p:Notice)
WHERE $old = '' AND p.issuer = nn.issuer AND p.kind = nn.kind AND p.id <> nn.id
  AND coalesce(p.date, '') < coalesce(nn.date, '')
WITH nn, p ORDER BY p.date DESC, p.id LIMIT 1
WITH nn, CASE WHEN $old = '' THEN p.id ELSE $old END AS old_id
MATCH (was:Notice) WHERE was.id = old_id
WITH nn, old_id, was
MATCH (was)-[:HAS_MEASURE]->(o:Measure)
OPTIONAL MATCH (nn)-[:HAS_MEASURE]->(c:Measure)-[:CONTINUES]->(o)
OPTIONAL MATCH (nn)-[:HAS_MEASURE]->(twin:Measure)
WHERE coalesce(o.title, o.text) = coalesce(twin.title, twin.text)
WITH old_id, o, c, twin
WHERE c IS NULL AND twin IS NULL
OPTIONAL MATCH (o)-[:LED_BY]->(ol:Department)
WITH old_id, o, twin, collect(DISTINCT ol.name) AS leads_before
OPTIONAL MATCH (o)-[:SUPPORTED_BY]->(os:Department)
WITH old_id, o, twin, leads_before, collect(DISTINCT os.name) AS supports_before,
     collect(CASE WHEN false THEN os.name END) AS no_leads, collect(CASE WHEN false THEN o.text END) AS no_supports
RETURN 'dropped' AS change, twin.ordinal AS new_ordinal, o.ordinal AS old_ordinal,
       coalesce(o.title, o.text) AS measure, old_id AS old_notice, leads_before, no_leads AS leads_after,
       supports_before, no_supports AS supports_after
