// name: locality_award_rows
// description: A locality's awards, one row each, in the order of its award history (`locality_awards` without the topics and departments, which `locality_award_links` gives; with no OPTIONAL MATCH it costs a third).
// param id: string — locality id (GB/T 2260 code, or a zone/base id)
// example: ikg query locality_award_rows --param id=500112
MATCH (l:Locality {id: $id})-[:RECEIVED]->(a:Award)-[:UNDER]->(m:Measure),
      (a)-[:ANNOUNCED_IN]->(n:Notice)
RETURN a.id AS award, a.year AS year, a.amount_yuan AS amount_yuan, a.rank_note AS rank_note,
       a.as_written AS as_written, m.id AS measure, m.ordinal AS measure_ordinal, m.text AS measure_text,
       n.id AS notice, n.title AS notice_title, n.doc_number AS doc_number, n.date AS notice_date,
       a.source_notice AS source_notice, a.span_start AS span_start, a.span_end AS span_end
ORDER BY year, notice, measure_ordinal, award
