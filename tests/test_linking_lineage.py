"""Notice lineage across notices: citations written as a title alone (no 文号) resolved by issuer, title and year;
the diff's `departments_changed`; and a relink that fails part-way leaving every link as it was (one transaction),
on both engines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import BACKENDS
from fastapi.testclient import TestClient

from api.app import create_app
from benchmarks.gen_corpus import unit_documents
from cypher.named_queries import run_named
from loaders.citations import cited_titles
from loaders.linking import plan_links, relink, write_links
from loaders.linking_citations import resolve_titles
from loaders.linking_review import ReviewBook
from loaders.pipeline import load_paths
from ontology.errors import StoreError

ISSUER = "重庆市人民政府办公厅"
OLD_TITLE = f"{ISSUER}关于进一步加强2020年督查激励工作的通知"


def test_titles_without_a_number_are_found_with_their_issuer():
    text = (
        "为贯彻落实《国务院办公厅关于新形势下进一步加强督查激励的通知》(国办发〔2021〕49号)和《某某省人民政府关于"
        "推进高质量发展的意见》(2021年3月5日) 某政发〔2021〕7号精神,按照省政府办公厅近日印发的《关于完善督查"
        "激励机制的通知》要求,参照《政府工作报告》,制定本措施。本措施自印发之日起施行,"
        "《某某省人民政府办公厅关于印发2020年督查激励措施的通知》同时废止。"
    )
    cited, superseded = cited_titles(text, own_title="某某省人民政府办公厅关于印发2021年督查激励措施的通知")
    # Titles followed by their 文号 (directly, or after a date) are the parser's citations; 报告 is no notice.
    assert cited == ["省政府办公厅关于完善督查激励机制的通知"]
    assert superseded == ["某某省人民政府办公厅关于印发2020年督查激励措施的通知"]
    # The notice's own title, quoted in its text, is not a citation.
    assert cited_titles(
        "现将《某某省人民政府办公厅关于印发2021年督查激励措施的通知》印发给你们。",
        own_title="某某省人民政府办公厅关于印发2021年督查激励措施的通知",
    ) == ([], [])


def _notice(id_, title, issuer, date, jurisdiction="430000", **more):
    return {
        "id": id_,
        "title": title,
        "issuer": issuer,
        "date": date,
        "work_year": None,
        "jurisdiction": jurisdiction,
        "doc_number": None,
        "cites": [],
        "supersedes": [],
        "cited_titles": [],
        "superseded_titles": [],
        **more,
    }


def test_titles_resolve_by_issuer_title_and_year():
    hunan, hubei = "湖南省人民政府办公厅", "湖北省人民政府办公厅"
    loaded = [
        _notice("old", f"{hunan}关于印发2020年真抓实干督查激励措施的通知", hunan, "2020-02-10"),
        _notice("older", f"{hunan}关于印发2019年真抓实干督查激励措施的通知", hunan, "2019-02-10"),
        _notice("other", f"{hubei}关于印发2020年真抓实干督查激励措施的通知", hubei, "2020-03-01", "420000"),
        _notice("later", f"{hunan}关于完善督查激励机制的通知", hunan, "2022-01-01"),
        _notice("twin1", "湖南省财政厅关于下达激励资金的通知", "湖南省财政厅", "2020-05-01"),
        _notice("twin2", "湖南省财政厅关于下达激励资金的通知", "湖南省财政厅", "2020-09-01"),
    ]
    citing = _notice(
        "new",
        "湖南省人民政府办公厅关于印发2021年真抓实干督查激励措施的通知",
        "湖南省人民政府办公厅",
        "2021-02-01",
        # re-typed: 地 for 的 left out, the issuer short (省政府办公厅, of this jurisdiction), the year in the title
        superseded_titles=["省政府办公厅关于印发2020年真抓实干督查激励措施通知"],
        cited_titles=[
            "湖南省人民政府办公厅关于完善督查激励机制的通知",  # only a later notice has this title: nothing
            "湖南省财政厅关于下达激励资金的通知",  # two notices alike: the reviewer decides
            "湖北省人民政府办公厅关于印发2022年真抓实干督查激励措施的通知",  # no notice of that year: nothing
        ],
    )
    links, pending = resolve_titles([*loaded, citing])
    assert [(x["relation"], x["from"], x["to"]) for x in links] == [("SUPERSEDES", "new", "old")]
    assert 90 <= links[0]["score"] < 100 and "issuer 省政府办公厅 ~ 湖南省人民政府办公厅" in links[0]["evidence"]
    assert [(p["title"], [c["id"] for c in p["candidates"]]) for p in pending] == [
        ("湖南省财政厅关于下达激励资金的通知", ["twin1", "twin2"])
    ]
    # The short issuer names the body of the citing notice's own jurisdiction: of a Hubei notice, Hubei's.
    elsewhere = {**citing, "jurisdiction": "420000"}
    assert [x["to"] for x in resolve_titles([*loaded, elsewhere])[0]] == ["other"]


def _measures_pair(out: Path) -> tuple[Path, Path]:
    """Chongqing's 2020 measures notice (generated) and a 2021 one written from it: the year moved on, measure 一's
    lead department and measure 二's supporting department changed, and a closing sentence that the 2020 notice
    stops applying, naming it by a re-typed title with the issuer in the sentence, without its 文号."""
    out.mkdir(parents=True, exist_ok=True)
    text = next(t for stem, t, _ in unit_documents("500000", 2020, seed=5, links=[]) if stem.endswith("_measures"))
    text = re.sub(r"\(示例数据[^)]*\)", "", text, count=1)  # the generator's sample mark after the title
    old = out / "cq_2020_measures.txt"
    old.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    new_lines = [line.replace("2020", "2021") for line in lines]  # title, 文号, the year's work, the date
    first = next(i for i, line in enumerate(new_lines) if line.startswith("一、"))
    new_lines[first] = re.sub(r"牵头单位:[^;)]+", "牵头单位:省财政厅", new_lines[first])
    new_lines[first + 1] = re.sub(r"配合单位:[^;)]+", "配合单位:省审计厅", new_lines[first + 1])
    new_lines.append("本通知自印发之日起施行,市政府办公厅印发的《关于进一步加强2020年督查激励工作通知》同时废止。")
    new = out / "cq_2021_measures.txt"
    new.write_text("\n".join(new_lines) + "\n", encoding="utf-8")
    return old, new


def _ids(store) -> dict[str, str]:
    rows = store.query("MATCH (n:Notice) WHERE n.source_path IS NOT NULL RETURN n.source_path, n.id").rows
    return {Path(p).stem: i for p, i in rows}


def _derived(store) -> set[tuple]:
    """Every link the linking stage wrote, with what it says."""
    out = set()
    for rel in ("IMPLEMENTS", "REPORTS_ON", "CONTINUES", "CITES", "SUPERSEDES"):
        rows = store.query(f"MATCH (a)-[r:{rel}]->(b) WHERE r.score IS NOT NULL RETURN a.id, b.id, r.score").rows
        out |= {(rel, *row) for row in rows}
    return out


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_citation_by_title_and_departments_changed(scratch_store, backend, tmp_path, monkeypatch):
    monkeypatch.setenv("IKG_REVIEW_FILE", str(tmp_path / "review.json"))
    monkeypatch.setenv("IKG_API_KEY", "k")
    store = scratch_store
    old, new = _measures_pair(tmp_path / "docs")
    load_paths([tmp_path / "docs"], store)
    ids = _ids(store)

    lineage = run_named(store, "notice_lineage", {"id": ids["cq_2021_measures"]}).records()
    superseded = [r for r in lineage if r["relation"] == "supersedes"]
    assert [(r["id"], r["title"]) for r in superseded] == [(ids["cq_2020_measures"], OLD_TITLE)]
    assert 90 <= superseded[0]["score"] < 100 and superseded[0]["evidence"].startswith("title ")
    back = run_named(store, "notice_lineage", {"id": ids["cq_2020_measures"]}).records()
    assert ("superseded_by", ids["cq_2021_measures"]) in [(r["relation"], r["id"]) for r in back]

    diff = run_named(store, "notice_diff", {"new": ids["cq_2021_measures"]}).records()
    changed = {r["new_ordinal"]: r for r in diff if r["change"] == "departments_changed"}
    assert set(changed) == {"1", "2"}
    assert changed["1"]["leads_after"] == ["省财政厅"] and changed["1"]["leads_before"] != ["省财政厅"]
    assert changed["2"]["supports_after"] == ["省审计厅"]
    assert changed["2"]["leads_before"] == changed["2"]["leads_after"]
    assert {r["change"] for r in diff} - {"departments_changed"} == {"unchanged"}
    client = TestClient(create_app(store))
    served = client.get("/queries/notice_diff", params={"new": ids["cq_2021_measures"]}).json()
    assert sorted(r["new_ordinal"] for r in served["rows"] if r["change"] == "departments_changed") == ["1", "2"]

    # The cited notice deleted: the link goes with it (no stand-in left for a notice cited by title); loaded
    # again: the link is back. The citing notice reloaded: the same.
    before = _derived(store)
    assert client.delete(f"/notices/{ids['cq_2020_measures']}", headers={"X-API-Key": "k"}).status_code == 204
    assert not store.query("MATCH (n:Notice {id: $id}) RETURN n.id", {"id": ids["cq_2020_measures"]}).rows
    assert not [x for x in _derived(store) if x[0] == "SUPERSEDES"]
    load_paths([old], store)
    assert _derived(store) == before
    load_paths([new], store)
    assert _derived(store) == before


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_relink_failing_part_way_leaves_the_links_as_they_were(scratch_store, backend, tmp_path):
    store = scratch_store
    book = ReviewBook(tmp_path / "review.json")
    _measures_pair(tmp_path / "docs")
    load_paths([tmp_path / "docs"], store)
    relink(store, book=book)
    ids = _ids(store)
    # Make the links stale: the citation by title lost, one measure continuing a wrong one. The next relink
    # restores the first (its first write) and removes the second (its last).
    store.query("MATCH (:Notice)-[r:SUPERSEDES]->(:Notice) WHERE r.score IS NOT NULL DELETE r", read_only=False)
    new_measure, old_measure = f"{ids['cq_2021_measures']}-m3", f"{ids['cq_2020_measures']}-m1"
    store.query("MATCH (a:Measure)-[r:CONTINUES]->() WHERE a.id = $a DELETE r", {"a": new_measure}, read_only=False)
    store.replace_relationships("CONTINUES", [new_measure], [{"from": new_measure, "to": old_measure, "score": 1}])
    stale = _derived(store)
    book_before = json.dumps(book.read(), sort_keys=True)

    plan = plan_links(store, None, book)
    assert [s.name for s in plan.sets][0] == "SUPERSEDES" and plan.sets[-1].name == "CONTINUES"
    good = plan.sets[-1].rows
    # An invalid row in the last set (a map where a number belongs: neither engine stores it) fails the write.
    broken = {**good[0], "score": {"not": "a number"}}
    plan.sets[-1] = plan.sets[-1]._replace(rows=[*good, broken])
    with pytest.raises((StoreError, RuntimeError, ValueError, TypeError)):
        write_links(store, plan, book)
    assert _derived(store) == stale  # nothing of the failed relink is in the graph
    assert json.dumps(book.read(), sort_keys=True) == book_before

    plan.sets[-1] = plan.sets[-1]._replace(rows=good)
    write_links(store, plan, book)
    fixed = _derived(store)
    assert ("CONTINUES", new_measure, old_measure, 1) not in fixed
    assert any(x[0] == "SUPERSEDES" for x in fixed)
    relink(store, book=book)
    assert _derived(store) == fixed  # what a fresh relink gives


def test_review_list_shows_citations_waiting(tmp_path):
    """Citations by title that match two notices alike wait in the book, listed by GET /review/links."""
    from cypher.store import open_store

    book_path = tmp_path / "graph.review.json"
    docs = tmp_path / "docs"
    old, new = _measures_pair(docs)
    twin = docs / "cq_2020_measures_reissued.txt"  # the same notice issued again (another 文号, another date)
    twin.write_text(old.read_text(encoding="utf-8").replace("50号", "51号").replace("3月14日", "3月20日"), "utf-8")
    store = open_store(f"ladybug://{tmp_path / 'graph'}")
    try:
        load_paths([docs], store)
        listed = TestClient(create_app(store)).get("/review/links").json()
        assert [c["relation"] for c in listed["citations"]] == ["SUPERSEDES"]
        assert len(listed["citations"][0]["candidates"]) == 2
        assert not store.query("MATCH (:Notice)-[r:SUPERSEDES]->(:Notice) WHERE r.score IS NOT NULL RETURN r").rows
        assert json.loads(book_path.read_text(encoding="utf-8"))["citations"]
    finally:
        store.close()
