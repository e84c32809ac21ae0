"""Ad-hoc read-only Cypher for analysts: the engine refuses writes; a time limit and a row cap apply."""

from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.deps import get_store
from cypher.store import Store

DEFAULT_TIMEOUT_MS, DEFAULT_MAX_ROWS = 5000, 1000


def limits() -> dict[str, int]:
    """The limits in force, read per request so an operator can change them without code."""
    return {
        "timeout_ms": int(os.environ.get("IKG_CYPHER_TIMEOUT_MS", DEFAULT_TIMEOUT_MS)),
        "max_rows": int(os.environ.get("IKG_CYPHER_MAX_ROWS", DEFAULT_MAX_ROWS)),
    }


router = APIRouter(tags=["cypher"])


class CypherRequest(BaseModel):
    query: str = Field(
        ...,
        min_length=1,
        max_length=5_000,  # the engine parses in quadratic time: 20,000 characters took 4.6 s here
        examples=[
            "MATCH (l:Locality)-[:RECEIVED]->(a:Award) RETURN l.name AS name, count(a) AS awards "
            "ORDER BY awards DESC LIMIT 5"
        ],
    )
    params: dict[str, Any] = Field(default_factory=dict, examples=[{}])


class CypherAnswer(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    count: int
    complete: bool = Field(description="Always true: a query stopped by a limit is an error, never a partial answer")
    limits: dict[str, int]


@router.post(
    "/cypher",
    response_model=CypherAnswer,
    summary="Run read-only Cypher",
    description="Reads only: the database is opened read-only for these queries, so the engine refuses every "
    f"write. A query runs at most IKG_CYPHER_TIMEOUT_MS (default {DEFAULT_TIMEOUT_MS}) ms and may return at most "
    f"IKG_CYPHER_MAX_ROWS (default {DEFAULT_MAX_ROWS}) rows; past either limit the answer is an error "
    "(504 query-timeout, 422 row-limit), never a truncated result.",
    responses={
        403: {"description": "A write or file access"},
        422: {"description": "Too many rows"},
        504: {"description": "Time limit"},
    },
)
def run_cypher(request: CypherRequest, store: Store = Depends(get_store)) -> CypherAnswer:
    bounds = limits()
    result = store.query_read_only(request.query, request.params, **bounds)
    return CypherAnswer(columns=result.columns, rows=result.rows, count=len(result.rows), complete=True, limits=bounds)
