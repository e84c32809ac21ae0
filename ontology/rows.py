"""What loading writes into a store: rows per node label and per relationship type, checked against the model
as they are added, so a misspelt property key (`titel`, `amount_yaun`) fails where it is written instead of
becoming a null that both stores accept silently."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from ontology.model import OWNED_BY_NOTICE, STORED_KINDS, STORED_RELATIONSHIPS

_NODE_PROPERTIES = {kind.label: frozenset(kind.all_properties) for kind in STORED_KINDS}
_NODE_KEYS = {kind.label: kind.key for kind in STORED_KINDS}
_REL_PROPERTIES = {rel.name: frozenset(rel.all_properties) for rel in STORED_RELATIONSHIPS}
# Measures, Awards and tallies, and their relationships, belong to one notice each.
_OWNED_RELS = frozenset(r.name for r in STORED_RELATIONSHIPS if {r.source, r.target} & set(OWNED_BY_NOTICE))


class SchemaMismatch(ValueError):
    """A row that does not fit the model: an unknown label, relationship type or property."""


@dataclass
class GraphRows:
    """What one document (or a batch of them) contributes to the graph. A relationship row has 'from' and
    'to' keys plus its properties."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add_node(self, label: str, row: dict[str, Any]) -> None:
        _check(row.keys(), _NODE_PROPERTIES.get(label), f"node label {label!r}")
        self.nodes.setdefault(label, []).append(row)

    def add_rel(self, name: str, source: str, target: str, **props: Any) -> None:
        _check(props.keys(), _REL_PROPERTIES.get(name), f"relationship type {name!r}")
        self.rels.setdefault(name, []).append({"from": source, "to": target, **props})

    def deduplicated(self) -> GraphRows:
        """One document's rows with one row per node key and per relationship, so a batch MERGE sees each
        once. A document may name a node twice (a locality as recipient and as parent): the row stating the
        most properties wins, the first among equals; of a relationship stated twice, the first."""
        out = GraphRows()
        for label, node_rows in self.nodes.items():
            key = _NODE_KEYS[label]
            seen: dict[str, dict[str, Any]] = {}
            for row in node_rows:
                if row[key] not in seen or len(row) > len(seen[row[key]]):
                    seen[row[key]] = row
            out.nodes[label] = list(seen.values())
        for name, rel_rows in self.rels.items():
            out.rels[name] = list({(r["from"], r["to"]): r for r in reversed(rel_rows)}.values())[::-1]
        return out


class LinkSet(NamedTuple):
    """Links of one type to put in place of those leaving some nodes: the `name` relationships leaving `from_ids`
    go, `rows` ('from', 'to' and properties) are merged. `derived_only`: only the relationships with a score go
    (links derived when linking), not those a text stated (CITES by 文号, which have none)."""

    name: str
    from_ids: list[str]
    rows: list[dict[str, Any]]
    derived_only: bool = False


class QueryAnswer(Protocol):
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]: ...


class GraphStore(Protocol):
    """What the loaders need of a store (every store in cypher/ is one): write notices' rows, read the graph
    and replace the links derived after loading (loaders/linking.py). The loaders use this and so never
    depend on a backend."""

    url: str
    dialect: str

    def replace_notices(self, batch: list[tuple[str, GraphRows]]) -> None: ...

    def replace_relationships(self, name: str, from_ids: list[str], rows: list[dict[str, Any]]) -> None: ...

    def replace_links(self, sets: list[LinkSet]) -> None: ...

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, read_only: bool = True) -> QueryAnswer: ...


def combine_rows(batches: list[GraphRows]) -> GraphRows:
    """Rows of several documents as one: per node key (and set of stated properties) and per relationship the
    last row wins, which is what merging the documents one after another leaves in the graph. Unlike
    `deduplicated`, a later document overrides an earlier one."""
    if len(batches) == 1:
        return batches[0]
    nodes: dict[str, dict[tuple, dict[str, Any]]] = {}
    rels: dict[str, dict[tuple, dict[str, Any]]] = {}
    out = GraphRows()
    for rows in batches:
        for label, node_rows in rows.nodes.items():
            if label in OWNED_BY_NOTICE:  # new nodes of each notice: concatenated, not deduplicated
                out.nodes.setdefault(label, []).extend(node_rows)
                continue
            by_key, key = nodes.setdefault(label, {}), _NODE_KEYS[label]
            for row in node_rows:
                by_key[(row[key], frozenset(row))] = row
        for name, rel_rows in rows.rels.items():
            if name in _OWNED_RELS:
                out.rels.setdefault(name, []).extend(rel_rows)
                continue
            by_pair = rels.setdefault(name, {})
            for row in rel_rows:
                by_pair[(row["from"], row["to"])] = row
    out.nodes.update({label: list(by_key.values()) for label, by_key in nodes.items()})
    out.rels.update({name: list(by_pair.values()) for name, by_pair in rels.items()})
    return out


def _check(keys, allowed: frozenset[str] | None, what: str) -> None:
    if allowed is None:
        raise SchemaMismatch(f"unknown {what}: not in ontology/model.py")
    if not allowed.issuperset(keys):
        unknown = ", ".join(sorted(set(keys) - allowed))
        raise SchemaMismatch(f"{what} has no property {unknown} in ontology/model.py")
