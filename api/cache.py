"""Answers to GET requests kept in memory per graph version, so a repeated request does no store work.

A GET answer depends only on the URL, the Accept header and the graph (that is what the ETags in
api/etag.py already say), and the store's `version` changes with every write: a key holding the version
can never serve an answer of an older graph. The few routes that read something else (a notice's source
file) are passed through uncached (`depends_only_on_graph`). The store runs one read at a time (see
LadybugStore._reader), so under many clients a repeated question otherwise waits for every query before it.

This is plain ASGI middleware, outermost: a hit is answered without the ETag middleware or routing, and
answers If-None-Match itself with the ETag the answer was given when it was made.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

from api.etag import depends_only_on_graph, graph_version

MAX_ENTRIES = 4096
# Bytes. Big answers are the expensive ones (winners of two topics at national scale: ~3 MB, 0.3 s to compute),
# so they are kept too; whole-graph exports, larger still, stream through uncached.
MAX_BODY = 16_000_000
MAX_TOTAL = 256_000_000


@dataclass
class _Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    def __init__(self, app, max_entries: int = MAX_ENTRIES, max_body: int = MAX_BODY, max_total: int = MAX_TOTAL):
        self.app = app
        self.max_entries, self.max_body, self.max_total = max_entries, max_body, max_total
        self._answers: OrderedDict[tuple, _Answer] = OrderedDict()
        self._total = 0
        self._version = ""
        self._asked: dict[tuple, asyncio.Event] = {}  # questions being answered now (all on one event loop)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not depends_only_on_graph(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        version = graph_version(scope)
        if version != self._version:  # answers of an older graph can never be asked for again
            self._answers.clear()
            self._version, self._total = version, 0
        key = (version, scope["path"], scope["query_string"], headers.get(b"accept", b""))
        answer = self._answers.get(key)
        if answer is None and key in self._asked:
            # The same question is being answered right now (after a write, every client asks again at once):
            # wait for that answer instead of queueing the same query behind it.
            await self._asked[key].wait()
            answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
            await _replay(answer, headers.get(b"if-none-match", b""), send)
            return
        answered = self._asked.setdefault(key, asyncio.Event())
        try:
            await self.app(scope, receive, self._recorder(key, send))
        finally:
            if self._asked.get(key) is answered:
                del self._asked[key]
            answered.set()  # waiters replay the kept answer, or (an error, a large answer) ask themselves

    def _recorder(self, key: tuple, send):
        """Pass the answer on as it is sent, keeping a copy of a small, complete 200 answer."""
        parts: list[bytes] = []
        state = {"status": 0, "headers": [], "size": 0}

        async def record(message):
            if message["type"] == "http.response.start":
                state["status"], state["headers"] = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body" and state["status"] == 200:
                body = message.get("body", b"")
                state["size"] += len(body)
                if state["size"] <= self.max_body:
                    parts.append(body)
                    if not message.get("more_body", False):
                        self._keep(key, _Answer(200, state["headers"], b"".join(parts)))
            await send(message)

        return record

    def _keep(self, key: tuple, answer: _Answer) -> None:
        self._answers[key] = answer
        self._total += len(answer.body)
        while len(self._answers) > self.max_entries or self._total > self.max_total:
            _, old = self._answers.popitem(last=False)
            self._total -= len(old.body)


async def _replay(answer: _Answer, if_none_match: bytes, send) -> None:
    etag = next((v for k, v in answer.headers if k == b"etag"), None)
    if etag is not None and etag in [t.strip() for t in if_none_match.split(b",")]:
        await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
    await send({"type": "http.response.body", "body": answer.body})
