"""Rows for the RDF export read from a store: the whole graph in pages, or the neighbourhood of one node.

Items are ("node", label, row) and ("rel", type, row) as `ontology.rdf.graph_triples` takes them; the same pages
as Arrow tables for the N-Triples formatted from columns (`ontology/rdf_columns.py`). Pages are keyed on ids
(`WHERE n.id > $after … LIMIT`), not SKIP, so each page costs the same and memory stays flat.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from cypher.store import Store, arrow_schema
from ontology.model import NODE_KINDS, RELATIONSHIPS, STRING, NodeKind, RelType, node_kind, rel_type

PAGE = 20_000  # rows per page: each page query scans its table, so fewer pages; memory stays one page
Item = tuple[str, str, dict]


def _node_return(kind: NodeKind) -> str:
    return ", ".join(f"n.{p} AS {p}" for p in kind.all_properties)


def _rel_return(rel: RelType) -> str:
    props = "".join(f", r.{p} AS {p}" for p in rel.all_properties)
    return f"a.id AS src, b.id AS dst{props}"


def _rel_row(record: dict) -> dict:
    record["from"], record["to"] = record.pop("src"), record.pop("dst")
    return record


class _Ranges:
    """Pages of a node kind as (first, last) id ranges, from its ids read once in order and kept for the dump (at
    national scale ~700,000 ids, ~30 MB). A page query then filters on a range and sorts only its page: paging
    with `WHERE n.id > $after ORDER BY n.id LIMIT` sorted the whole table for every page (an export of 1.0 spent
    most of its time there), and for relationships filled LadybugDB's buffer pool on ANNOUNCED_IN."""

    def __init__(self, store: Store):
        self.store = store
        self._ids: dict[str, pa.Array] = {}

    def __call__(self, label: str, page: int) -> Iterator[tuple[str, str]]:
        if label not in self._ids:
            query = f"MATCH (n:{label}) RETURN n.id AS id ORDER BY n.id"
            self._ids[label] = self.store.query_arrow(query, {}, arrow_schema({"id": STRING}))["id"].combine_chunks()
        ids = self._ids[label]
        for start in range(0, len(ids), page):
            yield ids[start].as_py(), ids[min(start + page, len(ids)) - 1].as_py()


def node_pages(store: Store, kind: NodeKind, page: int = PAGE, ranges: _Ranges | None = None) -> Iterator[pa.Table]:
    """Every node of a kind in pages of Arrow columns, by id."""
    schema = arrow_schema(kind.all_properties)
    query = f"MATCH (n:{kind.label}) WHERE n.id >= $first AND n.id <= $last RETURN {_node_return(kind)} ORDER BY n.id"
    for first, last in (ranges or _Ranges(store))(kind.label, page):
        table = store.query_arrow(query, {"first": first, "last": last}, schema)
        if table.num_rows:
            yield table


