"""Reads from many threads at once on the embedded store: the same answers as one at a time, and a write seen whole.

LadybugDB 0.22 answers wrongly (no row for a locality that exists, repeated or garbage rows) and then crashes
when concurrent queries exhaust its buffer pool (`tools/ladybug_threads.py`). The store bounds the reads
running at once (IKG_READ_CONNECTIONS); the first test runs in a child process (a crash fails the test, not the
session) with the server's defaults. With one connection per thread, as the former per-thread readers had
(IKG_READ_CONNECTIONS=16), it fails: wrong rows for `locality_awards` with the 512 MB pool, SIGSEGV with 64 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cypher.ladybug_store import LadybugStore
from cypher.named_queries import run_named
from loaders.pipeline import load_paths
from ontology.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

# In the child: the questions a server answers for a page of the explorer, serially (the expected answers), then
# from 16 threads, each asking every question in its own order. Rows are compared as sets (see canon).
CHILD = r"""
import json, random, sys, threading
from cypher.ladybug_store import LadybugStore
from cypher.named_queries import run_named
from ontology.errors import Overloaded

def canon(rows):
    # Rows as a sorted list, lists inside sorted: ties in ORDER BY and collect() have no order of their own.
    def value(v):
        return sorted(map(json.dumps, v)) if isinstance(v, list) else v
    return sorted(json.dumps([value(v) for v in row], sort_keys=True) for row in rows)

store = LadybugStore(sys.argv[1])
ids = {label: [r[0] for r in store.query(f"MATCH (n:{label}) RETURN n.id ORDER BY n.id").rows]
       for label in ("Locality", "Notice", "Measure", "Topic")}
work = [("locality", {"id": i}) for i in ids["Locality"]]
work += [("locality_awards", {"id": i}) for i in ids["Locality"]]
work += [("notice", {"id": i}) for i in ids["Notice"]]
work += [("measure", {"id": i}) for i in ids["Measure"][:60]]
work += [("topic", {"id": i}) for i in ids["Topic"]]
work += [("localities", {"level": "county", "limit": n}) for n in (5, 50, 200)]
work += [("winners_any_topic", {"topics": ids["Topic"][:2]})]
expected = [canon(run_named(store, name, params).rows) for name, params in work]
wrong, errors, busy = [], [], []
lock = threading.Lock()

def reader(n):
    order = list(range(len(work)))
    random.Random(n).shuffle(order)
    for i in order:
        try:
            rows = canon(run_named(store, *work[i]).rows)
        except Overloaded:  # no turn within the admission's wait (its semaphore is not fair): not an answer
            with lock:
                busy.append(i)
            continue
        except Exception as exc:
            with lock:
                errors.append(f"{work[i][0]}: {exc}")
            continue
        if rows != expected[i]:
            with lock:
                wrong.append([work[i][0], work[i][1], expected[i][:1], rows[:1]])

threads = [threading.Thread(target=reader, args=(n,)) for n in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
store.close()
print(json.dumps({"questions": len(work), "answers": 16 * len(work) - len(busy) - len(errors), "wrong": wrong[:5],
                  "errors": sorted(set(errors))[:5]}))
"""


@pytest.fixture(scope="module")
def seeds_graph(seeds_dir, tmp_path_factory) -> str:
    url = f"ladybug://{tmp_path_factory.mktemp('reads') / 'graph'}"
    store = LadybugStore(url)
    try:
        load_paths([seeds_dir], store)
    finally:
        store.close()
    return url


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
def test_many_threads_answer_as_one_does(seeds_graph):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("IKG_BUFFER_POOL_MB", None)  # the default 512 MB buffer pool
    env["IKG_READ_CONNECTIONS"] = "2"  # reads in parallel, as this machine's cores would set it
    done = subprocess.run(
        [sys.executable, "-c", CHILD, seeds_graph], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"the reads crashed the process ({done.returncode}): {done.stderr[-2000:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["questions"] > 100
    assert result["answers"] > 10 * result["questions"]
    assert result["errors"] == []
    assert result["wrong"] == []


def test_reads_during_writes_see_a_batch_whole_or_not_at_all(seeds_dir, tmp_path):
    """While a writer replaces the seeds' notices again and again (each batch: delete what they own, merge
    them again, commit, checkpoint), readers on other threads count Awards and Measures per notice: every
    count is the committed one, never a batch's half (owned nodes deleted and not yet merged back)."""
    store = LadybugStore(f"ladybug://{tmp_path / 'graph'}")
    try:
        load_paths([seeds_dir], store)
        count = (
            "MATCH (n:Notice) WHERE n.kind IS NOT NULL "
            "OPTIONAL MATCH (a:Award) WHERE a.notice_id = n.id "
            "WITH n, count(a) AS awards "
            "OPTIONAL MATCH (m:Measure) WHERE m.notice_id = n.id "
            "RETURN n.id, awards, count(m) ORDER BY n.id"
        )
        whole = store.query(count).rows
        assert whole and all(awards or measures for _, awards, measures in whole)
        seen, stop, failures = [], threading.Event(), []

        def reader():
            while not stop.is_set():
                try:
                    seen.append(store.query(count).rows)
                except Exception as exc:  # noqa: BLE001 - a failure of the read is the finding
                    failures.append(exc)

        readers = [threading.Thread(target=reader) for _ in range(4)]
        for t in readers:
            t.start()
        try:
            for _ in range(3):
                load_paths([seeds_dir], store)
        finally:
            stop.set()
            for t in readers:
                t.join()
        assert failures == []
        assert len(seen) > 3
        assert all(rows == whole for rows in seen), next(rows for rows in seen if rows != whole)
        assert store.query(count).rows == whole
    finally:
        store.close()


def test_reads_wait_for_a_connection_and_close_waits_for_reads(seeds_graph, monkeypatch):
    """More reads than connections queue (the admission's turns), never share a connection; closing the
    store waits for the reads under way."""
    import cypher.ladybug_store as ladybug_store

    store = LadybugStore(seeds_graph, settings=Settings(read_connections=2))
    in_use, most, lock = set(), [0], threading.Lock()
    original = ladybug_store._run

    def run(conn, cypher, params, timeout_ms):
        with lock:
            assert id(conn) not in in_use, "one connection used by two reads at once"
            in_use.add(id(conn))
            most[0] = max(most[0], len(in_use))
        try:
            return original(conn, cypher, params, timeout_ms)
        finally:
            with lock:
                in_use.discard(id(conn))

    monkeypatch.setattr(ladybug_store, "_run", run)
    ids = [r[0] for r in store.query("MATCH (l:Locality) RETURN l.id ORDER BY l.id").rows]
    answers = {i: run_named(store, "locality", {"id": i}).rows for i in ids}
    errors = []

    def reader():
        try:
            for i in ids:
                assert run_named(store, "locality", {"id": i}).rows == answers[i]
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    assert errors == []
    assert 1 <= most[0] <= 2
    assert len(store._readers._idle) == 0  # closed with the store


def test_a_serving_store_leaves_a_core_to_the_readers(tmp_path):
    """Writes use every core for a CLI load; once a server prefers its readers, they leave one to them."""
    store = LadybugStore(f"ladybug://{tmp_path / 'graph'}")
    try:

        def write_threads() -> int:
            with store._connection() as conn:
                return int(conn.execute("CALL current_setting('threads') RETURN *").get_all()[0][0])

        cores = os.cpu_count() or 1
        assert write_threads() == cores
        store.prefer_readers()
        assert write_threads() == max(1, cores - 1)
    finally:
        store.close()
