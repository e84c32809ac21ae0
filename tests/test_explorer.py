"""The explorer without a browser: its page and assets (content types, nothing fetched from other hosts), and the
API routes it added: a node's neighbourhood, a notice's source text, a named query's Cypher."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import seed
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes import explorer
from api.routes.explorer import ASSETS, MEDIA_TYPES, VENDOR
from cypher.store import open_store
from loaders.pipeline import load_paths

ASSET_FILES = sorted(p for p in ASSETS.rglob("*") if p.is_file())
# Ours, which the source checks below read; the vendored library (built by `make vendor`) is served, not read.
OWN_FILES = [p for p in ASSET_FILES if VENDOR not in p.parents]
# Namespace names in JavaScript that builds SVG and HTML elements: identifiers, never fetched.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def client(loaded):
    store, _ = loaded
    return TestClient(create_app(store))


def test_root_serves_the_explorer(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="zh-CN">' in page.text and 'src="/explorer/js/app.js"' in page.text


@pytest.mark.parametrize("path", ASSET_FILES, ids=lambda p: str(p.relative_to(ASSETS)))
def test_assets_are_served_with_their_type(client, path):
    response = client.get(f"/explorer/{path.relative_to(ASSETS).as_posix()}")
    assert response.status_code == 200
    assert response.headers["content-type"] == MEDIA_TYPES[path.suffix]
    assert response.content == path.read_bytes()


def test_assets_fetch_nothing_from_other_hosts():
    """Works offline: no absolute URL but namespace names, no protocol-relative URL, no @import or url() to a host.
    (The vendored library names its licences' URLs in comments, and fetches nothing.)"""
    assert OWN_FILES and {p.suffix for p in ASSET_FILES} <= set(MEDIA_TYPES)
    for path in OWN_FILES:
        text = path.read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s\"'`)<>]+", text))
        assert urls <= NAMESPACES, f"{path.name} names {urls - NAMESPACES}"
        assert not re.search(r"""(src|href|url\()\s*=?\s*["']?//""", text), f"{path.name} has a protocol-relative URL"
        assert "@import" not in text and "@font-face" not in text, path.name


def test_every_module_import_is_a_served_file(client):
    """A missing or misspelled module breaks the whole page in a browser; here it fails without one."""
    scripts = [p for p in OWN_FILES if p.suffix == ".js"]
    for path in scripts:
        for target in re.findall(r'from "(\.[^"]+)"', path.read_text(encoding="utf-8")):
            resolved = (path.parent / target).resolve()
            assert resolved in scripts, f"{path.name} imports {target}, which is not an asset"


