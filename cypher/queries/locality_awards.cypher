// name: locality_awards
// description: A locality's award history: year, announcing notice, measure (category), its topics, amount and implementing departments, with the source span of each award.
// param id: string — locality id (GB/T 2260 code, or a zone/base id)
// example: ikg query locality_awards --param id=500112
MATCH (l:Locality {id: $id})-[:RECEIVED]->(a:Award)-[:UNDER]->(m:Measure),
      (a)-[:ANNOUNCED_IN]->(n:Notice)
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
OPTIONAL MATCH (a)-[:IMPLEMENTED_BY]->(d:Department)
RETURN a.id AS award, a.year AS year, a.amount_yuan AS amount_yuan, a.rank_note AS rank_note,
       a.as_written AS as_written, m.id AS measure, m.ordinal AS measure_ordinal, m.text AS measure_text,
       n.id AS notice, n.title AS notice_title, n.doc_number AS doc_number, n.date AS notice_date,
       collect(DISTINCT t.id) AS topics, collect(DISTINCT d.name) AS implementing_departments,
       a.source_notice AS source_notice, a.span_start AS span_start, a.span_end AS span_end
ORDER BY year, notice, measure_ordinal, award
