"""The named query library: headers are complete, parameters are typed, every query runs on the seeds."""

from __future__ import annotations

import pytest

from cypher.named_queries import QUERY_DIR, library, parse_query_file, run_named
from ontology.errors import QueryError


def test_every_query_file_has_a_complete_header():
    assert len(library()) >= 8
    for query in library().values():
        assert query.description and query.example.startswith(f"ikg query {query.name}")
        for param in query.params:
            assert param.description, f"{query.name}: parameter {param.name} is undocumented"


def test_a_header_must_name_its_file(tmp_path):
    wrong = tmp_path / "one.cypher"
    wrong.write_text("// name: other\n// description: x\nRETURN 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="must equal the file name"):
        parse_query_file(wrong)


def test_parameters_are_coerced_and_checked():
    query = library()["winners_all_topics"]
    bound = query.bind({"topics": "ecology, investment", "year_from": "2020"})
    assert bound == {
        "topics": ["ecology", "investment"],
        "year_from": 2020,
        "year_to": 9999,
        "jurisdiction": "",
        "level": "",
    }
    with pytest.raises(QueryError, match="must be an integer"):
        query.bind({"topics": "ecology", "year_from": "last year"})
    with pytest.raises(QueryError, match="needs parameter 'topics'"):
        query.bind({})
    with pytest.raises(QueryError, match="no parameter"):
        query.bind({"topics": "x", "colour": "red"})


# Queries that answer only through links across notices (IMPLEMENTS, REPORTS_ON, a previous notice).
LINK_QUERIES = {
    "measure_winners",
    "departments_by_awards",
    "department_awards_by_year",
    "notice_lineage",
    "measure_history",
}


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERY_DIR.glob("*.cypher") if "." not in p.stem))
def test_every_named_query_runs_with_its_example(loaded, name):
    store, _ = loaded
    params = library()[name].example_params()
    # Examples name a placeholder notice id (n0123456789ab, or a measure id built on it): use a loaded one.
    real = store.query("MATCH (n:Notice) WHERE n.kind = 'measures_notice' RETURN n.id ORDER BY n.id LIMIT 1").rows[0][0]
    params = {k: v.replace("n0123456789ab", real) for k, v in params.items()}
    result = run_named(store, name, params)
    if name in LINK_QUERIES:
        return  # the seeds hold no award notice with its measures notice: tests/test_linking.py runs these
    assert result.rows, f"{name} returned nothing on the seed corpus"


def test_the_catalogue_is_generated_from_the_headers():
    from cypher.query_catalog import catalog

    committed = (QUERY_DIR / "README.md").read_text(encoding="utf-8")
    assert committed == catalog(), "regenerate: python -m cypher.query_catalog > cypher/queries/README.md"
    for query in library().values():
        assert f"## {query.name}\n" in committed
