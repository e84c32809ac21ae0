"""Answers cached per graph version: a repeat is served from memory, a write makes fresh answers."""

from __future__ import annotations

from conftest import seed, store_url_for
from fastapi.testclient import TestClient

from api.app import create_app
from cypher.store import open_store
from loaders.pipeline import load_paths


class _CountingStore:
    """The real store, counting the queries that reach it."""

    def __init__(self, store):
        self._store, self.queries = store, 0

    def query(self, *args, **kwargs):
        self.queries += 1
        return self._store.query(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_repeated_get_does_no_store_work_until_the_graph_changes(tmp_path):
    store = open_store(store_url_for("ladybug", tmp_path))
    load_paths([seed("000")], store)
    counting = _CountingStore(store)
    client = TestClient(create_app(counting))
    first = client.get("/notices")
    asked = counting.queries
    again = client.get("/notices")
    assert counting.queries == asked and again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert client.get("/notices", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    assert client.get("/notices", headers={"Accept": "text/html"}).status_code == 200  # another key
    load_paths([seed("002")], store)  # a write: new version, fresh answers
    after = client.get("/notices")
    assert counting.queries > asked
    assert after.json()["total"] == first.json()["total"] + 1
    assert after.headers["etag"] != first.headers["etag"]
    store.close()


def test_errors_are_not_cached(tmp_path):
    store = open_store(store_url_for("ladybug", tmp_path))
    counting = _CountingStore(store)
    client = TestClient(create_app(counting))
    assert client.get("/localities/999999").status_code == 404
    asked = counting.queries
    assert client.get("/localities/999999").status_code == 404
    assert counting.queries > asked
    store.close()


def test_the_same_question_asked_at_once_is_answered_once(tmp_path):
    """After a write every client asks again at once: one of them computes, the others wait for its answer."""
    import asyncio

    import httpx

    store = open_store(store_url_for("ladybug", tmp_path))
    load_paths([seed("000")], store)
    counting = _CountingStore(store)
    app = create_app(counting)

    async def ask(times: int):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get("/localities/500112") for _ in range(times)))

    load_paths([seed("002")], store)  # a new version: nothing cached for it yet
    counting.queries = 0
    asyncio.run(ask(1))
    one_answer = counting.queries  # what one request costs at this version
    load_paths([seed("003")], store)  # and again a new version
    counting.queries = 0
    answers = asyncio.run(ask(12))
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert counting.queries <= one_answer, (counting.queries, one_answer)  # not 12 times the work
    store.close()
