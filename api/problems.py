"""RFC 9457 problem details: one exception type and its JSON response, with stable `type` URIs."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ontology.errors import (
    DocumentError,
    IkgError,
    NotOfGenre,
    Overloaded,
    ParseFailed,
    QueryError,
    QueryMemoryExceeded,
    QueryRefused,
    QueryTimeout,
    RowLimitExceeded,
    SettingError,
    StoreError,
    TooLarge,
    UnknownQuery,
    Unreadable,
    WriteRefused,
)

PROBLEM_BASE = "https://incentive-kg.org/problems/"

# The project's errors (ontology/errors.py) and the problems they become: status, stable type, title. The most
# specific class wins (WriteRefused before its base StoreError), so a subclass is listed before its base.
ERROR_PROBLEMS: dict[type[IkgError], tuple[int, str, str]] = {
    UnknownQuery: (404, "unknown-query", "Unknown named query"),
    QueryTimeout: (504, "query-timeout", "Query stopped by the time limit"),
    WriteRefused: (403, "write-refused", "Only reads are allowed here"),
    QueryRefused: (400, "query-refused", "Only a single read query is allowed here"),
    RowLimitExceeded: (422, "row-limit", "Too many rows"),
    QueryMemoryExceeded: (422, "query-memory", "The query needs more memory than allowed"),
    Overloaded: (503, "overloaded", "Too many queries at once"),
    QueryError: (400, "bad-query", "The query could not be run"),
    StoreError: (503, "store-unavailable", "The graph store failed"),
    Unreadable: (422, "unreadable-document", "The document cannot be read"),
    TooLarge: (413, "document-too-large", "The document is over a limit"),
    NotOfGenre: (422, "not-of-genre", "Not a document of this genre"),
    ParseFailed: (422, "parse-failed", "The document could not be parsed"),
    DocumentError: (422, "bad-document", "The document cannot be loaded"),
    SettingError: (500, "bad-setting", "A server setting is wrong"),
    IkgError: (500, "internal-error", "The server failed"),
}


class ProblemDetails(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    instance: str


_PROBLEM_CONTENT = {"application/problem+json": {"schema": ProblemDetails.model_json_schema()}}
_MEANINGS = {
    400: "Bad parameters (unknown topic, kind or level; a query the engine rejects; not a single read query)",
    401: "Missing or wrong API key",
    403: "Writes are disabled, or a write was refused",
    404: "No such resource",
    413: "A request body or document over a limit",
    406: "No acceptable representation for the Accept header",
    415: "Unsupported request body type",
    422: "Invalid request, too many rows, or a query that needs too much memory",
    503: "The graph store failed, or too many queries at once (see Retry-After)",
    504: "A query stopped by the time limit",
}
# Every route documents the problems it may answer with, so clients and schema checkers know their shape.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": _PROBLEM_CONTENT} for code, text in _MEANINGS.items()
}


class Problem(Exception):
    def __init__(self, status: int, kind: str, title: str, detail: str):
        super().__init__(detail)
        self.status, self.kind, self.title, self.detail = status, kind, title, detail


def problem_for(error: Exception) -> Problem:
    status, kind, title = next(v for cls, v in ERROR_PROBLEMS.items() if isinstance(error, cls))
    # A document's error names its file without the folder it is kept in on this server.
    detail = f"{PurePath(error.path).name}: {error.problem}" if isinstance(error, DocumentError) else str(error)
    return Problem(status, kind, title, detail)


def problem_response(problem: Problem, request: Request) -> JSONResponse:
    return JSONResponse(
        status_code=problem.status,
        media_type="application/problem+json",
        content={
            "type": PROBLEM_BASE + problem.kind,
            "title": problem.title,
            "status": problem.status,
            "detail": problem.detail,
            "instance": str(request.url.path),
        },
    )
