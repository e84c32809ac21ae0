// name: topic_measures_count
// description: How many measures the `topic_measures` query would list in all (its total, for paging).
// param id: string — topic id (see GET /topics)
// example: ikg query topic_measures_count --param id=ecology
MATCH (m:Measure)-[:ABOUT]->(:Topic {id: $id})
RETURN count(m) AS total
