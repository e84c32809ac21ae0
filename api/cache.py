"""Answers to GET requests kept in memory, so a repeated request does no store work.

A GET answer depends only on the URL, the Accept header and the graph (that is what the ETags in
api/etag.py already say), and the store's `version` changes with every write. Each kept answer carries the
version it was made for: at that version it is fresh and replayed as is. The few routes that read something
else (a notice's source file) are passed through uncached (`depends_only_on_graph`).

After a write every kept answer is out of date at once. Asking the store again for all of them while the
readers wait would queue every reader behind the others (the embedded store runs one read at a time, see
LadybugStore._reader), and while uploads commit every second or two the cache would be cold nearly all the
time. So an answer that went out of date less than `max_stale` seconds ago (IKG_CACHE_MAX_STALE_S, default
10) is served as it is while one fresh answer is made in the background, which the next request gets: HTTP's
stale-while-revalidate (RFC 5861). A reader that must see a write (its own upload) sends
`Cache-Control: no-cache` (browsers send `max-age=0` on reload, also honoured) and waits for a fresh answer.
Every answer says what it was in `Cache-Status` (RFC 9211): `hit`, `hit; ttl=-N` (out of date for N
seconds), `fwd=miss` (asked of the store) or `fwd=miss; collapsed` (waited for the same question asked by
another reader at the same moment: it is asked of the store once).

This is plain ASGI middleware, outside the ETag middleware and the routes: a hit is answered without them,
and answers If-None-Match itself with the ETag the answer was given when it was made.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass

from api.etag import depends_only_on_graph, graph_version

log = logging.getLogger(__name__)

MAX_ENTRIES = 4096
# Bytes. Big answers are the expensive ones (winners of two topics at national scale: ~3 MB, 0.3 s to compute),
# so they are kept too; whole-graph exports, larger still, stream through uncached.
MAX_BODY = 16_000_000
MAX_TOTAL = 256_000_000
DEFAULT_MAX_STALE_S = 10.0
# Background questions at once. More would fill the store's read queue ahead of readers who must wait (their
# answer is missing or too old); a stale answer not refreshed now is refreshed by a later request.
MAX_REVALIDATING = 4
STATUS_NAME = b"ikg"  # this cache's name in Cache-Status


@dataclass
class _Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    version: str


class ResponseCache:
    def __init__(
        self,
        app,
        max_entries: int = MAX_ENTRIES,
        max_body: int = MAX_BODY,
        max_total: int = MAX_TOTAL,
        max_stale_s: float | None = None,
    ):
        self.app = app
        self.max_entries, self.max_body, self.max_total = max_entries, max_body, max_total
        self.max_stale_s = DEFAULT_MAX_STALE_S if max_stale_s is None else max_stale_s
        self._answers: OrderedDict[tuple, _Answer] = OrderedDict()  # (path, query, accept) → latest answer
        self._total = 0
        self._version = ""
        self._superseded_at: dict[str, float] = {}  # version → when a newer one was first seen
        self._asked: dict[tuple, asyncio.Event] = {}  # (version, key) being answered now (one event loop)
        self._revalidating: set[asyncio.Task] = set()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not depends_only_on_graph(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        version = graph_version(scope)
        self._note_version(version)
        key = (scope["path"], scope["query_string"], headers.get(b"accept", b""))
        if_none_match = headers.get(b"if-none-match", b"")
        answer = self._answers.get(key)
        if answer is not None and answer.version == version:
            self._answers.move_to_end(key)
            await _replay(answer, if_none_match, send, b"hit")
            return
        if not _wants_fresh(headers.get(b"cache-control", b"")):
            stale_for = self._stale_for(answer)
            if stale_for is not None:
                self._revalidate(scope, key, version)
                await _replay(answer, if_none_match, send, b"hit; ttl=%d" % -max(1, round(stale_for)))
                return
        computing = self._asked.get((version, key))
        if computing is not None:
            await computing.wait()  # the same question is being answered right now: wait for that answer
            answer = self._answers.get(key)
            if answer is not None and answer.version == version:
                await _replay(answer, if_none_match, send, b"fwd=miss; collapsed")
                return
        await self._answer(scope, receive, self._recorder(key, version, send), key, version)

    def _note_version(self, version: str) -> None:
        if version == self._version:
            return
        now = time.monotonic()
        if self._version:
            self._superseded_at[self._version] = now
        self._version = version
        self._superseded_at = {v: t for v, t in self._superseded_at.items() if now - t <= self.max_stale_s}

    def _stale_for(self, answer: _Answer | None) -> float | None:
        """Seconds since `answer` went out of date, if that is recent enough to serve it while revalidating."""
        if answer is None or answer.version not in self._superseded_at:
            return None
        stale_for = time.monotonic() - self._superseded_at[answer.version]
        return stale_for if stale_for <= self.max_stale_s else None

    async def _answer(self, scope, receive, send, key: tuple, version: str) -> None:
        answered = self._asked.setdefault((version, key), asyncio.Event())
        try:
            await self.app(scope, receive, send)
        finally:
            if self._asked.get((version, key)) is answered:
                del self._asked[(version, key)]
            answered.set()  # waiters replay the kept answer, or (an error, a large answer) ask themselves

    def _revalidate(self, scope, key: tuple, version: str) -> None:
        """Ask for the answer at `version` in the background, once; it replaces the stale one when done."""
        if (version, key) in self._asked or len(self._revalidating) >= MAX_REVALIDATING:
            return
        quiet = {**scope, "state": {"graph_version": version}}
        quiet["headers"] = [(k, v) for k, v in scope["headers"] if k != b"if-none-match"]  # a whole answer

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def discard(message):
            return None

        async def run():
            try:
                await self._answer(quiet, receive, self._recorder(key, version, discard), key, version)
            except Exception:  # no answer: the stale one must not outlive a failed question
                log.exception("revalidating %s failed", key[0])
                self._forget(key, version)

        task = asyncio.get_running_loop().create_task(run())
        self._revalidating.add(task)  # a running task must be referenced, or it may be collected
        task.add_done_callback(self._revalidating.discard)

    def _recorder(self, key: tuple, version: str, send):
        """Pass the answer on as it is sent, keeping a copy of a small, complete 200 answer. Any other answer
        (an error, a 404 for what was deleted, a large answer) removes the older one kept for the key."""
        parts: list[bytes] = []
        state = {"status": 0, "headers": [], "size": 0}

        async def record(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["headers"] = list(message.get("headers", []))
                message = {**message, "headers": [*state["headers"], (b"cache-status", STATUS_NAME + b"; fwd=miss")]}
                if state["status"] != 200:
                    self._forget(key, version)
            elif message["type"] == "http.response.body" and state["status"] == 200:
                body = message.get("body", b"")
                state["size"] += len(body)
                if state["size"] <= self.max_body:
                    parts.append(body)
                    if not message.get("more_body", False):
                        self._keep(key, _Answer(200, state["headers"], b"".join(parts), version))
                else:
                    self._forget(key, version)
            await send(message)

        return record

    def _forget(self, key: tuple, version: str) -> None:
        old = self._answers.get(key)
        if old is not None and old.version != version:
            del self._answers[key]
            self._total -= len(old.body)

    def _keep(self, key: tuple, answer: _Answer) -> None:
        old = self._answers.get(key)
        if old is not None and old.version == self._version != answer.version:
            return  # a slow answer of an older graph never replaces one of the newest
        if old is not None:
            del self._answers[key]
            self._total -= len(old.body)
        self._answers[key] = answer
        self._total += len(answer.body)
        while len(self._answers) > self.max_entries or self._total > self.max_total:
            _, evicted = self._answers.popitem(last=False)
            self._total -= len(evicted.body)


def _wants_fresh(cache_control: bytes) -> bool:
    directives = {d.strip().lower() for d in cache_control.split(b",")}
    return bool(directives & {b"no-cache", b"max-age=0", b"no-store"})


async def _replay(answer: _Answer, if_none_match: bytes, send, status: bytes) -> None:
    cache_status = (b"cache-status", STATUS_NAME + b"; " + status)
    etag = next((v for k, v in answer.headers if k == b"etag"), None)
    if etag is not None and etag in [t.strip() for t in if_none_match.split(b",")]:
        await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag), cache_status]})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": answer.status, "headers": [*answer.headers, cache_status]})
    await send({"type": "http.response.body", "body": answer.body})
