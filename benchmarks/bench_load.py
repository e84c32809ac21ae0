"""Load throughput into the embedded store (awards/s), with the engine's raw bulk path as the anchor.

    python benchmarks/bench_load.py --scale 0.1 --runs 3 [--keep /tmp/ikg-bench/graph-0.1] [--json FILE]

Three legs, each in its own child process (fresh store, peak RSS from the child's rusage), medians of --runs:

- e2e:    `loaders.pipeline.load_paths` — read, parse, resolve, graph rows, `replace_notice` per document;
- store:  the same documents parsed first (not timed), then only the writes, batched as `load_paths` does
          (`Store.replace_notices` per BATCH_ROWS rows);
- anchor: the same rows (union of every document's `graph_rows`, deduplicated) through the engine's raw
          bulk path into an empty graph: one `LOAD FROM <Arrow table> MERGE` per node label, one
          `COPY <rel> FROM <Arrow table>` per relationship type (see leg_anchor), each statement on its own
          connection, no transaction around them.

Throughput is compared in rows/s (node + relationship rows written) and reported in awards/s too: the
target is e2e ≥ 0.5 × anchor rows/s. e2e writes more rows than the anchor (shared rows again in every
batch), so its rows/s are counted on the anchor's deduplicated rows — the same work, timed end to end.

The corpus is generated with gen_corpus.py (seed 1) unless --corpus is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEGS = ("e2e", "store", "anchor")
GENERATOR_VERSION = "g2"  # bump when gen_corpus.py changes what it writes, so cached corpora are remade
CHUNK = int(os.environ.get("IKG_BENCH_CHUNK", "100000"))  # anchor rows per statement (1M filled the 512 MB pool)


def machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def ensure_corpus(scale: str, seed: int, root: Path) -> Path:
    out = root / f"corpus-{scale}-s{seed}-{GENERATOR_VERSION}"
    if not (out.exists() and any(out.iterdir())):
        sys.path.insert(0, str(HERE))
        from gen_corpus import generate

        generate(scale, seed, out)
    return out


# ---------------------------------------------------------------- child legs (run in a fresh process)


def _parsed_rows(corpus: Path):
    from loaders.gazetteer import load_gazetteer
    from loaders.graph import graph_rows
    from loaders.pipeline import find_documents, parse_file

    files, _ = find_documents([corpus])
    gazetteer = load_gazetteer()
    out = []
    for path in files:
        try:
            _, docs = parse_file(path)
        except Exception:  # the same files fail in every leg; e2e reports them
            continue
        # (notice id, awards, rows): the parsed records themselves are let go, so the legs hold only rows
        out += [(doc.notice.id, len(doc.awards), graph_rows(doc, gazetteer)) for doc in docs]
    return out


def leg_e2e(corpus: Path, url: str) -> dict:
    from cypher.store import open_store
    from loaders.pipeline import load_paths

    store = open_store(url)
    start = time.perf_counter()
    report = load_paths([corpus], store)
    seconds = time.perf_counter() - start
    counts = store.counts()
    store.close()
    graph = {"graph_nodes": sum(counts["nodes"].values()), "graph_rels": sum(counts["relationships"].values())}
    return {"seconds": seconds, **report.summary(), **graph}


def leg_store(corpus: Path, url: str) -> dict:
    from cypher.store import open_store
    from loaders.pipeline import BATCH_ROWS

    rows = _parsed_rows(corpus)
    store = open_store(url)
    start = time.perf_counter()
    batch, size = [], 0
    for notice_id, _, graph in rows:
        batch.append((notice_id, graph))
        size += sum(map(len, (*graph.nodes.values(), *graph.rels.values())))
        if size >= BATCH_ROWS:
            store.replace_notices(batch)
            batch, size = [], 0
    store.replace_notices(batch)
    seconds = time.perf_counter() - start
    store.close()
    return {"seconds": seconds, "documents": len(rows), "awards": sum(n for _, n, _ in rows)}


def leg_anchor(corpus: Path, url: str) -> dict:
    from cypher.ladybug_store import _arrow_table, _group_by_keys
    from cypher.store import open_store
    from ontology.model import STRING, node_kind, rel_type

    parsed = _parsed_rows(corpus)
    nodes: dict[str, dict[str, dict]] = {}
    rels: dict[str, dict[tuple, dict]] = {}
    for _, _, graph in parsed:  # union of the same rows, one per key (the fuller row wins, as graph_rows does)
        for label, node_rows in graph.nodes.items():
            seen = nodes.setdefault(label, {})
            for row in node_rows:
                if row["id"] not in seen or len(row) > len(seen[row["id"]]):
                    seen[row["id"]] = row
        for name, rel_rows in graph.rels.items():
            seen = rels.setdefault(name, {})
            for row in rel_rows:
                seen.setdefault((row["from"], row["to"]), row)
    store = open_store(url)  # creates the schema
    statements = []  # (cypher, Arrow table), in chunks of CHUNK rows
    for label, by_id in nodes.items():
        kind = node_kind(label)
        for keys, group in _group_by_keys(list(by_id.values())).items():
            props = {p: t for p, t in kind.all_properties.items() if p in keys or p == kind.key}
            sets = ", ".join(f"n.{p} = {p}" for p in props if p != kind.key)
            merge = f"LOAD FROM $rows MERGE (n:{label} {{{kind.key}: {kind.key}}})"
            for i in range(0, len(group), CHUNK):
                statements.append((f"{merge} SET {sets}" if sets else merge, _arrow_table(group[i : i + CHUNK], props)))
    for name, by_pair in rels.items():
        # Relationships: the engine's bulk COPY of the whole table into the empty graph (the same path the
        # store uses for relationships of new Measures and Awards). `LOAD FROM <Arrow> MATCH … MERGE` fills
        # the buffer pool (README), and `UNWIND … MATCH … MERGE` over whole tables took 432 s at 0.1 for
        # what the store writes in 30 s: neither is a fair "raw" path.
        rel = rel_type(name)
        props = {"from": STRING, "to": STRING, **{p: rel.all_properties[p] for p in store._columns[name]}}
        rows = list(by_pair.values())
        for i in range(0, len(rows), CHUNK):
            statements.append((f"COPY {name} FROM $rows", _arrow_table(rows[i : i + CHUNK], props)))
    start = time.perf_counter()
    # One connection per statement: a connection keeps the memory of its LOAD FROM scans (ARCHITECTURE.md).
    for cypher, table in statements:
        with store._connection() as conn:
            conn.execute(cypher, {"rows": table})
    seconds = time.perf_counter() - start
    node_count = sum(len(v) for v in nodes.values())
    rel_count = sum(len(v) for v in rels.values())
    counts = store.counts()
    store.close()
    return {
        "seconds": seconds,
        "documents": len(parsed),
        "awards": sum(n for _, n, _ in parsed),
        "node_rows": node_count,
        "rel_rows": rel_count,
        "graph_nodes": sum(counts["nodes"].values()),
        "graph_rels": sum(counts["relationships"].values()),
    }


# ---------------------------------------------------------------- parent


def run_leg(leg: str, corpus: Path, store_dir: Path, timeout: float) -> dict:
    """One leg in a child process; its peak RSS comes from os.wait4 (that child's own rusage)."""
    if store_dir.exists():
        subprocess.run(["rm", "-rf", str(store_dir)], check=True)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "IKG_QUERY_TIMEOUT_MS": "600000"}  # a whole-table bulk statement may take long
    cmd = [sys.executable, __file__, "--child", leg, "--corpus", str(corpus), "--store", f"ladybug://{store_dir}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise TimeoutError(f"{leg} leg took more than {timeout:.0f} s")
        time.sleep(0.05)
    out = proc.stdout.read()
    proc.stdout.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{leg} leg failed with exit code {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)  # Linux: kilobytes
    return result


def bench(
    scale: str,
    runs: int,
    root: Path,
    keep: Path | None,
    seed: int = 1,
    timeout: float = 600,
    corpus: Path | None = None,
) -> dict:
    corpus = corpus or ensure_corpus(scale, seed, root)
    legs: dict[str, list[dict]] = {leg: [] for leg in LEGS}
    for i in range(runs):
        for leg in LEGS:  # interleaved, so drift on a shared machine hits every leg alike
            store_dir = keep if (leg == "e2e" and keep and i == runs - 1) else root / f"load-{leg}-{scale}"
            r = run_leg(leg, corpus, store_dir, timeout)
            legs[leg].append(r)
            print(f"  load {scale} run {i + 1} {leg:6} {r['seconds']:7.2f} s  {r['peak_rss_mb']:7.0f} MB", flush=True)
        for leg in LEGS:
            if leg != "e2e" or not keep:
                subprocess.run(["rm", "-rf", str(root / f"load-{leg}-{scale}")], check=True)
    summary = {}
    for leg, results in legs.items():
        seconds = statistics.median(r["seconds"] for r in results)
        awards = results[0]["awards"]
        summary[leg] = {
            "runs_s": [round(r["seconds"], 3) for r in results],
            "median_s": round(seconds, 3),
            "awards": awards,
            "documents": results[0]["documents"],
            "awards_per_s": round(awards / seconds, 1),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in results),
        }
    summary["anchor"].update({k: legs["anchor"][0][k] for k in ("node_rows", "rel_rows", "graph_nodes", "graph_rels")})
    summary["e2e"].update({k: legs["e2e"][0][k] for k in ("graph_nodes", "graph_rels", "failed")})
    same_rows = legs["anchor"][0]["node_rows"] + legs["anchor"][0]["rel_rows"]
    for leg in LEGS:
        summary[leg]["rows_per_s"] = round(same_rows / summary[leg]["median_s"])
    anchor = summary["anchor"]["awards_per_s"]
    return {
        "benchmark": "load",
        "machine": machine(),
        "scale": scale,
        "seed": seed,
        "files": len(list(corpus.iterdir())),
        "runs": runs,
        "legs": summary,
        "ratio_e2e_to_anchor": round(summary["e2e"]["awards_per_s"] / anchor, 3),
        "ratio_store_to_anchor": round(summary["store"]["awards_per_s"] / anchor, 3),
        "peak_rss_mb": summary["e2e"]["peak_rss_mb"],
        # "end to end from parsed records": the store leg (batched writes of parsed documents) against the anchor
        "targets": {"store_ratio_min": 0.5, "peak_rss_mb_max": 2048},
        "meets_ratio_target": summary["store"]["awards_per_s"] / anchor >= 0.5,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="0.1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--root", type=Path, default=Path(tempfile.gettempdir()) / "ikg-bench")
    parser.add_argument("--keep", type=Path, help="keep the last end-to-end graph here (for the query benchmarks)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument("--child", choices=LEGS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help="a corpus directory instead of a generated one")
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        leg = {"e2e": leg_e2e, "store": leg_store, "anchor": leg_anchor}[args.child]
        print(json.dumps(leg(args.corpus, args.store)))
        return
    result = bench(args.scale, args.runs, args.root, args.keep, args.seed, corpus=args.corpus)
    legs = result["legs"]
    print(f"{'leg':8} {'median s':>9} {'awards/s':>9} {'rows/s':>9} {'× anchor':>9} {'peak MB':>8}")
    for leg in LEGS:
        r = legs[leg]
        ratio = r["awards_per_s"] / legs["anchor"]["awards_per_s"]
        print(
            f"{leg:8} {r['median_s']:>9.2f} {r['awards_per_s']:>9.0f} {r['rows_per_s']:>9.0f} {ratio:>9.2f}"
            f" {r['peak_rss_mb']:>8.0f}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
