"""Every benchmark in one run: parse, load (with its anchor), named-query latency at three sizes, HTTP, RDF.

    python benchmarks/run_all.py           # full: sizes 0.01, 0.1, 1.0 (1.0 = the national corpus, the largest)
    python benchmarks/run_all.py --quick   # under two minutes: sizes 0.003, 0.01, 0.03, fewer runs

Generated corpora and graphs go under --root (default /tmp/ikg-bench); results to benchmarks/results/*.json,
and a table of every target against its measure at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_export  # noqa: E402
import bench_http  # noqa: E402
import bench_load  # noqa: E402
import bench_parse  # noqa: E402
import bench_queries  # noqa: E402

FULL = {"scales": ["0.01", "0.1", "1.0"], "load_runs": 3, "iterations": 50, "budget": 3.0, "requests": 2000}
FULL.update({"http_runs": 3, "time_limit": 20.0, "parse_runs": 3, "parse_scale": "0.1", "export_scale": "0.1"})
QUICK = {"scales": ["0.003", "0.01", "0.03"], "load_runs": 1, "iterations": 10, "budget": 0.2, "requests": 300}
QUICK.update({"http_runs": 1, "time_limit": 5.0, "parse_runs": 2, "parse_scale": "0.01", "export_scale": "0.01"})
QUICK.update({"export_formats": ("nt",), "anchor_limit": 20_000})
FULL["anchor_limit"] = 100_000  # rdflib writes ~1,000 triples/s: 300k took 6 minutes


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--root", type=Path, default=Path("/tmp/ikg-bench"))
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the parse and load results and graphs of the last run"
    )
    args = parser.parse_args()
    cfg = QUICK if args.quick else FULL
    suffix = "_quick" if args.quick else ""
    began = time.perf_counter()
    print(f"machine: {bench_load.machine()}; load average {os.getloadavg()[0]:.2f}")

    graphs = [f"ladybug://{args.root / f'graph-{scale}'}" for scale in cfg["scales"]]
    if args.reuse:  # parse and load results and graphs of an earlier run (after a later stage failed)
        parse = json.loads((args.results / f"parse{suffix}.json").read_text())
        loads = {s: json.loads((args.results / f"load_{s}{suffix}.json").read_text()) for s in cfg["scales"]}
    else:
        print("== parse (one core; fresh process per run)")
        parse_corpus = bench_load.ensure_corpus(cfg["parse_scale"], 1, args.root)
        parse = bench_parse.bench([parse_corpus], cfg["parse_runs"])
        bench_parse.print_result(parse)
        write(args.results / f"parse{suffix}.json", parse)

        print("== load (each size; several runs at the largest)")
        loads = {}
        for scale in cfg["scales"]:
            runs = cfg["load_runs"] if scale == cfg["scales"][-1] else 1
            loads[scale] = bench_load.bench(scale, runs, args.root, args.root / f"graph-{scale}")
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

    print(f"== rdf export (graph {cfg['export_scale']})")
    graph = graphs[cfg["scales"].index(cfg["export_scale"])]
    export = bench_export.bench(graph, cfg["anchor_limit"], formats=cfg.get("export_formats"))
    for name, r in export["formats"].items():
        print(f"  {name:24} {r['triples']:>10,} triples {r['triples_per_s']:>10,} triples/s")
    write(args.results / f"export{suffix}.json", export)

    print(f"\n== targets ({time.perf_counter() - began:.0f} s, {bench_load.machine()})")
    for row in targets(parse, loads[cfg["scales"][-1]], queries["sizes"][-1], http, export):
        print("  {:44} {:>14} {:>16}  {}".format(*row))


def targets(parse: dict, load: dict, queries: dict, http: dict, export: dict) -> list[tuple[str, str, str, str]]:
    """(what, target, measured, ok|MISS) for every target of the performance issue."""
    legs = load["legs"]
    worst = max(queries["queries"].items(), key=lambda kv: kv[1]["p95_ms"])
    both = queries["queries"]["winners_all_topics"]["p95_ms"]
    nt = export["formats"]["stream nt"]["triples_per_s"]
    rows = [
        ("parse MB/s (one core)", "≥ 2", f"{parse['mb_per_s']:.2f}", parse["mb_per_s"] >= 2),
        (
            f"load store/anchor, scale {load['scale']}",
            "≥ 0.5",
            f"{load['ratio_store_to_anchor']:.2f}",
            load["ratio_store_to_anchor"] >= 0.5,
        ),
        ("load e2e/anchor (incl. parsing)", "(info)", f"{load['ratio_e2e_to_anchor']:.2f}", None),
        (
            "peak RSS of the largest load, MB",
            "≤ 2048",
            f"{legs['e2e']['peak_rss_mb']:.0f}",
            legs["e2e"]["peak_rss_mb"] <= 2048,
        ),
        (f"worst named-query p95 ms ({worst[0]})", "≤ 100", f"{worst[1]['p95_ms']:.1f}", worst[1]["p95_ms"] <= 100),
        ("winners_all_topics p95 ms", "≤ 30", f"{both:.1f}", both <= 30),
        ("N-Triples triples/s", "≥ 300,000", f"{nt:,}", nt >= 300_000),
        ("N-Triples ÷ rdflib Turtle", "≥ 15", f"{export['nt_to_anchor']}", export["nt_to_anchor"] >= 15),
    ]
    for path, r in http["endpoints"].items():
        rows.append(
            (f"http {path} req/s", "≥ 300, 0 errors", f"{r['req_per_s']:.0f} ({r['errors']} err)", r["meets_target"])
        )
    return [(what, target, got, "" if ok is None else ("ok" if ok else "MISS")) for what, target, got, ok in rows]


if __name__ == "__main__":
    main()
