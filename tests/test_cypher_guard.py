"""The ad-hoc Cypher guard admits exactly single read queries, whatever form the other statements take."""

from __future__ import annotations

import random
import time

import pytest

from cypher.guard import check_read_query, tokens
from cypher.named_queries import library
from ontology.errors import QueryRefused

REFUSED = [
    # files, written or read, wherever the clause stands
    "COPY (RETURN 'x' AS x) TO 'x.csv'",
    "PROFILE COPY (RETURN 'x' AS x) TO 'x.csv'",
    "EXPLAIN COPY (MATCH (n) RETURN n) TO '/tmp/out.parquet'",
    "PROFILE EXPORT DATABASE 'dump'",
    "EXPORT DATABASE '/tmp/dump' (format='csv')",
    "IMPORT DATABASE '/tmp/dump'",
    "MATCH (n) LOAD FROM '/etc/passwd' RETURN *",
    "LOAD WITH HEADERS (a STRING) FROM 'f.csv' RETURN a",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "ATTACH '/tmp/other.db' AS other (dbtype lbug)",
    "USE other",
    "INSTALL json",
    "FORCE INSTALL json FROM 'http://127.0.0.1:1/'",
    "LOAD EXTENSION json",
    "UNINSTALL json",
    "UPDATE json",
    # engine settings and procedures not on the allow-list
    "CALL threads=1",
    "CALL timeout = 100000000",
    "call THREADS=64",
    "CALL current_setting('threads') RETURN *",
    "CALL create_fts_index('Locality', 'names', ['name'])",
    "CALL dbms.listConfig()",
    "CALL apoc.load.json('http://127.0.0.1:1/')",
    # transactions and a second statement
    "BEGIN TRANSACTION",
    "BEGIN TRANSACTION READ ONLY",
    "COMMIT",
    "ROLLBACK",
    "CHECKPOINT",
    "RETURN 1; RETURN 2",
    "RETURN 1;;",
    "MATCH (n) RETURN n; COPY (RETURN 1) TO 'x.csv'",
    # writes in every position
    "CREATE (:Topic {id: 'x'})",
    "MATCH (t:Topic) SET t.label_en = 'x' RETURN t",
    "MATCH (a:Award) DETACH DELETE a",
    "MATCH (t:Topic) REMOVE t.label_en",
    "WITH 1 AS x MERGE (t:Topic {id: 'x'})",
    "MATCH (n) CALL { CREATE (x:Topic {id: 'y'}) } RETURN n",
    "MATCH (n) FOREACH (x IN [1] | CREATE (:Topic))",
    "MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS",
    # schema and administration
    "CREATE NODE TABLE Evil(id STRING PRIMARY KEY)",
    "DROP TABLE Topic",
    "ALTER TABLE Topic ADD evil STRING",
    "COMMENT ON TABLE Topic IS 'x'",
    "ANALYZE",
    "SHOW TRANSACTIONS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "GRANT ROLE admin TO bob",
    "STOP DATABASE neo4j",
    # hidden by comments, case, width, line breaks
    "/* a comment */ COPY (RETURN 1) TO 'x.csv'",
    "// a comment\nCOPY (RETURN 1) TO 'x.csv'",
    "RETURN 1 // a comment that ends at a carriage return\r COPY (RETURN 1) TO 'x.csv'",
    "match (n) return n; cOpY (return 1) to 'x.csv'",
    "ＣＯＰＹ (RETURN 1) TO 'x.csv'",
    "RETURN 1 ＵＮＩＯＮ ＣＯＰＹ (RETURN 1) TO 'x.csv'",
    "PROFILE\n\tCOPY\n(RETURN 1) TO 'x.csv'",
    # what the tokeniser cannot read
    "RETURN 'unclosed",
    'RETURN "unclosed',
    "RETURN `unclosed",
    "RETURN 1 /* unclosed",
    "",
    "   ",
    "// only a comment",
]

