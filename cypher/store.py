"""The store interface every backend implements, its errors, and opening a store from a URL."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

DEFAULT_STORE_URL = "ladybug://./data/graph"


class StoreError(Exception):
    """Base of the store's errors."""


class StoreLocked(StoreError):
    """Another process holds the database for writing."""


class QueryError(StoreError):
    """A query the engine rejected (syntax, unknown label, type mismatch, …)."""


class QueryTimeout(StoreError):
    """A query stopped by the time limit."""


class UnknownQuery(StoreError):
    """A named query that does not exist."""


class RowLimitExceeded(StoreError):
    """An ad-hoc query that would return more rows than allowed: refused, never truncated."""


class WriteRefused(StoreError):
    """A write attempted through a read-only path; the engine refused it."""


class QueryRefused(StoreError):
    """An ad-hoc statement that is not a single read query, refused before it reached the engine."""


class QueryMemoryExceeded(StoreError):
    """A query stopped because it needed more memory than allowed."""


class Overloaded(StoreError):
    """Every query slot is busy and the queue is full: try again shortly."""

    retry_after_s = 1


@dataclass
class GraphRows:
    """What one document contributes to the graph: rows per node label and per relationship type.
    A relationship row has 'from' and 'to' keys plus its properties."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add_node(self, label: str, row: dict[str, Any]) -> None:
        self.nodes.setdefault(label, []).append(row)

    def add_rel(self, name: str, source: str, target: str, **props: Any) -> None:
        self.rels.setdefault(name, []).append({"from": source, "to": target, **props})


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


class Store(ABC):
    url: str  # as given, with any password removed
    dialect: str  # which Cypher the engine speaks: 'ladybug' or 'neo4j' (named queries may have a variant per dialect)

    @abstractmethod
    def ensure_schema(self) -> None: ...

    @abstractmethod
    def replace_notice(self, notice_id: str, rows: GraphRows) -> None:
        """In one transaction: remove what this notice owns, then merge its rows (shared nodes by key)."""

    def replace_notices(self, batch: list[tuple[str, GraphRows]]) -> None:
        """Replace several notices, as `replace_notice` would one after another (a later row for the same
        key wins). A backend may write the batch in one transaction — all of it or none of it — to save
        round trips; this default replaces the notices one by one."""
        for notice_id, rows in batch:
            self.replace_notice(notice_id, rows)

    @abstractmethod
    def delete_notice(self, notice_id: str) -> bool:
        """In one transaction: remove what this notice owns and what it stated, as `replace_notice` does, and
        the Notice itself. When other notices still cite it, it stays as a citation alone leaves it (its id
        and 文号); notices it cited that nothing links to any more go too. False when no notice of that id
        was loaded (a notice known only as cited is not a loaded one)."""

    @abstractmethod
    def replace_relationships(self, name: str, from_ids: list[str], rows: list[dict[str, Any]]) -> None:
        """In one transaction: remove the `name` relationships leaving the nodes `from_ids`, then merge `rows`
        ('from', 'to' and properties; both ends must exist). For links derived after loading (loaders.linking)."""

    @abstractmethod
    def merge_rows(self, rows: GraphRows) -> None:
        """In one transaction: merge rows (nodes by key, relationships by their ends), removing nothing.
        Used to copy a graph into an empty store; Measures and Awards (owned by a notice) must be new there."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every node and relationship."""

    @abstractmethod
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, read_only: bool = True) -> QueryResult: ...

    @abstractmethod
    def query_read_only(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int, max_rows: int
    ) -> QueryResult:
        """Run an ad-hoc query where the engine itself refuses writes (WriteRefused), within a time limit
        (QueryTimeout) and a row cap (RowLimitExceeded when more rows would come)."""

    def warm_up(self) -> None:
        """Start what the first ad-hoc query would otherwise wait for (a server calls this before serving).
        Nothing by default: a server-based store has nothing to start."""
        return None

    @property
    @abstractmethod
    def version(self) -> str:
        """Changes whenever the graph changes (for ETags and caches)."""

    @abstractmethod
    def counts(self) -> dict[str, dict[str, int]]:
        """{'nodes': {label: n}, 'relationships': {type: n}}"""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def store_url() -> str:
    return os.environ.get("IKG_STORE", DEFAULT_STORE_URL)


def open_store(url: str | None = None, *, read_only: bool = False) -> Store:
    url = url or store_url()
    if url.startswith("ladybug://"):
        from cypher.ladybug_store import LadybugStore

        return LadybugStore(url, read_only=read_only)
    if url.split("://", 1)[0] in NEO4J_SCHEMES:
        from cypher.neo4j_store import Neo4jStore

        return Neo4jStore(url, read_only=read_only)
    raise StoreError(
        f"{redact(url)}: unknown store URL scheme (expected ladybug://PATH or neo4j://user:pass@host:7687/db)"
    )


NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def redact(url: str) -> str:
    """The URL without its password, for messages and /health."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not sep or not at:
        return url
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{host}"
