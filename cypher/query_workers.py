"""Ad-hoc queries on the embedded engine run in worker processes, so every limit holds by construction.

The engine's own time limit is checked between steps of a plan, so it cannot stop a step that never
returns: `UNWIND range(1, 2000000000)` builds its whole list first (17 GB, minutes). A worker process can be
killed. Each worker opens the database read-only (LadybugDB lets read-only opens in other processes sit beside
the server's read-write one), runs one query at a time with the engine's time limit, and lives under an
address-space limit, so a query that wants too much memory fails inside it (std::bad_alloc) instead of
taking the machine. The server kills a worker that overruns the time limit and starts another; a worker that
dies (an engine crash) is replaced the same way. A bounded number of queries wait for a worker; past that the
answer is Overloaded (503 with Retry-After), so a flood of slow queries cannot queue without end."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from cypher.store import QueryResult
from ontology.errors import (
    Overloaded,
    QueryError,
    QueryMemoryExceeded,
    QueryTimeout,
    RowLimitExceeded,
    StoreError,
    WriteRefused,
)
from ontology.settings import Settings

# The engine reserves address space for the whole database file (max_db_size, 8 TiB by default), which an
# address-space limit must leave room for; 64 GiB holds a national graph many times over.
MAX_DB_BYTES = 1 << 36
WORKER_BUFFER_POOL_BYTES = 128 * 1024 * 1024
KILL_GRACE_S = 0.5  # the engine's own time limit gets this long to answer before the worker is killed
OPEN_TIMEOUT_S = 120.0  # opening a national-scale graph read-only takes a few seconds; a hung open is killed


@dataclass(frozen=True)
class WorkerLimits:
    workers: int = 2
    queue: int = 8
    memory_mb: int = 1024
    max_result_mb: int = 16

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkerLimits:
        return cls(
            workers=settings.cypher_workers,
            queue=settings.cypher_queue,
            memory_mb=settings.cypher_memory_mb,
            max_result_mb=settings.cypher_max_result_mb,
        )


class WorkerPool:
    """Worker processes for ad-hoc queries on the database at `path`."""

    def __init__(self, path: Path, limits: WorkerLimits):
        self.path = path
        self.limits = limits
        self._context = multiprocessing.get_context("spawn")  # the server is multi-threaded: never fork it
        self._slots = threading.BoundedSemaphore(limits.workers + limits.queue)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(limits.workers):
            self._idle.put(self._start())

    def run(
        self,
        cypher: str,
        params: dict[str, Any],
        *,
        version: str,
        open_lock: threading.Lock,
        timeout_ms: int,
        max_rows: int,
    ) -> QueryResult:
        """Run one read-only query in a worker that sees the graph as of `version`; `open_lock` is held while a
        worker (re)opens the database, so it never opens in the middle of a write."""
        if not self._slots.acquire(blocking=False):
            raise Overloaded(f"all {self.limits.workers} query workers are busy and {self.limits.queue} queries wait")
        try:
            try:
                worker = self._idle.get(timeout=timeout_ms / 1000)
            except queue.Empty:
                raise Overloaded("no query worker became free in time") from None
            try:
                return worker.run(cypher, params, version, open_lock, timeout_ms, max_rows)
            finally:
                # A worker that did not answer in time, or died, is in an unknown state: killed and replaced.
                self._idle.put(worker if worker.usable() else self._replace(worker))
        finally:
            self._slots.release()

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.pid for w in self._all)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.path, self.limits)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        return self._start()


class _Worker:
    def __init__(self, context, path: Path, limits: WorkerLimits):
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child_conn, str(path), limits), name="ikg-cypher-worker", daemon=True
        )
        self._process.start()
        child_conn.close()
        self.pid = self._process.pid
        self.version: str | None = None
        self._lost = False  # set when it did not answer in time or its pipe broke

    def usable(self) -> bool:
        return not self._lost and self._process.is_alive()

    def run(self, cypher, params, version, open_lock, timeout_ms, max_rows) -> QueryResult:
        if self.version != version:
            with open_lock:
                self._ask(("open", version), OPEN_TIMEOUT_S, "opening the graph")
            self.version = version
        kind, *answer = self._ask(("query", cypher, params, timeout_ms, max_rows), timeout_ms / 1000 + KILL_GRACE_S, "")
        if kind == "ok":
            return QueryResult(*answer)
        raise _ERRORS.get(answer[0], QueryError)(answer[1])

    def _ask(self, message: tuple, timeout_s: float, doing: str) -> tuple:
        try:
            self._conn.send(message)
            if not self._conn.poll(timeout_s):
                # The engine did not stop the query in time: the pool kills this worker and starts another.
                self._lost = True
                raise QueryTimeout(
                    f"{doing} took longer than {timeout_s:.0f} s"
                    if doing
                    else f"query stopped after the time limit of {round((timeout_s - KILL_GRACE_S) * 1000)} ms "
                    "(its worker process was killed)"
                )
            return self._conn.recv()
        except (EOFError, OSError):
            self._lost = True
            raise QueryError("the query ended its worker process (an engine crash); it was not run") from None

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=5)
        self._conn.close()


_ERRORS: dict[str, type[StoreError]] = {
    "timeout": QueryTimeout,
    "memory": QueryMemoryExceeded,
    "rows": RowLimitExceeded,
    "write": WriteRefused,
    "query": QueryError,
}


# -- inside the worker process ---------------------------------------------------------------------------------


def _serve(conn: Connection, path: str, limits: WorkerLimits) -> None:
    # Ctrl-C in a terminal reaches the whole process group; the server stops its workers itself (or they see
    # the pipe close), so here it would only print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import ladybug  # imported here: the server process never needs it for the worker's sake

    from cypher.ladybug_store import plain_row

    db = None
    limited = False
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message[0] == "open":
            if db is not None:
                db.close()
            db = ladybug.Database(
                path,
                read_only=True,
                buffer_pool_size=WORKER_BUFFER_POOL_BYTES,
                max_db_size=MAX_DB_BYTES,
                max_num_threads=1,  # one core per query: a query may not take the whole machine
            )
            if not limited:  # after the first open, so what the open database maps is not taken from the query
                _limit_address_space(limits.memory_mb * 1024 * 1024)
                limited = True
            conn.send(("opened",))
            continue
        _, cypher, params, timeout_ms, max_rows = message
        conn.send(_answer(ladybug, db, plain_row, cypher, params, timeout_ms, max_rows, limits.max_result_mb))


def _answer(ladybug, db, plain_row, cypher, params, timeout_ms, max_rows, max_result_mb) -> tuple:
    connection = ladybug.Connection(db)
    connection.set_query_timeout(timeout_ms)
    try:
        result = connection.execute(cypher, params)
        rows: list[list] = []
        while result.has_next():
            if len(rows) == max_rows:
                return ("error", "rows", f"the query returns more than {max_rows} rows; add LIMIT (and SKIP to page)")
            rows.append(plain_row(result.get_next()))
        answer = ("ok", result.get_column_names(), rows)
        if len(pickle.dumps(answer)) > max_result_mb * 1024 * 1024:
            return ("error", "rows", f"the answer is larger than {max_result_mb} MB; return fewer or smaller values")
        return answer
    except MemoryError:
        return ("error", "memory", "the query needs more memory than a query may use")
    except (RuntimeError, ValueError, TypeError) as exc:
        return ("error", *_classify(str(exc), timeout_ms))
    finally:
        connection.close()


def _classify(message: str, timeout_ms: int) -> tuple[str, str]:
    if "Interrupted" in message:
        return "timeout", f"query stopped after the time limit of {timeout_ms} ms"
    if "bad_alloc" in message or "Buffer manager exception" in message or "buffer pool is full" in message:
        return "memory", "the query needs more memory than a query may use; narrow it (LIMIT, WHERE) and try again"
    if "read-only" in message or "read only" in message:
        return "write", f"writes are not allowed here: {message}"
    return "query", message


def _limit_address_space(query_bytes: int) -> None:
    """Room for what the worker has mapped so far — the open database: its reservation, buffer pool and what
    each table keeps in memory — plus what a query may allocate: past that, allocations fail inside the engine.
    Set once the database is open: counted before, the tables' own memory came out of the query's share, and
    two more tables (the tallies) left a query on the seeds short of it. A later open (a new graph version)
    replaces the database and maps the same again."""
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = mapped + query_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
