"""Loading the seed corpus end to end: counts, idempotence, provenance, bad input and the database lock."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import BACKENDS, PROJECT, seed, store_url_for

from cypher.named_queries import run_named
from cypher.store import open_store
from loaders.normalise import normalise
from loaders.pipeline import load_paths
from ontology.errors import StoreLocked

CHONGQING_YUBEI, CHONGQING_WULONG, CHONGQING_QIANJIANG = "500112", "500156", "500114"


def test_every_seed_loads(loaded):
    _, report = loaded
    assert report.errors == []
    summary = report.summary()
    assert summary["files"] == 5
    assert summary["documents"] == 7  # seed 004 holds three documents
    assert summary["measures"] >= 30 + 32 + 26 + 32


def test_reloading_changes_no_count(loaded, seeds_dir):
    store, _ = loaded
    before = store.counts()
    load_paths([seeds_dir], store)
    assert store.counts() == before


def test_winners_of_ecology_and_investment_in_2020(loaded):
    store, _ = loaded
    params = {"topics": "ecology,investment", "year_from": 2020, "year_to": 2020}
    winners: dict[str, list[dict]] = {}  # a row per locality and topic
    for row in run_named(store, "winners_all_topics", params).records():
        winners.setdefault(row["id"], []).append(row)
    assert CHONGQING_YUBEI in winners and CHONGQING_WULONG in winners
    assert CHONGQING_QIANJIANG not in winners  # ecology only
    summary = winners[CHONGQING_YUBEI]
    assert [e["topic"] for e in summary] == ["ecology", "investment"]
    assert all(e["first_year"] == e["last_year"] == 2020 and e["topic_awards"] > 0 for e in summary)
    assert summary[0]["awards"] == summary[1]["awards"] >= max(e["topic_awards"] for e in summary)
    pieces = run_named(store, "winners_evidence", {**params, "ids": CHONGQING_YUBEI}).records()
    assert {e["topic"] for e in pieces} == {"ecology", "investment"}
    assert all(e["year"] == 2020 and e["notice"] and e["measure"] for e in pieces)


def test_jurisdiction_scopes_through_part_of(loaded):
    store, _ = loaded
    params = {"topics": "ecology", "jurisdiction": "510000"}
    ids = {r["id"] for r in run_named(store, "winners_any_topic", params).records()}
    assert ids and all(i.startswith("51") for i in ids)


def test_every_award_leads_back_to_its_text(loaded):
    """Provenance: the span of each award in its source file is the recipient as written."""
    store, _ = loaded
    rows = store.query(
        "MATCH (a:Award)-[:ANNOUNCED_IN]->(n:Notice) RETURN a.as_written, a.span_start, a.span_end, n.source_path"
    ).rows
    assert len(rows) > 300
    texts = {}
    for as_written, start, end, path in rows:
        original = texts.setdefault(path, open(path, encoding="utf-8").read())
        # A name broken over two lines in the source is one recipient: compare without the line break.
        assert "".join(normalise(original[start:end]).text.split()) == as_written


def test_departments_are_scoped_to_their_jurisdiction(loaded):
    store, _ = loaded
    rows = store.query("MATCH (d:Department) WHERE d.name = '市发展和改革委员会' RETURN d.jurisdiction_id").rows
    assert {r[0] for r in rows} == {"500000", "440100"}  # Chongqing's and Guangzhou's are different nodes


@pytest.mark.parametrize("backend", BACKENDS)
def test_bad_input_is_reported_and_changes_nothing(backend, scratch_store, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "unrelated.txt").write_text("今天天气很好。\n我们去公园散步。\n", encoding="utf-8")
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    missing = tmp_path / "missing.txt"
    store = scratch_store
    good = seed("002")
    load_paths([good], store)
    before = store.counts()
    report = load_paths([bad, empty_dir, missing], store)
    assert store.counts() == before
    errors = "\n".join(report.errors)
    for name, problem in [
        ("empty.txt", "is empty"),
        ("binary.txt", "binary"),
        ("unrelated.txt", "no document of this genre"),
        ("nothing-here", "holds no documents"),
        ("missing.txt", "no such file"),
    ]:
        assert any(name in e and problem in e for e in report.errors), f"{name}: {problem!r} not in {errors}"
    assert all("\n" not in e for e in report.errors)  # one line each
    # Good files in the same run still load.
    mixed = load_paths([bad, seed("000")], store)
    assert mixed.summary()["documents"] == 1 and len(mixed.errors) == 3


def test_gb18030_copy_of_a_seed_loads_as_the_same_notice(tmp_path):
    original = seed("000")
    copy = tmp_path / "gb18030.txt"
    copy.write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
    store = open_store(store_url_for("ladybug", tmp_path))
    load_paths([original], store)
    before = store.counts()
    report = load_paths([copy], store)
    assert report.errors == [] and report.summary()["measures"] == 30
    assert store.counts() == before  # same 文号, same notice id: nothing new
    store.close()


def test_a_changed_document_replaces_only_its_own_facts(tmp_path):
    store = open_store(store_url_for("ladybug", tmp_path))
    doc = tmp_path / "notice.txt"
    shutil.copy(seed("000"), doc)
    load_paths([doc, seed("003")], store)
    awards_before = store.query("MATCH (a:Award) RETURN count(a)").rows[0][0]
    text = doc.read_text(encoding="utf-8")
    cut = text.index("30﹒") if "30﹒" in text else text.rindex("﹒")
    doc.write_text(text[:cut], encoding="utf-8")  # drop the last measure and what follows
    load_paths([doc], store)
    measures = store.query(
        "MATCH (n:Notice)-[:HAS_MEASURE]->(m) WHERE n.doc_number = $number RETURN count(m)",
        {"number": "渝府办发〔2022〕74号"},
    )
    assert measures.rows[0][0] == 29
    assert store.query("MATCH (a:Award) RETURN count(a)").rows[0][0] == awards_before
    store.close()


def test_loading_while_another_process_holds_the_graph(tmp_path):
    url = store_url_for("ladybug", tmp_path)
    open_store(url).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from cypher.store import open_store
            s = open_store({url!r}); print("ready", flush=True); time.sleep(60)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match=rf"in use by another process \(PID {holder.pid}"):
            open_store(url)
        cli = subprocess.run(
            [sys.executable, "-m", "api", "load", str(seed("002")), "--store", url],
            capture_output=True,
            text=True,
            cwd=PROJECT,
        )
        assert cli.returncode != 0
        assert f"PID {holder.pid}" in cli.stderr and "Traceback" not in cli.stderr
    finally:
        holder.kill()
        holder.wait()
