"""Bounded concurrency for queries: a few run, a few wait (each a bounded time), the rest are told to retry."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ontology.errors import Overloaded


class Admission:
    """At most `running` at once and `waiting` more in line; a caller waits at most `wait_s` for its turn.
    Anyone past that gets Overloaded (503 with Retry-After) at once, so a burst never queues without end."""

    def __init__(self, running: int, waiting: int, what: str):
        self._places = threading.BoundedSemaphore(running + waiting)
        self._turns = threading.BoundedSemaphore(running)
        self._waiting, self._what = waiting, what

    @contextmanager
    def turn(self, wait_s: float) -> Iterator[None]:
        if not self._places.acquire(blocking=False):
            raise Overloaded(f"too many {self._what} at once ({self._waiting} already wait)")
        try:
            if not self._turns.acquire(timeout=wait_s):
                raise Overloaded(f"no turn for {self._what} came within {wait_s:g} s")
            try:
                yield
            finally:
                self._turns.release()
        finally:
            self._places.release()
