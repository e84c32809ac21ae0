"""ETags on GET responses: a response depends only on the URL and the graph, so the graph's version and the
URL make a validator that changes whenever the graph does."""

from __future__ import annotations

import hashlib
import re
from collections.abc import MutableMapping
from typing import Any

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response

# Answers that depend on more than the graph: a notice's source text is read from its file, which can change
# or go away while the graph stays the same; an upload job's state changes as it runs; the explorer's files
# (/ and /explorer/…) are files, which FileResponse serves with its own Last-Modified and ETag (kept in the
# answer cache, a replayed file could lose its body). These get neither a graph ETag nor a place in the cache.
_NOT_GRAPH_ONLY = re.compile(r"^/notices/[^/]+/source$|^/jobs/|^/$|^/explorer/")


def depends_only_on_graph(path: str) -> bool:
    return not _NOT_GRAPH_ONLY.match(path)


def graph_version(scope: MutableMapping[str, Any]) -> str:
    """The graph's version, read once per request and shared by the answer cache and the ETags (on Neo4j
    reading it is a query)."""
    state = scope.setdefault("state", {})
    if "graph_version" not in state:
        state["graph_version"] = scope["app"].state.store.version
    return state["graph_version"]


class GraphETagMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        if request.method not in ("GET", "HEAD") or not depends_only_on_graph(request.url.path):
            return await call_next(request)
        version = graph_version(request.scope)
        accept = request.headers.get("accept", "")
        tag = hashlib.sha1(f"{version}|{request.url.path}?{request.url.query}|{accept}".encode()).hexdigest()[:20]
        etag = f'W/"{tag}"'
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers={"ETag": etag})
        response = await call_next(request)
        if 200 <= response.status_code < 300:
            response.headers["ETag"] = etag
            response.headers.setdefault("Cache-Control", "no-cache")  # revalidate each time: cheap with the ETag
        return response
