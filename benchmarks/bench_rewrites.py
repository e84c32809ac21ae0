"""Each named query rewritten for speed against its former text (tests/slow_queries/NAME.cypher), the two
run alternately in one process on the same graph, so that a shared machine's load falls on both alike.

    python benchmarks/bench_rewrites.py --store ladybug:///tmp/ikg-bench/graph-1.0 [--rounds 10] [--query NAME]
        [--against REV] [--json FILE]

`--against REV` (a git revision, e.g. main) compares with the query's text at that revision instead of its
former text in tests/slow_queries: a second rewrite against the first.

Parameters as in bench_queries.py (the header's example with real ids). A text that fails (time limit,
buffer pool) is reported with its error. Same answers are the tests' business (tests/test_fast_queries.py);
here only the row counts are printed beside the times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

from bench_queries import percentile, query_params, real_ids

from cypher.named_queries import get_query
from cypher.store import open_store
from ontology.errors import StoreError

SLOW = Path(__file__).resolve().parents[1] / "tests" / "slow_queries"


def slow_text(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("//"))


def text_at(revision: str, name: str, dialect: str) -> str:
    """A named query's text (the dialect's variant where there is one) as it was at a git revision."""
    root = SLOW.parents[1]
    for file in (f"{name}.{dialect}.cypher", f"{name}.cypher"):
        shown = subprocess.run(
            ["git", "-C", str(root), "show", f"{revision}:cypher/queries/{file}"], capture_output=True, text=True
        )
        if shown.returncode == 0:
            return "\n".join(line for line in shown.stdout.splitlines() if not line.startswith("//"))
    raise SystemExit(f"{name}: no cypher/queries/{name}.cypher at {revision}")


def describe(side: str, r: dict) -> str:
    if "p50_ms" not in r:
        return f"{side} {r['rows_or_error']}"
    return f"{side} min {r['min_ms']:8.1f} p50 {r['p50_ms']:8.1f} p95 {r['p95_ms']:8.1f}"


def bench(
    url: str, rounds: int, budget_s: float = 20.0, names: list[str] | None = None, against: str | None = None
) -> dict:
    store = open_store(url, read_only=True)
    ids = real_ids(store)
    out: dict = {"benchmark": "rewrites", "store": url, "load_average_start": os.getloadavg(), "queries": {}}
    for path in sorted(p for p in SLOW.glob("*.cypher") if "." not in p.stem and (not names or p.stem in names)):
        query = get_query(path.stem)
        params = query.bind(query_params(query, ids))
        old = text_at(against, path.stem, store.dialect) if against else slow_text(path)
        texts = {"old": old, "new": query.text_for(store.dialect)}
        ms: dict[str, list[float]] = {"old": [], "new": []}
        outcome: dict[str, object] = {}
        began = time.perf_counter()
        for i in range(rounds):
            for side, text in texts.items():
                if isinstance(outcome.get(side), str):
                    continue  # failed once: not again
                t0 = time.perf_counter()
                try:
                    outcome[side] = len(store.query(text, params).rows)
                except StoreError as exc:  # a time limit, a full buffer pool
                    outcome[side] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:100]}"
                    continue
                ms[side].append((time.perf_counter() - t0) * 1000)
            if i >= 2 and time.perf_counter() - began > budget_s:
                break
        row = {
            side: {"rows_or_error": outcome[side], "runs": len(v)}
            | ({"min_ms": min(v), "p50_ms": statistics.median(v), "p95_ms": percentile(sorted(v), 95)} if v else {})
            for side, v in ms.items()
        }
        out["queries"][path.stem] = row
        print(f"  {path.stem:30} " + "  ".join(describe(side, r) for side, r in row.items()), flush=True)
    out["load_average_end"] = os.getloadavg()
    store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--query", action="append", help="only these (default: all of tests/slow_queries)")
    parser.add_argument("--against", help="a git revision: compare with the query's text there")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = bench(args.store, args.rounds, names=args.query, against=args.against)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
