// name: measure
// description: One measure (or award category) with its notice, departments, topics, and the localities awarded under it.
// param id: string — measure id
// example: ikg query measure --param id=n0123456789ab-m1
MATCH (n:Notice)-[:HAS_MEASURE]->(m:Measure {id: $id})
OPTIONAL MATCH (m)-[led:LED_BY]->(lead:Department)
OPTIONAL MATCH (m)-[:SUPPORTED_BY]->(sup:Department)
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
OPTIONAL MATCH (w:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(m)
RETURN m.id AS id, m.ordinal AS ordinal, m.parent_ordinal AS parent_ordinal, m.title AS title, m.text AS text,
       m.target_levels AS target_levels, m.incentive_types AS incentive_types,
       m.amounts_yuan AS amounts_yuan, m.amount_bases AS amount_bases, m.caps AS caps,
       m.source_notice AS source_notice, m.span_start AS span_start, m.span_end AS span_end,
       {id: n.id, title: n.title, doc_number: n.doc_number, kind: n.kind} AS notice,
       collect(DISTINCT CASE WHEN lead IS NULL THEN NULL ELSE {id: lead.id, name: lead.name} END) AS lead_departments,
       collect(DISTINCT CASE WHEN sup IS NULL THEN NULL ELSE {id: sup.id, name: sup.name} END) AS supporting_departments,
       collect(DISTINCT t.id) AS topics,
       collect(DISTINCT CASE WHEN w IS NULL THEN NULL
               ELSE {id: w.id, name: w.name, amount_yuan: a.amount_yuan, rank_note: a.rank_note} END) AS winners
