"""Ad-hoc read-only Cypher for analysts: the engine refuses writes; a time limit and a row cap apply."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.deps import get_settings, get_store
from cypher.store import Store
from ontology.settings import Settings

DEFAULTS = Settings.model_fields
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
    f"write. A query runs at most IKG_CYPHER_TIMEOUT_MS (default {DEFAULTS['cypher_timeout_ms'].default}) ms and "
    f"may return at most IKG_CYPHER_MAX_ROWS (default {DEFAULTS['cypher_max_rows'].default}) rows; past either "
    "limit the answer is an error "
    "(504 query-timeout, 422 row-limit), never a truncated result.",
    responses={
        403: {"description": "A write or file access"},
        422: {"description": "Too many rows"},
        504: {"description": "Time limit"},
    },
)
def run_cypher(
    request: CypherRequest, store: Store = Depends(get_store), settings: Settings = Depends(get_settings)
) -> CypherAnswer:
    bounds = {"timeout_ms": settings.cypher_timeout_ms, "max_rows": settings.cypher_max_rows}
    result = store.query_read_only(request.query, request.params, **bounds)
    return CypherAnswer(columns=result.columns, rows=result.rows, count=len(result.rows), complete=True, limits=bounds)
