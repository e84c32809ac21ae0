"""Notices and their measures."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response

from api.auth import require_api_key
from api.deps import get_settings, get_store, one
from api.paging import Page, PageParams, paged
from api.problems import Problem
from api.uploads import remove_unused_source, upload_dir
from cypher.named_queries import run_named
from cypher.store import Store
from loaders import forget_notice, relink
from ontology.model import NOTICE_KINDS
from ontology.settings import Settings

router = APIRouter(tags=["notices"])
NoticeKind = Literal[NOTICE_KINDS]  # type: ignore[valid-type]  # from the model: the OpenAPI lists the values


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


@router.delete(
    "/notices/{notice_id}",
    status_code=204,
    summary="Delete a loaded notice",
    description="Removes the notice's measures and awards and what it stated, as loading a new version of it "
    "would, and the notice itself; when other notices cite it, it stays as they know it (its 文号). Its uploaded "
    "source file is removed once no notice points into it. Requires the X-API-Key header matching IKG_API_KEY.",
    dependencies=[Depends(require_api_key)],
    responses={
        401: {"description": "Missing or wrong key"},
        403: {"description": "Writes disabled"},
        404: {"description": "No such loaded notice"},
    },
)
def delete_notice(
    notice_id: str = Path(..., description="Notice id"),
    store: Store = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> Response:
    source = store.query("MATCH (n:Notice {id: $id}) RETURN n.source_path", {"id": notice_id}).rows
    jurisdiction = forget_notice(store, notice_id)
    if not store.delete_notice(notice_id):
        raise Problem(404, "not-found", "Notice not found", f"no loaded notice {notice_id!r} in the graph")
    relink(store, [jurisdiction])  # the links of the notices left in its jurisdiction (loaders.linking)
    remove_unused_source(store, source[0][0] if source else None, upload_dir(settings))
    return Response(status_code=204)


@router.get(
    "/measures/{measure_id}",
    summary="A measure or award category with departments, topics and winners",
    responses={404: {"description": "No such measure"}},
)
def measure(measure_id: str = Path(..., description="Measure id"), store: Store = Depends(get_store)):
    return one(store, "measure", measure_id, "Measure")
