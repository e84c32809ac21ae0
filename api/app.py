"""The HTTP API (FastAPI): graph queries over the store, errors as RFC 9457 problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.problems import Problem, problem_response
from cypher.queries import get_query, library, run_named
from cypher.store import QueryError, QueryTimeout, Store, StoreError, UnknownQuery
from loaders.topics import load_scheme

WINNERS_EXAMPLE = {
    "topics": ["ecology", "investment"],
    "count": 1,
    "localities": [
        {
            "id": "500112",
            "name": "渝北区",
            "level": "county",
            "parent_id": "500000",
            "evidence": [
                {
                    "topic": "ecology",
                    "award": "n5698224e2fff-m2-a…",
                    "year": 2020,
                    "amount_yuan": None,
                    "measure": "n5698224e2fff-m2",
                    "measure_ordinal": "2",
                    "measure_text": "在全面落实…",
                    "notice": "n5698224e2fff",
                    "notice_title": None,
                    "notice_kind": "news_report",
                }
            ],
        }
    ],
}


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    store: str = Field(examples=["ladybug://./data/graph"])
    nodes: dict[str, int]
    relationships: dict[str, int]


class WinnersAnswer(BaseModel):
    topics: list[str]
    count: int
    localities: list[dict[str, Any]]

    model_config = {"json_schema_extra": {"examples": [WINNERS_EXAMPLE]}}


class QueryAnswer(BaseModel):
    name: str
    columns: list[str]
    rows: list[dict[str, Any]]
    count: int


def create_app(store: Store) -> FastAPI:
    app = FastAPI(
        title="incentive-kg",
        version="0.1.0",
        description="A knowledge graph of Chinese government supervision-incentive policy (督查激励): notices, "
        "their measures and departments, and the localities awarded under them, each fact traceable to "
        "its source text.",
    )
    app.state.store = store
    _add_error_handlers(app)

    @app.get("/health", response_model=Health, summary="Liveness and graph size")
    def health() -> Health:
        counts = store.counts()
        return Health(status="ok", store=store.url, nodes=counts["nodes"], relationships=counts["relationships"])

    @app.get("/topics", summary="The topic scheme (SKOS concepts)")
    def topics() -> list[dict[str, Any]]:
        return [t.__dict__ for t in load_scheme().values()]

    @app.get(
        "/localities/{locality_id}",
        summary="A locality: parent, children and award history",
        responses={404: {"description": "No such locality in the graph"}},
    )
    def locality(locality_id: str = Path(..., examples=["500112"], description="GB/T 2260 code or zone id")):
        found = run_named(store, "locality", {"id": locality_id}).records()
        if not found:
            raise Problem(404, "not-found", "Locality not found", f"no locality {locality_id!r} in the graph")
        return {
            **found[0],
            "award_history": run_named(store, "locality_awards", {"id": locality_id}).records(),
        }

    @app.get(
        "/queries/winners",
        response_model=WinnersAnswer,
        summary="Localities that won under measures about every listed topic",
    )
    def winners(
        all_topics: str = Query(
            ...,
            description="Comma-separated topic ids, e.g. ecology,investment",
            examples=["ecology,investment"],
        ),
        year: int | None = Query(None, description="Award year (the year whose work was judged)", examples=[2020]),
        year_from: int | None = Query(None, description="First award year, inclusive"),
        year_to: int | None = Query(None, description="Last award year, inclusive"),
        jurisdiction: str | None = Query(None, description="Locality id; only places inside it", examples=["500000"]),
        level: str | None = Query(None, description="province, prefecture, county, zone or base"),
    ) -> WinnersAnswer:
        topic_ids = list(dict.fromkeys(t.strip() for t in all_topics.split(",") if t.strip()))
        unknown = [t for t in topic_ids if t not in load_scheme()]
        if not topic_ids or unknown:
            raise Problem(
                400,
                "unknown-topic",
                "Unknown topic",
                f"unknown topic id(s): {', '.join(unknown) or '(none given)'}; see GET /topics",
            )
        params = {
            "topics": topic_ids,
            "year_from": year if year is not None else year_from,
            "year_to": year if year is not None else year_to,
            "jurisdiction": jurisdiction,
            "level": level,
        }
        rows = run_named(store, "winners_all_topics", params).records()
        return WinnersAnswer(topics=topic_ids, count=len(rows), localities=rows)

    @app.get("/queries", summary="The named query library")
    def queries() -> list[dict[str, Any]]:
        return [
            {
                "name": q.name,
                "description": q.description,
                "example": q.example,
                "parameters": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "required": p.required,
                        "default": p.default,
                        "description": p.description,
                    }
                    for p in q.params
                ],
            }
            for q in library().values()
        ]

    @app.get("/queries/{name}", response_model=QueryAnswer, summary="Run a named query; parameters as query string")
    def named_query(request: Request, name: str = Path(..., examples=["locality_awards"])) -> QueryAnswer:
        get_query(name)  # 404 before binding parameters
        result = run_named(store, name, dict(request.query_params))
        records = result.records()
        return QueryAnswer(name=name, columns=result.columns, rows=records, count=len(records))

    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request)

    @app.exception_handler(UnknownQuery)
    def on_unknown(request: Request, exc: UnknownQuery) -> JSONResponse:
        return problem_response(Problem(404, "unknown-query", "Unknown named query", str(exc)), request)

    @app.exception_handler(QueryTimeout)
    def on_timeout(request: Request, exc: QueryTimeout) -> JSONResponse:
        return problem_response(Problem(504, "query-timeout", "Query stopped by the time limit", str(exc)), request)

    @app.exception_handler(QueryError)
    def on_query_error(request: Request, exc: QueryError) -> JSONResponse:
        return problem_response(Problem(400, "bad-query", "The query could not be run", str(exc)), request)

    @app.exception_handler(StoreError)
    def on_store_error(request: Request, exc: StoreError) -> JSONResponse:
        return problem_response(Problem(503, "store-unavailable", "The graph store failed", str(exc)), request)

    @app.exception_handler(RequestValidationError)
    def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return problem_response(Problem(422, "invalid-request", "Invalid request", detail), request)
