"""What an upload job's worker process does: parse one file into graph rows and spool them to disk in parts.

It runs in its own process (api/jobs.py), so parsing, which is CPU-bound Python, never takes the server's
GIL. The rows go back through a file in parts of SPOOL_ROWS rows rather than as the future's result: one
pickle of a 68,000-measure notice took 4 s to load, all of it holding the server's GIL.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders import graph_rows, load_gazetteer, parse_file
from ontology.errors import DocumentError
from ontology.rows import GraphRows

SPOOL_ROWS = 5_000
NICENESS = 10  # the server's readers come first: parsing is background work
MAX_LISTED_WARNINGS = 1_000  # per document in a job's result (jobs are kept in memory)


@dataclass(frozen=True)
class ParsedUpload:
    summary: dict[str, Any]  # {"file", "documents": [...]} or {"file", "error"}; never the folder it is kept in
    rows_path: str | None  # the spooled rows, when parsing succeeded
    rows: int  # how many


def warm_up() -> None:
    """Run once in each worker process: lower its priority, read the reference data before the first file."""
    try:
        os.nice(NICENESS)
    except OSError:
        pass
    load_gazetteer()


def parse_upload(path: str, name: str, rows_path: str) -> ParsedUpload:
    try:
        _, docs = parse_file(Path(path))
    except DocumentError as exc:
        return _failed(name, exc.problem, path)
    except Exception as exc:  # a bug must fail this file, not the job or the worker
        return _failed(name, f"could not be parsed ({type(exc).__name__})", path)
    gazetteer = load_gazetteer()
    count = 0
    with open(rows_path, "wb") as out:
        for doc in docs:
            count += _spool(out, doc.notice.id, graph_rows(doc, gazetteer))
    return ParsedUpload(_summary(name, docs), rows_path, count)


def read_rows(rows_path: str) -> list[tuple[str, GraphRows]]:
    """The spooled rows, part by part: each part is a short pickle load, so other threads run in between."""
    notices: list[tuple[str, GraphRows]] = []
    for kind, key, rows in _frames(rows_path):
        if kind == "notice":
            notices.append((key, GraphRows()))
        elif kind == "nodes":
            notices[-1][1].nodes.setdefault(key, []).extend(rows)
        else:
            notices[-1][1].rels.setdefault(key, []).extend(rows)
    return notices


def _spool(out, notice_id: str, rows: GraphRows) -> int:
    pickle.dump(("notice", notice_id, None), out)
    count = 0
    for kind, groups in (("nodes", rows.nodes), ("rels", rows.rels)):
        for key, group in groups.items():
            count += len(group)
            for start in range(0, len(group), SPOOL_ROWS):
                pickle.dump((kind, key, group[start : start + SPOOL_ROWS]), out, protocol=pickle.HIGHEST_PROTOCOL)
    return count


def _frames(rows_path: str) -> Iterator[tuple[str, str, Any]]:
    with open(rows_path, "rb") as source:
        while True:
            try:
                yield pickle.load(source)
            except EOFError:
                return


def _failed(name: str, problem: str, path: str) -> ParsedUpload:
    # Messages name the file as uploaded, never the folder the server keeps it in.
    for where in (path, str(Path(path).parent)):
        problem = problem.replace(where, name if where == path else "")
    return ParsedUpload({"file": name, "error": f"{name}: {problem}"}, None, 0)


def _summary(name: str, docs) -> dict[str, Any]:
    return {
        "file": name,
        "documents": [
            {
                "notice": d.notice.id,
                "kind": d.notice.kind,
                "title": d.notice.title,
                "measures": len(d.measures),
                "awards": len(d.awards),
                "warnings": [w.__dict__ for w in d.warnings[:MAX_LISTED_WARNINGS]],
                "warnings_total": len(d.warnings),
            }
            for d in docs
        ],
    }
