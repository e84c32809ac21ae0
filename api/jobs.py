"""Loading uploads as jobs: files are parsed in a worker process and written by one thread of the server.

Parsing and writing on the request loop froze every request for as long as a big file took (44 s for
19 MB). Now the loop only streams the upload to disk; a job's files are parsed in a `spawn` process pool
(CPU-bound Python in a thread would still hold the GIL the readers need) and their rows are written by one
background thread through the store, whose write lock serialises them with any other write. The engine
releases the GIL while it runs a statement, so readers go on while a write runs.

Jobs are kept in memory: at most MAX_QUEUED waiting (more is a 503) and the newest MAX_KEPT in all (older
finished jobs are forgotten). A server restart forgets them; the files a lost job had not loaded are removed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.dump import record_run
from api.upload_worker import ParsedUpload, parse_upload, read_rows, warm_up
from api.uploads import StagedFile, discard, remove_unused_source, staging_dir, upload_dir
from cypher.store import Store
from cypher.thread_priority import lower_this_thread
from loaders import relink
from ontology.errors import StoreError
from ontology.settings import Settings

log = logging.getLogger("ikg.jobs")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
BATCH_ROWS = 200_000  # rows written in one transaction at most (as `ikg load` batches)
# A worker process keeps the memory of the largest file it parsed; a new pool after this many bytes gives it back.
RECYCLE_AFTER_BYTES = 64 * 1024 * 1024


class QueueFull(Exception):
    """More jobs are waiting than the server keeps."""


@dataclass
class FileTask:
    upload: StagedFile
    state: str = QUEUED
    result: dict[str, Any] | None = None  # the summary of api.upload_worker, or {"file", "error"}
    path: Path | None = None  # where the upload is kept (its notices' source_path)
    created: bool = False  # whether this upload put it there (else the same file was kept before)
    rows_path: Path | None = None  # where the worker spools its rows
    parsed: ParsedUpload | None = None

    def as_json(self) -> dict[str, Any]:
        return {"file": self.upload.name, "state": self.state, **(self.result or {})}

    @property
    def parse_result(self) -> ParsedUpload:
        """What the worker gave: asked for only after the file was parsed."""
        if self.parsed is None:
            raise RuntimeError(f"{self.upload.name} has not been parsed")
        return self.parsed

    @property
    def spooled_rows(self) -> str:
        """Where the worker spooled the rows: only files it parsed are written."""
        if self.parse_result.rows_path is None:
            raise RuntimeError(f"{self.upload.name} has no rows")
        return self.parse_result.rows_path


@dataclass
class Job:
    id: str
    files: list[FileTask]
    state: str = QUEUED
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    _listeners: list[Callable[[], object]] = field(default_factory=list, repr=False)

    @property
    def over(self) -> bool:
        return self.state in (DONE, FAILED)

    def as_json(self) -> dict[str, Any]:
        done = [f for f in self.files if f.state in (DONE, FAILED)]
        return {
            "id": self.id,
            "state": self.state,
            "progress": {"done": len(done), "total": len(self.files)},
            "loaded": sum(1 for f in self.files if f.state == DONE),
            "failed": sum(1 for f in self.files if f.state == FAILED),
            "created": _iso(self.created),
            "started": _iso(self.started),
            "finished": _iso(self.finished),
            "files": [f.as_json() for f in self.files],
        }


class JobQueue:
    def __init__(self, store: Store, uploads: Path, *, workers: int = 1, max_queued: int = 8, max_kept: int = 100):
        self.store, self.uploads, self.workers, self.max_kept = store, uploads, workers, max_kept
        self._waiting: queue.Queue[Job | None] = queue.Queue(maxsize=max_queued)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()  # the writer thread and close() both stop the pool
        self._pool_bytes = 0
        self._closing = False
        self._job_started = ""  # when the job being written began (its files' extraction run)
        self._writer = threading.Thread(target=self._run, name="ikg-upload-writer", daemon=True)
        self._writer.start()

    @classmethod
    def from_settings(cls, store: Store, settings: Settings) -> JobQueue:
        return cls(
            store,
            upload_dir(settings),
            workers=settings.parse_workers,
            max_queued=settings.upload_queue,
            max_kept=settings.jobs_kept,
        )

    def has_room(self) -> bool:
        return not self._waiting.full()

    def submit(self, uploads: list[StagedFile]) -> Job:
        job = Job(uuid.uuid4().hex, [FileTask(u) for u in uploads])
        with self._lock:
            try:
                self._waiting.put_nowait(job)
            except queue.Full:
                raise QueueFull from None
            self._jobs[job.id] = job
            self._forget_old()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def when_over(self, job: Job, callback: Callable[[], object]) -> None:
        """Call `callback` (from the writer thread) when the job is over, or now if it is."""
        with self._lock:
            if not job.over:
                job._listeners.append(callback)
                return
        callback()

    def close(self, timeout: float = 30) -> None:
        """Stop after the file being written; jobs not begun are dropped with their files."""
        self._closing = True
        dropped = []
        while True:
            try:
                job = self._waiting.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                dropped.append(job)
        for job in dropped:
            discard([f.upload for f in job.files])
        self._waiting.put(None)
        self._stop_pool()
        self._writer.join(timeout)

    def _forget_old(self) -> None:
        """Oldest finished jobs first; jobs still waiting or running are always kept."""
        for job_id in [j.id for j in self._jobs.values() if j.over]:
            if len(self._jobs) <= self.max_kept:
                break
            del self._jobs[job_id]

    # -- the writer thread ------------------------------------------------------------------------------------

    def _run(self) -> None:
        lower_this_thread()  # writing uploads is background work: requests come first (cypher/thread_priority.py)
        while (job := self._waiting.get()) is not None:
            try:
                self._run_job(job)
            except Exception:  # never let one job stop the writer; its files say what happened
                log.exception("upload job %s failed", job.id)
                for task in job.files:
                    if task.state not in (DONE, FAILED):
                        self._fail(task, "could not be loaded (internal error)")
            self._finish(job)
            if self._pool_bytes > RECYCLE_AFTER_BYTES and self._waiting.empty():
                self._stop_pool()

    def _run_job(self, job: Job) -> None:
        job.state, job.started = RUNNING, time.time()
        self._job_started = _iso(job.started) or ""
        tasks = [task for task in job.files if self._keep(task)]
        futures = self._submit(tasks)
        i = 0
        while i < len(tasks):
            if self._closing:
                for task in tasks[i:]:
                    self._fail(task, "not loaded: the server stopped")
                break
            # The next file, and the files after it that are parsed already, up to BATCH_ROWS rows: written in
            # one transaction. Every commit costs (~0.5 s on a shared 2-core machine) and empties the answer
            # cache, after which every reader asks the store again.
            group: list[FileTask] = []
            rows = 0
            while i < len(tasks) and (not group or (futures[i].done() and rows < BATCH_ROWS)):
                tasks[i].state = "parsing"
                tasks[i].parsed = self._parsed(futures, tasks, i)
                rows += tasks[i].parse_result.rows
                group.append(tasks[i])
                i += 1
            self._write(group)

    def _keep(self, task: FileTask) -> bool:
        try:
            task.path, task.created = _move_into_place(task.upload, self.uploads)
            return True
        except OSError as exc:
            discard([task.upload])
            self._fail(task, f"could not be kept ({exc.strerror})")
            return False

    def _parsed(self, futures: list[Future], tasks: list[FileTask], i: int) -> ParsedUpload:
        try:
            return futures[i].result()
        except (BrokenProcessPool, CancelledError):  # the worker died (out of memory?) or the server stops
            self._stop_pool()
            if not self._closing:  # the files after this one get a new worker
                futures[i + 1 :] = self._submit(tasks[i + 1 :])
            name = tasks[i].upload.name
            return ParsedUpload({"file": name, "error": f"{name}: the parser process stopped"}, None, 0)

    def _submit(self, tasks: list[FileTask]) -> list[Future]:
        with self._pool_lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn")  # a fork would copy the server's threads and engine
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=warm_up)
                self._pool_bytes = 0
            futures = []
            for task in tasks:
                task.rows_path = staging_dir(self.uploads) / f"{uuid.uuid4().hex}.rows"
                futures.append(self._pool.submit(parse_upload, str(task.path), task.upload.name, str(task.rows_path)))
                self._pool_bytes += task.upload.size
            return futures

    def _write(self, group: list[FileTask]) -> None:
        try:
            for task in group:
                if task.parse_result.rows_path is None:
                    task.result, task.state = task.parse_result.summary, FAILED
            parsed = [task for task in group if task.state != FAILED]
            try:
                if parsed:
                    self._store(parsed)
            except Exception as exc:  # e.g. a spool file that cannot be read: these files fail, the job goes on
                log.exception("writing %s failed", ", ".join(t.upload.name for t in parsed))
                for task in parsed:
                    if task.state != DONE:
                        self._fail(task, f"could not be stored ({type(exc).__name__})")
        finally:
            for task in group:
                if task.rows_path is not None:  # also when the worker died half-way through writing it
                    task.rows_path.unlink(missing_ok=True)
                if task.state == FAILED and task.created and task.path is not None:
                    _remove(task.path)  # nothing of it reached the graph, so nothing points into it

    def _record_extraction(self, rows: list) -> None:
        """The provenance of these notices for the RDF export (ontology/extraction.py): noted before they are
        written, so no measurement of the dump sees them without it (a notice whose write fails keeps its earlier
        source, whose sha256 this record does not match)."""
        notices = {
            row["id"]: row["source_sha256"]
            for _, docs in rows
            for _, doc_rows in docs
            for row in doc_rows.nodes.get("Notice", [])
            if row.get("source_path") and row.get("source_sha256")
        }
        try:
            if notices:
                record_run(self.store, self._job_started, notices)
        except OSError as exc:
            log.warning("the extraction run was not recorded: %s", exc)

    def _store(self, tasks: list[FileTask]) -> None:
        """Write the files' rows in one transaction; when that fails, file by file, so only a failing file fails."""
        for task in tasks:
            task.state = "writing"
        rows = [(task, read_rows(task.spooled_rows)) for task in tasks]
        self._record_extraction(rows)
        ids = [notice_id for _, notices in rows for notice_id, _ in notices]
        earlier = self.store.query(
            "MATCH (n:Notice) WHERE n.id IN $ids AND n.source_path IS NOT NULL RETURN DISTINCT n.source_path",
            {"ids": ids},
        ).rows
        if len(rows) > 1:
            try:
                self.store.replace_notices([notice for _, notices in rows for notice in notices])
                for task in tasks:
                    task.result, task.state = task.parse_result.summary, DONE
            except StoreError:
                pass  # find the file that fails: the others still load
        for task, notices in rows:
            if task.state == DONE:
                continue
            try:
                self.store.replace_notices(notices)
                task.result, task.state = task.parse_result.summary, DONE
            except StoreError as exc:
                self._fail(task, f"could not be stored ({_first_line(exc)})")
            except Exception as exc:
                log.exception("writing %s failed", task.upload.name)
                self._fail(task, f"could not be stored ({type(exc).__name__})")
        self._relink(rows, [task for task, _ in rows if task.state == DONE])
        kept = {str(task.path) for task in tasks}
        for (source,) in earlier:  # a replaced notice's earlier upload, when nothing points into it any more
            if source not in kept:
                remove_unused_source(self.store, source, self.uploads)

    def _relink(self, rows: list, done: list[FileTask]) -> None:
        """Links across notices of the jurisdictions written (loaders.linking); the files are stored either way."""
        stored = [notices for task, notices in rows if task in done]
        notice_rows = [n for notices in stored for _, graph in notices for n in graph.nodes.get("Notice", [])]
        jurisdictions = {n.get("jurisdiction_id") for n in notice_rows if n.get("kind")}
        try:
            relink(self.store, jurisdictions)
        except Exception:
            log.exception("recomputing links for %s failed", ", ".join(sorted(filter(None, jurisdictions))))

    def _fail(self, task: FileTask, problem: str) -> None:
        task.result, task.state = {"file": task.upload.name, "error": f"{task.upload.name}: {problem}"}, FAILED

    def _finish(self, job: Job) -> None:
        with self._lock:
            job.finished = time.time()
            job.state = DONE if all(f.state == DONE for f in job.files) else FAILED
            listeners, job._listeners = job._listeners, []
        for callback in listeners:
            callback()

    def _stop_pool(self) -> None:
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        # shutdown() waits for a file being parsed (a big one takes a minute); ending the workers does not.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def _move_into_place(upload: StagedFile, uploads: Path) -> tuple[Path, bool]:
    """Move a staged upload to its place: one folder per content, so two uploads of the same name never
    overwrite each other's source. Returns the path and whether this upload created it."""
    folder = uploads / upload.sha256[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / upload.name
    if path.exists():  # the same name and content: already kept, maybe a loaded notice's source
        upload.path.unlink(missing_ok=True)
        return path, False
    os.replace(upload.path, path)
    return path, True


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()
    except OSError:
        pass


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _iso(t: float | None) -> str | None:
    return None if t is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
