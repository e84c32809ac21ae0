"""Batched loading: several documents per transaction must leave the same graph as one at a time, and a file
that fails (to parse, or to be stored) must not take the rest of its batch with it."""

from __future__ import annotations

from conftest import seed, store_url_for

from cypher.ladybug_store import LadybugStore
from loaders.pipeline import load_paths, parse_file
from ontology.errors import QueryError

SEEDS = ("000", "001", "002", "003", "004")


def graph_state(store) -> tuple:
    """Counts plus every node id and relationship (type, ends, properties), to compare two graphs."""
    nodes = store.query("MATCH (n) RETURN label(n), n.id ORDER BY label(n), n.id").rows
    rels = store.query(
        "MATCH (a)-[r]->(b) RETURN label(r), a.id, b.id, r.source_notice, r.span_start, r.span_end "
        "ORDER BY label(r), a.id, b.id"
    ).rows
    return store.counts(), nodes, rels


def test_one_batch_leaves_the_graph_one_file_at_a_time_leaves(tmp_path):
    files = [seed(s) for s in SEEDS]
    with LadybugStore(store_url_for("ladybug", tmp_path / "batched")) as batched:
        load_paths(files, batched)  # every seed in one batch
        state = graph_state(batched)
        with LadybugStore(store_url_for("ladybug", tmp_path / "single")) as single:
            load_paths(files, single, batch_rows=1)  # a transaction per file
            assert graph_state(single) == state
        load_paths(files, batched)  # and again: idempotent
        assert graph_state(batched) == state


def test_a_notice_twice_in_one_batch_is_replaced_in_order(tmp_path):
    original = seed("000")
    copy = tmp_path / "gb18030.txt"
    copy.write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
    with LadybugStore(store_url_for("ladybug", tmp_path / "alone")) as alone:
        load_paths([original], alone)
        with LadybugStore(store_url_for("ladybug", tmp_path / "twice")) as twice:
            report = load_paths([original, copy], twice)
            assert report.errors == []
            assert twice.counts() == alone.counts()
            path = twice.query("MATCH (n:Notice) WHERE n.source_path IS NOT NULL RETURN n.source_path").rows
            assert path == [[str(copy)]]  # the later file's copy won


def test_an_unparsable_file_in_the_middle_keeps_the_others(tmp_path):
    bad = tmp_path / "unrelated.txt"
    bad.write_text("今天天气很好。\n我们去公园散步。\n", encoding="utf-8")
    with LadybugStore(store_url_for("ladybug", tmp_path / "g")) as store:
        report = load_paths([seed("000"), bad, seed("003")], store)
        assert [e for e in report.errors if "unrelated.txt" in e] == report.errors != []
        assert store.query("MATCH (n:Notice) WHERE n.source_path IS NOT NULL RETURN count(n)").rows[0][0] == 2


class _FailsOnOneNotice(LadybugStore):
    """The real store, made to fail inside the write transaction of one notice's rows (after the deletes and
    some merges of its batch ran), so the engine's rollback is what is tested."""

    poisoned: str = ""

    def _merge_rels(self, conn, name, rel_rows):
        super()._merge_rels(conn, name, rel_rows)
        if any(r.get("source_notice") == self.poisoned for r in rel_rows):
            raise QueryError("poisoned for the test")


def test_a_file_that_cannot_be_stored_fails_alone_and_is_named(tmp_path):
    files = [seed(s) for s in SEEDS]
    with LadybugStore(store_url_for("ladybug", tmp_path / "expected")) as expected:
        load_paths([f for f in files if not f.name.startswith("002")], expected)
        with _FailsOnOneNotice(store_url_for("ladybug", tmp_path / "g")) as store:
            store.poisoned = parse_file(seed("002"))[1][0].notice.id
            report = load_paths(files, store)
            assert len(report.errors) == 1
            assert seed("002").name in report.errors[0] and "could not be stored" in report.errors[0]
            assert report.summary()["documents"] == 6  # 7 documents in the seeds, less seed 002's one
            assert store.counts() == expected.counts()
