"""Health, the topic scheme, and search by name across kinds."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from api.deps import get_store
from api.problems import Problem
from cypher.named_queries import run_named
from cypher.store import Store
from loaders import load_gazetteer, load_scheme, to_simplified

router = APIRouter()
TOPIC_MEASURES = 100  # a topic's measures per answer unless `limit` says otherwise
TOPIC_MAX_MEASURES = 1000


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    store: str = Field(examples=["ladybug://./data/graph"])
    nodes: dict[str, int]
    relationships: dict[str, int]


@router.get("/health", response_model=Health, summary="Liveness and graph size", tags=["meta"])
def health(store: Store = Depends(get_store)) -> Health:
    counts = store.counts()
    return Health(status="ok", store=store.url, nodes=counts["nodes"], relationships=counts["relationships"])


@router.get("/topics", summary="The topic scheme (SKOS concepts)", tags=["topics"])
def topics() -> list[dict[str, Any]]:
    return [t.__dict__ for t in load_scheme().values()]


@router.get(
    "/topics/{topic_id}",
    summary="A topic with the measures about it",
    tags=["topics"],
    responses={404: {"description": "No such topic"}},
)
def topic(
    topic_id: str = Path(..., examples=["ecology"]),
    offset: int = Query(0, ge=0, description="Measures of the list to skip"),
    limit: int = Query(TOPIC_MEASURES, ge=1, le=TOPIC_MAX_MEASURES, description="Measures of the list to return"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    scheme = load_scheme()
    if topic_id not in scheme:
        raise Problem(404, "not-found", "Topic not found", f"no topic {topic_id!r}; see GET /topics")
    found = run_named(store, "topic", {"id": topic_id}).records()
    counts: dict[str, Any] = found[0] if found else {"measures": 0, "winners": 0}
    # A topic's measures at national scale made a 1.4 MB answer: one page of them, with the link to the next.
    # A page past the end is not asked for (an engine may fail on a SKIP past its rows, see api/paging.py).
    total = counts["measures"]
    page = []
    if offset < total:
        page = run_named(store, "topic_measures", {"id": topic_id, "offset": offset, "limit": limit}).records()
    more = offset + limit < total
    return {
        **scheme[topic_id].__dict__,
        **counts,
        "measure_list": page,
        "measure_list_total": total,
        "measure_list_next": f"/topics/{quote(topic_id)}?offset={offset + limit}&limit={limit}" if more else None,
    }


@router.get("/search", summary="Find localities, departments and notices by name", tags=["search"])
def search(
    q: str = Query(
        ..., min_length=1, description="A name or part of one: simplified, traditional or short form", examples=["渝北"]
    ),
    limit: int = Query(20, ge=1, le=100, description="The most results per kind"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    text = to_simplified(q.strip())
    rows = run_named(store, "search_names", {"q": text, "limit": limit}).records()
    # Short forms (石柱县 for 石柱土家族自治县) match no name by text: resolve them through the gazetteer.
    place = load_gazetteer().resolve(text).place
    if place and not any(r["id"] == place.id for r in rows):
        found = run_named(store, "locality", {"id": place.id}).records()
        if found:
            rows.insert(0, {"kind": "locality", "id": place.id, "name": place.name, "detail": place.level})
    return {"q": q, "simplified": text, "results": rows}
