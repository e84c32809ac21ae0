"""A cap on request bodies, checked before the body is read: the frameworks read a whole body into memory
before any route sees it, so a 1 GB JSON query would otherwise be read in full."""

from __future__ import annotations

import json

from api.problems import PROBLEM_BASE

DEFAULT_MAX_BODY = 1024 * 1024  # queries and their parameters; documents go to /documents, capped there
UPLOAD_PATHS = ("/documents",)  # routes that check their own, larger cap before reading


class BodyLimit:
    """ASGI middleware: 413 for a declared Content-Length over the cap, and for a streamed body once it passes
    the cap; routes listed in UPLOAD_PATHS are left to their own checks."""

    def __init__(self, app, max_bytes: int | None = None):
        self.app = app
        self.max_bytes = max_bytes or DEFAULT_MAX_BODY

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] in UPLOAD_PATHS:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, send)
            return
        received = 0
        too_large = False

        async def counted_receive():
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    # The route sees a truncated body and fails; the answer below replaces its answer.
                    return {"type": "http.disconnect"}
            return message

        started = False

        async def guarded_send(message):
            nonlocal started
            if too_large:
                if not started:
                    started = True
                    await self._refuse(scope, send)
                return
            started = True
            await send(message)

        await self.app(scope, counted_receive, guarded_send)
        if too_large and not started:
            await self._refuse(scope, send)

    async def _refuse(self, scope, send) -> None:
        body = json.dumps(
            {
                "type": PROBLEM_BASE + "body-too-large",
                "title": "Request body too large",
                "status": 413,
                "detail": f"request bodies here are limited to {self.max_bytes} bytes (IKG_MAX_BODY_BYTES)",
                "instance": scope["path"],
            }
        ).encode()
        headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
