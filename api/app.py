"""The HTTP API (FastAPI): graph queries over the store, errors as RFC 9457 problem+json."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.body_limit import BodyLimit
from api.cache import ResponseCache
from api.cors import ReadOnlyCORS
from api.etag import GraphETagMiddleware
from api.head_options import HeadAndOptions
from api.problems import PROBLEM_RESPONSES, Problem, problem_response
from api.routes import (
    cypher,
    departments,
    documents,
    explorer,
    graph,
    localities,
    meta,
    notices,
    queries,
    rdf,
    review,
    texts,
)
from cypher.store import (
    Overloaded,
    QueryError,
    QueryMemoryExceeded,
    QueryRefused,
    QueryTimeout,
    RowLimitExceeded,
    Store,
    StoreError,
    UnknownQuery,
    WriteRefused,
)

ROUTERS = (meta, notices, departments, localities, queries, cypher, documents, rdf, texts, graph, explorer, review)


def create_app(store: Store) -> FastAPI:
    app = FastAPI(
        title="incentive-kg",
        version="0.1.0",
        description="A knowledge graph of Chinese government supervision-incentive policy (督查激励): notices, "
        "their measures and departments, and the localities awarded under them, each fact traceable to "
        "its source text.",
    )
    app.state.store = store
    app.add_middleware(GraphETagMiddleware)
    app.add_middleware(ResponseCache)  # a cached answer skips what is inside it
    app.add_middleware(BodyLimit)  # an oversized body is refused before anything reads it
    app.add_middleware(HeadAndOptions)  # HEAD as GET without the body (cached alike); OPTIONS says what is allowed
    app.add_middleware(ReadOnlyCORS)  # outermost: cached answers and refusals of reads get the CORS header too
    _add_error_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router, responses=PROBLEM_RESPONSES)
    return app


# Store errors and the problems they become: status, stable type, title.
STORE_PROBLEMS: dict[type[StoreError], tuple[int, str, str]] = {
    UnknownQuery: (404, "unknown-query", "Unknown named query"),
    QueryTimeout: (504, "query-timeout", "Query stopped by the time limit"),
    WriteRefused: (403, "write-refused", "Only reads are allowed here"),
    QueryRefused: (400, "query-refused", "Only a single read query is allowed here"),
    RowLimitExceeded: (422, "row-limit", "Too many rows"),
    QueryMemoryExceeded: (422, "query-memory", "The query needs more memory than allowed"),
    Overloaded: (503, "overloaded", "Too many queries at once"),
    QueryError: (400, "bad-query", "The query could not be run"),
    StoreError: (503, "store-unavailable", "The graph store failed"),
}


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request)

    def on_store_error(request: Request, exc: StoreError) -> JSONResponse:
        # The most specific class listed wins (WriteRefused before its base StoreError).
        status, kind, title = next(v for cls, v in STORE_PROBLEMS.items() if isinstance(exc, cls))
        response = problem_response(Problem(status, kind, title, str(exc)), request)
        if isinstance(exc, Overloaded):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response

    for error_class in STORE_PROBLEMS:
        app.add_exception_handler(error_class, on_store_error)

    @app.exception_handler(StarletteHTTPException)
    def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Errors raised by the framework itself (unreadable body, unknown path, wrong method) as problems too.
        kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        response = problem_response(Problem(exc.status_code, kind, str(exc.detail), str(exc.detail)), request)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return problem_response(Problem(422, "invalid-request", "Invalid request", detail), request)