def test_the_vendored_library_requests_nothing():
    """Cytoscape.js as built by `make vendor`: no network call of any kind in it (so the page works offline)."""
    for path in (p for p in ASSET_FILES if VENDOR in p.parents and p.suffix == ".js"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|importScripts", text), path.name


def test_a_missing_graph_library_is_explained(client, monkeypatch):
    """Without `make vendor` the server runs; the library's URL answers 404 saying how to build it."""
    monkeypatch.setattr(explorer, "LIBRARY", VENDOR / "not-built.js")
    response = client.get("/explorer/vendor/not-built.js")
    assert response.status_code == 404 and "make vendor" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/explorer/../routes/explorer.py", "/explorer/nothing.js", "/explorer/js"])
def test_other_paths_are_not_served(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


def test_neighbourhood_of_a_locality(client):
    profile = client.get("/localities/500112").json()
    hood = client.get("/graph/locality/500112").json()
    assert hood["center"] == {"_label": "Locality", **{k: v for k, v in hood["center"].items() if k != "_label"}}
    assert hood["center"]["name"] == "渝北区"
    kinds = {n["id"]: n["kind"] for n in hood["nodes"]}
    assert kinds["500000"] == "Locality"  # its parent
    received = [e for e in hood["edges"] if e["rel"] == "RECEIVED"]
    assert len(received) == profile["awards"] and all(e["source"] == "500112" for e in received)
    assert {e["target"] for e in hood["edges"] if e["rel"] == "UNDER"} == {
        a["measure"] for a in profile["award_history"]
    }
    # Regression: in a UNION the engine once gave a branch's source for its target (see neighbours_*.cypher).
    assert {"rel": "PART_OF", "source": "500112", "target": "500000"} in hood["edges"]
    awards = [n for n in hood["nodes"] if n["kind"] == "Award"]
    assert all(n["year"] == 2020 and n["topics"] for n in awards)


NEIGHBOURS = {
    "locality": "500000",
    "award": "n63fc28038946-m2-a5d71d57752",
    "measure": "n63fc28038946-m2",
    "notice": "n2186625d9211",
    "department": "500000-e3c7b764bb",
    "topic": "ecology",
}


@pytest.mark.parametrize("kind", NEIGHBOURS)
def test_every_edge_touches_the_drawn_nodes(client, kind):
    hood = client.get(f"/graph/{kind}/{NEIGHBOURS[kind]}").json()
    drawn = {n["id"] for n in hood["nodes"]} | {hood["center"]["id"]}
    assert hood["edges"], kind
    for edge in hood["edges"]:
        assert edge["source"] != edge["target"] and {edge["source"], edge["target"]} <= drawn, edge


def test_measure_neighbourhood_holds_notice_and_winners(client):
    measure = client.get("/measures/n63fc28038946-m2").json()
    hood = client.get("/graph/measure/n63fc28038946-m2").json()
    localities = {n["id"] for n in hood["nodes"] if n["kind"] == "Locality"}
    assert localities == {w["id"] for w in measure["winners"]} and "500112" in localities
    assert {n["id"] for n in hood["nodes"] if n["kind"] == "Notice"} == {"n63fc28038946"}
    assert {n["id"] for n in hood["nodes"] if n["kind"] == "Topic"} == set(measure["topics"])


def test_neighbourhood_limit_and_errors(client):
    limited = client.get("/graph/locality/500000", params={"limit": 3}).json()
    assert sum(e["rel"] == "PART_OF" for e in limited["edges"]) == 3
    missing = client.get("/graph/locality/999999")
    assert missing.status_code == 404 and missing.json()["type"].endswith("/not-found")
    assert client.get("/graph/planet/1").status_code == 422


def test_award_spans_point_into_the_source_text(client):
    history = client.get("/localities/500112").json()["award_history"]
    source = client.get(f"/notices/{history[0]['source_notice']}/source").json()
    assert source["source_path"].endswith(".txt") and len(source["text"]) >= source["span_end"]
    for award in history:
        # The original is in traditional characters; the span holds the name as written there.
        assert source["text"][award["span_start"] : award["span_end"]] in ("渝北區", "渝北区")


def test_source_text_is_refused_when_the_file_is_gone_or_changed(tmp_path):
    document = tmp_path / "notice.txt"
    shutil.copy(seed("000"), document)
    store = open_store(f"ladybug://{tmp_path / 'graph'}")
    try:
        load_paths([document], store)
        client = TestClient(create_app(store))
        notice = client.get("/notices").json()["items"][0]["id"]
        assert client.get(f"/notices/{notice}/source").json()["text"] == _original(document)
        document.write_text(document.read_text(encoding="utf-8") + "\n追加", encoding="utf-8")
        changed = client.get(f"/notices/{notice}/source")
        assert changed.status_code == 409 and changed.json()["type"].endswith("/source-changed")
        document.unlink()
        gone = client.get(f"/notices/{notice}/source")
        assert gone.status_code == 404 and gone.json()["type"].endswith("/source-unavailable")
        assert client.get("/notices/nffffffffffff/source").status_code == 404
    finally:
        store.close()


def _original(path: Path) -> str:
    from loaders.read import read_document

    return read_document(path).original


def test_named_query_cypher_text(client):
    text = client.get("/queries/locality_awards/cypher")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert text.text.startswith("MATCH (l:Locality {id: $id})") and "// name:" not in text.text
    assert client.get("/queries/no_such_query/cypher").status_code == 404


def test_search_measures_finds_titles_and_texts(client):
    rows = client.get("/queries/search_measures", params={"q": "招商引资"}).json()["rows"]
    ids = {r["id"] for r in rows}
    assert "n2186625d9211-m3" in ids and "n63fc28038946-m5" in ids  # a title, and a news report's text
    for row in rows:  # the text may hold it when the title does not
        measure = client.get(f"/measures/{row['id']}").json()
        assert "招商引资" in (measure["title"] or "") + measure["text"], row


# The DOM's own ways of adding content write an array as "[object HTMLParagraphElement],[object …]" and null as
# "null"; views add content only through dom.js (h, append, replace), which flattens arrays and skips null.
NATIVE_INSERT = re.compile(
    r"\.(append|prepend|replaceChildren|replaceWith|before|after|appendChild|insertBefore|insertAdjacent\w*)\(|innerHTML"
)


def test_content_goes_in_only_through_the_dom_helpers():
    scripts = [p for p in OWN_FILES if p.suffix == ".js" and p.name != "dom.js"]
    found = [
        f"{path.relative_to(ASSETS)}:{number}: {line.strip()}"
        for path in scripts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NATIVE_INSERT.search(line) and not line.lstrip().startswith("//")
    ]
    assert found == []
