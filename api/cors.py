"""CORS for reading: any web page may read the graph, none may write to it.

Reads are GET and HEAD of everything, and the POSTs that only ask questions (/sparql, /cypher, /queries/{name});
their answers, errors included, carry `Access-Control-Allow-Origin: *`, and their preflights are answered here.
Anything else (POST /documents, DELETE, …) gets no CORS header and its preflight goes on to the app, which refuses
the method, so a browser will not send it from another origin. No credentials are ever allowed.

Plain ASGI middleware rather than Starlette's CORSMiddleware: that one adds the header only when the request has an
Origin, and the answer cache (api/cache.py) replays a GET answer to every later caller whether or not they sent
one. Installed outermost, this adds the header to cached answers too, and the header never varies.
"""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders

QUERY_POSTS = re.compile(r"^/(sparql|cypher|queries/[^/]+)$")
ALLOWED_HEADERS = "Accept, Accept-Language, Content-Language, Content-Type, If-None-Match"
EXPOSED_HEADERS = "ETag, Retry-After, Content-Disposition"
MAX_AGE_S = "600"


def is_read(method: str, path: str) -> bool:
    return method in ("GET", "HEAD") or (method == "POST" and QUERY_POSTS.match(path) is not None)


class ReadOnlyCORS:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        requested = dict(scope["headers"]).get(b"access-control-request-method")
        if method == "OPTIONS" and requested is not None:
            if is_read(requested.decode("latin-1").strip().upper(), path):
                await self._preflight(path, send)
            else:
                await self.app(scope, receive, send)
            return
        if not is_read(method, path):
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Access-Control-Allow-Origin"] = "*"
                headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)

    @staticmethod
    async def _preflight(path: str, send) -> None:
        methods = "GET, HEAD, POST" if QUERY_POSTS.match(path) else "GET, HEAD"
        headers = [
            (b"access-control-allow-origin", b"*"),
            (b"access-control-allow-methods", methods.encode()),
            (b"access-control-allow-headers", ALLOWED_HEADERS.encode()),
            (b"access-control-max-age", MAX_AGE_S.encode()),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
