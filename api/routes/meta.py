"""Health and the topic scheme."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.deps import get_store
from cypher.store import Store
from loaders.topics import load_scheme

router = APIRouter()


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
