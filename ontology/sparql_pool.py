"""The server's side of SPARQL: an on-disk store per graph version and worker processes that it kills at a limit.

Oxigraph cannot interrupt a query, so a query runs in a worker process (`sparql_worker`): the thread that asked
reads the worker's memory every POLL_S and kills it past the memory or time limit, then starts a replacement.
Killing is cheap because the graph is on disk, built once per version: a new worker opens it read-only in
~20 ms (plus ~0.7 s of Python start and imports), instead of loading the export again. As many spare workers
are kept as may run at once, so that when every running query is killed together, the queries after them still
find workers ready while the replacements start.

Workers are separate programs (`subprocess`, i.e. fork+exec: nothing of this multi-threaded server is copied),
in their own session so a terminal's Ctrl-C is the server's to handle; they exit when the server dies.
A bounded number of requests may run or wait; beyond that the answer is `overloaded` at once.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

from ontology.rdf_sparql import Limits, SparqlFailure, build_store

POLL_S = 0.05  # how often a running query's memory and clock are looked at
# A queued request waits one time limit and this long for a worker: enough for the queries ahead of it to finish
# or be killed, and for a spare to be ready.
QUEUE_GRACE_S = 1.0
STARTUP_TIMEOUT_S = 60.0  # Python start, imports and opening the store; long only on a starved machine
RESTART_PAUSE_S = 5.0  # after a worker could not start, before trying again
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


class Worker:
    """One worker process and the server's end of the socket pair it was given."""

    def __init__(self, store_dir: Path, memory_mb: int):
        ours, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "ontology.sparql_worker", str(theirs.fileno()), str(store_dir), str(memory_mb)],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.store_dir = store_dir
        self.pid = self.process.pid

    def wait_ready(self, timeout_s: float) -> None:
        if not self.conn.poll(timeout_s):
            raise RuntimeError(f"the worker was not ready within {timeout_s:g} s")
        try:
            json.loads(self.conn.recv_bytes())
        except (EOFError, OSError):
            raise RuntimeError(f"the worker exited with code {self.process.wait()} (see the server's log)") from None

    def private_mb(self) -> float:
        """Resident memory not backed by files (statm: resident − shared): what the query allocated. Pages of the
        store's files in the page cache are not counted, so scanning a large graph is not mistaken for a leak."""
        try:
            with open(f"/proc/{self.pid}/statm") as f:
                fields = f.read().split()
        except OSError:
            return 0.0
        return (int(fields[1]) - int(fields[2])) * PAGE_MB

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.conn.close()


