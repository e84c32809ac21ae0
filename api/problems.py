"""RFC 9457 problem details: one exception type and its JSON response, with stable `type` URIs."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

PROBLEM_BASE = "https://incentive-kg.org/problems/"


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
