"""CORS: every read (GET, HEAD, and the POSTs that only query) may be made from any web page; writes from none."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app

ORIGIN = {"Origin": "https://example.org"}


@pytest.fixture(scope="module")
def client(loaded):
    return TestClient(create_app(loaded[0]))


def preflight(client, path: str, method: str, headers: str = "content-type"):
    return client.options(
        path, headers={**ORIGIN, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers}
    )


def test_reads_carry_the_header_cached_or_not(client):
    for _ in range(2):  # the second answer comes from the answer cache
        for headers in (ORIGIN, {}):
            response = client.get("/topics", headers=headers)
            assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
            assert "access-control-allow-credentials" not in response.headers
    assert "ETag" in client.get("/health", headers=ORIGIN).headers["access-control-expose-headers"]
    missing = client.get("/notices/nope", headers=ORIGIN)  # errors too, so a page can read the problem
    assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == "*"


def test_query_posts_carry_the_header(client):
    answers = [
        client.post("/sparql", headers=ORIGIN, data={"query": "ASK { ?s ?p ?o }"}),
        client.post("/cypher", headers=ORIGIN, json={"query": "MATCH (n:Topic) RETURN count(n) AS n"}),
        client.post("/queries/search_names", headers=ORIGIN, json={"q": "渝北"}),
    ]
    for response in answers:
        assert response.status_code == 200, response.text
        assert response.headers["access-control-allow-origin"] == "*"


def test_writes_do_not(client):
    upload = client.post("/documents", headers=ORIGIN, files={"files": ("a.txt", b"x")})
    assert upload.status_code in (401, 403) and "access-control-allow-origin" not in upload.headers
    delete = client.delete("/notices/x", headers=ORIGIN)
    assert delete.status_code in (401, 403) and "access-control-allow-origin" not in delete.headers


def test_preflights(client):
    for path, method in [("/sparql", "POST"), ("/cypher", "POST"), ("/queries/winners", "POST"), ("/health", "GET")]:
        response = preflight(client, path, method)
        assert response.status_code == 204, path
        assert response.headers["access-control-allow-origin"] == "*"
        assert method in response.headers["access-control-allow-methods"]
        assert "Content-Type" in response.headers["access-control-allow-headers"]
    assert "POST" not in preflight(client, "/notices", "GET").headers["access-control-allow-methods"]
    for path, method in [("/documents", "POST"), ("/notices/x", "DELETE"), ("/topics", "PUT"), ("/health", "POST")]:
        response = preflight(client, path, method)
        assert "access-control-allow-origin" not in response.headers, (path, method)
        assert response.status_code >= 400
