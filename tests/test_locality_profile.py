"""GET /localities/{id} is put together from three plain queries (api/locality_profile.py): it must answer
exactly what the named queries `locality`, `locality_by_year_topic` and `locality_awards` answer, on both
engines."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from cypher.named_queries import run_named

# Localities with awards, the places they are part of (children, no awards of their own) and a few with
# neither: every branch of the profile (no parent, no children, no topics, several topics).
AWARDED = "MATCH (l:Locality)-[:RECEIVED]->(:Award) RETURN DISTINCT l.id ORDER BY l.id"
PARENTS = "MATCH (c:Locality)-[:RECEIVED]->(:Award), (c)-[:PART_OF]->(p:Locality) RETURN DISTINCT p.id ORDER BY p.id"
NEITHER = "MATCH (l:Locality) WHERE NOT EXISTS { MATCH (l)-[:RECEIVED]->() } RETURN l.id ORDER BY l.id LIMIT 5"


@pytest.fixture(scope="module")
def client(loaded):
    store, _ = loaded
    return TestClient(create_app(store))


def expected(store, locality_id: str) -> dict:
    """The profile as the route made it before: the three named queries, run as they are."""
    place = run_named(store, "locality", {"id": locality_id}).records()[0]
    return {
        **place,
        "by_year_topic": run_named(store, "locality_by_year_topic", {"id": locality_id}).records(),
        "award_history": run_named(store, "locality_awards", {"id": locality_id}).records(),
    }


def test_the_profile_answers_what_the_named_queries_answer(loaded, client):
    store, _ = loaded
    awarded, parents, neither = ([row[0] for row in store.query(q).rows] for q in (AWARDED, PARENTS, NEITHER))
    assert len(awarded) >= 3 and parents and neither
    for locality_id in awarded + parents + neither:
        answer = client.get(f"/localities/{locality_id}")
        assert answer.status_code == 200, answer.text[:300]
        assert answer.json() == expected(store, locality_id), locality_id
    several_topics = [
        a for c in awarded for a in client.get(f"/localities/{c}").json()["award_history"] if len(a["topics"]) > 1
    ]
    assert several_topics, "the seeds should hold an award under a measure of several topics"


def test_an_unknown_locality_is_a_404_problem(client):
    answer = client.get("/localities/999999")
    assert answer.status_code == 404 and answer.json()["title"] == "Locality not found"
    assert "999999" in answer.json()["detail"]
