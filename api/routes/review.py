"""The review list of links across notices (loaders.linking): links waiting for a reviewer, and reviewers' decisions."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query
from pydantic import BaseModel, Field

from api.auth import require_api_key
from api.deps import get_store
from api.problems import Problem
from cypher.store import Store
from loaders import ReviewBook, relink, review_path

router = APIRouter(tags=["review"])
# Per list and answer: a national graph's book is hundreds of kB (371 kB at scale 1.0).
REVIEW_PAGE = 100
REVIEW_MAX_PAGE = 1000
CATEGORY_JURISDICTION = (
    "MATCH (n:Notice)-[:HAS_MEASURE]->(c:Measure {id: $id}) WHERE n.kind = 'award_notice' RETURN n.jurisdiction_id"
)


class Decision(BaseModel):
    action: Literal["accept", "reject", "relink"] = Field(
        description="accept or reject the pending (or linked) measure; relink: link to `measure` instead"
    )
    measure: str | None = Field(None, description="The policy measure id (needed for relink)")


def book_of(store: Store) -> ReviewBook:
    return ReviewBook(review_path(store.url))


@router.get("/review/links", summary="Links waiting for a reviewer, and the decisions taken")
def review_links(
    offset: int = Query(0, ge=0, description="Items of each list to skip"),
    limit: int = Query(REVIEW_PAGE, ge=1, le=REVIEW_MAX_PAGE, description="Items of each list to return"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """IMPLEMENTS links whose score was below the threshold (or too close to a second candidate) are not in the
    graph: they wait here (`pending`), best first. A decision (POST) is kept across reloads and applied whenever
    the links are computed. `citations`: notices cited by title alone (no 文号) that match no loaded notice
    clearly (two alike, or only roughly), with their candidates; they are not in the graph either.
    Each list is paged alike (`offset`, `limit`); `total` counts each in full, `next` asks for the next page."""
    book = book_of(store).read()
    lists = {
        "pending": sorted(book["pending"].values(), key=lambda p: (-p["score"], p["category"])),
        "decisions": [{"category": category, **d} for category, d in sorted(book["decisions"].items())],
        "citations": [book["citations"][key] for key in sorted(book["citations"])],
    }
    more = any(offset + limit < len(items) for items in lists.values())
    return {
        **{name: items[offset : offset + limit] for name, items in lists.items()},
        "offset": offset,
        "limit": limit,
        "total": {name: len(items) for name, items in lists.items()},
        "next": f"/review/links?offset={offset + limit}&limit={limit}" if more else None,
    }


@router.post(
    "/review/links/{category_id}",
    summary="Accept, reject or relink the IMPLEMENTS link of an award category",
    dependencies=[Depends(require_api_key)],
    responses={
        401: {"description": "Missing or wrong key"},
        403: {"description": "Writes disabled"},
        404: {"description": "No such award category, or no pending link to accept or reject"},
    },
)
def decide(
    category_id: str = Path(..., description="The award category (a Measure of an award notice)"),
    decision: Decision = Body(...),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    jurisdiction = store.query(CATEGORY_JURISDICTION, {"id": category_id}).rows
    if not jurisdiction:
        raise Problem(404, "not-found", "Award category not found", f"no award category {category_id!r}")
    if decision.action == "relink" and not decision.measure:
        raise Problem(400, "bad-request", "Measure needed", "relink needs the measure to link to")
    try:
        stored = book_of(store).decide(category_id, decision.action, decision.measure)
    except LookupError as exc:
        raise Problem(404, "not-found", "No pending link", str(exc)) from None
    relink(store, [jurisdiction[0][0]])
    return stored
