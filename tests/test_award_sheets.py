"""The award sheets (AwardSheet, ontology/award_sheets.py) written with each notice stay equal to sheets made
from the awards in the graph — after a load, a replace with other awards, years, amounts and topics, a delete,
a relink, an undone batch and a refill, on both engines — and a locality's profile read from them is the
profile joined from the award tables, department names as the graph holds them now."""

from __future__ import annotations

import json

import pytest
from conftest import BACKENDS, SEEDS
from test_summaries import _award_notice_rows, _changed

from api.locality_profile import _by_year_topic, _history_from_awards, _sheets, locality_profile
from cypher.store import open_store
from loaders.linking import relink
from loaders.pipeline import load_paths
from ontology.award_sheets import AWARD_PARTS, SEPARATOR, graph_award_sheets
from ontology.model import NODE_KINDS
from ontology.rows import GraphRows
from ontology.summaries import fill_missing_tallies

AWARDED = "MATCH (l:Locality)-[:RECEIVED]->(:Award) RETURN DISTINCT l.id ORDER BY l.id"
FIELDS = ("id", "notice_id", "locality_id", "year", "awards", "history", "notice", "departments", "counts")
KEPT = f"MATCH (s:AwardSheet) RETURN {', '.join(f's.{f}' for f in FIELDS)}"


def _plain(row) -> tuple:
    # the counts' order is the order awards were met in; Neo4j leaves a null property out and gives lists back
    return tuple(
        sorted(map(tuple, json.loads(v)), key=repr) if f == "counts" else tuple(v) if isinstance(v, list) else v
        for f, v in zip(FIELDS, row)
    )


def kept(store) -> list[tuple]:
    return sorted((_plain(row) for row in store.query(KEPT).rows), key=repr)


def remade(store) -> list[tuple]:
    return sorted((_plain([row.get(f) for f in FIELDS]) for row in graph_award_sheets(store)), key=repr)


def assert_profiles_read_from_sheets(store) -> None:
    """Every awarded locality's profile is made from the sheets (not the fallback) and is the joined one."""
    awarded = [row[0] for row in store.query(AWARDED).rows]
    assert awarded
    for locality_id in awarded:
        assert _sheets(store, locality_id), locality_id
        profile = locality_profile(store, locality_id)
        joined = _history_from_awards(store, {"id": locality_id})
        assert profile["award_history"] == joined, locality_id
        assert profile["by_year_topic"] == _by_year_topic(joined) and profile["awards"] == len(joined)


def test_the_loaded_seeds_hold_sheets_equal_to_the_awards(loaded):
    store, _ = loaded
    sheets = kept(store)
    assert sheets == remade(store)
    awards = store.query("MATCH (l:Locality)-[:RECEIVED]->(a:Award) RETURN count(a)").rows[0][0]
    assert sum(s[4] for s in sheets) == awards > 0
    several = [s for s in sheets if s[5].count(SEPARATOR) >= 2 * AWARD_PARTS and s[7]]
    assert several, "the seeds should give a sheet of several awards, with departments"
    assert_profiles_read_from_sheets(store)


def test_sheets_are_not_domain_facts(loaded):
    store, _ = loaded
    assert "AwardSheet" not in {k.label for k in NODE_KINDS}
    assert "AwardSheet" not in store.counts()["nodes"]


def test_a_renamed_department_shows_its_new_name(loaded):
    """A Department is shared: its name is read live, not from the sheet written with the award."""
    store, _ = loaded
    row = store.query(
        "MATCH (l:Locality)-[:RECEIVED]->(:Award)-[:IMPLEMENTED_BY]->(d:Department) RETURN l.id, d.id, d.name LIMIT 1"
    ).rows
    assert row, "the seeds should name an implementing department"
    locality_id, department_id, name = row[0]
    renamed = GraphRows(nodes={"Department": [{"id": department_id, "name": name + "（测试）"}]})
    try:
        store.merge_rows(renamed)
        history = locality_profile(store, locality_id)["award_history"]
        assert any(name + "（测试）" in a["implementing_departments"] for a in history)
        assert history == _history_from_awards(store, {"id": locality_id})
    finally:
        store.merge_rows(GraphRows(nodes={"Department": [{"id": department_id, "name": name}]}))


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_sheets_stay_equal_to_the_awards_through_replace_delete_relink_and_refill(backend, scratch_store):
    store = scratch_store
    load_paths([SEEDS], store)
    before = kept(store)
    assert before and before == remade(store)

    notices = _award_notice_rows()
    (first, first_rows), (second, _) = notices[0], notices[1]
    store.replace_notice(first, _changed(first_rows))
    after_replace = kept(store)
    assert after_replace == remade(store) and after_replace != before
    assert_profiles_read_from_sheets(store)
    store.replace_notices([(first, first_rows), (first, _changed(first_rows))])  # twice in one batch: the last wins
    assert kept(store) == after_replace

    assert store.delete_notice(second)
    assert not [s for s in kept(store) if s[1] == second]
    assert kept(store) == remade(store)
    assert_profiles_read_from_sheets(store)

    relink(store, None)
    assert kept(store) == remade(store)

    locality_id = store.query(AWARDED).rows[0][0]
    store.query("MATCH (s:AwardSheet) DETACH DELETE s", read_only=False)  # a graph from before the sheets
    assert _sheets(store, locality_id) is None  # so the profile joins the award tables
    assert locality_profile(store, locality_id)["award_history"] == _history_from_awards(store, {"id": locality_id})
    assert fill_missing_tallies(store) == len(remade(store))
    assert kept(store) == remade(store)
    assert_profiles_read_from_sheets(store)
    assert fill_missing_tallies(store) == 0  # once

    # A fill cut short (some sheets written, not all): filled again whole on the next open for writing.
    store.query("MATCH (s:AwardSheet {notice_id: $id}) DELETE s", {"id": first}, read_only=False)
    assert fill_missing_tallies(store) == len(remade(store))
    assert kept(store) == remade(store)


def test_an_undone_batch_takes_its_sheets_with_it(tmp_path):
    """A writer killed mid-batch leaves its journal; the next read-write open removes the batch's notices whole."""
    graph = tmp_path / "graph"
    with open_store(f"ladybug://{graph}") as store:
        load_paths([SEEDS], store)
        notice = store.query("MATCH (s:AwardSheet) RETURN s.notice_id LIMIT 1").rows[0][0]
    graph.with_name(graph.name + ".batch.json").write_text(json.dumps([notice]), encoding="utf-8")
    with open_store(f"ladybug://{graph}") as store:
        assert not store.query("MATCH (s:AwardSheet {notice_id: $id}) RETURN s.id", {"id": notice}).rows
        assert store.query("MATCH (s:AwardSheet) RETURN count(s)").rows[0][0] > 0
        assert kept(store) == remade(store)
