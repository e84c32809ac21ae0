"""HEAD and OPTIONS for every route, as HTTP expects of a server of linked data (RFC 9110 §9.3.2, §9.3.7).

FastAPI routes answer only the methods they declare, so HEAD and OPTIONS gave 405. HEAD is answered as the GET
it stands for, without its body (the answer cache and ETags apply to it alike). OPTIONS without a CORS
preflight (those are api/cors.py's) says which methods the path allows: the app's own 405 for OPTIONS names
them in its Allow header, so the route table is not read twice (where two routes share a path, as GET and POST
/sparql do, Starlette's 405 names the first one's methods only)."""

from __future__ import annotations


class HeadAndOptions:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS") or _is_preflight(scope):
            await self.app(scope, receive, send)  # a preflight of a write keeps the app's refusal (api/cors.py)
        elif scope["method"] == "HEAD":
            await self.app({**scope, "method": "GET"}, receive, _without_body(send))
        else:
            await self.app(scope, receive, _allowed_methods(send))


def _is_preflight(scope) -> bool:
    return scope["method"] == "OPTIONS" and b"access-control-request-method" in dict(scope["headers"])


def _without_body(send):
    async def send_head(message):
        if message["type"] != "http.response.body":
            await send(message)
        elif not message.get("more_body", False):
            await send({"type": "http.response.body", "body": b""})

    return send_head


def _allowed_methods(send):
    """The app's 405 for OPTIONS becomes 204 with its Allow header (plus HEAD with GET, and OPTIONS)."""
    answered = {"allow": None}

    async def send_options(message):
        if message["type"] == "http.response.start":
            allow = dict(message.get("headers", [])).get(b"allow")
            if message["status"] == 405 and allow:
                methods = {m.strip().upper() for m in allow.decode("latin-1").split(",") if m.strip()}
                methods |= {"HEAD", "OPTIONS"} if "GET" in methods else {"OPTIONS"}
                answered["allow"] = ", ".join(sorted(methods)).encode()
                await send({"type": "http.response.start", "status": 204, "headers": [(b"allow", answered["allow"])]})
                return
        elif answered["allow"] is not None:
            if not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b""})
            return
        await send(message)

    return send_options
