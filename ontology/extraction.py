"""Provenance of the extraction runs: which software (and which version of its parsing code and data) read which
notice from which file, and when. The RDF export states it as a prov:Activity of each notice (ontology/rdf.py).

The graph's rows do not carry it (loading the same file again must give the same graph), so each run of
`ikg load` appends one JSON line to a file kept beside the store's statistics (api/dump.py says where): the run's
times and versions and, per notice, the sha256 of the file it was read from. A notice's extraction is that of
the last run that loaded it, and only while its source file is the one that run read (the sha256 agrees)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SOFTWARE = "incentive-kg"


@dataclass(frozen=True)
class Extraction:
    run: int  # 1, 2, … in the order of the runs
    software: str  # name and version: "incentive-kg 0.1.0"
    parser: str  # a digest of the parsing code and its reference data
    started: str  # ISO date-times, UTC
    ended: str
    sha256: str  # of the source file this run read the notice from


def append_run(path: Path, software: str, parser: str, started: str, ended: str, notices: dict[str, str]) -> int:
    """Record one run that loaded `notices` (id → sha256 of its source file); returns the run's number."""
    path.parent.mkdir(parents=True, exist_ok=True)
    run = 1 + sum(1 for _ in _lines(path))
    line = {"run": run, "software": software, "parser": parser, "started": started, "ended": ended}
    line["notices"] = notices
    # One write of one line in append mode: two loaders at once do not interleave their records.
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    return run


def _lines(path: Path):
    try:
        with path.open(encoding="utf-8") as lines:
            yield from (line for line in lines if line.strip())
    except FileNotFoundError:
        return


def read_extractions(path: Path) -> dict[str, Extraction]:
    """Notice id → the last run that loaded it; cached while the file is unchanged (it is read for every /doc)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return {}
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read(path: str, mtime_ns: int, size: int) -> dict[str, Extraction]:
    found: dict[str, Extraction] = {}
    for line in _lines(Path(path)):
        try:
            run = json.loads(line)
            for notice, sha256 in run["notices"].items():
                found[notice] = Extraction(
                    run["run"], run["software"], run["parser"], run["started"], run["ended"], sha256
                )
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # a line cut short by a crash says nothing reliable; the others still do
    return found
