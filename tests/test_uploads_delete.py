"""Store.delete_notice on every backend: a deleted notice leaves the graph as if it had never been loaded."""

from __future__ import annotations

import pytest
from conftest import BACKENDS, seed, store_url_for

from cypher.store import open_store
from loaders.pipeline import load_paths
from ontology.settings import Settings

# Kinds a notice owns or states; Localities and Departments (and their PART_OF and OF) are shared and stay.
NOTICE_PARTS = ("Notice", "Measure", "Award")
SHARED_RELS = ("PART_OF", "OF")
CITING = "n9d70dfe2f309"  # seed 001: cites 国办发〔2021〕49号 (cited by seed 004 too) and supersedes 穗府办〔2020〕4号
CITED_49 = "n8de55ddab106"  # the id of 国办发〔2021〕49号, until now known only as cited


def notice_parts(store) -> dict:
    counts = store.counts()
    return {
        "nodes": {k: n for k, n in counts["nodes"].items() if k in NOTICE_PARTS},
        "relationships": {k: n for k, n in counts["relationships"].items() if k not in SHARED_RELS},
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_deleting_a_notice_equals_never_loading_it(scratch_store, backend, tmp_path):
    store = scratch_store
    load_paths([seed(p) for p in ("000", "002", "003", "004")], store)
    without = notice_parts(store)
    load_paths([seed("001")], store)
    assert notice_parts(store) != without
    assert store.delete_notice(CITING) is True
    assert notice_parts(store) == without  # its measures, citations and the stand-in only it cited are gone
    stand_ins = store.query("MATCH (n:Notice) WHERE n.kind IS NULL RETURN n.doc_number").rows
    assert stand_ins == [["国办发〔2021〕49号"]]  # seed 004 still cites this one
    assert store.delete_notice(CITING) is False  # gone: nothing to delete


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_notice_others_cite_goes_back_to_its_citation(scratch_store, backend, tmp_path):
    store = scratch_store
    load_paths([seed("001"), seed("004")], store)
    before = notice_parts(store)
    # A notice with the 文号 the others cite takes the id of their stand-in for it.
    text = seed("000").read_text(encoding="utf-8").replace("渝府办发〔2022〕74号", "国办发〔2021〕49号")
    (tmp_path / "49.txt").write_text(text, encoding="utf-8")
    report = load_paths([tmp_path / "49.txt"], store)
    assert [d.notice_id for d in report.documents] == [CITED_49]
    assert store.delete_notice(CITED_49) is True
    assert notice_parts(store) == before
    stand_in = "MATCH (n:Notice {id: $id}) RETURN n.doc_number, n.title, n.kind, n.source_path"
    row = store.query(stand_in, {"id": CITED_49})
    assert row.rows == [["国办发〔2021〕49号", None, None, None]]
    assert store.delete_notice(CITED_49) is False  # known only as cited: not a loaded notice


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_deleted_notice_can_be_loaded_again(scratch_store, backend):
    store = scratch_store
    load_paths([seed("003")], store)
    loaded = notice_parts(store)
    notice = store.query("MATCH (n:Notice) WHERE n.kind IS NOT NULL RETURN n.id").rows[0][0]
    version = store.version
    assert store.delete_notice(notice) and store.version != version  # caches and ETags see the change
    assert notice_parts(store)["nodes"] == {"Notice": 0, "Measure": 0, "Award": 0}
    load_paths([seed("003")], store)
    assert notice_parts(store) == loaded
    if backend == "ladybug":  # counts are counted by the write itself once something asked for them
        primed = store.counts()
        store._counts = None
        assert store.counts() == primed


def test_writes_have_their_own_time_limit(tmp_path):
    """Reads stop at IKG_QUERY_TIMEOUT_MS; a write must not, or a large notice could never be replaced."""
    url = store_url_for("ladybug", tmp_path)
    with open_store(url, settings=Settings(query_timeout_ms=1)) as store:  # no write fits in a millisecond
        report = load_paths([seed("000"), seed("003")], store)
        assert report.errors == []
        assert store.delete_notice(report.documents[0].notice_id) is True
    with open_store(url) as store:
        # The check above can fail: with a 1 ms write limit it does. Set after the open, whose schema check (a
        # write) would otherwise stop at the limit itself.
        store.settings = Settings(write_timeout_ms=1)
        failed = load_paths([seed("000")], store)
        assert "could not be stored (query stopped after the time limit" in failed.errors[0]
