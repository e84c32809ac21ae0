"""Localities: one locality's profile with its award history."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path

from api.deps import get_store
from api.problems import Problem
from cypher.queries import run_named
from cypher.store import Store

router = APIRouter(tags=["localities"])


@router.get(
    "/localities/{locality_id}",
    summary="A locality: parent, children and award history",
    responses={404: {"description": "No such locality in the graph"}},
)
def locality(
    locality_id: str = Path(..., examples=["500112"], description="GB/T 2260 code or zone id"),
    store: Store = Depends(get_store),
):
    found = run_named(store, "locality", {"id": locality_id}).records()
    if not found:
        raise Problem(404, "not-found", "Locality not found", f"no locality {locality_id!r} in the graph")
    return {**found[0], "award_history": run_named(store, "locality_awards", {"id": locality_id}).records()}
