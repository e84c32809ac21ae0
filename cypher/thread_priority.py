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
# Below the request loop (0), above the upload parser (api/upload_worker.NICENESS = 10): a reader's store query
# still comes before parsing a document someone uploaded.
STORE_NICENESS = 5


def threads_started_by(start: Callable[[], T]) -> tuple[T, list[int]]:
    """What `start()` returns, and the ids of the threads that began while it ran."""
    before = _thread_ids()
    result = start()
    return result, sorted(_thread_ids() - before)


def lower_priority(thread_ids: Iterable[int], niceness: int = STORE_NICENESS) -> int:
    """Give these threads at least `niceness`; how many were changed (a thread that ended is passed over)."""
    changed = 0
    for thread_id in thread_ids:
        try:
            if os.getpriority(os.PRIO_PROCESS, thread_id) < niceness:
                os.setpriority(os.PRIO_PROCESS, thread_id, niceness)
                changed += 1
        except OSError:  # the thread has ended, or the platform has no per-thread priority
            continue
    return changed


def lower_this_thread(niceness: int = STORE_NICENESS) -> None:
    lower_priority([threading.get_native_id()], niceness)


def _thread_ids() -> set[int]:
    try:
        return {int(name) for name in os.listdir(TASKS)}
    except OSError:
        return set()
