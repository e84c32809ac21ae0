"""The change feed: which notices were added, replaced or removed, as Atom (RFC 4287), paged (RFC 5005).

Changes are found by comparing the loaded notices (id → sha256 of the source file) with the last snapshot each
time the dump is measured (`api/void_stats.measure`: after `ikg load`, and in a server after a write), so a
harvester can sync from the feed without fetching whole dumps. The time of a change is the time it was seen."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ATOM = "http://www.w3.org/2005/Atom"
PAGE = 100  # entries per feed page


@dataclass(frozen=True)
class NoticeState:
    sha256: str | None
    title: str | None
    doc_number: str | None


@dataclass(frozen=True)
class Change:
    seq: int  # 1, 2, … in the order seen; an entry's identity
    time: str  # ISO date-time, UTC
    change: str  # added | replaced | removed
    notice: str
    title: str | None
    doc_number: str | None


def diff(before: dict[str, NoticeState], after: dict[str, NoticeState], time: str, seq: int) -> list[Change]:
    """The changes from one snapshot to the next, numbered on from `seq` (the last number used)."""
    changes = []
    for notice in sorted(before.keys() | after.keys()):
        old, new = before.get(notice), after.get(notice)
        if old == new:
            continue
        kind = "added" if old is None else "removed" if new is None else "replaced"
        state = new if new is not None else old
        assert state is not None  # one of them is, or the notice would not have changed
        seq += 1
        changes.append(Change(seq, time, kind, notice, state.title, state.doc_number))
    return changes


def read_snapshot(path: Path) -> dict[str, NoticeState]:
    try:
        return {k: NoticeState(*v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, TypeError):
        return {}


def write_snapshot(path: Path, snapshot: dict[str, NoticeState]) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # two loaders at once each write their own
    rows = {k: [v.sha256, v.title, v.doc_number] for k, v in sorted(snapshot.items())}
    partial.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)


def read_changes(path: Path) -> list[Change]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [Change(**json.loads(line)) for line in lines if line.strip()]


def append_changes(path: Path, changes: Iterable[Change]) -> None:
    with path.open("a", encoding="utf-8") as out:
        for change in changes:
            out.write(json.dumps(asdict(change), ensure_ascii=False) + "\n")


def _link(rel: str, href: str, media: str | None = None) -> str:
    kind = f" type={quoteattr(media)}" if media else ""
    return f"<link rel={quoteattr(rel)} href={quoteattr(href)}{kind}/>"


def atom(changes: list[Change], base: str, page: int, publisher: str, updated: str) -> str | None:
    """Page `page` (1 = the newest changes) of the feed; None past the last page. Links to the notices'
    documents are relative, so they resolve on whatever server the feed came from."""
    newest_first = changes[::-1]
    pages = max(1, -(-len(newest_first) // PAGE))
    if not 1 <= page <= pages:
        return None
    entries = []
    for c in newest_first[(page - 1) * PAGE : page * PAGE]:
        name = c.doc_number or c.title or c.notice
        entries.append(
            "<entry>"
            f"<id>{escape(base)}/changes.atom#change-{c.seq}</id>"
            f"<title>{escape(f'{c.change}: {name}')}</title>"
            f"<updated>{escape(c.time)}</updated>"
            f"<category term={quoteattr(c.change)}/>"
            f"<summary>{escape(c.title or name)}</summary>"
            + _link("alternate", f"/doc/notice/{c.notice}")
            + _link("related", f"{base}/id/notice/{c.notice}")
            + _link("alternate", f"/doc/notice/{c.notice}/data.ttl", "text/turtle")
            + "</entry>"
        )
    links = [
        _link("self", f"/changes.atom?page={page}"),
        _link("first", "/changes.atom"),
        _link("last", f"/changes.atom?page={pages}"),
    ]
    if page > 1:
        links.append(_link("previous", f"/changes.atom?page={page - 1}"))
    if page < pages:
        links.append(_link("next", f"/changes.atom?page={page + 1}"))
    newest = newest_first[0].time if newest_first else updated
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="{ATOM}">'
        f"<id>{escape(base)}/changes.atom</id><title>incentive-kg: notices added, replaced and removed</title>"
        f"<updated>{escape(newest)}</updated><author><name>{escape(publisher)}</name></author>"
        + "".join(links)
        + "".join(entries)
        + "</feed>"
    )
