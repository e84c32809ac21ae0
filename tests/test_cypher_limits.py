"""Ad-hoc queries on the embedded engine run in killable worker processes: time, memory, rows, answer size
and concurrency limits hold against queries built to break them, and the engine is a second wall for writes."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from cypher.query_workers import KILL_GRACE_S, WorkerLimits, WorkerPool
from ontology.errors import Overloaded, QueryMemoryExceeded, QueryTimeout, RowLimitExceeded, WriteRefused

# The engine checks its time limit between steps: this one step computes for seconds (3 s here) whatever the
# limit says; its 640 MB list fits the 2 GB these tests give a query.
UNSTOPPABLE = "RETURN list_sum(range(1, 80000000)) AS s"
# Two billion integers are 16 GB: the list is built before the first check of any limit.
HUNGRY = "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN x"
SIMPLE = "MATCH (t:Topic) RETURN count(t) AS n"


@pytest.fixture(scope="module")
def embedded(seeds_dir, tmp_path_factory):
    """The seeds in the embedded store: worker processes are how that engine is bounded (Neo4j bounds its
    queries itself, tested in test_neo4j_live.py)."""
    from cypher.store import open_store
    from loaders.pipeline import load_paths

    with open_store(f"ladybug://{tmp_path_factory.mktemp('limits') / 'graph'}") as store:
        load_paths([seeds_dir], store)
        yield store


def _pool(store, **limits) -> WorkerPool:
    return WorkerPool(store.path, WorkerLimits(**{"memory_mb": 2048, **limits}))


def _run(pool: WorkerPool, store, query: str, timeout_ms: int = 5000, max_rows: int = 1000):
    return pool.run(
        query, {}, version=store.version, open_lock=threading.Lock(), timeout_ms=timeout_ms, max_rows=max_rows
    )


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A killed child not yet reaped is a zombie: gone for our purpose.
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"


def test_a_query_the_engine_cannot_stop_is_killed_at_its_limit_and_the_next_query_is_served(embedded):
    pool = _pool(embedded, workers=1, queue=0)
    try:
        topics = _run(pool, embedded, SIMPLE).rows[0][0]  # opens the graph in the worker
        (before,) = pool.pids()
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="300 ms"):
            _run(pool, embedded, UNSTOPPABLE, timeout_ms=300)
        stopped_after = time.monotonic() - started
        assert stopped_after < 0.3 + KILL_GRACE_S + 1.0, stopped_after  # generous: a liveness bound, not a target
        assert _gone(before)
        assert pool.pids() != [before]
        assert _run(pool, embedded, SIMPLE).rows[0][0] == topics
    finally:
        pool.close()


def test_a_query_that_wants_too_much_memory_fails_inside_its_worker(embedded):
    pool = _pool(embedded, workers=1, queue=0, memory_mb=256)
    try:
        with pytest.raises(QueryMemoryExceeded):
            _run(pool, embedded, HUNGRY)
        rss_kb = int(Path(f"/proc/{pool.pids()[0]}/status").read_text().split("VmHWM:")[1].split()[0])
        assert rss_kb < 1024 * 1024, rss_kb  # never near the 16 GB the query asked for
        assert _run(pool, embedded, SIMPLE).rows[0][0] > 0
    finally:
        pool.close()


def test_queries_past_the_workers_and_the_queue_are_refused_at_once(embedded):
    pool = _pool(embedded, workers=1, queue=1)
    try:
        _run(pool, embedded, SIMPLE)
        slow = [threading.Thread(target=_expect_timeout, args=(pool, embedded)) for _ in range(2)]
        for thread in slow:
            thread.start()
        time.sleep(0.3)  # one runs, one waits
        started = time.monotonic()
        with pytest.raises(Overloaded):
            _run(pool, embedded, SIMPLE)
        assert time.monotonic() - started < 0.5
        for thread in slow:
            thread.join()
        assert _run(pool, embedded, SIMPLE).rows[0][0] > 0  # and served again once they are done
    finally:
        pool.close()


def _expect_timeout(pool, store):
    with pytest.raises((QueryTimeout, Overloaded)):
        _run(pool, store, UNSTOPPABLE, timeout_ms=1000)


def test_rows_and_answer_size_are_capped_with_errors_not_truncation(embedded):
    pool = _pool(embedded, workers=1, queue=0, max_result_mb=1)
    try:
        with pytest.raises(RowLimitExceeded, match="more than 10 rows"):
            _run(pool, embedded, "UNWIND range(1, 11) AS x RETURN x", max_rows=10)
        assert len(_run(pool, embedded, "UNWIND range(1, 10) AS x RETURN x", max_rows=10).rows) == 10
        with pytest.raises(RowLimitExceeded, match="larger than 1 MB"):
            _run(pool, embedded, "RETURN range(1, 500000) AS big")
    finally:
        pool.close()


def test_the_engine_refuses_writes_even_without_the_guard(embedded):
    """The second wall: statements sent to a worker directly, past the guard, still change nothing."""
    before = embedded.counts()
    pool = _pool(embedded, workers=1, queue=0)
    try:
        for write in ["CREATE (:Topic {id: 'evil'})", "MATCH (a:Award) DETACH DELETE a", "DROP TABLE Topic"]:
            with pytest.raises(WriteRefused):
                _run(pool, embedded, write)
    finally:
        pool.close()
    assert embedded.counts() == before


@pytest.mark.parametrize("backend", ["ladybug"])  # the embedded engine's worker processes
def test_workers_see_each_new_version_of_the_graph(backend, scratch_store, seeds_dir):
    from loaders.pipeline import load_paths

    count = "MATCH (n:Notice) RETURN count(n)"
    assert scratch_store.query_read_only(count, timeout_ms=5000, max_rows=10).rows == [[0]]
    load_paths([seeds_dir], scratch_store)
    loaded = scratch_store.query(count).rows
    assert loaded[0][0] > 0
    assert scratch_store.query_read_only(count, timeout_ms=5000, max_rows=10).rows == loaded


def test_admission_runs_a_few_queues_a_few_and_turns_the_rest_away():
    from cypher.admission import Admission

    admission = Admission(running=1, waiting=1, what="reads")
    release, waited = threading.Event(), []

    def hold():
        with admission.turn(wait_s=5):
            release.wait(5)

    def wait_in_line():
        with admission.turn(wait_s=5):
            waited.append(True)

    holder, waiter = threading.Thread(target=hold), threading.Thread(target=wait_in_line)
    holder.start()
    time.sleep(0.1)
    waiter.start()
    time.sleep(0.1)
    with pytest.raises(Overloaded, match="1 already wait"):  # one runs, one waits: a third is turned away
        with admission.turn(wait_s=5):
            pass
    release.set()
    holder.join()
    waiter.join()
    assert waited == [True]  # the one in line got its turn
    release.clear()
    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.1)
    with pytest.raises(Overloaded, match="within 0.2 s"):
        with admission.turn(wait_s=0.2):
            pass
    release.set()
    holder.join()
