"""The embedded backend: LadybugDB in-process, loading rows with `LOAD FROM <Arrow table> MERGE`."""

from __future__ import annotations

import copy
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import ladybug
import pyarrow as pa

from cypher.admission import Admission
from cypher.ddl import ladybug_added_columns, ladybug_ddl
from cypher.guard import check_read_query
from cypher.query_workers import WorkerLimits, WorkerPool
from cypher.store import ARROW_TYPES, QueryResult, Store
from cypher.thread_priority import lower_priority, threads_started_by
from ontology.errors import Overloaded, QueryError, QueryTimeout, StoreError, StoreLocked, WriteRefused
from ontology.model import (
    INT,
    INT_LIST,
    NODE_KINDS,
    OWNED_BY_NOTICE,
    RELATIONSHIPS,
    STORED_KINDS,
    STORED_RELATIONSHIPS,
    STRING,
    STRING_LIST,
    node_kind,
    rel_type,
)
from ontology.rows import GraphRows, LinkSet, combine_rows
from ontology.settings import Settings, read_settings
from ontology.summaries import fill_missing_tallies, with_summaries

_LADYBUG_CAST = {INT: "INT64", INT_LIST: "INT64[]", STRING_LIST: "STRING[]"}
_ARROW = ARROW_TYPES
# Settings (ontology/settings.py), and why they are what they are:
# - buffer_pool_mb: the engine's default buffer pool takes ~80% of RAM; a bounded pool keeps several processes
#   possible.
# - read_connections: named queries running at once in the server process, each on its own kept connection
#   (`_ReadConnections`). One by default: concurrent queries that exhaust the buffer pool get wrong rows and then
#   SIGSEGV from LadybugDB 0.22 (ARCHITECTURE "Reads in parallel"); the cores are safe on the seeds and the 0.1
#   graph with the 512 MB pool, but no soak test at national scale has passed yet, and the gain measured was nil.
# - write_timeout_ms: writes are trusted work (loads through the CLI or with the API key) and a large notice
#   takes long to replace: with the readers' limit, a notice of 68,000 measures could no longer be replaced.
CORES = os.cpu_count() or 1
MB = 1024 * 1024
# Rows per Arrow conversion: converting Python rows holds the GIL, so a big write is converted in parts and
# the server's other threads (readers) run in between.
ARROW_CHUNK_ROWS = 20_000
_LOCK_HOLDER = re.compile(r"Lock is held by PID (\d+)")
# LadybugDB 0.22 refuses a read-only open after a writer died mid-checkpoint until a read-write open recovers.
_RECOVERY_PENDING = "checkpoint recovery is pending"
# LadybugDB 0.22 crashes the whole process (SIGSEGV) on ORDER BY … SKIP n LIMIT m when n is past the rows
# by more than ~10,000 (seen at SKIP 12000 over 94 rows; SKIP 200000 over 300000 rows is fine). Until the
# engine is fixed, larger SKIPs are refused before they reach it; paged lists never skip past their total.
MAX_SKIP = 10_000
_SKIP = re.compile(r"\bSKIP\s+(?:\$(?P<param>\w+)|(?P<literal>\d+))", re.I)


