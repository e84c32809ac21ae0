"""The production backend: Neo4j 5 through the official `neo4j` driver.

Selected by a URL `neo4j://user:password@host:7687/database` (or bolt://, +s/+ssc for TLS). Without
credentials in the URL, NEO4J_USER and NEO4J_PASSWORD are used.

- Writes: one managed write transaction per batch of documents (`load_paths` batches them). The driver retries
  a managed transaction on transient errors (deadlock, leader switch), so the work in it is idempotent: delete
  what the notices owned and no longer state, then MERGE. Rows go with `UNWIND $rows … MERGE`, 2,000 a
  statement, never one round trip per row.
- Reads: managed read transactions. Ad-hoc Cypher runs in an explicit transaction opened in READ access mode,
  so the server itself refuses writes, with a server-side time limit.
- The graph's version (for ETags) is a GraphMeta node that every write transaction touches: other processes
  (the compose loader, a second API) write to the same database, so a counter in this process would lie.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import unquote, urlsplit

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from cypher.admission import Admission
from cypher.ddl import neo4j_schema
from cypher.guard import check_read_query
from cypher.ladybug_store import _without_repeats as without_repeats  # a batch combines alike for both engines
from cypher.query_workers import WorkerLimits
from cypher.store import GraphRows, QueryResult, Store, redact
from ontology.errors import QueryError, QueryTimeout, RowLimitExceeded, StoreError, WriteRefused
from ontology.model import (
    NODE_KINDS,
    OWNED_BY_NOTICE,
    RELATIONSHIPS,
    STORED_KINDS,
    STORED_RELATIONSHIPS,
    node_kind,
    rel_type,
)
from ontology.rows import LinkSet, combine_rows
from ontology.settings import Settings, read_settings
from ontology.summaries import fill_missing_tallies, with_summaries

# The driver logs a failed connection as a warning, which Python prints to stderr when the application has
# configured no logging; the same failure reaches the user as a StoreError naming the URL, so once is enough.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

BATCH_ROWS = 2000  # rows per UNWIND: big enough to amortise the round trip, small enough for the server's memory
META_LABEL = "GraphMeta"  # not part of the model: holds the graph's version


@dataclass(frozen=True)
class Neo4jTarget:
    uri: str  # scheme://host:port, what the driver takes
    auth: tuple[str, str] | None
    database: str | None  # None: the server's default database


def parse_url(url: str, settings: Settings | None = None) -> Neo4jTarget:
    settings = settings or read_settings()
    parts = urlsplit(url)
    if not parts.hostname:
        raise StoreError(f"{redact(url)}: no host in the Neo4j URL (expected neo4j://user:pass@host:7687/db)")
    user = unquote(parts.username) if parts.username else settings.neo4j_user
    password = unquote(parts.password) if parts.password else (settings.neo4j_password or None)
    auth = (user, password) if user and password is not None else None
    port = f":{parts.port}" if parts.port else ""
    return Neo4jTarget(f"{parts.scheme}://{parts.hostname}{port}", auth, parts.path.strip("/") or None)


class Neo4jStore(Store):
    dialect = "neo4j"

    def __init__(self, url: str, *, read_only: bool = False, settings: Settings | None = None):
        self.settings = settings or read_settings()
        # Reads stop at the query limit; writes are trusted work with their own, larger limit (a notice of
        # 68,000 measures must stay replaceable). Both are enforced by the server.
        self._read_timeout_s = self.settings.query_timeout_ms / 1000
        self._write_timeout_s = self.settings.write_timeout_ms / 1000
        target = parse_url(url, self.settings)
        self.url = redact(url)
        self.read_only = read_only
        self._ad_hoc: Admission | None = None  # bounds concurrent ad-hoc queries (made on first use)
        self._database = target.database
        self._driver = neo4j.GraphDatabase.driver(target.uri, auth=target.auth, user_agent="incentive-kg")
        try:
            self._driver.verify_connectivity()
            self.query("RETURN 1")  # an unknown database name fails here, not on the first real query
        except (DriverError, Neo4jError, OSError, StoreError) as exc:
            self._driver.close()
            raise StoreError(
                f"{self.url}: cannot use Neo4j ({_reason(exc)}); is a Neo4j 5 server listening there, with "
                "these credentials? (bolt:// connects directly; neo4j:// asks the server for a routing table first)"
            ) from None
        if not read_only:
            self.ensure_schema()
            fill_missing_tallies(self)

    def _session(self, access_mode: str = neo4j.READ_ACCESS) -> neo4j.Session:
        # The shared bookmark manager makes each read see this process's earlier writes, also on a cluster.
        return self._driver.session(
            database=self._database,
            default_access_mode=access_mode,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
        )

    def ensure_schema(self) -> None:
        """Creates the constraints and indexes that are missing. The compose loader and API start together on
        an empty database: their schema commands then deadlock (a transient error, retried here by the managed
        transaction) or find the rule just made by the other ("already exists": as wanted)."""
        existing = {row[0] for row in self.query("SHOW CONSTRAINTS YIELD name RETURN name").rows}
        existing |= {row[0] for row in self.query("SHOW INDEXES YIELD name RETURN name").rows}
        with self._session(neo4j.WRITE_ACCESS) as session:
            for statement in neo4j_schema():
                if statement.split()[2] in existing:  # CREATE CONSTRAINT|INDEX <name> IF NOT EXISTS …
                    continue
                try:
                    # Schema commands cannot share a transaction with data writes: each runs on its own.
                    schema_command = partial(session.execute_write, _run_schema, statement)
                    _guarded(schema_command, self.settings.write_timeout_ms)
                except QueryError as exc:
                    if "AlreadyExists" not in str(exc):
                        raise

    # -- writes ------------------------------------------------------------------------------------------------

    def replace_notice(self, notice_id: str, rows: GraphRows) -> None:
        self.replace_notices([(notice_id, rows)])

    def replace_notices(self, batch: list[tuple[str, GraphRows]]) -> None:
        """The batch in one transaction, one UNWIND statement per label and relationship type for all of it
        (a transaction per document paid ~25 round trips each). A notice given twice is replaced in order:
        the batch is split before the repeat."""
        for part in without_repeats(batch):
            ids = [notice_id for notice_id, _ in part]
            rows = with_summaries(combine_rows([rows for _, rows in part]))

            def work(tx: neo4j.ManagedTransaction, ids=ids, rows=rows) -> None:
                # What the notices owned and no longer state goes; what they state again stays and is merged
                # anew. Deleting every owned node first made each index seek after it in the transaction ~10x
                # slower (the seeks skip the deleted entries): a reload took 7x as long as the first load.
                for label in OWNED_BY_NOTICE:
                    key = node_kind(label).key
                    keep = {row[key] for row in rows.nodes.get(label, [])}
                    owned = [record[0] for record in tx.run(owned_keys_statement(label), ids=ids)]
                    stale = [k for k in owned if k not in keep]  # in Python: `NOT n.id IN $keep` is quadratic
                    tx.run(delete_nodes_statement(label), keys=stale).consume()
                    tx.run(delete_owned_rels_statement(label), ids=ids).consume()
                tx.run(DELETE_STATED_RELS, ids=ids).consume()
                _merge(tx, rows)

            self._write(work)

    def delete_notice(self, notice_id: str) -> bool:
        def work(tx: neo4j.ManagedTransaction) -> bool:
            if tx.run(LOADED_NOTICE, id=notice_id).single() is None:
                return False
            cited = [r["id"] for r in tx.run(CITED_BY_NOTICE, id=notice_id)]
            for label in OWNED_BY_NOTICE:  # everything the notice owns goes, with its relationships
                tx.run(delete_owned_nodes_statement(label), ids=[notice_id]).consume()
            tx.run(DELETE_STATED_RELS, ids=[notice_id]).consume()
            if _single(tx.run(CITING_NOTICES, id=notice_id))["n"]:
                tx.run(forget_notice_statement(), id=notice_id).consume()
            else:
                tx.run(DELETE_NOTICE, id=notice_id).consume()
            if cited:
                tx.run(DELETE_UNCITED_STUBS, ids=cited).consume()
            return True

        return self._write(work)

    def replace_links(self, sets: list[LinkSet]) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            for name, from_ids, rows, derived_only in sets:
                tx.run(delete_rels_from_statement(name, derived_only), ids=from_ids).consume()
                _merge(tx, GraphRows(rels={name: rows}))

        self._write(work)

    def merge_rows(self, rows: GraphRows) -> None:
        self._write(lambda tx: _merge(tx, rows))

    def clear(self) -> None:
        """Removes the nodes of the model's kinds (and the version node) in bounded transactions; nodes with
        other labels in a shared database are left alone."""
        for label in [k.label for k in STORED_KINDS] + [META_LABEL]:
            deleted = 1
            while deleted:
                deleted = self._write(partial(_clear_some, label), bump=False)
        self._write(lambda tx: None)

    def _write(self, work: Callable[[neo4j.ManagedTransaction], Any], *, bump: bool = True) -> Any:
        if self.read_only:
            raise WriteRefused(f"{self.url} was opened read-only")

        @neo4j.unit_of_work(timeout=self._write_timeout_s)
        def unit(tx: neo4j.ManagedTransaction) -> Any:
            result = work(tx)
            if bump:
                tx.run(BUMP_VERSION).consume()
            return result

        with self._session(neo4j.WRITE_ACCESS) as session:
            return _guarded(lambda: session.execute_write(unit), self.settings.write_timeout_ms)

    # -- reads -------------------------------------------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, read_only: bool = True) -> QueryResult:
        @neo4j.unit_of_work(timeout=self._read_timeout_s)
        def fetch(tx: neo4j.ManagedTransaction) -> QueryResult:
            result = tx.run(cypher, params or {})
            return QueryResult(list(result.keys()), [plain_row(r.values()) for r in result])

        if read_only:
            with self._session() as session:
                return _guarded(lambda: session.execute_read(fetch), self.settings.query_timeout_ms)
        # The statement and the version's change in two transactions: a schema command (CREATE INDEX) may not
        # share one with a data write.
        result = self._write(fetch, bump=False)
        self._write(lambda tx: None)
        return result

    def query_read_only(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int, max_rows: int
    ) -> QueryResult:
        check_read_query(cypher, self.dialect)
        if self._ad_hoc is None:
            # The same settings as the embedded store's worker processes.
            limits = WorkerLimits.from_settings(self.settings)
            self._ad_hoc = Admission(running=limits.workers, waiting=limits.queue, what="ad-hoc queries")

        def run() -> QueryResult:
            # An explicit transaction, not a managed one: a managed one would be retried after a timeout.
            with self._session() as session:
                tx = session.begin_transaction(timeout=timeout_ms / 1000)
                try:
                    return _bounded(tx.run(cypher, params or {}), max_rows)
                finally:
                    tx.close()  # rolls back (leaving a `with` block would commit): an ad-hoc query commits nothing

        with self._ad_hoc.turn(wait_s=timeout_ms / 1000):
            return _guarded(run, timeout_ms)

    @property
    def version(self) -> str:
        rows = self.query(READ_VERSION).rows
        return rows[0][0] if rows else "empty"

    def counts(self) -> dict[str, dict[str, int]]:
        rows = self.query(counts_statement()).rows
        return {
            "nodes": {name: n for kind, name, n in rows if kind == "node"},
            "relationships": {name: n for kind, name, n in rows if kind == "rel"},
        }

    def close(self) -> None:
        self._driver.close()


def _merge(tx: neo4j.ManagedTransaction, rows: GraphRows) -> None:
    for label, node_rows in rows.nodes.items():
        kind = node_kind(label)
        # Only what a row states is set (a cited notice known by its 文号 keeps its other properties).
        known = [{p: row[p] for p in kind.all_properties if p in row} for row in node_rows]
        for batch in _batches(known):
            tx.run(node_merge_statement(label), rows=batch).consume()
    for name, rel_rows in rows.rels.items():
        props = rel_type(name).all_properties
        shaped = [{"from": r["from"], "to": r["to"], "props": {p: r.get(p) for p in props}} for r in rel_rows]
        for batch in _batches(shaped):
            tx.run(rel_merge_statement(name), rows=batch).consume()


# The statements this backend sends, as functions so that CI can check every one with a Cypher parser.
# Relationship types are quoted: the model has one named OF, a keyword in GQL.


def node_merge_statement(label: str) -> str:
    """A Measure or Award row states the whole node (`=`: a property it no longer has goes); a shared node's
    row only what this document knows of it (`+=`)."""
    key = node_kind(label).key
    op = "=" if label in OWNED_BY_NOTICE else "+="
    return f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.{key}}}) SET n {op} row"


def rel_merge_statement(name: str) -> str:
    rel = rel_type(name)
    source, target = node_kind(rel.source), node_kind(rel.target)
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{source.label} {{{source.key}: row.from}}) MATCH (b:{target.label} {{{target.key}: row.to}}) "
        f"MERGE (a)-[r:`{name}`]->(b) SET r += row.props"
    )


def delete_rels_from_statement(name: str, derived_only: bool = False) -> str:
    """The `name` relationships leaving the nodes $ids (links derived after loading, about to be recomputed);
    `derived_only`: only those with a score (a CITES stated by 文号 has none)."""
    rel = rel_type(name)
    key = node_kind(rel.source).key
    derived = " WHERE r.score IS NOT NULL" if derived_only else ""
    return f"UNWIND $ids AS id MATCH (a:{rel.source} {{{key}: id}})-[r:`{name}`]->(){derived} DELETE r"


def owned_keys_statement(label: str) -> str:
    """The keys of the `label` nodes the notices $ids own."""
    return f"UNWIND $ids AS id MATCH (n:{label} {{notice_id: id}}) RETURN n.{node_kind(label).key}"


def delete_nodes_statement(label: str) -> str:
    return f"UNWIND $keys AS key MATCH (n:{label} {{{node_kind(label).key}: key}}) DETACH DELETE n"


def delete_owned_rels_statement(label: str) -> str:
    """Every relationship of the `label` nodes the notices $ids own: their rows state them again."""
    return f"UNWIND $ids AS id MATCH (n:{label} {{notice_id: id}})-[r]-() DELETE r"


# Relationships from shared nodes that a notice stated (e.g. Notice CITES) are re-stated.
DELETE_STATED_RELS = "UNWIND $ids AS id MATCH (n:Notice {id: id})-[r]->() WHERE r.source_notice = id DELETE r"


def delete_owned_nodes_statement(label: str) -> str:
    """Every `label` node the notices $ids own, with its relationships (deleting a notice)."""
    return f"UNWIND $ids AS id MATCH (n:{label} {{notice_id: id}}) DETACH DELETE n"


def delete_owned_statements() -> list[str]:
    """What replacing notices runs before it merges their rows."""
    per_label = [
        (owned_keys_statement(x), delete_nodes_statement(x), delete_owned_rels_statement(x)) for x in OWNED_BY_NOTICE
    ]
    return [statement for group in per_label for statement in group] + [DELETE_STATED_RELS]


# Deleting a notice: is it loaded, which notices it cites, do others cite it; then the notice goes, or goes back
# to what a citation alone says of it (its 文号); stand-ins for cited notices that nothing links to any more go.
LOADED_NOTICE = "MATCH (n:Notice {id: $id}) WHERE n.kind IS NOT NULL RETURN n.id AS id"
CITED_BY_NOTICE = "MATCH (n:Notice {id: $id})-[r]->(c:Notice) WHERE r.source_notice = $id RETURN DISTINCT c.id AS id"
CITING_NOTICES = "MATCH (m:Notice)-->(n:Notice {id: $id}) WHERE m.id <> n.id RETURN count(m) AS n"
DELETE_NOTICE = "MATCH (n:Notice {id: $id}) DETACH DELETE n"
DELETE_UNCITED_STUBS = "MATCH (c:Notice) WHERE c.id IN $ids AND c.kind IS NULL AND NOT (c)--() DELETE c"


def forget_notice_statement() -> str:
    props = [p for p in node_kind("Notice").all_properties if p not in ("id", "doc_number")]
    return "MATCH (n:Notice {id: $id}) SET " + ", ".join(f"n.{p} = null" for p in props)


def clear_statement(label: str) -> str:
    return f"MATCH (n:{label}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted"


BUMP_VERSION = f"MERGE (m:{META_LABEL} {{id: 'graph'}}) SET m.version = randomUUID(), m.changed = datetime()"
READ_VERSION = f"MATCH (m:{META_LABEL} {{id: 'graph'}}) RETURN m.version"


def counts_statement() -> str:
    """One round trip: the counts come from the server's count store. Counted in WITH, before the names are
    added: `RETURN 'x' AS name, count(n)` groups by the name and gives no row at all when there is no node."""
    parts = [
        f"MATCH (n:{k.label}) WITH count(n) AS n RETURN 'node' AS kind, '{k.label}' AS name, n" for k in NODE_KINDS
    ]
    parts += [
        f"MATCH ()-[r:`{r.name}`]->() WITH count(r) AS n RETURN 'rel' AS kind, '{r.name}' AS name, n"
        for r in RELATIONSHIPS
    ]
    return " UNION ALL ".join(parts)


def backend_statements() -> list[str]:
    """Every statement text the Neo4j backend sends (queries from the library and /cypher aside)."""
    return [
        *neo4j_schema(),
        *(node_merge_statement(k.label) for k in STORED_KINDS),
        *(rel_merge_statement(r.name) for r in STORED_RELATIONSHIPS),
        *(delete_rels_from_statement(r.name) for r in RELATIONSHIPS),
        *delete_owned_statements(),
        *(delete_owned_nodes_statement(label) for label in OWNED_BY_NOTICE),
        LOADED_NOTICE,
        CITED_BY_NOTICE,
        CITING_NOTICES,
        DELETE_NOTICE,
        DELETE_UNCITED_STUBS,
        forget_notice_statement(),
        *(clear_statement(k.label) for k in STORED_KINDS),
        BUMP_VERSION,
        READ_VERSION,
        counts_statement(),
    ]


def _run_schema(tx: neo4j.ManagedTransaction, statement: str) -> None:
    tx.run(statement).consume()


def _clear_some(label: str, tx: neo4j.ManagedTransaction) -> int:
    return _single(tx.run(clear_statement(label)))["deleted"]


def _single(result: neo4j.Result) -> neo4j.Record:
    """The one record of a statement that always returns one (a count)."""
    record = result.single()
    if record is None:
        raise StoreError("the statement returned no row")
    return record


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield rows[start : start + BATCH_ROWS]


def _bounded(result: neo4j.Result, max_rows: int) -> QueryResult:
    """Records stream from the server in batches, so a runaway query is stopped at the cap, not loaded whole."""
    rows: list[list[Any]] = []
    for record in result:
        if len(rows) == max_rows:
            raise RowLimitExceeded(
                f"the query returns more than {max_rows} rows; add LIMIT (and SKIP to page) to ask for fewer"
            )
        rows.append(plain_row(record.values()))
    return QueryResult(list(result.keys()), rows)


def _guarded(call: Callable[[], Any], timeout_ms: float) -> Any:
    """The driver's errors as the store's: the API turns these into problem responses."""
    try:
        return call()
    except Neo4jError as exc:
        raise _store_error(exc, timeout_ms) from None
    except DriverError as exc:
        raise StoreError(f"Neo4j unavailable: {_first_line(exc)}") from None


def _store_error(exc: Neo4jError, timeout_ms: float) -> StoreError:
    code = exc.code or ""
    if "TimedOut" in code:
        return QueryTimeout(f"query stopped after the time limit of {timeout_ms:.0f} ms")
    if code.endswith(("AccessMode", "ForbiddenOnReadOnlyDatabase")) or ".Security." in code:
        return WriteRefused(f"writes are not allowed here: {exc.message}")
    if code.startswith("Neo.ClientError."):
        return QueryError(f"{exc.message} ({code})")
    return StoreError(f"Neo4j failed: {exc.message} ({code})")


def plain_row(values: list[Any]) -> list[Any]:
    return [_plain(v) for v in values]


def _plain(value: Any) -> Any:
    """Driver values as JSON-ready Python, in the same shapes the embedded backend gives."""
    if isinstance(value, neo4j.graph.Node):
        return {"_label": next(iter(value.labels), ""), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_label": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return {"_nodes": [_plain(n) for n in value.nodes], "_rels": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time values
        return value.iso_format()
    return value


def _reason(exc: BaseException) -> str:
    """The server's own message when it gave one (str() of a driver 6 error is a dump of GQL status fields)."""
    if isinstance(exc, Neo4jError) and exc.message:
        return f"{exc.message} ({exc.code})"
    return " ".join(str(exc).split())[:300] or type(exc).__name__


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
