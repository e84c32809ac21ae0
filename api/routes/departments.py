"""Departments: lists and profiles (measures led and supported, co-leading departments)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query

from api.deps import get_store, one
from api.paging import Page, PageParams, paged
from cypher.store import Store
from loaders import canonical_name, to_simplified

router = APIRouter(tags=["departments"])


@router.get("/departments", response_model=Page, summary="Departments, most measures led first")
def departments(
    q: str = Query(
        "", description="Text in the name: simplified or traditional, full or abbreviated", examples=["财政"]
    ),
    jurisdiction: str = Query("", description="Jurisdiction locality id", examples=["500000"]),
    page: PageParams = Depends(),
    store: Store = Depends(get_store),
) -> Page:
    # An abbreviation (发展改革委) is looked for under its canonical name (发展和改革委员会).
    text = canonical_name(to_simplified(q.strip())) if q.strip() else ""
    return paged(store, "departments", {"q": text, "jurisdiction": jurisdiction}, page)


@router.get(
    "/departments/{department_id}",
    summary="A department: measures it leads and supports, co-leads",
    responses={404: {"description": "No such department"}},
)
def department(department_id: str = Path(..., description="Department id"), store: Store = Depends(get_store)):
    return one(store, "department_profile", department_id, "Department")
