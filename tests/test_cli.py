"""The `ikg` command line as a user runs it: exit codes, JSON output and the parse contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import PROJECT, seed

NOTICE_KEYS = {
    "id",
    "kind",
    "title",
    "doc_number",
    "issuer",
    "jurisdiction",
    "date",
    "work_year",
    "cites",
    "supersedes",
}
MEASURE_KEYS = {
    "ordinal",
    "parent",
    "title",
    "text",
    "lead_departments",
    "supporting_departments",
    "target_levels",
    "incentive_types",
    "amounts_yuan",
    "topics",
    "span",
}
RECIPIENT_KEYS = {"as_written", "name", "id", "code", "level", "parent"}


def ikg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "api", *args], capture_output=True, text=True, cwd=PROJECT)


def test_parse_prints_records_in_the_documented_shape():
    run = ikg("parse", str(seed("003")), "--format", "json")
    assert run.returncode == 0, run.stderr
    (doc,) = json.loads(run.stdout)
    assert {"path", "sha256", "part"} <= set(doc["source"])
    assert NOTICE_KEYS <= set(doc["notice"]) and {"id", "name"} <= set(doc["notice"]["jurisdiction"])
    assert doc["notice"]["doc_number"] == "川办函〔2023〕58号" and doc["notice"]["date"] == "2023-09-19"
    measure = doc["measures"][0]
    assert MEASURE_KEYS <= set(measure) and len(measure["span"]) == 2
    assert {"as_written", "name", "id"} <= set(measure["lead_departments"][0])
    award = doc["awards"][0]
    assert RECIPIENT_KEYS <= set(award["recipient"]) and award["amount_yuan"] == 10_000_000
    assert {"measure_ordinal", "implementing_departments", "span"} <= set(award)
    typo = next(w for w in doc["warnings"] if w["code"] == "possible_typo")
    assert typo["suggestion"] == "荥经县" and set(typo) == {"code", "message", "span", "suggestion"}


def test_load_stats_and_query(tmp_path):
    store = f"ladybug://{tmp_path / 'graph'}"
    first = ikg("load", str(seed("002")), "--store", store, "--format", "json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)["summary"]
    assert summary["documents"] == 1 and summary["awards"] > 100
    stats = json.loads(ikg("stats", "--store", store, "--format", "json").stdout)
    again = ikg("load", str(seed("002")), "--store", store, "--format", "json")
    assert again.returncode == 0
    assert json.loads(ikg("stats", "--store", store, "--format", "json").stdout) == stats
    rows = json.loads(ikg("query", "locality_awards", "--param", "id=500112", "--store", store, "-f", "json").stdout)
    assert rows and all(r["year"] == 2020 for r in rows)


def test_load_exits_non_zero_when_nothing_loads(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    run = ikg("load", str(empty), str(tmp_path / "missing.txt"), "--store", f"ladybug://{tmp_path / 'g'}")
    assert run.returncode == 1
    lines = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 2 and "empty.txt: is empty" in run.stderr and "missing.txt: no such file" in run.stderr


def test_stats_on_a_store_that_does_not_exist(tmp_path):
    run = ikg("stats", "--store", f"ladybug://{tmp_path / 'none'}")
    assert run.returncode == 2 and "no graph here yet" in run.stderr and "Traceback" not in run.stderr


def test_export_writes_rdf_that_parses_back(tmp_path):
    import rdflib

    store = f"ladybug://{tmp_path / 'graph'}"
    assert ikg("load", str(seed("002")), "--store", store).returncode == 0
    whole, yubei = tmp_path / "all.nt", tmp_path / "yubei.ttl"
    assert ikg("export", "--format", "nt", "--out", str(whole), "--store", store).returncode == 0
    assert ikg("export", "--locality", "500112", "--out", str(yubei), "--store", store).returncode == 0
    graph = rdflib.Graph().parse(whole, format="nt")
    assert len(graph) == len(whole.read_text(encoding="utf-8").splitlines()) > 1000
    local = rdflib.Graph().parse(yubei, format="turtle")
    recipient = rdflib.URIRef("https://incentive-kg.org/def/incentive#recipient")
    awards = set(local.subjects(recipient, rdflib.URIRef("http://127.0.0.1:8000/id/locality/500112")))
    assert len(awards) >= 10 and awards <= set(graph.subjects(recipient, None))


def test_a_setting_that_cannot_be_used_stops_the_command_naming_it(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "api", "stats", "--store", f"ladybug://{tmp_path / 'graph'}"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, "IKG_QUERY_TIMEOUT_MS": "soon", "IKG_READ_QUEUE": "-1"},
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    message = " ".join(run.stderr.split())
    assert "IKG_QUERY_TIMEOUT_MS: Input should be a valid integer" in message
    assert "IKG_READ_QUEUE: Input should be greater than or equal to 0" in message
