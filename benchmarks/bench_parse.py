"""Parse throughput on one core: MB/s and documents/s over a corpus (default: the seeds), median of runs.

    python benchmarks/bench_parse.py [PATH…] [--runs 5] [--json benchmarks/results/parse.json]

Each run is a fresh child process, so the parser's look-up caches (gazetteer answers, departments, topics)
start empty every time, as in one `ikg load`. The child first parses tests/eval (not timed) so the one-off
loads — gazetteer, OpenCC, patterns — are not counted, then times read → segment → parse → resolve over
the corpus. Files the parser rejects (DocumentError) count in the bytes read: it read them. MB/cpu s divides by the
child's CPU time instead of the wall time: on a shared machine it moves less with the others' load (which is printed).
The checkout this file is in is measured, whatever copy of the project is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Measure the checkout this file is in, not whatever copy of the project is installed in the environment (run as a
# script, Python puts benchmarks/ first on the path, and `loaders` was then imported from the installed project).
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "seeds"
WARM_UP = ROOT / "tests" / "eval"


def run_once(files: list[Path]) -> dict:
    from loaders.pipeline import parse_file
    from ontology.errors import DocumentError

    documents = awards = rejected = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for path in files:
        try:
            _, docs = parse_file(path)
        except DocumentError:
            rejected += 1
            continue
        documents += len(docs)
        awards += sum(len(d.awards) for d in docs)
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu_start,  # on a shared machine, wall time also counts the others' work
        "documents": documents,
        "awards": awards,
        "rejected": rejected,
    }


def child(paths: list[Path]) -> None:
    from loaders.pipeline import find_documents

    warm, _ = find_documents([WARM_UP])
    run_once(warm)
    files, _ = find_documents(paths)
    print(json.dumps(run_once(files)))


def bench(paths: list[Path], runs: int) -> dict:
    from loaders.pipeline import find_documents

    files, _ = find_documents(paths)
    size = sum(p.stat().st_size for p in files)
    cmd = [sys.executable, __file__, "--child", *map(str, paths)]
    results = [json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout) for _ in range(runs)]
    median = statistics.median(r["seconds"] for r in results)
    median_cpu = statistics.median(r["cpu_seconds"] for r in results)
    return {
        "benchmark": "parse",
        "machine": f"{platform.machine()} python {platform.python_version()}",
        "corpus": [str(p) for p in paths],
        "files": len(files),
        "bytes": size,
        "documents": results[0]["documents"],
        "awards": results[0]["awards"],
        "rejected_files": results[0]["rejected"],
        "runs": runs,
        "runs_s": [round(r["seconds"], 3) for r in results],
        "median_s": round(median, 4),
        "mb_per_s": round(size / median / 1e6, 3),
        "cpu_runs_s": [round(r["cpu_seconds"], 3) for r in results],
        "mb_per_cpu_s": round(size / median_cpu / 1e6, 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "docs_per_s": round(results[0]["documents"] / median, 1),
        "target_mb_per_s": 2.0,
    }


def print_result(r: dict) -> None:
    head = f"{'files':>8} {'MB':>8} {'docs':>7} {'awards':>8} {'median s':>10} {'MB/s':>8} {'docs/s':>8}"
    print(f"{head} {'MB/cpu s':>9}")
    print(
        f"{r['files']:>8} {r['bytes'] / 1e6:>8.3f} {r['documents']:>7} {r['awards']:>8} {r['median_s']:>10.3f}"
        f" {r['mb_per_s']:>8.3f} {r['docs_per_s']:>8.1f} {r['mb_per_cpu_s']:>9.3f}"
    )
    print(f"load average at the end: {r['load_average']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.paths)
        return
    result = bench(args.paths, args.runs)
    print_result(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
