"""The HTTP API: in-process for breadth, and once through a real `ikg serve` (uvicorn) over HTTP."""

from __future__ import annotations

import httpx
import pytest
from conftest import seed
from fastapi.testclient import TestClient
from live_server import serve

from api.app import create_app


@pytest.fixture(scope="module")
def client(loaded):
    store, _ = loaded
    return TestClient(create_app(store))


def test_health_reports_the_graph(client):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["nodes"]["Notice"] >= 7 and body["relationships"]["RECEIVED"] > 300


def test_winners_of_every_topic(client):
    response = client.get("/queries/winners", params={"all_topics": "ecology,investment", "year": 2020})
    assert response.status_code == 200
    body = response.json()
    names = {loc["name"] for loc in body["localities"]}
    assert {"渝北区", "武隆区"} <= names and "黔江区" not in names
    assert body["count"] == len(body["localities"])
    yubei = next(loc for loc in body["localities"] if loc["name"] == "渝北区")
    assert {e["topic"] for e in yubei["evidence"]} == {"ecology", "investment"}


def test_winners_filters(client):
    in_sichuan = client.get("/queries/winners", params={"all_topics": "ecology", "jurisdiction": "510000"}).json()
    assert in_sichuan["count"] > 0 and all(loc["id"].startswith("51") for loc in in_sichuan["localities"])
    counties = client.get("/queries/winners", params={"all_topics": "ecology", "level": "prefecture"}).json()
    assert counties["count"] > 0 and all(loc["level"] == "prefecture" for loc in counties["localities"])
    later = client.get("/queries/winners", params={"all_topics": "ecology", "year_from": 2030}).json()
    assert later["count"] == 0


def test_winners_page_and_summarise_their_evidence(client):
    everyone = client.get("/queries/winners", params={"all_topics": "ecology", "limit": 500, "evidence": 1000}).json()
    assert everyone["total"] == everyone["count"] == len(everyone["localities"]) > 3
    ids = [loc["id"] for loc in everyone["localities"]]
    assert ids == sorted(ids)
    pages = [
        client.get("/queries/winners", params={"all_topics": "ecology", "offset": o, "limit": 2, "evidence": 1}).json()
        for o in range(0, len(ids), 2)
    ]
    assert [loc["id"] for p in pages for loc in p["localities"]] == ids
    assert all(p["total"] == len(ids) and p["limit"] == 2 for p in pages)
    for page in pages:
        for loc in page["localities"]:
            full = next(x for x in everyone["localities"] if x["id"] == loc["id"])
            assert loc["evidence"] == full["evidence"][:1] and loc["evidence_total"] == len(full["evidence"])
            listed = client.get(loc["evidence_url"]).json()["rows"]  # the link lists every piece
            assert sorted(map(str, ({k: v for k, v in r.items() if k != "locality"} for r in listed))) == sorted(
                map(str, full["evidence"])
            )
            assert {e["topic"] for e in full["evidence"][: len(everyone["topics"])]} == set(everyone["topics"])
    past_the_end = client.get("/queries/winners", params={"all_topics": "ecology", "offset": 10_000}).json()
    assert past_the_end["localities"] == [] and past_the_end["total"] == len(ids)
    assert client.get("/queries/winners", params={"all_topics": "ecology", "limit": 501}).status_code == 422
    default = client.get("/queries/winners", params={"all_topics": "ecology"}).json()
    assert default["limit"] == 50 and all(len(loc["evidence"]) <= 3 for loc in default["localities"])


def test_unknown_topic_is_a_problem(client):
    response = client.get("/queries/winners", params={"all_topics": "ecology,no_such_topic"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"].endswith("/unknown-topic") and "no_such_topic" in problem["detail"]


def test_locality_profile(client):
    body = client.get("/localities/500112").json()
    assert body["name"] == "渝北区" and body["level"] == "county"
    assert body["parent"]["id"] == "500000"
    assert len(body["award_history"]) == body["awards"] >= 10
    assert all(a["year"] == 2020 for a in body["award_history"])


def test_missing_locality_is_404(client):
    response = client.get("/localities/000000")
    assert response.status_code == 404 and response.json()["type"].endswith("/not-found")


def test_named_queries_over_http(client):
    listed = {q["name"] for q in client.get("/queries").json()}
    assert {"winners_all_topics", "locality_awards", "search_names"} <= listed
    found = client.get("/queries/search_names", params={"q": "渝北"}).json()
    assert any(r["id"] == "500112" for r in found["rows"])
    assert client.get("/queries/nope").status_code == 404
    bad = client.get("/queries/locality_awards")
    assert bad.status_code == 400 and "needs parameter 'id'" in bad.json()["detail"]


def test_openapi_documents_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    assert {"/health", "/localities/{locality_id}", "/queries/winners"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_real_server_over_http(tmp_path):
    """`ikg serve --load` in its own process, spoken to over a socket as a user would."""
    with serve(seed("002"), tmp_path) as base:
        body = httpx.get(f"{base}/queries/winners", params={"all_topics": "ecology,investment", "year": 2020}).json()
        names = {loc["name"] for loc in body["localities"]}
        assert {"渝北区", "武隆区"} <= names and "黔江区" not in names
        notices = httpx.get(f"{base}/notices").json()
        assert notices["total"] == 1 and notices["items"][0]["kind"] == "news_report"
        profile = httpx.get(f"{base}/localities/500112")
        assert profile.json()["awards"] >= 10 and profile.headers["etag"]
        assert (
            httpx.get(f"{base}/localities/500112", headers={"If-None-Match": profile.headers["etag"]}).status_code
            == 304
        )
        cypher = httpx.post(f"{base}/cypher", json={"query": "MATCH (a:Award) RETURN count(a)"}).json()
        assert cypher["rows"][0][0] > 100 and cypher["complete"] is True
        refused = httpx.post(f"{base}/cypher", json={"query": "MATCH (a:Award) DETACH DELETE a"})
        assert refused.status_code == 400
        for name in [q["name"] for q in httpx.get(f"{base}/queries").json()]:
            assert httpx.get(f"{base}/queries/{name}").status_code in (200, 400), name  # 400: required params
