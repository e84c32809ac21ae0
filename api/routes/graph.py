"""A node's neighbourhood as nodes and edges, for drawing: one named query per node kind (neighbours_KIND)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from api.deps import get_store
from api.problems import Problem
from cypher.named_queries import run_named
from cypher.rdf_source import nodes_by_id
from cypher.store import Store
from ontology.model import NODE_KINDS

router = APIRouter(tags=["graph"])
LABELS = {k.path: k.label for k in NODE_KINDS}
Kind = Literal[tuple(LABELS)]  # type: ignore[valid-type]  # from the model: the OpenAPI lists the values


class Edge(BaseModel):
    rel: str = Field(examples=["RECEIVED"])
    source: str
    target: str


class GraphNode(BaseModel):
    id: str
    kind: str = Field(examples=["Award"], description="Node label")
    name: str | None = Field(description="Name, title or text, as the node states it")
    detail: str | None = Field(description="Level, ordinal, notice kind, rank note or jurisdiction, by kind")
    year: int | None = Field(description="Award year, or a notice's work year")
    topics: list[str] = Field(description="Topic ids of a measure, or of the measure an award was won under")


class Neighbourhood(BaseModel):
    center: dict[str, Any] = Field(description="The node itself, with its properties and _label")
    nodes: list[GraphNode] = Field(description="Every other node an edge reaches (each once)")
    edges: list[Edge]


@router.get(
    "/graph/{kind}/{node_id}",
    response_model=Neighbourhood,
    summary="A node's neighbourhood: the nodes and relationships around it",
    description="One hop, and two for reified awards: a locality's neighbourhood holds its awards and the "
    "measures they were won under; a measure's holds its awards and their winners. At most `limit` "
    "relationships of each type.",
    responses={404: {"description": "No such node"}},
)
def neighbourhood(
    kind: Kind = Path(..., examples=["locality"]),  # type: ignore[valid-type]
    node_id: str = Path(..., examples=["500112"]),
    limit: int = Query(200, ge=1, le=1000, description="The most relationships of each type"),
    store: Store = Depends(get_store),
) -> Neighbourhood:
    found = nodes_by_id(store, LABELS[kind], {node_id})
    if not found:
        raise Problem(404, "not-found", "Node not found", f"no {kind} {node_id!r} in the graph")
    rows = run_named(store, f"neighbours_{kind}", {"id": node_id, "limit": limit}).records()
    nodes: dict[str, GraphNode] = {}
    edges = []
    for row in rows:
        edges.append(Edge(rel=row["rel"], source=row["source"], target=row["target"]))
        other = row[row["side"]]
        if other != node_id and other not in nodes:
            fields = {k: row[k] for k in ("kind", "name", "detail", "year", "topics")}
            nodes[other] = GraphNode(id=other, **{**fields, "detail": _text(fields["detail"])})
    center = {"_label": LABELS[kind], **{k: v for k, v in found[0].items() if v is not None}}
    return Neighbourhood(center=center, nodes=list(nodes.values()), edges=edges)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
