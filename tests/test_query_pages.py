"""`/queries/{name}` answers one page by default (`total`, `offset`, `limit`, `next`): read page by page to the
end, every named query gives the rows it gives in one run; queries that take their own `limit` page
themselves; bad paging parameters are refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.queries import QUERY_MAX_PAGE, QUERY_PAGE
from cypher.named_queries import library, run_named


@pytest.fixture(scope="module")
def store(loaded):
    return loaded[0]


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store))


ROUTE_PAGED = sorted(name for name, q in library().items() if "limit" not in {p.name for p in q.params})


@pytest.mark.parametrize("name", ROUTE_PAGED)
def test_every_page_read_gives_the_whole_answer(client, store, name):
    params = library()[name].example_params()
    whole = run_named(store, name, params).records()
    rows, url, pages = [], f"/queries/{name}", 0
    answer = client.get(url, params={**params, "limit": 2}).json()
    while True:
        pages += 1
        assert answer["total"] == len(whole) and answer["count"] == len(answer["rows"]) <= 2
        rows += answer["rows"]
        if answer["next"] is None:
            assert answer["next_offset"] is None
            break
        assert answer["next_offset"] == answer["offset"] + 2
        answer = client.get(answer["next"]).json()
    assert rows == whole
    assert pages == max(1, -(-len(whole) // 2))


def test_the_default_page_is_bounded_and_links_the_next(client, store):
    whole = run_named(store, "locality_awards", {"id": "500112"}).records()
    assert len(whole) > 2  # the seeds' 渝北区 has several awards
    answer = client.get("/queries/locality_awards", params={"id": "500112"}).json()
    assert answer["limit"] == QUERY_PAGE and answer["offset"] == 0 and answer["rows"] == whole[:QUERY_PAGE]
    posted = client.post("/queries/locality_awards", json={"id": "500112", "offset": 1, "limit": 1}).json()
    assert posted["rows"] == whole[1:2] and posted["next_offset"] == 2 and posted["next"] is None


def test_a_query_with_its_own_limit_pages_itself_with_its_count(client, store):
    answer = client.get("/queries/localities", params={"limit": 3, "offset": 2}).json()
    total = run_named(store, "localities_count", {}).rows[0][0]
    assert (
        answer["total"] == total
        and answer["rows"] == run_named(store, "localities", {"limit": 3, "offset": 2}).records()
    )
    assert answer["next"] and "offset=5" in answer["next"]
    pairs = client.get("/queries/co_award_pairs", params={"min_shared": 1, "limit": 2}).json()
    assert pairs["total"] is None and pairs["count"] <= 2  # no count query: the total is not known


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": QUERY_MAX_PAGE + 1}, {"limit": "ten"}, {"offset": -1}, {"offset": "1e3"}],
)
def test_bad_paging_is_refused(client, params):
    answer = client.get("/queries/locality_awards", params={"id": "500112", **params})
    assert answer.status_code == 400 and "must be" in answer.json()["detail"]


def test_a_topic_lists_its_measures_a_page_at_a_time(client, store):
    whole = store.query(
        "MATCH (m:Measure)-[:ABOUT]->(:Topic {id: 'ecology'}) RETURN m.id AS id, m.ordinal AS ordinal, "
        "coalesce(m.title, m.text) AS title, m.notice_id AS notice ORDER BY notice, id"
    ).records()
    assert len(whole) > 2
    answer = client.get("/topics/ecology", params={"limit": 2}).json()
    listed = list(answer["measure_list"])
    while answer["measure_list_next"]:
        answer = client.get(answer["measure_list_next"]).json()
        listed += answer["measure_list"]
    assert listed == whole and answer["measure_list_total"] == len(whole)
    past_the_end = client.get("/topics/ecology", params={"offset": len(whole) + 5}).json()
    assert past_the_end["measure_list"] == [] and past_the_end["measure_list_next"] is None
    assert past_the_end["measures"] == len(whole)
    assert client.get("/topics/ecology", params={"limit": 1001}).status_code == 422
