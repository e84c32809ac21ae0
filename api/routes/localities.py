"""Localities: lists, and a profile with award history, counts by year and topic, parent and children."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from api.deps import get_store
from api.locality_profile import locality_profile_json
from api.paging import Page, PageParams, paged
from cypher.store import Store
from loaders import to_simplified
from ontology.model import LOCALITY_LEVELS

router = APIRouter(tags=["localities"])
Level = Literal[LOCALITY_LEVELS]  # type: ignore[valid-type]  # from the model at import: the OpenAPI lists them


@router.get("/localities", response_model=Page, summary="Localities in the graph")
def localities(
    q: str = Query("", description="Text in the name (simplified or traditional)", examples=["渝北"]),
    level: Level | None = Query(None, description="Only localities of this level"),
    parent: str = Query("", description="Only direct children of this locality id", examples=["500000"]),
    page: PageParams = Depends(),
    store: Store = Depends(get_store),
) -> Page:
    return paged(store, "localities", {"q": to_simplified(q), "level": level or "", "parent": parent}, page)


@router.get(
    "/localities/{locality_id}",
    summary="A locality: parent, children, award history, awards by year and topic",
    responses={404: {"description": "No such locality in the graph"}},
)
def locality(
    locality_id: str = Path(..., examples=["500112"], description="GB/T 2260 code or zone id"),
    store: Store = Depends(get_store),
) -> Response:
    # JSON text made by the profile (mostly joined from the award sheets' text), not a dict: FastAPI would walk
    # a dict through jsonable_encoder and encode it again (issue 18).
    return Response(locality_profile_json(store, locality_id), media_type="application/json")
