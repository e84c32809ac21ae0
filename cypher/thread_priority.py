"""Background priority for a server's store work: the engine's own threads and the thread that writes uploads.

On Linux the nice value belongs to each thread, not to the process (setpriority(2), NOTES: "the nice value is a
per-thread attribute"), so a server can let the threads that answer requests from memory (the event loop: cached
answers, /health) go first, and the store's work after them. LadybugDB starts its worker threads when a Database
is opened; they run every read that uses more than one thread. They are found as the threads that appeared
while the database opened (/proc/self/task before and after): the store is opened before the server starts its
own threads. Elsewhere (no /proc) nothing is found and nothing changes.

Raising a nice value needs no privilege; lowering it back would, so a thread given background priority keeps it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
TASKS = Path("/proc/self/task")
# How far below the thread that asks (the request loop, at the process's own nice value) the store's work runs;
# above the upload parser (api/upload_worker.NICENESS = 10 more): a reader's store query comes before parsing.
STORE_STEP = 5
MAX_NICENESS = 19


def threads_started_by(start: Callable[[], T]) -> tuple[T, list[int]]:
    """What `start()` returns, and the ids of the threads that began while it ran."""
    before = _thread_ids()
    result = start()
    return result, sorted(_thread_ids() - before)


def background_niceness(step: int = STORE_STEP) -> int:
    """`step` below the calling thread (a server run under `nice -n 5` keeps the same order inside it)."""
    return min(MAX_NICENESS, os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) + step)


def lower_priority(thread_ids: Iterable[int], step: int = STORE_STEP) -> int:
    """Put these threads `step` below the calling thread; how many were changed (a thread already there or
    lower, or one that has ended, is passed over)."""
    if not TASKS.is_dir():  # no per-thread nice values here: changing one would change the whole process
        return 0
    niceness = background_niceness(step)
    changed = 0
    for thread_id in thread_ids:
        try:
            if os.getpriority(os.PRIO_PROCESS, thread_id) < niceness:
                os.setpriority(os.PRIO_PROCESS, thread_id, niceness)
                changed += 1
        except OSError:  # the thread has ended, or the platform has no per-thread priority
            continue
    return changed


def lower_this_thread(step: int = STORE_STEP) -> None:
    lower_priority([threading.get_native_id()], step)


def _thread_ids() -> set[int]:
    try:
        return {int(name) for name in os.listdir(TASKS)}
    except OSError:
        return set()
