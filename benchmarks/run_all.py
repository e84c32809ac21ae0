"""Every benchmark in one run: parse, load (with its anchor), named-query latency at three sizes, HTTP.

    python benchmarks/run_all.py           # full: sizes 0.01, 0.1, 1.0 (1.0 = every province, the largest here)
    python benchmarks/run_all.py --quick   # under two minutes: sizes 0.01, 0.05, 0.1, fewer runs

Generated corpora and graphs go under --root (default /tmp/ikg-bench); results to benchmarks/results/*.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_http  # noqa: E402
import bench_load  # noqa: E402
import bench_queries  # noqa: E402

FULL = {"scales": ["0.01", "0.1", "1.0"], "load_runs": 3, "iterations": 50, "budget": 3.0, "requests": 2000}
FULL.update({"http_runs": 3, "time_limit": 20.0, "parse_runs": 5})
QUICK = {"scales": ["0.01", "0.05", "0.1"], "load_runs": 3, "iterations": 15, "budget": 0.4, "requests": 300}
QUICK.update({"http_runs": 1, "time_limit": 6.0, "parse_runs": 2})


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--root", type=Path, default=Path("/tmp/ikg-bench"))
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args()
    cfg = QUICK if args.quick else FULL
    suffix = "_quick" if args.quick else ""
    began = time.perf_counter()

    print("== parse")
    subprocess.run(
        [sys.executable, str(HERE / "bench_parse.py"), "--runs", str(cfg["parse_runs"]), "--json"]
        + [str(args.results / f"parse_seeds{suffix}.json")],
        check=True,
    )

    print("== load (each size; several runs at the largest)")
    graphs = []
    loads = {}
    for scale in cfg["scales"]:
        graph = args.root / f"graph-{scale}"
        runs = cfg["load_runs"] if scale == cfg["scales"][-1] else 1
        loads[scale] = bench_load.bench(scale, runs, args.root, graph)
        graphs.append(f"ladybug://{graph}")
        write(args.results / f"load_{scale}{suffix}.json", loads[scale])

    print("== named queries")
    queries = {"benchmark": "queries", "machine": bench_load.machine(), "iterations": cfg["iterations"], "sizes": []}
    for scale, url in zip(cfg["scales"], graphs):
        print(f"scale {scale}: {url}")
        size = bench_queries.bench_store(url, cfg["iterations"], cfg["budget"])
        queries["sizes"].append({"scale": scale, **size})
    write(args.results / f"queries{suffix}.json", queries)

    print("== http (largest graph, 32 clients)")
    http = bench_http.bench(
        graphs[-1], 32, cfg["requests"], cfg["http_runs"], cfg["time_limit"], args.root / "serve.log"
    )
    http["machine"] = bench_load.machine()
    write(args.results / f"http{suffix}.json", http)

    largest = loads[cfg["scales"][-1]]
    print(f"\n== summary ({time.perf_counter() - began:.0f} s, {bench_load.machine()})")
    for leg, r in largest["legs"].items():
        print(f"load {largest['scale']} {leg:6} {r['awards_per_s']:>8.0f} awards/s  peak {r['peak_rss_mb']:.0f} MB")
    print(f"e2e / anchor = {largest['ratio_e2e_to_anchor']:.2f} (target ≥ 0.5)")
    for size in queries["sizes"]:
        misses = [n for n, q in size["queries"].items() if not q["meets_target"]]
        worst = max(size["queries"].items(), key=lambda kv: kv[1]["p95_ms"])
        print(
            f"queries {size['scale']:>5} ({size['awards']} awards): worst p95 {worst[0]} {worst[1]['p95_ms']} ms;"
            f" winners_all_topics p95 {size['queries']['winners_all_topics']['p95_ms']} ms; misses {len(misses)}"
        )
    for path, r in http["endpoints"].items():
        print(f"http {path:48} {r['req_per_s']:>6.0f} req/s  p95 {r['p95_ms']} ms  errors {r['errors']}")


if __name__ == "__main__":
    main()
