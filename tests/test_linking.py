"""Links across notices (loaders.linking) on every backend: IMPLEMENTS against the generator's truth, the named
queries that read them, the review book, and consistency when any document is loaded again or deleted."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from conftest import BACKENDS, BACKENDS_NEO4J_SLOW
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from benchmarks.gen_corpus import unit_documents, write_document
from cypher.named_queries import run_named
from loaders.linking import relink, score_pair, wording_core
from loaders.linking_review import ReviewBook
from loaders.pipeline import load_paths

IMPLEMENTS = """
MATCH (an:Notice)-[:HAS_MEASURE]->(c:Measure)-[r:IMPLEMENTS]->(m:Measure)<-[:HAS_MEASURE]-(mn:Notice)
RETURN an.source_path, c.ordinal, mn.source_path, m.ordinal, r.score, r.evidence, r.decided_by, c.id, m.id
"""
PROVINCE = "500000"  # Chongqing: its counties sit right under it, so a unit is three or four documents


def write_units(out: Path, years=(2020, 2021)) -> list[dict]:
    """The province-level documents of Chongqing's units for these years; the true links."""
    links: list[dict] = []
    out.mkdir(parents=True, exist_ok=True)
    for year in years:
        for stem, text, _ in unit_documents(PROVINCE, year, seed=5, links=links):
            path = write_document(out, stem, text, random.Random(stem))
            if path.suffix != ".txt":  # plain text, so a test can rewrite a document
                path.unlink()
                (out / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
    return links


def linked(store) -> set[tuple]:
    return {(Path(a).stem, c, Path(m).stem, o) for a, c, m, o, *_ in store.query(IMPLEMENTS).rows}


def truth(links: list[dict]) -> set[tuple]:
    return {(x["award"], x["category"], x["measures"], x["measure"]) for x in links if x["rel"] == "IMPLEMENTS"}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("IKG_REVIEW_FILE", str(tmp_path / "review.json"))
    monkeypatch.setenv("IKG_API_KEY", "k")
    docs = tmp_path / "docs"
    return docs, write_units(docs)


def test_wording_core_keeps_what_a_measure_is_about():
    assert wording_core("对推进养老服务体系建设成效明显的市(州)、县(市、区),给予500万元。") == "养老服务体系建设"
    assert wording_core("推进养老服务体系建设工作成效突出的地方") == "养老服务体系建设"


def test_a_category_scores_its_own_measure_highest():
    from loaders.linking import Measure

    category = Measure("c", "a", "1", "污染防治攻坚战成效明显的地方", {"市生态环境局"}, {"ecology"})
    right = Measure(
        "m1", "p", "1", "对推进生态环境保护、污染防治攻坚战成效明显的区县,给予500万元。", {"市生态环境局"}, {"ecology"}
    )
    wrong = Measure(
        "m2", "p", "2", "对推进河长制湖长制、水利建设成效明显的区县,给予500万元。", {"市水利局"}, {"ecology"}
    )
    assert score_pair(category, right).score >= 70 > score_pair(category, wrong).score


@pytest.mark.parametrize("backend", BACKENDS)
def test_links_are_the_generated_truth_and_carry_their_evidence(scratch_store, backend, corpus):
    store = scratch_store
    docs, links = corpus
    load_paths([docs], store)
    assert linked(store) == truth(links)
    for *_, score, evidence, decided_by, _, _ in store.query(IMPLEMENTS).rows:
        assert 70 <= score <= 100 and evidence.startswith("wording ") and decided_by == "score"
    reports = store.query("MATCH (a:Notice)-[:REPORTS_ON]->(b:Notice) RETURN a.source_path, b.source_path").rows
    assert {(Path(a).stem, Path(b).stem) for a, b in reports} == {
        (x["news"], x["award"]) for x in links if x["rel"] == "REPORTS_ON"
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_named_queries_read_through_the_links(scratch_store, backend, corpus):
    store = scratch_store
    docs, links = corpus
    load_paths([docs], store)
    ids = {
        Path(p).stem: i
        for i, p in store.query("MATCH (n:Notice) WHERE n.source_path IS NOT NULL RETURN n.id, n.source_path").rows
    }
    measures_2021 = ids[f"{PROVINCE}_2021_measures"]
    link = next(x for x in links if x["rel"] == "IMPLEMENTS" and x["measures"].endswith("2021_measures"))
    measure = f"{measures_2021}-m{link['measure']}"

    winners = run_named(store, "measure_winners", {"id": measure}).records()
    assert winners and {w["year"] for w in winners} == {2021}
    assert {w["award_notice"] for w in winners} == {ids[f"{PROVINCE}_2021_awards"]}

    ranked = run_named(store, "departments_by_awards", {"order_by": "money"}).records()
    assert ranked and [r["money_yuan"] for r in ranked] == sorted((r["money_yuan"] for r in ranked), reverse=True)
    assert all(r["awards"] > 0 and r["measures"] > 0 for r in ranked)

    rows = run_named(store, "measures_of_notice", {"id": measures_2021}).records()
    linked_measures = {
        f"{measures_2021}-m{x['measure']}"
        for x in links
        if x["rel"] == "IMPLEMENTS" and x["measures"] == f"{PROVINCE}_2021_measures"
    }
    assert {r["id"] for r in rows if r["linked_winners"] > 0} == linked_measures
    never = {r["id"] for r in run_named(store, "measures_without_winners", {"notice": measures_2021}).records()}
    assert never == {r["id"] for r in rows} - linked_measures

    lineage = run_named(store, "notice_lineage", {"id": measures_2021}).records()
    assert [(r["relation"], r["id"]) for r in lineage] == [("previous", ids[f"{PROVINCE}_2020_measures"])]
    news = run_named(store, "notice_lineage", {"id": ids[f"{PROVINCE}_2021_news"]}).records()
    assert ("reports_on", ids[f"{PROVINCE}_2021_awards"]) in [(r["relation"], r["id"]) for r in news]

    # The same area in both years' measures notices is one measure continued (CONTINUES), re-worded when its
    # amount changed; the diff matches measures through it.
    continued = store.query(
        "MATCH (a:Measure)-[:CONTINUES]->(b:Measure) WHERE a.notice_id = $new RETURN a.id, b.id, a.text, b.text",
        {"new": measures_2021},
    ).rows
    assert continued and all(wording_core(a) == wording_core(b) for _, _, a, b in continued)
    diff = run_named(store, "notice_diff", {"new": measures_2021}).records()
    assert {r["old_notice"] for r in diff} == {ids[f"{PROVINCE}_2020_measures"]}
    kept = sum(r["change"] in ("unchanged", "reworded") for r in diff)
    assert kept == len(continued)
    history = run_named(store, "measure_history", {"id": continued[0][0]}).records()
    assert [(h["step"], h["id"]) for h in history] == [(0, continued[0][0]), (-1, continued[0][1])]
    assert {h["year"] for h in history} == {2020, 2021}


def _decisions_hold(store) -> dict:
    """Reject one automatic link and relink another category by hand; returns what the graph should keep."""
    rows = store.query(IMPLEMENTS).rows
    rejected, moved = rows[0], rows[1]
    book = ReviewBook(Path(os.environ["IKG_REVIEW_FILE"]))
    book.decide(rejected[7], "reject", rejected[8])
    book.decide(moved[7], "relink", rejected[8])
    relink(store)
    return {"rejected": (rejected[7], rejected[8]), "moved": (moved[7], rejected[8])}


def _pairs(store) -> dict[str, tuple[str, str]]:
    return {c: (m, by) for *_, by, c, m in store.query(IMPLEMENTS).rows}


@pytest.mark.parametrize("backend", BACKENDS_NEO4J_SLOW)
def test_reloading_or_deleting_any_document_keeps_links_and_decisions(scratch_store, backend, corpus):
    store = scratch_store
    docs, _ = corpus
    load_paths([docs], store)
    decided = _decisions_hold(store)
    pairs = _pairs(store)
    assert pairs[decided["moved"][0]] == (decided["moved"][1], "reviewer:relink")
    assert pairs.get(decided["rejected"][0], ("",))[0] != decided["rejected"][1]

    for path in sorted(docs.iterdir()):  # each document loaded again on its own: the same links
        load_paths([path], store)
        assert _pairs(store) == pairs, path.name

    # A measures notice deleted: the links into it go; loaded again: they come back, decisions applied.
    client = TestClient(create_app(store))
    measures = store.query(
        "MATCH (n:Notice) WHERE n.kind = 'measures_notice' AND n.work_year = 2020 RETURN n.id, n.source_path"
    ).rows[0]
    assert client.delete(f"/notices/{measures[0]}", headers={"X-API-Key": "k"}).status_code == 204
    assert not any(m.startswith(measures[0]) for m, _ in _pairs(store).values())
    load_paths([Path(measures[1])], store)
    assert _pairs(store) == pairs

    # An award notice deleted: its links, its reports' REPORTS_ON and its waiting reviews go.
    award = store.query(
        "MATCH (n:Notice) WHERE n.kind = 'award_notice' AND n.work_year = 2020 RETURN n.id, n.source_path"
    ).rows[0]
    assert client.delete(f"/notices/{award[0]}", headers={"X-API-Key": "k"}).status_code == 204
    assert not any(c.startswith(award[0]) for c in _pairs(store))
    assert not store.query("MATCH (:Notice)-[r:REPORTS_ON]->(:Notice {id: $id}) RETURN r", {"id": award[0]}).rows
    assert not [p for p in client.get("/review/links").json()["pending"] if p["award_notice"] == award[0]]
    load_paths([Path(award[1])], store)
    assert _pairs(store) == pairs


@pytest.mark.parametrize("backend", BACKENDS_NEO4J_SLOW)
def test_review_api_and_cli(scratch_store, backend, corpus, tmp_path):
    store = scratch_store
    docs, _ = corpus
    # A category worded unlike any measure of its notice waits for a reviewer instead of being linked.
    award = next(docs.glob("*_2020_awards.txt"))
    text = award.read_text(encoding="utf-8")
    first_category = text.splitlines()[6]
    assert first_category.startswith("一、")
    text = text.replace(first_category, "一、" + first_category[2:8] + "等方面工作有特色的地方", 1)
    award.write_text(text, encoding="utf-8")
    load_paths([docs], store)
    client = TestClient(create_app(store))
    category = store.query(
        "MATCH (n:Notice)-[:HAS_MEASURE]->(c:Measure) WHERE n.source_path = $p AND c.ordinal = '1' RETURN c.id",
        {"p": str(award)},
    ).rows[0][0]
    listed = client.get("/review/links").json()
    assert category in [p["category"] for p in listed["pending"]] and listed["decisions"] == []
    assert listed["total"]["pending"] == len(listed["pending"]) >= 2 and listed["next"] is None
    paged, answer = [], client.get("/review/links", params={"limit": 1}).json()
    while True:  # a page at a time, each list alike
        assert len(answer["pending"]) <= 1 and answer["total"] == listed["total"]
        paged += answer["pending"]
        if not answer["next"]:
            break
        answer = client.get(answer["next"]).json()
    assert paged == listed["pending"]
    assert client.get("/review/links", params={"limit": 1001}).status_code == 422
    assert category not in _pairs(store)
    target = store.query(
        "MATCH (n:Notice)-[:HAS_MEASURE]->(m:Measure) WHERE n.kind = 'measures_notice' AND n.work_year = 2020 "
        "RETURN m.id ORDER BY m.id LIMIT 1"
    ).rows[0][0]
    body = {"action": "relink", "measure": target}
    assert client.post(f"/review/links/{category}", json=body).status_code == 401
    answer = client.post(f"/review/links/{category}", json=body, headers={"X-API-Key": "k"})
    assert answer.status_code == 200 and answer.json()["measure"] == target
    assert _pairs(store)[category] == (target, "reviewer:relink")
    assert client.get("/review/links").json()["decisions"][0]["category"] == category
    assert client.post("/review/links/nope", json=body, headers={"X-API-Key": "k"}).status_code == 404

    if backend == "ladybug":  # the CLI opens the store itself: only the embedded one is free to open here
        from api.cli import app

        store.close()
        listing = CliRunner().invoke(app, ["review", "list", "--format", "json", "--store", store.url])
        assert listing.exit_code == 0 and category in listing.output
        rejected = CliRunner().invoke(app, ["review", "reject", category, "--measure", target, "--store", store.url])
        assert rejected.exit_code == 0, rejected.output


def test_links_in_rdf(tmp_path, corpus):
    """The links export in standard terms (ELI applies, schema.org about, PROV wasRevisionOf) and the dump still
    conforms to the shapes."""
    import pyshacl
    import rdflib
    from conftest import PROJECT

    from cypher.rdf_source import whole_graph
    from cypher.store import open_store
    from ontology.code_lists import with_code_lists
    from ontology.rdf import RdfMapper, graph_triples
    from ontology.rdf_formats import to_graph
    from ontology.rdf_terms import base_uri

    docs, _ = corpus
    store = open_store(f"ladybug://{tmp_path / 'graph'}")
    load_paths([docs], store)
    graph = to_graph(list(with_code_lists(graph_triples(RdfMapper(base_uri()), whole_graph(store)))))
    store.close()
    for predicate in (
        "http://data.europa.eu/eli/ontology#applies",
        "https://schema.org/about",
        "http://www.w3.org/ns/prov#wasRevisionOf",
    ):
        assert any(graph.triples((None, rdflib.URIRef(predicate), None))), predicate
    shapes = rdflib.Graph().parse(PROJECT / "ontology" / "shapes.ttl")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes)
    assert conforms, text


def test_an_upload_links_what_it_loads(tmp_path, corpus, monkeypatch):
    """POST /documents (an upload job, api/jobs.py) relinks the jurisdictions it wrote, as a CLI load does."""
    from cypher.store import open_store

    docs, links = corpus
    monkeypatch.setenv("IKG_UPLOAD_DIR", str(tmp_path / "uploads"))
    store = open_store(f"ladybug://{tmp_path / 'graph'}")
    try:
        with TestClient(create_app(store)) as client:
            files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(docs.glob("*_2020_*"))]
            job = client.post("/documents?wait=true", files=files, headers={"X-API-Key": "k"}).json()
            assert job["state"] == "done", job
        uploaded = {(a, c, m, o) for a, c, m, o in truth(links) if "_2020_" in a}
        assert linked(store) == uploaded
    finally:
        store.close()
