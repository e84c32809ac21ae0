"""The review book of IMPLEMENTS links: reviewers' decisions and the links waiting for one, in a file beside the store.

Why a file and not the graph: a decision must outlive every reload of the notices it names (reloading deletes a
notice's Measures with their relationships), it is about ids that are stable across reloads, and it is not a fact
of any text. The file sits beside the embedded graph (`PATH.review.json` for `ladybug://PATH`), or where
`IKG_REVIEW_FILE` says (set it for Neo4j: the default there is `./data/link_review.json`). Writes are atomic
(a temporary file renamed over it) under an advisory lock, so the loader and the server may share it.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ACTIONS = ("accept", "reject", "relink")


def review_path(store_url: str) -> Path:
    if os.environ.get("IKG_REVIEW_FILE"):
        return Path(os.environ["IKG_REVIEW_FILE"])
    if store_url.startswith("ladybug://"):
        graph = Path(store_url.removeprefix("ladybug://"))
        return graph.with_name(graph.name + ".review.json")
    return Path("data/link_review.json")


class ReviewBook:
    """{'decisions': {category id: {action, measure, at}}, 'pending': {category id: candidate link},
    'citations': {'notice|relation|title': a citation by title with its candidate notices}}.
    A category (an award notice's Measure) has at most one decision and one pending link."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        return {
            "decisions": data.get("decisions", {}),
            "pending": data.get("pending", {}),
            "citations": data.get("citations", {}),
        }

    @contextmanager
    def editing(self) -> Iterator[dict[str, dict[str, Any]]]:
        """The book to change in place; written back when the block ends without an error."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            book = self.read()
            before = json.dumps(book, sort_keys=True)
            yield book
            if json.dumps(book, sort_keys=True) == before:
                return  # unchanged: a store without reviews gets no file
            staging = self.path.with_name(self.path.name + ".tmp")
            staging.write_text(json.dumps(book, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
            staging.replace(self.path)

    def decide(self, category: str, action: str, measure: str | None = None) -> dict[str, Any]:
        """Record a reviewer's decision on the link of `category`: accept or reject the pending (or linked)
        measure, or relink the category to another measure. A later decision replaces an earlier one."""
        if action not in ACTIONS:
            raise ValueError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
        with self.editing() as book:
            pending = book["pending"].get(category)
            if action != "relink" and measure is None:
                if pending is None:
                    raise LookupError(f"no pending link for {category!r}: name the measure")
                measure = pending["measure"]
            if not measure:
                raise ValueError("relink needs the measure to link to")
            decision = {"action": action, "measure": measure, "at": datetime.now(UTC).isoformat(timespec="seconds")}
            book["decisions"][category] = decision
            book["pending"].pop(category, None)
        return {"category": category, **decision}
