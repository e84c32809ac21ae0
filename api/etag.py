"""ETags on GET responses: a response depends only on the URL and the graph, so the graph's version and the
URL make a validator that changes whenever the graph does."""

from __future__ import annotations

import hashlib

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response


class GraphETagMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        if request.method not in ("GET", "HEAD"):
            return await call_next(request)
        version = request.app.state.store.version
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
