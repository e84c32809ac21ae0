"""Where the dump's VoID statistics are kept for a store, measuring them (`ikg load` does, after loading), and
keeping them current in a server without ever making a request wait for a measurement."""

from __future__ import annotations

import logging
import threading

from api.dump import changes_path, dump_nt, notices_snapshot_path, stats_path
from cypher.store import Store
from ontology.rdf_feed import NoticeState, append_changes, diff, read_changes, read_snapshot, write_snapshot
from ontology.rdf_stats import DumpStats, mapping_version, read_stats, remeasured, write_stats
from ontology.rdf_terms import base_uri

log = logging.getLogger(__name__)


def measure(store: Store, base: str | None = None) -> DumpStats:
    """Measure the dump now and keep the result (minutes at national scale: the dump is written once); note
    which notices changed since the last measurement, for the change feed."""
    base = base or base_uri()
    path = stats_path(store)
    counts = store.counts()
    chunks = dump_nt(store, base)
    stats = remeasured(read_stats(path), base, counts, chunks)
    _record_changes(store, stats.measured)
    write_stats(path, stats)
    return stats


NOTICE_STATES = (
    "MATCH (n:Notice) WHERE n.source_path IS NOT NULL "
    "RETURN n.id AS id, n.source_sha256 AS sha256, n.title AS title, n.doc_number AS doc_number ORDER BY n.id"
)


def _record_changes(store: Store, time: str) -> None:
    """Loaded notices now against the last snapshot: each difference becomes an event of the feed."""
    events = changes_path(store)
    events.parent.mkdir(parents=True, exist_ok=True)  # $IKG_STATS_DIR need not exist yet (a fresh clone)
    snapshot = notices_snapshot_path(store)
    after = {
        r["id"]: NoticeState(r["sha256"], r["title"], r["doc_number"]) for r in store.query(NOTICE_STATES).records()
    }
    seen = read_changes(events)
    append_changes(events, diff(read_snapshot(snapshot), after, time, seen[-1].seq if seen else 0))
    write_snapshot(snapshot, after)


class StatsKeeper:
    """The last statistics of one store; after a change of the graph, one background thread measures again."""

    def __init__(self, store: Store):
        self.store = store
        self.path = stats_path(store)
        self._stats = read_stats(self.path)
        self._lock = threading.Lock()
        self._checked_version: str | None = None  # the graph version the statistics are known to describe
        self._thread: threading.Thread | None = None

    def current(self) -> DumpStats | None:
        """The statistics as last measured (None before the first measurement); never waits for one."""
        with self._lock:
            version, stats = self.store.version, self._stats
            if version != self._checked_version and (self._thread is None or not self._thread.is_alive()):
                if self._describes(stats, fresh=self._checked_version is None):
                    self._checked_version = version
                else:
                    self._thread = threading.Thread(target=self._measure, args=(version,), daemon=True)
                    self._thread.start()
            return stats

    def _describes(self, stats: DumpStats | None, fresh: bool) -> bool:
        """Does the kept file describe the dump as it is? Only at start (the version is per process) can the
        counts, base and mapping tell; after a write in this process, measure again."""
        if not fresh or stats is None:
            return False
        same_dump = stats.base == base_uri() and stats.mapping == mapping_version()
        return same_dump and stats.counts == self.store.counts()

    def _measure(self, version: str) -> None:
        try:
            stats = measure(self.store)
        except Exception:  # a failed measurement keeps the last statistics; the next request tries again
            log.exception("measuring the dump's statistics failed")
            with self._lock:
                self._thread = None
            return
        with self._lock:
            self._stats, self._checked_version = stats, version

    @property
    def up_to_date(self) -> bool:
        """Do the statistics describe the graph as it is now (not only as it was before the last write)?"""
        return self._stats is not None and self._checked_version == self.store.version

    def wait(self, timeout_s: float = 600) -> DumpStats | None:
        """For tests and `ikg`: the statistics after any measurement under way."""
        self.current()
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
        return self._stats
