"""Parse throughput on one core: MB/s and documents/s over a corpus (default: the seeds), median of runs.

python benchmarks/bench_parse.py [PATH…] [--runs 5] [--json benchmarks/results/parse.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

from loaders.pipeline import find_documents, parse_file

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def run_once(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        parse_file(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    files, _ = find_documents(args.paths)
    size = sum(p.stat().st_size for p in files)
    run_once(files)  # warm-up: gazetteer, OpenCC and patterns load once per process
    times = [run_once(files) for _ in range(args.runs)]
    median = statistics.median(times)
    result = {
        "benchmark": "parse",
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}".strip(),
        "files": len(files),
        "bytes": size,
        "runs": args.runs,
        "median_s": round(median, 4),
        "mb_per_s": round(size / median / 1e6, 3),
        "docs_per_s": round(len(files) / median, 1),
    }
    print(f"{'files':>8} {'MB':>8} {'median s':>10} {'MB/s':>8} {'docs/s':>8}")
    print(f"{len(files):>8} {size / 1e6:>8.3f} {median:>10.4f} {result['mb_per_s']:>8.3f} {result['docs_per_s']:>8.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
