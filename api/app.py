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
from api.problems import PROBLEM_RESPONSES, Problem, problem_for, problem_response
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
    schema,
    texts,
)
from cypher.store import Store
from ontology.errors import IkgError, Overloaded
from ontology.settings import Settings, read_settings

ROUTERS = (
    meta,
    schema,
    notices,
    departments,
    localities,
    queries,
    cypher,
    documents,
    rdf,
    texts,
    graph,
    explorer,
    review,
)


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """The app over `store`, with `settings` (default: read from the environment now, once)."""
    settings = settings or read_settings()
    app = FastAPI(
        title="incentive-kg",
        version="0.1.0",
        description="A knowledge graph of Chinese government supervision-incentive policy (督查激励): notices, "
        "their measures and departments, and the localities awarded under them, each fact traceable to "
        "its source text.",
    )
    app.state.store = store
    app.state.settings = settings
    app.add_middleware(GraphETagMiddleware)
    app.add_middleware(ResponseCache, max_stale_s=settings.cache_max_stale_s)  # an answer from it skips the rest
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)  # refused before anything reads it
    app.add_middleware(HeadAndOptions)  # HEAD as GET without the body (cached alike); OPTIONS says what is allowed
    app.add_middleware(ReadOnlyCORS)  # outermost: cached answers and refusals of reads get the CORS header too
    _add_error_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router, responses=PROBLEM_RESPONSES)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request)

    @app.exception_handler(IkgError)
    def on_error(request: Request, exc: Exception) -> JSONResponse:
        response = problem_response(problem_for(exc), request)
        if isinstance(exc, Overloaded):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response

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