class WorkerPool:
    """Workers for the store directory given to `use`. Directories handed over belong to the pool: each is
    removed once it is no longer current and no worker has it open."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._admitted = threading.BoundedSemaphore(limits.workers + limits.queue)
        self._running = threading.BoundedSemaphore(limits.workers)
        self._changed = threading.Condition()
        self._idle: list[Worker] = []
        self._alive: set[Worker] = set()  # idle and busy
        self._starting: list[Path] = []  # the store directory of each worker starting
        self._store_dir: Path | None = None
        self._old_dirs: set[Path] = set()
        self._failure: str | None = None
        self._failed_at = 0.0
        self._closed = False

    @contextmanager
    def admission(self) -> Iterator[None]:
        """A place among the requests running or waiting, or `overloaded` at once."""
        if not self._admitted.acquire(blocking=False):
            limits = self.limits
            raise SparqlFailure(
                "overloaded", f"{limits.workers} SPARQL queries are running and {limits.queue} waiting: try again later"
            )
        try:
            yield
        finally:
            self._admitted.release()

    def use(self, store_dir: Path) -> None:
        with self._changed:
            if store_dir == self._store_dir:
                return
            if self._store_dir is not None:
                self._old_dirs.add(self._store_dir)
            self._store_dir = store_dir
            stale = [w for w in self._idle if w.store_dir != store_dir]
            self._idle = [w for w in self._idle if w.store_dir == store_dir]
            self._alive.difference_update(stale)
        for worker in stale:
            worker.kill()
        self._remove_unused_dirs()
        self._top_up()

    def run(self, query: str, accept: str | None) -> tuple[str, bytes]:
        """The media type and body of the answer; SparqlFailure otherwise. Call within `admission()`."""
        wait = self.limits.timeout_s + QUEUE_GRACE_S
        deadline = time.monotonic() + wait
        if not self._running.acquire(timeout=wait):
            raise SparqlFailure("overloaded", f"no SPARQL worker became free within {wait:g} s: try again later")
        try:
            return self._ask(self._take(deadline), query, accept)
        finally:
            self._running.release()

    def pids(self) -> set[int]:
        with self._changed:
            return {w.pid for w in self._alive}

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.wait_for(lambda: not self._starting, timeout=STARTUP_TIMEOUT_S)  # they see it is closed
            workers, self._alive, self._idle = list(self._alive), set(), []
            if self._store_dir is not None:
                self._old_dirs.add(self._store_dir)
        for worker in workers:
            worker.kill()
        self._remove_unused_dirs()

    # -- workers ---------------------------------------------------------------------------------------------

    def _top_up(self) -> None:
        with self._changed:
            if self._closed or self._store_dir is None or time.monotonic() - self._failed_at < RESTART_PAUSE_S:
                return
            missing = max(2 * self.limits.workers - len(self._alive) - len(self._starting), 0)  # running and spares
            store_dir = self._store_dir
            self._starting += [store_dir] * missing
        for _ in range(missing):
            threading.Thread(target=self._start_one, args=(store_dir,), daemon=True).start()

    def _start_one(self, store_dir: Path) -> None:
        worker = None
        try:
            worker = Worker(store_dir, self.limits.memory_mb)
            worker.wait_ready(STARTUP_TIMEOUT_S)
        except Exception as exc:
            if worker is not None:
                worker.kill()
            with self._changed:
                self._starting.remove(store_dir)
                if store_dir == self._store_dir:  # not just a worker whose directory went while it started
                    self._failure, self._failed_at = f"a SPARQL worker could not start: {exc}", time.monotonic()
                self._changed.notify_all()
            self._remove_unused_dirs()
            return
        with self._changed:
            self._starting.remove(store_dir)
            self._failure = None
            current = store_dir == self._store_dir and not self._closed
            if current:
                self._alive.add(worker)
                self._idle.append(worker)
            self._changed.notify_all()
        if not current:
            worker.kill()
            self._remove_unused_dirs()
            self._top_up()

    def _take(self, deadline: float) -> Worker:
        self._top_up()
        with self._changed:
            while True:
                if self._idle:
                    return self._idle.pop()
                if self._failure and not self._starting and not self._alive:
                    raise SparqlFailure("sparql-unavailable", self._failure)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise SparqlFailure("overloaded", "no SPARQL worker was ready in time: try again later")
                self._changed.wait(remaining)

    def _ask(self, worker: Worker, query: str, accept: str | None) -> tuple[str, bytes]:
        limits = self.limits
        try:
            worker.conn.send_bytes(json.dumps({"query": query, "accept": accept, "max_rows": limits.max_rows}).encode())
            deadline = time.monotonic() + limits.timeout_s
            while not worker.conn.poll(POLL_S):
                if worker.private_mb() > limits.memory_mb:
                    self._discard(worker)
                    raise SparqlFailure("query-memory", f"the query needed more than {limits.memory_mb} MB")
                if time.monotonic() > deadline:
                    self._discard(worker)
                    raise SparqlFailure("query-timeout", f"the query did not finish within {limits.timeout_s:g} s")
            header = json.loads(worker.conn.recv_bytes())
            body = worker.conn.recv_bytes()
        except (EOFError, OSError):
            raise self._died(worker) from None
        self._release(worker)
        if "kind" in header:
            raise SparqlFailure(header["kind"], header["detail"])
        return header["media_type"], body

    def _died(self, worker: Worker) -> SparqlFailure:
        try:
            code = worker.process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # its socket failed but it lives on: killed below
            code = None
        self._discard(worker)
        if code == -signal.SIGSYS:  # the sandbox's answer to a socket: a network access the parse did not see
            return SparqlFailure(
                "service-refused", "the query tried to open a network connection (SERVICE): refused, no request sent"
            )
        if code == -signal.SIGABRT:  # an allocation refused by the worker's address-space cap
            return SparqlFailure("query-memory", f"the query needed more than {self.limits.memory_mb} MB")
        return SparqlFailure("sparql-unavailable", f"the SPARQL worker stopped (exit code {code}): try again")

    def _release(self, worker: Worker) -> None:
        with self._changed:
            if worker.store_dir == self._store_dir and not self._closed:
                self._idle.append(worker)
                self._changed.notify_all()
                return
        self._discard(worker)

    def _discard(self, worker: Worker) -> None:
        worker.kill()
        with self._changed:
            self._alive.discard(worker)
        self._remove_unused_dirs()
        self._top_up()

    def _remove_unused_dirs(self) -> None:
        with self._changed:
            in_use = {w.store_dir for w in self._alive} | set(self._starting)
            if not self._closed and self._store_dir is not None:
                in_use.add(self._store_dir)
            unused = {d for d in self._old_dirs if d is not None and d not in in_use}
            self._old_dirs -= unused
        for directory in unused:
            shutil.rmtree(directory, ignore_errors=True)


def _remove_orphans(parent: Path) -> None:
    """Remove the store directories of servers that are no longer running (named after their process id)."""
    for directory in parent.glob("ikg-sparql-*-*"):
        pid = directory.name.split("-")[2]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(directory, ignore_errors=True)
        except OSError:
            pass  # someone else's process: running


class SparqlService:
    """SPARQL for one server: the graph's on-disk store, rebuilt when the graph's version changes, and a pool of
    workers querying it. Store directories live in a temporary directory under `parent` (IKG_SPARQL_DIR; by
    default the system's), removed at exit, or by the next server when this one could not (uvicorn ends on SIGTERM by
    raising the signal again, so exit handlers do not run)."""

    def __init__(self, limits: Limits, parent: str = ""):
        self.limits = limits
        self.pool = WorkerPool(self.limits)
        parent = parent or tempfile.gettempdir()
        _remove_orphans(Path(parent))
        self._dir = Path(tempfile.mkdtemp(prefix=f"ikg-sparql-{os.getpid()}-", dir=parent))
        self._lock = threading.Lock()
        self._version: object = None
        self._builds = 0
        self.triples: int | None = None
        self.built_at: datetime | None = None
        atexit.register(self.close)

    def refresh(self, version: object, nt_chunks: Callable[[], Iterator[str]], wait: bool = True) -> None:
        """Build the store for `version` unless it is the one built last; `version` is anything that changes when
        the graph does. With wait=False, return at once while another thread builds (for answers that only
        describe the store: they may say what the last build found rather than hold a server thread)."""
        if not self._lock.acquire(blocking=wait):
            return
        try:
            if self.built_at is not None and version == self._version:
                return
            self._builds += 1
            path = self._dir / f"graph-{self._builds}"
            try:
                triples = build_store(path, nt_chunks)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            self._version, self.triples, self.built_at = version, triples, datetime.now(UTC)
            self.pool.use(path)
        finally:
            self._lock.release()

    def query(self, version: object, nt_chunks: Callable[[], Iterator[str]], query: str, accept: str | None):
        with self.pool.admission():  # before the build too: waiting for it holds a server thread
            self.refresh(version, nt_chunks)
            return self.pool.run(query, accept)

    def close(self) -> None:
        self.pool.close()
        shutil.rmtree(self._dir, ignore_errors=True)