class LadybugStore(Store):
    dialect = "ladybug"

    def __init__(self, url: str, *, read_only: bool = False, settings: Settings | None = None):
        self.url = url
        self.settings = settings or read_settings()
        self.path = Path(url.removeprefix("ladybug://"))
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise StoreError(f"{self.path}: no graph here yet; load documents first (ikg load PATH)")
        if read_only and _journal(self.path).exists():
            _recover_for_reading(url, self.settings)
        # The engine's worker threads start with the database: kept to give them background priority in a server.
        self._db, self._engine_threads = threads_started_by(
            lambda: _open_database(self.path, read_only, self.settings.buffer_pool_mb * MB)
        )
        # One write transaction at a time per database: every write goes through this lock.
        self._write_lock = threading.Lock()
        connections = self.settings.read_connections
        self._reads = Admission(running=connections, waiting=self.settings.read_queue, what="reads")
        self._readers = _ReadConnections(self._db, connections, self.settings.query_timeout_ms)
        self._generation = 0  # bumped by every write; with the open time it makes the graph's version
        self._opened_at = f"{time.time_ns():x}"
        self._workers: WorkerPool | None = None  # started with the first ad-hoc query
        self._write_threads: int | None = None  # all cores until prefer_readers() (a server)
        self._columns: dict[str, list[str]] = {}  # filled by ensure_schema
        self._counts: tuple[str, dict] | None = None  # (version, counts)
        self._counts_lock = threading.Lock()
        if not read_only:
            self.ensure_schema()
            self._undo_unfinished_batch()
            fill_missing_tallies(self)

    @contextmanager
    def _connection(self, timeout_ms: int | None = None) -> Iterator[ladybug.Connection]:
        """A new connection for each write, closed after it. A long-lived connection keeps the memory of its
        `LOAD FROM` scans: loading the five seeds three times over one connection filled a 512 MB buffer
        pool ("buffer pool is full"); with a connection per write it stays flat. Opening one costs ~0.03 ms.
        Writes have their own time limit (IKG_WRITE_TIMEOUT_MS), larger than the readers'."""
        conn = ladybug.Connection(self._db)
        try:
            conn.set_query_timeout(self.settings.write_timeout_ms if timeout_ms is None else timeout_ms)
            if self._write_threads:
                conn.set_max_threads_for_exec(self._write_threads)
            yield conn
        finally:
            conn.close()

    def ensure_schema(self) -> None:
        with self._write_lock, self._connection() as conn:
            for statement in ladybug_ddl():
                conn.execute(statement)
            existing = {
                table: {row[1] for row in _fetch(conn, f"CALL table_info('{table}') RETURN *")}
                for (table,) in _fetch(conn, "CALL show_tables() RETURN name")
            }
            for statement in ladybug_added_columns(existing):
                conn.execute(statement)
            # Columns in table order, for COPY (which takes them by position; an older graph may have gained
            # columns at the end). For relationships, the property columns after from and to.
            self._columns = {
                table: [row[1] for row in _fetch(conn, f"CALL table_info('{table}') RETURN *")]
                for table in [k.label for k in STORED_KINDS] + [r.name for r in STORED_RELATIONSHIPS]
            }

    @contextmanager
    def _write_transaction(self) -> Iterator[ladybug.Connection]:
        with self._write_lock, self._connection() as conn:
            conn.execute("BEGIN TRANSACTION")
            try:
                yield conn
                conn.execute("COMMIT")
            except RuntimeError as exc:  # the engine's errors (a time limit, a full buffer pool) as the store's
                _rollback(conn)
                raise _query_error(str(exc), self.settings.write_timeout_ms) from None
            except Exception:
                _rollback(conn)
                raise
            else:
                self._recount(conn)
            finally:
                self._generation += 1

    def _recount(self, conn: ladybug.Connection) -> None:
        """When something asks for the counts (a server's /health), count the new graph here, before its
        version is visible: otherwise every reader that sees the new version waits for 20 count queries, each
        queued behind the other reads on the read connection (/health took 2 s while uploads ran)."""
        if self._counts is None:
            return  # nobody asked (a CLI load): counted when asked
        try:
            counts = _count_all(lambda cypher: _fetch(conn, cypher)[0][0])
        except RuntimeError:
            counts = None  # counted on the next ask instead
        self._counts = None if counts is None else (f"{self._opened_at}-{self._generation + 1}", counts)

    def replace_notice(self, notice_id: str, rows: GraphRows) -> None:
        self.replace_notices([(notice_id, rows)])

    def replace_notices(self, batch: list[tuple[str, GraphRows]]) -> None:
        """The whole batch in one transaction, with one statement per label and relationship type for all
        of it: per document, compiling and running ~12 statements took 4× the time of the rows themselves.
        A notice given twice is replaced in order (the batch is split before the repeat)."""
        for part in _without_repeats(batch):
            rows = with_summaries(combine_rows([rows for _, rows in part]))
            self._replace_batch([notice_id for notice_id, _ in part], rows)

    def _replace_batch(self, notice_ids: list[str], rows: GraphRows) -> None:
        with self._journalled(notice_ids), self._write_transaction() as conn:
            # Only notices already in the graph can own anything: deleting by notice_id scans the Measure
            # and Award tables, which on a first load of a big corpus was a third of the time.
            present = _fetch(conn, "MATCH (n:Notice) WHERE n.id IN $ids RETURN n.id", {"ids": notice_ids})
            present_ids = [row[0] for row in present]
            if present_ids:
                _delete_owned(conn, present_ids)
            self._merge(conn, rows)

    def delete_notice(self, notice_id: str) -> bool:
        with self._write_transaction() as conn:
            found = _fetch(conn, "MATCH (n:Notice {id: $id}) WHERE n.kind IS NOT NULL RETURN n.id", {"id": notice_id})
            if not found:
                return False
            cited = [r[0] for r in _fetch(conn, CITED_BY_NOTICE, {"id": notice_id})]
            _delete_owned(conn, [notice_id])
            if _fetch(conn, CITING_NOTICES, {"id": notice_id})[0][0]:
                conn.execute(_forget_notice_statement(), {"id": notice_id})
            else:
                conn.execute("MATCH (n:Notice {id: $id}) DETACH DELETE n", {"id": notice_id})
            if cited:
                conn.execute(DELETE_UNCITED_STUBS, {"ids": cited})
            return True

    def replace_links(self, sets: list[LinkSet]) -> None:
        with self._write_transaction() as conn:
            for name, from_ids, rows, derived_only in sets:
                rel = rel_type(name)
                key = node_kind(rel.source).key
                derived = " AND r.score IS NOT NULL" if derived_only else ""
                conn.execute(
                    f"MATCH (a:{rel.source})-[r:{name}]->() WHERE a.{key} IN $ids{derived} DELETE r", {"ids": from_ids}
                )
                if rows:  # between nodes that exist, which may hold links already: MERGE, never COPY
                    self._merge_rels(conn, name, rows, bulk=False)

    def merge_rows(self, rows: GraphRows) -> None:
        """Measures and Awards go in with COPY, as in a load: they must not be in the store yet."""
        with self._write_transaction() as conn:
            self._merge(conn, rows)
        self._checkpoint()  # COPY is durable only once checkpointed (see _journalled)

    @contextmanager
    def _journalled(self, notice_ids: list[str]) -> Iterator[None]:
        """LadybugDB 0.22 does not write what COPY adds to its WAL: a process killed after COMMIT but before
        the checkpoint finished comes back with the batch's Notices (merged, logged) and none of their
        Measures and Awards (COPY), i.e. half documents. So the batch's notice ids are written beside the graph
        before it starts and removed once it is checkpointed; the next read-write open finds a journal left by
        a killed process and removes those notices whole (`_undo_unfinished_batch`). Loading again restores them."""
        journal = _journal(self.path)
        staging = journal.with_suffix(".tmp")
        with open(staging, "w", encoding="utf-8") as out:
            json.dump(notice_ids, out)
            out.flush()
            os.fsync(out.fileno())
        staging.replace(journal)
        try:
            yield
            self._checkpoint()
        finally:
            journal.unlink(missing_ok=True)

    def _checkpoint(self) -> None:
        with self._write_lock, self._connection() as conn:
            conn.execute("CHECKPOINT")

    def _undo_unfinished_batch(self) -> None:
        journal = _journal(self.path)
        try:
            notice_ids = json.loads(journal.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except ValueError:  # cut short while being written: its batch never began
            notice_ids = []
        if notice_ids:
            with self._write_transaction() as conn:
                _delete_owned(conn, notice_ids)
                conn.execute("MATCH (n:Notice) WHERE n.id IN $ids DETACH DELETE n", {"ids": notice_ids})
            self._checkpoint()
        journal.unlink()

    def clear(self) -> None:
        with self._write_transaction() as conn:
            for kind in STORED_KINDS:
                conn.execute(f"MATCH (n:{kind.label}) DETACH DELETE n")

    def _merge(self, conn: ladybug.Connection, rows: GraphRows) -> None:
        for label, node_rows in rows.nodes.items():
            self._merge_nodes(conn, label, node_rows)
        for name, rel_rows in rows.rels.items():
            self._merge_rels(conn, name, rel_rows)

    def _merge_nodes(self, conn, label: str, node_rows: list[dict[str, Any]]) -> None:
        """Rows that state only some properties (a cited notice known by its 文号) set only those."""
        kind = node_kind(label)
        if label in OWNED_BY_NOTICE:
            # New nodes (the batch deleted its notices' Measures and Awards first): COPY, in the table's
            # column order, is several times faster than LOAD FROM … MERGE, which looks each key up.
            columns = {p: kind.all_properties[p] for p in self._columns[label]}
            conn.execute(f"COPY {label} FROM $rows", {"rows": _arrow_table(node_rows, columns)})
            return
        for keys, group in _group_by_keys(node_rows).items():
            props = {p: t for p, t in kind.all_properties.items() if p in keys or p == kind.key}
            sets = ", ".join(f"n.{p} = {p}" for p in props if p != kind.key)
            merge = f"LOAD FROM $rows MERGE (n:{label} {{{kind.key}: {kind.key}}})"
            conn.execute(f"{merge} SET {sets}" if sets else merge, {"rows": _arrow_table(group, props)})

    def _merge_rels(self, conn, name: str, rel_rows: list[dict[str, Any]], bulk: bool = True) -> None:
        """Relationships of new Measures and Awards go in with COPY; the others (between shared nodes) with
        UNWIND … MERGE, not LOAD FROM: `LOAD FROM <Arrow> MATCH …` held buffer-pool memory it never gave back
        (a 512 MB pool filled after ~70 generated documents; even a read-only LOAD FROM … MATCH over 6,000
        rows filled it)."""
        rel = rel_type(name)
        source, target = node_kind(rel.source), node_kind(rel.target)
        # Values that are all null would bind as STRING: typed columns are cast to their declared type.
        sets = ", ".join(
            f"r.{p} = CAST(row.{p} AS {_LADYBUG_CAST[t]})" if t in _LADYBUG_CAST else f"r.{p} = row.{p}"
            for p, t in rel.all_properties.items()
        )
        # Two MATCH clauses joined by WITH, not `MATCH (a {…}), (b {…})`: the engine plans the comma form as
        # a join over both tables (1.9 s for 6,000 rows), the chained form as two key look-ups (0.6 s).
        match = (
            f"UNWIND $rows AS row MATCH (a:{source.label} {{{source.key}: row.from}}) "
            f"WITH a, row MATCH (b:{target.label} {{{target.key}: row.to}}) "
        )
        if bulk and {rel.source, rel.target} & set(OWNED_BY_NOTICE):
            # Every relationship of a Measure or Award is new: the batch deleted them with their nodes, and
            # rows are one per pair. So they go in with COPY (bulk, inside the transaction, rolled back with
            # it): `UNWIND … MATCH … MERGE/CREATE` joined each row against the whole node table, 2,000 rows/s
            # and slower as the graph grew; COPY takes 30,000–100,000 rows/s. Columns by position, in the
            # table's own order (an older graph may have gained columns at the end).
            columns = {p: rel.all_properties[p] for p in self._columns[name]}
            table = _arrow_table(rel_rows, {"from": STRING, "to": STRING, **columns})
            conn.execute(f"COPY {name} FROM $rows", {"rows": table})
        else:
            rows = [{"from": r["from"], "to": r["to"], **{p: r.get(p) for p in rel.all_properties}} for r in rel_rows]
            conn.execute(f"{match} MERGE (a)-[r:{name}]->(b) SET {sets}", {"rows": rows})

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, read_only: bool = True) -> QueryResult:
        refuse_large_skip(cypher, params or {})
        if not read_only:
            with self._write_lock, self._connection() as conn:
                return _run(conn, cypher, params or {}, self.settings.write_timeout_ms)
        # At most IKG_READ_CONNECTIONS reads run at once, each on a kept connection of its own; a burst of slow
        # ones is answered 503, not queued without end.
        timeout_ms = self.settings.query_timeout_ms
        with self._reads.turn(wait_s=2 * timeout_ms / 1000), self._readers.take() as conn:
            return _run(conn, cypher, params or {}, timeout_ms)

    def query_arrow(self, cypher: str, params: dict[str, Any] | None, schema: pa.Schema) -> pa.Table:
        refuse_large_skip(cypher, params or {})
        timeout_ms = self.settings.query_timeout_ms
        with self._reads.turn(wait_s=2 * timeout_ms / 1000), self._readers.take() as conn:
            try:
                table = _one(conn.execute(cypher, params or {})).get_as_arrow(chunk_size=0)  # read to the end
            except (RuntimeError, ValueError, TypeError) as exc:
                raise _query_error(str(exc), timeout_ms) from None
        return table.cast(schema)  # the engine names a list's item field "l", the model "item"

    @property
    def version(self) -> str:
        return f"{self._opened_at}-{self._generation}"

    def query_read_only(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int, max_rows: int
    ) -> QueryResult:
        """In a worker process on a read-only open of the database (`cypher/query_workers.py`): the engine
        refuses writes there, and the worker is killed when the engine cannot stop a query in time."""
        check_read_query(cypher, self.dialect)
        refuse_large_skip(cypher, params or {})
        return self._query_workers().run(
            cypher,
            params or {},
            version=self.version,
            open_lock=self._write_lock,
            timeout_ms=timeout_ms,
            max_rows=max_rows,
        )

    def prefer_readers(self) -> None:
        # On the 2-core machine, a write on both cores while uploads loaded tripled the p95 of answers the
        # server gave from its cache (benchmarks/bench_uploads.py): the event loop waited for a core.
        self._write_threads = max(1, CORES - 1)
        # Cached answers and /health are made by the event loop alone: the engine's work (writes, the reads that
        # refresh the cache after each upload) should wait for it, not it for them (cypher/thread_priority.py).
        lower_priority(self._engine_threads)

    def warm_up(self) -> None:
        self._query_workers()

    def _query_workers(self) -> WorkerPool:
        if self._workers is None:  # checked again under the lock; once made, reads never wait for writes here
            with self._write_lock:
                if self._workers is None:
                    self._workers = WorkerPool(self.path, WorkerLimits.from_settings(self.settings))
        return self._workers

    def counts(self) -> dict[str, dict[str, int]]:
        """Counted once per graph version (~20 count queries; /health asks on every probe), by one thread while
        the others wait for its answer; after a write, already counted by `_recount`."""
        with self._counts_lock:
            version = self.version
            if self._counts is None or self._counts[0] != version:
                self._counts = (version, _count_all(lambda cypher: self.query(cypher).rows[0][0]))
            return copy.deepcopy(self._counts[1])

    def close(self) -> None:
        self._readers.close()
        if self._workers is not None:
            self._workers.close()
        self._db.close()


