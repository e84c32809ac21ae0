"""Resources, ad-hoc Cypher, uploads and ETags of the HTTP API, on the loaded seed corpus."""

from __future__ import annotations

import pytest
from conftest import seed, store_url_for
from fastapi.testclient import TestClient

from api.app import create_app
from cypher.store import open_store
from loaders.pipeline import load_paths
from ontology.settings import Settings


@pytest.fixture(scope="module")
def client(loaded):
    store, _ = loaded
    return TestClient(create_app(store))


def test_notices_are_paged_with_a_total(client):
    first = client.get("/notices", params={"limit": 2}).json()
    assert first["total"] == 7 and first["limit"] == 2 and len(first["items"]) == 2
    rest = client.get("/notices", params={"offset": 2, "limit": 50}).json()
    ids = [n["id"] for n in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 7
    awards = client.get("/notices", params={"kind": "award_notice"}).json()
    assert [n["doc_number"] for n in awards["items"]] == ["川办函〔2023〕58号"]
    assert client.get("/notices", params={"kind": "poster"}).status_code == 422
    assert client.get("/notices", params={"limit": 0}).status_code == 422


def test_notice_and_measure_details(client):
    notice_id = client.get("/notices", params={"q": "渝府办发"}).json()["items"][0]["id"]
    notice = client.get(f"/notices/{notice_id}").json()
    assert notice["doc_number"] == "渝府办发〔2022〕74号" and notice["measures"] == 30
    assert len(notice["measure_list"]) == 30
    m17 = next(m for m in notice["measure_list"] if m["ordinal"] == "17")
    assert sorted(m17["lead_departments"]) == ["市林业局", "市水利局"]
    measure = client.get(f"/measures/{m17['id']}").json()
    assert measure["notice"]["id"] == notice_id and measure["source_notice"] == notice_id
    assert measure["span_end"] > measure["span_start"]
    assert client.get("/notices/nope").status_code == 404
    assert client.get("/measures/nope").status_code == 404


def test_departments_list_and_profile(client):
    page = client.get("/departments", params={"q": "發展改革委"}).json()  # traditional, abbreviated
    assert page["total"] >= 2 and all("发展和改革" in d["name"] for d in page["items"])
    chongqing = client.get("/departments", params={"jurisdiction": "500000", "q": "发展和改革"}).json()["items"][0]
    profile = client.get(f"/departments/{chongqing['id']}").json()
    assert profile["jurisdiction"] == "500000" and len(profile["leads"]) == chongqing["leads"] > 0
    assert "市财政局" in {d["name"] for d in profile["co_leads"]}
    assert client.get("/departments/none").status_code == 404


def test_localities_list_and_profile(client):
    children = client.get("/localities", params={"parent": "500000", "limit": 500}).json()
    assert children["total"] == len(children["items"]) > 20
    assert {"渝北区", "两江新区"} <= {c["name"] for c in children["items"]}
    profile = client.get("/localities/500112").json()
    assert sum(r["awards"] for r in profile["by_year_topic"] if r["topic"] == "ecology") >= 1
    assert client.get("/localities", params={"level": "planet"}).status_code == 422


def test_topics(client):
    ecology = client.get("/topics/ecology").json()
    assert ecology["label_zh"] and ecology["measures"] > 0 and ecology["winners"] > 0
    assert client.get("/topics/no_such").status_code == 404


def test_search_across_kinds_scripts_and_short_forms(client):
    simplified = client.get("/search", params={"q": "渝北"}).json()["results"]
    traditional = client.get("/search", params={"q": "萬州"}).json()["results"]
    short_form = client.get("/search", params={"q": "石柱县"}).json()["results"]
    assert any(r["id"] == "500112" for r in simplified)
    assert any(r["id"] == "500101" for r in traditional)
    assert short_form[0]["name"] == "石柱土家族自治县"
    notices = client.get("/search", params={"q": "川办函"}).json()["results"]
    assert any(r["kind"] == "notice" for r in notices)


def test_cypher_reads_and_agrees_with_the_winners_endpoint(client):
    by_hand = """
        MATCH (l:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(:Measure)-[:ABOUT]->(t:Topic)
        WHERE a.year = $year AND t.id IN ['ecology', 'investment']
        WITH l, count(DISTINCT t.id) AS topics WHERE topics = 2
        RETURN l.id ORDER BY l.id"""
    answer = client.post("/cypher", json={"query": by_hand, "params": {"year": 2020}}).json()
    assert answer["complete"] is True
    winners = client.get("/queries/winners", params={"all_topics": "ecology,investment", "year": 2020}).json()
    assert [row[0] for row in answer["rows"]] == sorted(loc["id"] for loc in winners["localities"])


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:Topic {id: 'x'})",
        "MERGE (t:Topic {id: 'ecology'}) SET t.label_en = 'changed'",
        "MATCH (t:Topic {id: 'ecology'}) SET t.label_en = 'changed'",
        "MATCH (a:Award) DETACH DELETE a",
        "MATCH (t:Topic) REMOVE t.label_en",
        "CREATE NODE TABLE Evil(id STRING PRIMARY KEY)",
        "DROP TABLE Topic",
        "ALTER TABLE Topic ADD evil STRING",
        "COPY Topic FROM '/etc/passwd'",
        "LOAD FROM '/etc/passwd' RETURN *",
        "INSTALL json",
        "CALL create_fts_index('Locality', 'names', ['name'])",
    ],
)
def test_writes_through_cypher_are_refused_and_change_nothing(client, loaded, query):
    store, _ = loaded
    before = store.counts()
    label = store.query("MATCH (t:Topic {id: 'ecology'}) RETURN t.label_en").rows
    response = client.post("/cypher", json={"query": query})
    assert response.status_code in (400, 403), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert store.counts() == before
    assert store.query("MATCH (t:Topic {id: 'ecology'}) RETURN t.label_en").rows == label


