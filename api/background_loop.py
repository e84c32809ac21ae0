"""An event loop on a thread of its own at background priority, for work no reader is waiting for.

The answer cache refreshes stale answers after every write (api/cache.py). Made on the request loop, each
refresh's routing, JSON and ETag work competes with the readers being answered from memory, and its sync route
runs in the request loop's thread pool at the readers' priority. Made here, all of it runs below them: the
thread lowers its own nice value (cypher/thread_priority.py), and the threads it starts (the pool its sync
routes run in) begin with that value: Linux copies a thread's nice value to the threads it creates, as it does
to a forked child (setpriority(2), NOTES). tests/test_api_cache.py checks both.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

from cypher.thread_priority import lower_this_thread

T = TypeVar("T")


class BackgroundLoop:
    """Runs coroutines on one daemon thread's event loop, started on first use."""

    def __init__(self, name: str = "ikg-background"):
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self._running_loop())

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                started = threading.Event()
                loop = asyncio.new_event_loop()

                def run() -> None:
                    lower_this_thread()
                    asyncio.set_event_loop(loop)
                    started.set()
                    loop.run_forever()

                threading.Thread(target=run, name=self._name, daemon=True).start()
                started.wait()
                self._loop = loop
            return self._loop


# One for the process: it holds no state of its own, so every app (tests make many) can share its thread.
refreshes = BackgroundLoop("ikg-cache-refresh")
