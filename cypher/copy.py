"""Copy a graph from one store to another (embedded → Neo4j and back), then check that nothing was lost."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from cypher.rdf_source import iter_nodes, iter_rels
from cypher.store import Store
from ontology.errors import StoreError
from ontology.model import STORED_KINDS, STORED_RELATIONSHIPS
from ontology.rows import GraphRows

BATCH = 5000  # rows per write transaction


def census(store: Store) -> dict[str, dict[str, int]]:
    """How many nodes or relationships each kind has, and how many of them carry each property:
    {kind: {'': count, property: count}}. Two graphs with the same census hold the same shape of facts."""
    found: dict[str, dict[str, int]] = {}
    for kind in STORED_KINDS:  # the summaries too: a copy without them would answer the questions reading them wrongly
        found[kind.label] = _count(store, f"MATCH (x:{kind.label})", kind.all_properties)
    for rel in STORED_RELATIONSHIPS:
        found[rel.name] = _count(store, f"MATCH ()-[x:{rel.name}]->()", rel.all_properties)
    return found


def _count(store: Store, match: str, properties: Iterable[str]) -> dict[str, int]:
    names = list(properties)
    columns = ", ".join(["count(x) AS total", *(f"count(x.{p}) AS p{i}" for i, p in enumerate(names))])
    row = store.query(f"{match} RETURN {columns}").rows[0]
    return {"": row[0], **dict(zip(names, row[1:]))}


@dataclass
class CopyReport:
    source: dict[str, dict[str, int]]
    target: dict[str, dict[str, int]]

    @property
    def differences(self) -> list[str]:
        return [
            f"{kind}.{prop or '(count)'}: {n} in the source, {self.target.get(kind, {}).get(prop, 0)} in the target"
            for kind, props in self.source.items()
            for prop, n in props.items()
            if self.target.get(kind, {}).get(prop, 0) != n
        ]


def copy_graph(
    source: Store, target: Store, *, replace: bool = False, on_batch: Callable[[str, int], None] | None = None
) -> CopyReport:
    """Nodes first (every kind), then relationships, each in batches of BATCH rows per transaction.
    The target must be empty unless replace=True, which clears it first: merging two graphs is not a copy."""
    if source.url == target.url:
        raise StoreError(f"{source.url}: source and target are the same store")
    if replace:
        target.clear()
    elif any(target.counts()["nodes"].values()):
        raise StoreError(f"{target.url} already holds a graph; copy with --replace to clear it first")
    for kind in STORED_KINDS:
        for batch in _batches(iter_nodes(source, kind)):
            target.merge_rows(GraphRows(nodes={kind.label: batch}))
            if on_batch:
                on_batch(kind.label, len(batch))
    for rel in STORED_RELATIONSHIPS:
        for batch in _batches(iter_rels(source, rel)):
            target.merge_rows(GraphRows(rels={rel.name: batch}))
            if on_batch:
                on_batch(rel.name, len(batch))
    return CopyReport(census(source), census(target))


def _batches(rows: Iterator[dict]) -> Iterator[list[dict]]:
    while batch := list(islice(rows, BATCH)):
        yield batch
