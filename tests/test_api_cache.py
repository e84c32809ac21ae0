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
    assert first.headers["cache-status"] == "ikg; fwd=miss"
    asked = counting.queries
    again = client.get("/notices")
    assert counting.queries == asked and again.content == first.content
    assert again.headers["cache-status"] == "ikg; hit"
    assert again.headers["etag"] == first.headers["etag"]
    assert client.get("/notices", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    assert client.get("/notices", headers={"Accept": "text/html"}).status_code == 200  # another key
    load_paths([seed("002")], store)  # a write; the writer asks for a fresh answer to read it
    after = client.get("/notices", headers={"Cache-Control": "no-cache"})
    assert counting.queries > asked and after.headers["cache-status"] == "ikg; fwd=miss"
    assert after.json()["total"] == first.json()["total"] + 1
    assert after.headers["etag"] != first.headers["etag"]
    store.close()


def test_after_a_write_the_previous_answer_is_served_while_the_fresh_one_is_made(tmp_path):
    """Stale-while-revalidate: no reader waits for the store after a write; the fresh answer follows."""
    store = open_store(store_url_for("ladybug", tmp_path))
    load_paths([seed("000")], store)
    with TestClient(create_app(store)) as client:  # one event loop for all requests, as under uvicorn
        before = client.get("/notices")
        load_paths([seed("002")], store)
        stale = client.get("/notices")
        assert stale.content == before.content and stale.headers["etag"] == before.headers["etag"]
        assert stale.headers["cache-status"].startswith("ikg; hit; ttl=-")
        fresh = _poll(client, "/notices", lambda a: a.headers["cache-status"] == "ikg; hit")
        assert fresh.json()["total"] == before.json()["total"] + 1
        assert fresh.headers["etag"] != before.headers["etag"]
    store.close()


def test_readers_who_ask_for_a_fresh_answer_wait_for_one_question(tmp_path):
    store = open_store(store_url_for("ladybug", tmp_path))
    load_paths([seed("000")], store)
    counting = _CountingStore(store)
    app = create_app(counting)
    total = _ask_at_once(app, 1)[0].json()["total"]
    load_paths([seed("002")], store)
    counting.queries = 0
    answers = _ask_at_once(app, 6, headers={"Cache-Control": "no-cache"})
    assert {a.json()["total"] for a in answers} == {total + 1}
    assert sorted(a.headers["cache-status"] for a in answers) == ["ikg; fwd=miss"] + ["ikg; fwd=miss; collapsed"] * 5
    assert counting.queries <= 2  # one question (a count and a page), not six
    store.close()


def test_an_answer_out_of_date_for_longer_than_the_bound_is_never_served(tmp_path, monkeypatch):
    monkeypatch.setenv("IKG_CACHE_MAX_STALE_S", "0")
    store = open_store(store_url_for("ladybug", tmp_path))
    load_paths([seed("000")], store)
    client = TestClient(create_app(store))
    total = client.get("/notices").json()["total"]
    load_paths([seed("002")], store)
    after = client.get("/notices")
    assert after.headers["cache-status"] == "ikg; fwd=miss" and after.json()["total"] == total + 1
    store.close()


def test_what_was_deleted_stops_being_served_once_the_store_has_been_asked(tmp_path):
    store = open_store(store_url_for("ladybug", tmp_path))
    load_paths([seed("000"), seed("002")], store)
    with TestClient(create_app(store)) as client:
        notice = client.get("/notices").json()["items"][0]["id"]
        assert client.get(f"/notices/{notice}").status_code == 200
        assert store.delete_notice(notice)
        assert _poll(client, f"/notices/{notice}", lambda a: a.status_code == 404).status_code == 404
        assert client.get(f"/notices/{notice}").status_code == 404  # and the kept 200 is gone for good
    store.close()


def _poll(client, url: str, done, seconds: float = 10.0):
    import time

    deadline = time.monotonic() + seconds
    while True:
        answer = client.get(url)
        if done(answer) or time.monotonic() > deadline:
            return answer
        time.sleep(0.02)


def _ask_at_once(app, times: int, path: str = "/notices", headers: dict | None = None):
    import asyncio

    import httpx

    async def ask():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get(path, headers=headers) for _ in range(times)))

    return asyncio.run(ask())


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
