"""POST /cypher against a real `ikg serve`, as an attacker would use it: nothing is written anywhere, runaway
queries are stopped at their limits, a flood is turned away with 503, and /health answers throughout."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from live_server import PROJECT, serve

LIMITS = {"IKG_CYPHER_WORKERS": "1", "IKG_CYPHER_QUEUE": "1", "IKG_CYPHER_TIMEOUT_MS": "800"}
RUNAWAY = [
    "RETURN list_sum(range(1, 80000000)) AS s",  # one step the engine cannot interrupt
    "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN x",  # 16 GB list
    # a cross join the engine does interrupt
    "MATCH (a:Award), (b:Award), (c:Award), (d:Award) WHERE a.id < b.id AND b.id < c.id AND c.id < d.id "
    "RETURN count(*)",
]


@pytest.fixture(scope="module")
def server(seeds_dir, tmp_path_factory):
    with serve(seeds_dir, tmp_path_factory.mktemp("attacked"), env=LIMITS) as base:
        yield base


def _post(base: str, query: str, timeout: float = 30) -> httpx.Response:
    return httpx.post(f"{base}/cypher", json={"query": query}, timeout=timeout)


def _counts(base: str) -> dict:
    health = httpx.get(f"{base}/health", timeout=5).json()
    return {"nodes": health["nodes"], "relationships": health["relationships"]}


def test_statements_that_write_files_are_refused_and_write_nothing(server, tmp_path):
    before = _counts(server)
    project_files = set(PROJECT.iterdir())
    targets = [tmp_path / "out.csv", tmp_path / "dump"]
    statements = [
        f"PROFILE COPY (RETURN 'x' AS x) TO '{targets[0]}'",
        f"EXPLAIN COPY (MATCH (n) RETURN n.id) TO '{targets[0]}'",
        f"PROFILE EXPORT DATABASE '{targets[1]}'",
        f"/* hidden */ cOpY (RETURN 1) TO '{targets[0]}'",
        f"RETURN 1; COPY (RETURN 1) TO '{targets[0]}'",
        f"ＣＯＰＹ (RETURN 1) TO '{targets[0]}'",
        "PROFILE COPY (RETURN 'x' AS x) TO 'relative.csv'",
        "EXPORT DATABASE 'relative-dump'",
        "CALL threads=64",
        "CALL timeout=100000000",
        "BEGIN TRANSACTION",
        "CHECKPOINT",
        "INSTALL httpfs",
        "ATTACH 'other.lbug' AS other (dbtype lbug)",
    ]
    for statement in statements:
        answer = _post(server, statement)
        assert answer.status_code == 400, (statement, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["type"].endswith("/query-refused")
    assert not any(t.exists() for t in targets)
    assert set(PROJECT.iterdir()) == project_files  # the server's working directory
    assert _counts(server) == before
    # The settings were not changed either: a query still gets its own time limit.
    assert _post(server, "RETURN 1 AS one").json()["rows"] == [[1]]


def test_runaway_queries_stop_at_their_limits_while_health_answers(server):
    health_times: list[float] = []
    stop = threading.Event()

    def watch_health():
        while not stop.is_set():
            started = time.monotonic()
            assert httpx.get(f"{server}/health", timeout=5).status_code == 200
            health_times.append(time.monotonic() - started)
            time.sleep(0.1)

    watcher = threading.Thread(target=watch_health)
    watcher.start()
    try:
        with ThreadPoolExecutor(6) as pool:
            started = time.monotonic()
            answers = list(pool.map(lambda q: _post(server, q), RUNAWAY * 2))
            took = time.monotonic() - started
    finally:
        stop.set()
        watcher.join()
    statuses = sorted(a.status_code for a in answers)
    assert set(statuses) <= {422, 503, 504}, [a.text for a in answers]
    assert 503 in statuses  # one worker, one place in the queue: the rest are turned away at once
    for answer in answers:
        if answer.status_code == 503:
            assert int(answer.headers["Retry-After"]) >= 1
    # Six runaway queries through one worker: at most two at a time, each stopped at 0.8 s + the kill grace,
    # plus starting a new worker after each kill (a liveness bound, generous for a shared 2-core machine).
    assert took < 20, took
    assert health_times and max(health_times) < 1.0, max(health_times)
    served = _post(server, "MATCH (t:Topic) RETURN count(t) AS n")
    assert served.status_code == 200 and served.json()["rows"][0][0] > 0


def test_named_queries_refuse_unbounded_limits(server):
    answer = httpx.get(f"{server}/queries/departments", params={"limit": 100_000_000}, timeout=10)
    assert answer.status_code == 400 and "between 0 and" in answer.json()["detail"]


def test_problem_details_never_show_server_paths(server):
    for statement in ["MATCH (n:NoSuchLabel) RETURN n", "RETURN 1 +", "CALL table_info('Nope') RETURN *"]:
        detail = _post(server, statement).json()["detail"]
        assert str(Path.home()) not in detail and str(PROJECT) not in detail, detail
