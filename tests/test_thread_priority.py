"""A server's store work runs below its request loop: the engine's threads after `prefer_readers()`, and the
thread that writes uploads (cypher/thread_priority.py; Linux, where each thread has its own nice value)."""

from __future__ import annotations

import os
import threading

import pytest
from conftest import seed, store_url_for

from cypher.store import open_store
from cypher.thread_priority import MAX_NICENESS, STORE_STEP, lower_priority, threads_started_by

pytestmark = [
    pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="per-thread priority is Linux's"),
    pytest.mark.skipif(
        os.getpriority(os.PRIO_PROCESS, 0) + STORE_STEP > MAX_NICENESS, reason="already at the lowest priority"
    ),
]


def niceness(thread_id: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, thread_id)


def own() -> int:
    return niceness(threading.get_native_id())


def test_the_threads_a_call_starts_are_found_and_only_they_are_lowered():
    release = threading.Event()
    started = threading.Thread(target=release.wait)
    _, found = threads_started_by(started.start)
    try:
        assert found == [started.native_id]
        before = own()
        assert lower_priority(found) == 1
        assert niceness(started.native_id) == before + STORE_STEP
        assert own() == before
        assert lower_priority(found) == 0  # already there: not lowered again
    finally:
        release.set()
        started.join()
    assert lower_priority(found) == 0  # an ended thread is passed over


def test_a_serving_store_runs_its_engine_below_the_request_threads(tmp_path):
    before = own()
    store = open_store(store_url_for("ladybug", tmp_path))
    try:
        engine = store._engine_threads
        assert engine, "LadybugDB's worker threads were not found at open"
        assert all(niceness(t) == before for t in engine)
        store.prefer_readers()
        assert all(niceness(t) == before + STORE_STEP for t in engine)
        assert own() == before
        assert store.query("RETURN 41 + 1 AS x").rows == [[42]]  # the engine still answers
    finally:
        store.close()


def test_the_upload_writer_runs_below_the_request_threads(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from api.app import create_app

    monkeypatch.setenv("IKG_API_KEY", "k")
    monkeypatch.setenv("IKG_UPLOAD_DIR", str(tmp_path / "uploads"))
    store = open_store(store_url_for("ladybug", tmp_path))
    try:
        with TestClient(create_app(store)) as client:
            upload = ("files", ("002.txt", seed("002").read_bytes(), "text/plain"))
            assert client.post("/documents", files=[upload], headers={"X-API-Key": "k"}).status_code == 202
            writer = next(t for t in threading.enumerate() if t.name == "ikg-upload-writer")
            assert writer.native_id is not None
            for _ in range(200):  # it lowers itself as it starts
                if niceness(writer.native_id) == own() + STORE_STEP:
                    break
                threading.Event().wait(0.01)
            assert niceness(writer.native_id) == own() + STORE_STEP
    finally:
        store.close()
