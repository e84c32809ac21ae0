"""ETags on GET responses: a response depends only on the URL and the graph, so the graph's version and the
URL make a validator that changes whenever the graph does."""

from __future__ import annotations

import hashlib
import re
from collections.abc import MutableMapping
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response

# Answers that depend on more than the graph: a notice's source text is read from its file, which can change
# or go away while the graph stays the same; an upload job's state changes as it runs; the explorer's files
# (/ and /explorer/…) are files, which FileResponse serves with its own Last-Modified and ETag (kept in the
# answer cache, a replayed file could lose its body); the review list (/review/) is read from its own file.
# The catalogue and the change feed come from measurements of the dump, made after a write
# (api/void_stats.py), so they change at another moment than the graph's version. These get neither a graph ETag
# nor a place in the cache.
_NOT_GRAPH_ONLY = re.compile(r"^/notices/[^/]+/source$|^/jobs/|^/$|^/explorer/|^/catalog$|^/changes\.atom$|^/review/")


def depends_only_on_graph(path: str) -> bool:
    return not _NOT_GRAPH_ONLY.match(path)


def graph_version(scope: MutableMapping[str, Any]) -> str:
    """The graph's version, read once per request and shared by the answer cache and the ETags (on Neo4j
    reading it is a query)."""
    state = scope.setdefault("state", {})
    if "graph_version" not in state:
        state["graph_version"] = scope["app"].state.store.version
    return state["graph_version"]


class GraphETagMiddleware:
    """Plain ASGI, not Starlette's BaseHTTPMiddleware: that one runs every request through a task group and a
    memory stream, a fixed cost that was a tenth of a locality profile's CPU (benchmarks/README issue 18)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if not depends_only_on_graph(request.url.path):
            await self.app(scope, receive, send)
            return
        version = graph_version(scope)
        accept = request.headers.get("accept", "")
        tag = hashlib.sha1(f"{version}|{request.url.path}?{request.url.query}|{accept}".encode()).hexdigest()[:20]
        etag = f'W/"{tag}"'
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            await Response(status_code=304, headers={"ETag": etag})(scope, receive, send)
            return

        async def tagged(message):
            if message["type"] == "http.response.start" and 200 <= message["status"] < 300:
                headers = MutableHeaders(scope=message)
                headers["ETag"] = etag
                headers.setdefault("Cache-Control", "no-cache")  # revalidate each time: cheap with the ETag
            await send(message)

        await self.app(scope, receive, tagged)
