"""Every Cypher text the Neo4j backend runs parses as Neo4j Cypher (graphglot, a real parser), and the check
fails on texts broken on purpose. Runs without a server."""

from __future__ import annotations

import pytest

from cypher.dialect_check import check_all, check_neo4j, neo4j_texts
from cypher.named_queries import get_query, library, parse_query_file


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
def test_every_neo4j_text_parses():
    problems = check_all()
    assert problems == [], "\n".join(map(str, problems))


def test_the_check_covers_the_library_and_the_backend_statements():
    sources = [source for source, _ in neo4j_texts()]
    assert len([s for s in sources if s.endswith(".cypher")]) == len(library())
    assert any(s.endswith("shortest_connection.neo4j.cypher") for s in sources)
    assert any("MERGE (a)-[r:`LED_BY`]->(b)" in text for _, text in neo4j_texts())


@pytest.mark.parametrize(
    "old, new",
    [
        ("RETURN", "RETRUN"),  # a misspelt keyword
        (")", ""),  # an unclosed bracket
        ("MATCH", "MATCH MATCH"),  # a stutter
    ],
)
def test_the_check_fails_on_queries_broken_on_purpose(old, new):
    # A few queries of different shapes (aggregation, UNION, map literal, path selector): the parser is slow
    # (~0.3 s a text), and the whole library already passes above.
    texts = {name: get_query(name).text_for("neo4j") for name in BROKEN_SAMPLE}
    passing = [name for name, text in texts.items() if not check_neo4j(text.replace(old, new, 1), name)]
    assert passing == []


BROKEN_SAMPLE = ("winners_all_topics", "notice_diff", "topic", "shortest_connection", "neighbours_measure")


def test_the_embedded_dialect_is_not_neo4j_cypher():
    """The LadybugDB texts that need a variant fail the check: the variant is there for a reason."""
    shortest = get_query("shortest_connection")
    problems = check_neo4j(shortest.text, "shortest_connection.cypher")
    assert problems and "SHORTEST" in problems[0].message
    assert check_neo4j("MATCH (a:Locality) RETURN label(a) AS kind", "label")  # LadybugDB's label()
    assert check_neo4j("MATCH (a:Award) RETURN cast(a.year AS INT64)", "cast")


def test_keyword_named_parameters_are_accepted():
    """Neo4j takes $limit; the check must not report it (see the workaround in cypher/dialect_check.py)."""
    assert check_neo4j("MATCH (n:Notice) RETURN n.id AS id ORDER BY id SKIP $offset LIMIT $limit", "paged") == []


def test_a_variant_must_take_the_same_parameters(tmp_path):
    (tmp_path / "q.cypher").write_text("// name: q\n// param id: string — an id\nMATCH (n {id: $id}) RETURN n\n")
    variant = "// name: q\n// param key: string — a key\nMATCH (n {id: $key}) RETURN n\n"
    (tmp_path / "q.neo4j.cypher").write_text(variant)
    with pytest.raises(ValueError, match="q.neo4j.cypher: parameters differ"):
        parse_query_file(tmp_path / "q.cypher")


def test_variants_are_chosen_by_dialect():
    shortest = get_query("shortest_connection")
    assert "shortestPath" not in shortest.text_for("neo4j") and "SHORTEST 1 (" in shortest.text_for("neo4j")
    assert "[* SHORTEST" in shortest.text_for("ladybug")
    assert get_query("locality").text_for("neo4j") == get_query("locality").text_for("ladybug")
