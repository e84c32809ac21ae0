"""RFC 9457 problem details: one exception type and its JSON response, with stable `type` URIs."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

PROBLEM_BASE = "https://incentive-kg.org/problems/"


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
