"""The store interface every backend implements, its errors, and opening a store from a URL."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ontology.errors import StoreError
from ontology.model import INT, INT_LIST, STRING, STRING_LIST
from ontology.rows import GraphRows, LinkSet
from ontology.settings import Settings, read_settings


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


ARROW_TYPES = {STRING: pa.string(), INT: pa.int64(), STRING_LIST: pa.list_(pa.string()), INT_LIST: pa.list_(pa.int64())}


def arrow_schema(columns: dict[str, str]) -> pa.Schema:
    """Arrow types for columns named with the model's property types."""
    return pa.schema([(name, ARROW_TYPES[kind]) for name, kind in columns.items()])


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

    def replace_relationships(self, name: str, from_ids: list[str], rows: list[dict[str, Any]]) -> None:
        """In one transaction: remove the `name` relationships leaving the nodes `from_ids`, then merge `rows`
        ('from', 'to' and properties; both ends must exist). For links derived after loading (loaders.linking)."""
        self.replace_links([LinkSet(name, from_ids, rows)])

    @abstractmethod
    def replace_links(self, sets: list[LinkSet]) -> None:
        """`replace_relationships` for several sets, all in one transaction: a failure in any (an invalid row, a
        time limit) leaves every set as it was. A relink writes all its link types at once through this."""

    @abstractmethod
    def merge_rows(self, rows: GraphRows) -> None:
        """In one transaction: merge rows (nodes by key, relationships by their ends), removing nothing.
        Used to copy a graph into an empty store; Measures and Awards (owned by a notice) must be new there."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every node and relationship."""

    @abstractmethod
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, read_only: bool = True) -> QueryResult: ...

    def query_arrow(self, cypher: str, params: dict[str, Any] | None, schema: pa.Schema) -> pa.Table:
        """A read's rows as Arrow columns of these names and types. By default made from the records (the Neo4j
        driver gives records); the embedded engine gives Arrow itself, without a Python object per value."""
        return pa.Table.from_pylist(self.query(cypher, params).records(), schema=schema)

    @abstractmethod
    def query_read_only(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int, max_rows: int
    ) -> QueryResult:
        """Run an ad-hoc query where the engine itself refuses writes (WriteRefused), within a time limit
        (QueryTimeout) and a row cap (RowLimitExceeded when more rows would come)."""

    def prefer_readers(self) -> None:
        """From now on, writes leave cores to the readers: a server calls this before serving, so that the
        uploads it loads do not take every core from the requests. Nothing by default: a server-based store
        schedules its own work."""
        return None

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
    return read_settings().store


def open_store(url: str | None = None, *, read_only: bool = False, settings: Settings | None = None) -> Store:
    """The store at `url` (default: IKG_STORE), with the given settings (default: read from the environment)."""
    settings = settings or read_settings()
    url = url or settings.store
    if url.startswith("ladybug://"):
        from cypher.ladybug_store import LadybugStore

        return LadybugStore(url, read_only=read_only, settings=settings)
    if url.split("://", 1)[0] in NEO4J_SCHEMES:
        from cypher.neo4j_store import Neo4jStore

        return Neo4jStore(url, read_only=read_only, settings=settings)
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