class _ReadConnections:
    """Kept read connections, each used by one thread at a time; at most `size` exist (the store's Admission
    lets at most that many reads run, so a free one is always there).

    Kept, because the binding caches prepared statements per connection and compiling is most of a named
    query's time (winners_all_topics at national scale: 87 ms to compile, 18 ms to run). Bounded, because
    LadybugDB 0.22 gives wrong answers when concurrent queries exhaust its buffer pool: 32 connections
    reading one graph at once first fail with "buffer pool is full", then return empty or repeated rows
    (a locality found serially comes back as no row: the API's 404s), then crash the process with SIGSEGV
    (`tools/ladybug_threads.py`: 0.1 graph of 61 MB, a 64 MB pool; 4 connections there are right, 8 are not.
    Through this store on the seeds, 16 connections give wrong rows with the default 512 MB pool, and with
    64 MB even 2 crash: the bound helps only with a pool well above what the questions touch). That is what
    the former per-thread readers met under 32 HTTP clients at national scale (2026-11-23), not connections
    shared between threads: the binding serialises each connection's calls itself. One engine thread per
    query when there are as many connections as cores: the parallelism is between queries, and each query
    pins less of the pool. IKG_READ_CONNECTIONS=1 is the former one-read-at-a-time.

    The newest returned connection is taken first (LIFO), so the connections that compiled the most answer
    most. Every QueryResult is read to the end (`_run`) before its connection goes back."""

    def __init__(self, db: ladybug.Database, size: int, timeout_ms: int):
        self._db, self._size, self._timeout_ms = db, size, timeout_ms
        self._threads = max(1, CORES // size)
        self._idle: list[ladybug.Connection] = []
        self._busy = 0
        self._closed = False
        self._changed = threading.Condition()

    @contextmanager
    def take(self) -> Iterator[ladybug.Connection]:
        with self._changed:
            if self._closed:
                raise StoreError("the store is closed")
            if self._busy >= self._size:  # only when used without the store's Admission
                raise Overloaded("no read connection is free")
            conn = self._idle.pop() if self._idle else None
            self._busy += 1
        try:
            if conn is None:
                conn = ladybug.Connection(self._db)
                conn.set_query_timeout(self._timeout_ms)
                conn.set_max_threads_for_exec(self._threads)
            yield conn
        finally:
            with self._changed:
                self._busy -= 1
                if conn is not None:
                    if self._closed:
                        conn.close()
                    else:
                        self._idle.append(conn)
                self._changed.notify_all()

    def close(self) -> None:
        """Close every connection, after the reads running on them have ended (each within its time limit)."""
        with self._changed:
            self._closed = True
            self._changed.wait_for(lambda: self._busy == 0, timeout=2 * self._timeout_ms / 1000)
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


def _run(conn: ladybug.Connection, cypher: str, params: dict[str, Any], timeout_ms: int) -> QueryResult:
    try:
        result = _one(conn.execute(cypher, params))
        return QueryResult(result.get_column_names(), [plain_row(row) for row in _lists(result)])
    except (RuntimeError, ValueError, TypeError) as exc:  # bad parameter values fail before the engine
        raise _query_error(str(exc), timeout_ms) from None


def _fetch(conn: ladybug.Connection, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
    return _lists(_one(conn.execute(cypher, params or {})))


def _one(result: ladybug.QueryResult | list[ladybug.QueryResult]) -> ladybug.QueryResult:
    """The binding returns a list of results for a string of several statements; the store runs one at a time."""
    if isinstance(result, list):
        raise StoreError("one statement at a time")
    return result


def _lists(result: ladybug.QueryResult) -> list[list[Any]]:
    """Rows as lists: the binding gives dicts only when asked to, which the store never does."""
    return cast(list[list[Any]], result.get_all())


def _rollback(conn: ladybug.Connection) -> None:
    """Roll back what is still open: after some errors the engine has already ended the transaction, and a
    second error ("No active transaction") would hide the first."""
    try:
        conn.execute("ROLLBACK")
    except RuntimeError:
        pass


def refuse_large_skip(cypher: str, params: dict[str, Any]) -> None:
    for m in _SKIP.finditer(cypher):
        value = params.get(m["param"]) if m["param"] else int(m["literal"])
        if isinstance(value, int) and value > MAX_SKIP:
            raise QueryError(
                f"SKIP {value} is above {MAX_SKIP}, which the embedded engine cannot run safely; "
                "page by a condition on the sort key instead (WHERE id > $last)"
            )


# Values that are JSON-ready as they come: most of a row. Looked up by exact type (a bool is not an int here,
# and a subclass goes the long way), so the common case costs one set look-up instead of three isinstance calls:
# converting rows took a third of a locality profile's Python time.
_READY = frozenset({str, int, float, bool, type(None)})


def plain_row(row: list[Any]) -> list[Any]:
    return [value if type(value) in _READY else _plain(value) for value in row]


def _plain(value: Any) -> Any:
    """Engine values as JSON-ready Python: sums come back as Decimal; nodes and relationships as dicts
    with internal keys (_ID, _SRC…) that mean nothing outside this database file."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        if "_LABEL" in value:
            props = {k: _plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            return {"_label": value["_LABEL"], **props}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _query_error(message: str, timeout_ms: int) -> StoreError:
    if "Interrupted" in message:
        return QueryTimeout(f"query stopped after the time limit of {timeout_ms} ms")
    if "read-only" in message or "read only" in message:
        return WriteRefused(f"writes are not allowed here: {message}")
    return QueryError(message)


# Deleting a notice (both dialects accept these). Notices it cites, other notices citing it, the statement that
# leaves a cited notice known by its 文号 alone, and the stand-ins for cited notices nothing points at any more.
CITED_BY_NOTICE = "MATCH (n:Notice {id: $id})-[r]->(c:Notice) WHERE r.source_notice = $id RETURN DISTINCT c.id"
CITING_NOTICES = "MATCH (m:Notice)-[]->(n:Notice {id: $id}) WHERE m.id <> n.id RETURN count(m)"
DELETE_UNCITED_STUBS = (
    "MATCH (c:Notice) WHERE c.id IN $ids AND c.kind IS NULL "
    "OPTIONAL MATCH (c)-[r]-() WITH c, count(r) AS links WHERE links = 0 DELETE c"
)


def _forget_notice_statement() -> str:
    """A notice that other notices still cite goes back to what a citation alone says of it: its 文号."""
    kept = {"id", "doc_number"}
    props = [p for p in node_kind("Notice").all_properties if p not in kept]
    return "MATCH (n:Notice {id: $id}) SET " + ", ".join(f"n.{p} = NULL" for p in props)


def _count_all(count) -> dict[str, dict[str, int]]:
    """Nodes per label and relationships per type, each counted by `count(cypher)`."""
    nodes = {k.label: count(f"MATCH (n:{k.label}) RETURN count(n)") for k in NODE_KINDS}
    rels = {r.name: count(f"MATCH ()-[r:{r.name}]->() RETURN count(r)") for r in RELATIONSHIPS}
    return {"nodes": nodes, "relationships": rels}


def _without_repeats(batch: list[tuple[str, GraphRows]]) -> Iterator[list[tuple[str, GraphRows]]]:
    """Consecutive parts of the batch in which no notice id repeats."""
    part: list[tuple[str, GraphRows]] = []
    ids: set[str] = set()
    for item in batch:
        if item[0] in ids:
            yield part
            part, ids = [], set()
        part.append(item)
        ids.add(item[0])
    if part:
        yield part


def _group_by_keys(rows: list[dict[str, Any]]) -> dict[frozenset, list[dict[str, Any]]]:
    groups: dict[frozenset, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    return groups


def _arrow_table(rows: list[dict[str, Any]], props: dict[str, str]) -> pa.Table:
    """Typed columns: the engine infers a column's type from its values, and an all-null column would
    otherwise come out as STRING and fail to bind to an INT64 property."""
    # As one struct array (pyarrow reads the dicts in C++; absent keys are nulls, other keys ignored):
    # Table.from_pylist took as long as the engine's MERGE of the rows.
    struct = pa.struct([(p, _ARROW[t]) for p, t in props.items()])
    chunks = [pa.array(rows[i : i + ARROW_CHUNK_ROWS], type=struct) for i in range(0, len(rows), ARROW_CHUNK_ROWS)]
    return pa.Table.from_struct_array(pa.chunked_array(chunks, type=struct))


def _delete_owned(conn: ladybug.Connection, notice_ids: list[str]) -> None:
    """What the notices own (their Measures and Awards, with their relationships) and the relationships they
    stated from shared nodes (a Notice's CITES): what replacing, deleting or undoing a notice removes."""
    for label in OWNED_BY_NOTICE:
        conn.execute(f"MATCH (n:{label}) WHERE n.notice_id IN $ids DETACH DELETE n", {"ids": notice_ids})
    conn.execute("MATCH (n:Notice)-[r]->() WHERE n.id IN $ids AND r.source_notice = n.id DELETE r", {"ids": notice_ids})


def _journal(path: Path) -> Path:
    return path.with_name(path.name + ".batch.json")


def _recover_for_reading(url: str, settings: Settings) -> None:
    """A writer was killed in the middle of a batch: open read-write once, which removes the batch's notices,
    unless a live process holds the graph (then it is that writer's batch, still under way)."""
    try:
        LadybugStore(url, settings=settings).close()
    except StoreLocked:
        pass


def _open_database(path: Path, read_only: bool, buffer_pool_bytes: int) -> ladybug.Database:
    try:
        return ladybug.Database(str(path), buffer_pool_size=buffer_pool_bytes, read_only=read_only)
    except RuntimeError as exc:
        if not (read_only and _RECOVERY_PENDING in str(exc)):
            raise _open_error(path, exc) from None
    # A writer was killed in the middle of a checkpoint, and only a read-write open finishes it. Do that once
    # (it fails with StoreLocked when a live process holds the graph, e.g. one still checkpointing), then read.
    _open_database(path, False, buffer_pool_bytes).close()
    return _open_database(path, True, buffer_pool_bytes)


def _open_error(path: Path, exc: RuntimeError) -> StoreError:
    holder = _LOCK_HOLDER.search(str(exc))
    if holder:
        return StoreLocked(
            f"{path}: the graph is in use by another process (PID {holder.group(1)}, e.g. `ikg serve`). "
            "Load through the server (POST /documents with IKG_API_KEY set), stop it and load again, "
            "or restart it with `ikg serve --load PATH`."
        )
    return StoreError(f"{path}: cannot open the graph ({str(exc).splitlines()[0]})")
