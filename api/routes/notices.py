"""Notices and their measures."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from api.deps import get_store, one
from api.paging import Page, PageParams, paged
from cypher.queries import run_named
from cypher.store import Store
from ontology.model import NOTICE_KINDS

router = APIRouter(tags=["notices"])
NoticeKind = Literal[NOTICE_KINDS]  # the enumeration documents the allowed values in the OpenAPI


@router.get("/notices", response_model=Page, summary="Loaded notices, newest first")
def notices(
    q: str = Query("", description="Text in the title or 文号", examples=["督查激励"]),
    kind: NoticeKind | None = Query(None, description="Only notices of this kind"),
    jurisdiction: str = Query("", description="Jurisdiction locality id", examples=["500000"]),
    page: PageParams = Depends(),
    store: Store = Depends(get_store),
) -> Page:
    return paged(store, "notices", {"q": q, "kind": kind or "", "jurisdiction": jurisdiction}, page)


@router.get(
    "/notices/{notice_id}",
    summary="A notice with its measures (and their winners)",
    responses={404: {"description": "No such notice"}},
)
def notice(notice_id: str = Path(..., description="Notice id"), store: Store = Depends(get_store)) -> dict[str, Any]:
    found = one(store, "notice", notice_id, "Notice")
    return {**found, "measure_list": run_named(store, "measures_of_notice", {"id": notice_id}).records()}


@router.get(
    "/measures/{measure_id}",
    summary="A measure or award category with departments, topics and winners",
    responses={404: {"description": "No such measure"}},
)
def measure(measure_id: str = Path(..., description="Measure id"), store: Store = Depends(get_store)):
    return one(store, "measure", measure_id, "Measure")