def test_cypher_limits_are_explicit_errors(loaded):
    client = TestClient(create_app(loaded[0], Settings(cypher_timeout_ms=300)))
    too_many = client.post("/cypher", json={"query": "UNWIND range(1, 5000) AS x RETURN x"})
    assert too_many.status_code == 422 and too_many.json()["type"].endswith("/row-limit")
    endless = (
        "MATCH (a:Award), (b:Award), (c:Award), (d:Award) WHERE a.id < b.id AND b.id < c.id AND c.id < d.id "
        "RETURN count(*)"
    )
    slow = client.post("/cypher", json={"query": endless})
    assert slow.status_code == 504 and slow.json()["type"].endswith("/query-timeout")
    bad = client.post("/cypher", json={"query": "MATCH (n:NoSuchLabel) RETURN n"})
    if loaded[0].dialect == "neo4j":  # Neo4j answers an unknown label with no rows (and a notification)
        assert bad.status_code == 200 and bad.json()["rows"] == []
    else:
        assert bad.status_code == 400 and "NoSuchLabel" in bad.json()["detail"]
    broken = client.post("/cypher", json={"query": "MATCH (n:Locality) RETURN n.id +"})
    assert broken.status_code == 400 and broken.json()["type"].endswith("/bad-query")


def test_uploads_need_a_key_and_invalidate_etags(tmp_path):
    store = open_store(store_url_for("ladybug", tmp_path))
    load_paths([seed("000")], store)
    document = ("notice.txt", seed("002").read_bytes(), "text/plain")
    keyless = TestClient(create_app(store, Settings(api_key="")))
    assert keyless.post("/documents", files={"files": document}).json()["type"].endswith("/writes-disabled")
    client = TestClient(create_app(store, Settings(api_key="s3cret", upload_dir=str(tmp_path / "uploads"))))
    first = client.get("/notices")
    etag = first.headers["etag"]
    assert client.get("/notices", headers={"If-None-Match": etag}).status_code == 304
    assert client.post("/documents", files={"files": document}, headers={"X-API-Key": "wrong"}).status_code == 401
    empty = ("empty.txt", b"", "text/plain")
    files = [("files", document), ("files", empty)]
    loaded = client.post("/documents?wait=true", files=files, headers={"X-API-Key": "s3cret"})
    body = loaded.json()
    assert loaded.status_code == 200 and body["loaded"] == 1 and body["failed"] == 1 and body["state"] == "failed"
    assert body["files"][0]["documents"][0]["awards"] > 100
    assert body["files"][1]["error"] == "empty.txt: is empty"
    # The uploaded file is kept, so the spans of what it stated can be shown; the refused one is not.
    notice = body["files"][0]["documents"][0]["notice"]
    source = client.get(f"/notices/{notice}/source").json()
    assert source["text"] == seed("002").read_text(encoding="utf-8") and "uploads" in source["source_path"]
    assert [p.name for p in (tmp_path / "uploads").rglob("*") if p.is_file()] == ["notice.txt"]
    after = client.get("/notices", headers={"If-None-Match": etag, "Cache-Control": "no-cache"})  # read one's write
    assert after.status_code == 200 and after.json()["total"] == 2 and after.headers["etag"] != etag
    store.close()


def test_paging_far_past_the_end_is_an_empty_page_not_a_crash(client, loaded):
    # LadybugDB 0.22 crashes the process on ORDER BY … SKIP far past the rows: the API must never ask it to.
    page = client.get("/departments", params={"offset": 105964577, "limit": 129}).json()
    assert page["items"] == [] and page["total"] > 0
    far = client.post("/cypher", json={"query": "MATCH (d:Department) RETURN d.id ORDER BY d.id SKIP 20000 LIMIT 5"})
    if loaded[0].dialect == "ladybug":
        assert far.status_code == 400 and "SKIP 20000" in far.json()["detail"]
    else:  # only the embedded engine needs the guard
        assert far.status_code == 200 and far.json()["rows"] == []
    assert client.get("/health").status_code == 200


def test_named_queries_take_json_parameters(client):
    answer = client.post(
        "/queries/winners_all_topics", json={"topics": ["ecology", "investment"], "year_from": 2020, "year_to": 2020}
    ).json()
    assert {"500112", "500156"} <= {r["id"] for r in answer["rows"]}
    ranked = client.post("/queries/localities_ranked", json={"jurisdiction": "510000", "by": "amount", "limit": 3})
    assert ranked.json()["rows"][0]["amount_yuan"] >= ranked.json()["rows"][-1]["amount_yuan"] > 0


def test_parameters_the_engine_cannot_bind_are_a_bad_request(client, loaded):
    mixed = client.post("/cypher", json={"query": "RETURN $x AS x", "params": {"x": [1, "a"]}})
    if loaded[0].dialect == "neo4j":  # Neo4j lists may mix types
        assert mixed.status_code == 200 and mixed.json()["rows"] == [[[1, "a"]]]
    else:
        assert mixed.status_code == 400 and mixed.json()["type"].endswith("/bad-query")