ADMITTED = [
    "MATCH (n:Locality) RETURN n.name LIMIT 5",
    "match (n:Locality) where n.level = 'county' return count(n)",
    "OPTIONAL MATCH (n:Notice) RETURN n.id",
    "UNWIND [1, 2, 3] AS x RETURN x",
    "WITH 1 AS x RETURN x",
    "RETURN 1;",
    "EXPLAIN MATCH (n) RETURN n",
    "EXPLAIN LOGICAL MATCH (n) RETURN n",
    "PROFILE MATCH (n:Topic) RETURN n.id",
    "MATCH (a)-[:RECEIVED*1..3]->(b) RETURN b.id LIMIT 3",
    "RETURN 'COPY shop; DELETE everything' AS s",
    'RETURN "LOAD FROM \\"x\\"" AS s',
    "RETURN 'it''s' AS s",
    "RETURN '\\' COPY (RETURN 1) TO ''x.csv''' AS s",
    "RETURN 1 // COPY (RETURN 1) TO 'x.csv'",
    "RETURN 1 /* DELETE */",
    "MATCH (n:Copy) RETURN n.set, n.delete",
    "MATCH (n) RETURN n.id AS `delete`",
    "RETURN $`limit` AS x",
    "MATCH (n) WITH n CALL { MATCH (m:Topic) RETURN m.id AS topic } RETURN n, topic",
    "CALL show_tables() RETURN *",
    "CALL table_info('Locality') RETURN *",
    "CALL SHOW_TABLES() RETURN name",
]


@pytest.mark.parametrize("query", REFUSED)
def test_statements_other_than_a_single_read_query_are_refused(query):
    with pytest.raises(QueryRefused) as refused:
        check_read_query(query, "ladybug")
    assert str(refused.value)  # says why


@pytest.mark.parametrize("query", ADMITTED)
def test_read_queries_are_admitted(query):
    check_read_query(query, "ladybug")


def test_procedures_are_allowed_per_dialect():
    check_read_query("CALL db.labels()", "neo4j")
    check_read_query("CALL db.schema.visualization()", "neo4j")
    with pytest.raises(QueryRefused, match="show_tables"):
        check_read_query("CALL db.labels()", "ladybug")
    with pytest.raises(QueryRefused):
        check_read_query("CALL show_tables() RETURN *", "neo4j")
    with pytest.raises(QueryRefused):  # a procedure's name with a setting's form is neither
        check_read_query("CALL db.labels", "neo4j")


def test_every_named_query_passes_the_guard_in_its_own_dialect():
    """The library is the best sample of real analyst reads: the guard must not refuse any of them."""
    queries = library()
    assert len(queries) >= 25
    for query in queries.values():
        for dialect in ("ladybug", "neo4j"):
            check_read_query(query.text_for(dialect), dialect)


def _mangle(query: str, rng: random.Random) -> str:
    """The same statement with random letter case and comments between its tokens."""
    parts = []
    for token in tokens(query):
        text = token.text
        if token.kind == "word":
            text = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)
        parts.append(text)
        parts.append(rng.choice([" ", "\n", " /* x; COPY */ ", "\t", " // c\n"]))
    return "".join(parts)


def test_refusals_survive_case_and_comment_mangling():
    rng = random.Random(7)
    readable = [q for q in REFUSED if q.strip() and not q.rstrip().endswith(("'unclosed", '"unclosed', "`unclosed"))]
    readable = [q for q in readable if "unclosed" not in q and not q.strip().startswith("//")]
    for query in readable:
        for _ in range(20):
            with pytest.raises(QueryRefused):
                check_read_query(_mangle(query, rng), "ladybug")
    for query in ADMITTED[:10]:
        for _ in range(20):
            check_read_query(_mangle(query, rng), "ladybug")


def test_the_tokeniser_is_linear_on_hostile_input():
    """Quotes, comment openers and backslashes in bulk must not make the check backtrack."""
    for hostile in ["'" * 4999, "RETURN '" + "\\'" * 2400, "/*" * 2500, "RETURN " + "''" * 2490 + "'", "`" * 4999]:
        started = time.perf_counter()
        try:
            check_read_query(hostile, "ladybug")
        except QueryRefused:
            pass
        assert time.perf_counter() - started < 1.0, hostile[:20]
