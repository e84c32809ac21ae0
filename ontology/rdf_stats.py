"""VoID statistics of the full dump, measured once per change of the graph and kept in a small JSON file next to
the store, so the catalogue answers from them at once at any scale.

Measuring streams the N-Triples dump exactly as `/export?format=nt` writes it (the export is deterministic:
pages in id order, no blank nodes) and counts its lines, bytes and SHA-256; nothing is held in memory and no
triple store is built. `issued` is the first time the dataset was measured, `modified` the last time its dump
came out different."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class DumpStats:
    base: str  # the base URI the dump was written with: another base is another dump
    mapping: str  # which code wrote it (mapping_version()): another mapping is another dump too
    counts: dict  # the store's node and relationship counts when measured (to notice a change after a restart)
    triples: int
    nt_bytes: int
    nt_sha256: str
    issued: str  # ISO date-times, UTC
    modified: str
    measured: str

    @property
    def modified_at(self) -> datetime:
        return datetime.fromisoformat(self.modified)

    @property
    def issued_at(self) -> datetime:
        return datetime.fromisoformat(self.issued)


# The modules and files whose change changes the dump's bytes for the same graph.
_MAPPING_FILES = (
    "rdf.py",
    "rdf_terms.py",
    "rdf_writers.py",
    "rdf_eli.py",
    "rdf_government.py",
    "code_lists.py",
    "incentive.ttl",
    "topics.ttl",
    "data/governments.toml",
)


@cache
def mapping_version() -> str:
    digest = hashlib.sha256()
    for name in _MAPPING_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def measure_nt(chunks: Iterable[str]) -> tuple[int, int, str]:
    """(lines, bytes, sha256) of an N-Triples dump given as text chunks: one triple per line."""
    lines = size = 0
    digest = hashlib.sha256()
    for chunk in chunks:
        data = chunk.encode("utf-8")
        lines += chunk.count("\n")
        size += len(data)
        digest.update(data)
    return lines, size, digest.hexdigest()


def remeasured(
    previous: DumpStats | None, base: str, counts: dict, chunks: Iterable[str], now: datetime | None = None
) -> DumpStats:
    """New statistics from the dump's chunks; the dates carried over from `previous` where the dump is the same."""
    now_text = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    triples, size, sha = measure_nt(chunks)
    stats = DumpStats(base, mapping_version(), counts, triples, size, sha, now_text, now_text, now_text)
    if previous is None:
        return stats
    same = previous.nt_sha256 == sha and previous.base == base
    return replace(stats, issued=previous.issued, modified=previous.modified if same else now_text)


def read_stats(path: Path) -> DumpStats | None:
    try:
        return DumpStats(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None  # none yet, or from an older layout: measure again


def write_stats(path: Path, stats: DumpStats) -> None:
    """Atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # two loaders at once each write their own
    partial.write_text(json.dumps(asdict(stats), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)