def rel_pages(store: Store, rel: RelType, page: int = PAGE, ranges: _Ranges | None = None) -> Iterator[pa.Table]:
    """Every relationship of a type in pages of Arrow columns ('from', 'to' and its properties), ordered by their
    ends. A page is the relationships of a range of source nodes, sized from the counts to hold about `page`."""
    counts = store.counts()
    total, sources = counts["relationships"].get(rel.name), counts["nodes"].get(rel.source)
    if total is None or sources is None:  # a summary (ikg copy): the store counts the domain's kinds only
        total = store.query(f"MATCH ()-[r:{rel.name}]->() RETURN count(r)").rows[0][0]
        sources = store.query(f"MATCH (n:{rel.source}) RETURN count(n)").rows[0][0]
    if not total:
        return
    schema = arrow_schema({"src": STRING, "dst": STRING, **rel.all_properties})
    query = (
        f"MATCH (a:{rel.source})-[r:{rel.name}]->(b:{rel.target}) WHERE a.id >= $first AND a.id <= $last "
        f"RETURN {_rel_return(rel)} ORDER BY src, dst"
    )
    for first, last in (ranges or _Ranges(store))(rel.source, max(1, min(page, page * sources // total))):
        table = store.query_arrow(query, {"first": first, "last": last}, schema)
        if table.num_rows:
            yield table.rename_columns(["from", "to", *table.column_names[2:]])


def iter_nodes(store: Store, kind: NodeKind) -> Iterator[dict]:
    for table in node_pages(store, kind):
        yield from table.to_pylist()


def iter_rels(store: Store, rel: RelType) -> Iterator[dict]:
    for table in rel_pages(store, rel):
        yield from table.to_pylist()


def whole_graph(store: Store) -> Iterator[Item]:
    for what, name, table in whole_graph_pages(store):
        for row in table.to_pylist():
            yield what, name, row


def whole_graph_pages(store: Store) -> Iterator[tuple[str, str, pa.Table]]:
    """The whole graph as ("node", label, page) and ("rel", type, page), in `whole_graph`'s order."""
    ranges = _Ranges(store)
    for kind in NODE_KINDS:
        for table in node_pages(store, kind, ranges=ranges):
            yield "node", kind.label, table
    for rel in RELATIONSHIPS:
        for table in rel_pages(store, rel, ranges=ranges):
            yield "rel", rel.name, table


# -- neighbourhoods ------------------------------------------------------------------------------------------------


def nodes_by_id(store: Store, label: str, ids: set[str]) -> list[dict]:
    if not ids:
        return []
    kind = node_kind(label)
    return store.query(
        f"MATCH (n:{label}) WHERE n.id IN $ids RETURN {_node_return(kind)} ORDER BY n.id", {"ids": sorted(ids)}
    ).records()


def rels_touching(store: Store, name: str, ids: set[str], side: str) -> list[dict]:
    """Relationships of one type whose source (side='a') or target (side='b') is one of ids."""
    if not ids:
        return []
    rel = rel_type(name)
    return [
        _rel_row(r)
        for r in store.query(
            f"MATCH (a:{rel.source})-[r:{name}]->(b:{rel.target}) WHERE {side}.id IN $ids "
            f"RETURN {_rel_return(rel)} ORDER BY src, dst",
            {"ids": sorted(ids)},
        ).records()
    ]


class Neighbourhood:
    """A subgraph collected relationship by relationship; `items()` adds every node the relationships reach,
    so the result never points at a node it does not describe."""

    def __init__(self, store: Store):
        self.store = store
        self.ids: dict[str, set[str]] = {k.label: set() for k in NODE_KINDS}
        self.rels: dict[str, dict[tuple[str, str], dict]] = {}

    def add_nodes(self, label: str, ids: set[str]) -> None:
        self.ids[label] |= {i for i in ids if i}

    def follow(self, name: str, from_label: str, side: str) -> set[str]:
        """Add the relationships `name` touching the collected nodes of from_label; return the far ends' ids."""
        found = rels_touching(self.store, name, self.ids[from_label], side)
        rel = rel_type(name)
        far_label, far_key = (rel.target, "to") if side == "a" else (rel.source, "from")
        for row in found:
            self.rels.setdefault(name, {})[(row["from"], row["to"])] = row
        far = {row[far_key] for row in found}
        self.add_nodes(far_label, far)
        return far

    def items(self) -> list[Item]:
        for name, pairs in self.rels.items():
            rel = rel_type(name)
            for row in pairs.values():
                self.add_nodes(rel.source, {row["from"]})
                self.add_nodes(rel.target, {row["to"]})
        items: list[Item] = []
        nodes: dict[str, list[dict]] = {label: nodes_by_id(self.store, label, ids) for label, ids in self.ids.items()}
        # A notice's jurisdiction is a property, not a relationship: describe that locality too.
        jurisdictions = {n["jurisdiction_id"] for n in nodes["Notice"] if n.get("jurisdiction_id")}
        if jurisdictions - self.ids["Locality"]:
            self.add_nodes("Locality", jurisdictions)
            nodes["Locality"] = nodes_by_id(self.store, "Locality", self.ids["Locality"])
        for label, node_rows in nodes.items():
            items += [("node", label, row) for row in node_rows]
        for name, rels in self.rels.items():
            items += [("rel", name, row) for row in rels.values()]
        return items


def notice_items(store: Store, notice_id: str) -> list[Item] | None:
    """A notice with its measures, their departments and topics, the awards announced in it or under its
    measures with their recipients, and the notices it cites or repeals. None: no such notice."""
    hood = Neighbourhood(store)
    hood.add_nodes("Notice", {notice_id})
    if not nodes_by_id(store, "Notice", {notice_id}):
        return None
    for name in ("HAS_MEASURE", "ISSUED_BY", "CITES", "SUPERSEDES"):
        hood.follow(name, "Notice", "a")
    for name in ("LED_BY", "SUPPORTED_BY", "ABOUT", "IMPLEMENTS"):
        hood.follow(name, "Measure", "a")
    hood.follow("ANNOUNCED_IN", "Notice", "b")
    hood.follow("UNDER", "Measure", "b")
    _award_links(hood)
    return hood.items()


def locality_items(store: Store, locality_id: str) -> list[Item] | None:
    """A locality, its parent, and its awards with their measures (and topics), notices and departments."""
    if not nodes_by_id(store, "Locality", {locality_id}):
        return None
    hood = Neighbourhood(store)
    hood.add_nodes("Locality", {locality_id})
    hood.follow("PART_OF", "Locality", "a")
    hood.ids["Locality"] = {locality_id}  # only this locality's awards, not its parent's
    hood.follow("RECEIVED", "Locality", "a")
    _award_links(hood)
    hood.follow("ABOUT", "Measure", "a")
    hood.follow("HAS_MEASURE", "Measure", "b")
    return hood.items()


def _award_links(hood: Neighbourhood) -> None:
    for name in ("UNDER", "ANNOUNCED_IN", "IMPLEMENTED_BY"):
        hood.follow(name, "Award", "a")
    hood.follow("RECEIVED", "Award", "b")


def node_items(store: Store, kind: NodeKind, node_id: str) -> list[Item] | None:
    """One node and every relationship in or out of it (the far ends by reference only)."""
    rows = nodes_by_id(store, kind.label, {node_id})
    if not rows:
        return None
    rels: dict[tuple[str, str, str], dict] = {}  # keyed, so a relationship from a node to itself counts once
    for rel in RELATIONSHIPS:
        for label, side in ((rel.source, "a"), (rel.target, "b")):
            if label == kind.label:
                for row in rels_touching(store, rel.name, {node_id}, side):
                    rels[(rel.name, row["from"], row["to"])] = row
    return [("node", kind.label, rows[0])] + [("rel", key[0], row) for key, row in rels.items()]


def node_exists(store: Store, kind: NodeKind, node_id: str) -> bool:
    query = f"MATCH (n:{kind.label}) WHERE n.id = $id RETURN n.id AS id LIMIT 1"
    return bool(store.query(query, {"id": node_id}).records())
