"""`ikg copy`: a graph moves between stores with every node, relationship and property."""

from __future__ import annotations

import pytest
from conftest import BACKENDS_NEO4J_SLOW, store_url_for
from typer.testing import CliRunner

from api.cli import app
from cypher.copy import census, copy_graph
from cypher.rdf_source import whole_graph
from cypher.store import open_store
from loaders.pipeline import load_paths
from ontology.errors import StoreError


def _facts(store) -> list[str]:
    """Every node and relationship with its property values, in a stable order."""
    return sorted(f"{item[0]} {item[1]} {sorted(item[2].items())}" for item in whole_graph(store))


@pytest.fixture(scope="module")
def embedded(seeds_dir, tmp_path_factory):
    """The seed corpus in an embedded store: where a user starts before growing into Neo4j."""
    with open_store(store_url_for("ladybug", tmp_path_factory.mktemp("source"))) as store:
        load_paths([seeds_dir], store)
        yield store


@pytest.mark.parametrize("backend", BACKENDS_NEO4J_SLOW)
def test_round_trip_preserves_every_node_relationship_and_property(embedded, backend, scratch_store, tmp_path):
    report = copy_graph(embedded, scratch_store)
    assert report.differences == []
    assert report.source == census(scratch_store)
    assert report.source["Award"][""] > 300 and report.source["LED_BY"]["span_start"] > 100
    assert _facts(scratch_store) == _facts(embedded)  # values too, not only counts
    # …and back into a new embedded store.
    with open_store(store_url_for("ladybug", tmp_path / "back")) as back:
        assert copy_graph(scratch_store, back).differences == []
        assert _facts(back) == _facts(embedded)


@pytest.mark.parametrize("backend", ["ladybug"])
def test_copy_refuses_a_target_that_holds_a_graph(embedded, backend, scratch_store):
    copy_graph(embedded, scratch_store)
    with pytest.raises(StoreError, match="already holds a graph; copy with --replace"):
        copy_graph(embedded, scratch_store)
    assert copy_graph(embedded, scratch_store, replace=True).differences == []
    with pytest.raises(StoreError, match="source and target are the same store"):
        copy_graph(embedded, embedded, replace=True)


def test_copy_command(embedded, tmp_path):
    # The fixture's store is open in this process; the command opens its own, so it copies a closed one.
    first = store_url_for("ladybug", tmp_path / "a")
    with open_store(first) as a:
        copy_graph(embedded, a)
    second = store_url_for("ladybug", tmp_path / "b")
    runner = CliRunner()
    done = runner.invoke(app, ["copy", "--from", first, "--to", second])
    assert done.exit_code == 0, done.output
    assert "every node, relationship and property count matches" in done.output
    refused = runner.invoke(app, ["copy", "--from", first, "--to", second])
    assert refused.exit_code == 2 and "--replace" in refused.output
    missing = runner.invoke(app, ["copy", "--from", store_url_for("ladybug", tmp_path / "none"), "--to", second])
    assert missing.exit_code == 2 and "no graph here yet" in missing.output
