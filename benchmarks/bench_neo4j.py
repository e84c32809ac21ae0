"""The store on Neo4j: load rate against LOAD CSV, named-query latency, and HTTP with the API on Neo4j.

    python benchmarks/bench_neo4j.py [--scale 0.1] [--runs 2] [--json benchmarks/results/neo4j_0.1.json]

A throw-away Neo4j 5.26 from tools/neo4j (heap and page cache from IKG_NEO4J_HEAP / IKG_NEO4J_PAGECACHE; this
script sets 1g / 512m, the compose file's defaults, unless they are set). Legs, each on an empty database:

- store:  the generated corpus, parsed first (not timed), written as `load_paths` writes it: batches of
          BATCH_ROWS rows through `Store.replace_notices`, i.e. `UNWIND $rows … MERGE` in one transaction each;
- reload: the same batches again into the loaded graph (what a re-run of `ikg load` does: replace each notice);
- anchor: the same rows, deduplicated, through the server's own bulk path for a running database: CSV files
          in its import folder read by `LOAD CSV … CALL { … } IN TRANSACTIONS OF 10000 ROWS`, MERGE per node
          key, CREATE per relationship (the graph is empty, so nothing is there to merge with).

Rates are rows/s of the anchor's deduplicated rows (the same work for all legs); the target is store ≥ 0.5 ×
anchor. Then every named query (p50/p95/p99 through `run_named`, as the API calls it; the engine's own time from
the result summary beside it) and `bench_http` with `ikg serve` on the loaded database.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tools" / "neo4j"), str(HERE.parent)]
os.environ.setdefault("IKG_NEO4J_HEAP", "1g")
os.environ.setdefault("IKG_NEO4J_PAGECACHE", "512m")

import bench_http  # noqa: E402
import bench_load  # noqa: E402
import bench_queries  # noqa: E402
import launcher  # noqa: E402

from cypher.named_queries import library, run_named  # noqa: E402
from cypher.store import open_store  # noqa: E402
from loaders.pipeline import BATCH_ROWS  # noqa: E402
from ontology.errors import QueryError, QueryTimeout  # noqa: E402
from ontology.model import INT, INT_LIST, STRING_LIST, node_kind, rel_type  # noqa: E402

ANCHOR_TX_ROWS = 10_000


def batches(parsed) -> list[list]:
    """The documents' rows in the batches `load_paths` would write."""
    out, batch, size = [], [], 0
    for notice_id, _, graph in parsed:
        batch.append((notice_id, graph))
        size += sum(map(len, (*graph.nodes.values(), *graph.rels.values())))
        if size >= BATCH_ROWS:
            out.append(batch)
            batch, size = [], 0
    return out + [batch] if batch else out


def deduplicated(parsed) -> tuple[dict, dict]:
    """One row per node key (the fuller row wins) and per relationship, as the embedded anchor takes them."""
    nodes: dict[str, dict] = {}
    rels: dict[str, dict] = {}
    for _, _, graph in parsed:
        for label, rows in graph.nodes.items():
            seen, key = nodes.setdefault(label, {}), node_kind(label).key
            for row in rows:
                if row[key] not in seen or len(row) > len(seen[row[key]]):
                    seen[row[key]] = row
        for name, rows in graph.rels.items():
            seen = rels.setdefault(name, {})
            for row in rows:
                seen.setdefault((row["from"], row["to"]), row)
    return nodes, rels


def _value(row: dict, prop: str, typ: str) -> str | None:
    value = row.get(prop)
    if value is None:
        return None
    return "|".join(map(str, value)) if typ in (STRING_LIST, INT_LIST) else str(value)


def _read(prop: str, typ: str) -> str:
    """The CSV field as the property's type (an empty field is null, and a null property is not set)."""
    field = f"row.`{prop}`"
    return {
        INT: f"toInteger({field})",
        STRING_LIST: f"split({field}, '|')",
        INT_LIST: f"[x IN split({field}, '|') | toInteger(x)]",
    }.get(typ, field)


def anchor_statements(nodes: dict, rels: dict, import_dir: Path) -> list[tuple[str, int]]:
    """(LOAD CSV statement, rows) per node label and relationship type, with their CSV files written."""
    statements = []
    for label, by_key in nodes.items():
        kind = node_kind(label)
        props = kind.all_properties
        with open(import_dir / f"{label}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(props)
            writer.writerows([_value(row, p, t) for p, t in props.items()] for row in by_key.values())
        sets = ", ".join(f"n.`{p}` = {_read(p, t)}" for p, t in props.items() if p != kind.key)
        body = f"MERGE (n:{label} {{{kind.key}: row.{kind.key}}})" + (f" SET {sets}" if sets else "")
        statements.append((_in_transactions(label, body), len(by_key)))
    for name, by_pair in rels.items():
        rel = rel_type(name)
        source, target, props = node_kind(rel.source), node_kind(rel.target), rel.all_properties
        with open(import_dir / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["from", "to", *props])
            writer.writerows(
                [row["from"], row["to"], *(_value(row, p, t) for p, t in props.items())] for row in by_pair.values()
            )
        sets = ", ".join(f"r.`{p}` = {_read(p, t)}" for p, t in props.items())
        body = (
            f"MATCH (a:{source.label} {{{source.key}: row.from}}) MATCH (b:{target.label} {{{target.key}: row.to}}) "
            f"CREATE (a)-[r:`{name}`]->(b)" + (f" SET {sets}" if sets else "")
        )
        statements.append((_in_transactions(name, body), len(by_pair)))
    return statements


def _in_transactions(file: str, body: str) -> str:
    return (
        f"LOAD CSV WITH HEADERS FROM 'file:///{file}.csv' AS row "
        f"CALL (row) {{ {body} }} IN TRANSACTIONS OF {ANCHOR_TX_ROWS} ROWS"
    )


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def load_legs(server, parsed, runs: int) -> dict:
    nodes, rels = deduplicated(parsed)
    rows = sum(map(len, nodes.values())) + sum(map(len, rels.values()))
    statements = anchor_statements(nodes, rels, server.import_dir)
    written = batches(parsed)
    legs: dict[str, list[float]] = {"store": [], "reload": [], "anchor": []}
    with open_store(server.url) as store:

        def anchor() -> None:
            store.clear()
            legs["anchor"].append(timed(lambda: [store._session("WRITE").run(s).consume() for s, _ in statements]))
            counts["anchor"] = store.counts()

        def store_and_reload() -> None:
            store.clear()
            legs["store"].append(timed(lambda: [store.replace_notices(b) for b in written]))
            counts["store"] = store.counts()
            legs["reload"].append(timed(lambda: [store.replace_notices(b) for b in written]))
            counts["reload"] = store.counts()

        counts: dict[str, dict] = {}
        for run in range(runs):
            # Alternate which goes first: the first statements of a run pay the JIT and the page cache.
            for leg in (anchor, store_and_reload) if run % 2 == 0 else (store_and_reload, anchor):
                leg()
            assert counts["store"] == counts["anchor"], "the store and the anchor must write the same graph"
            assert counts["reload"] == counts["store"], "a reload must leave the graph as it was"
            print(f"  run {run + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in legs.items()), flush=True)
        counts = counts["store"]
    out = {"rows": rows, "node_rows": sum(map(len, nodes.values())), "rel_rows": sum(map(len, rels.values()))}
    out.update(documents=len(parsed), awards=sum(n for _, n, _ in parsed), batches=len(written))
    out.update(graph_nodes=sum(counts["nodes"].values()), graph_rels=sum(counts["relationships"].values()))
    for leg, seconds in legs.items():
        median = statistics.median(seconds)
        runs_s = [round(s, 2) for s in seconds]
        out[leg] = {"seconds": round(median, 2), "runs_s": runs_s, "rows_per_s": round(rows / median)}
    out["store_vs_anchor"] = round(out["anchor"]["seconds"] / out["store"]["seconds"], 2)
    out["reload_vs_anchor"] = round(out["anchor"]["seconds"] / out["reload"]["seconds"], 2)
    out["meets_target"] = out["store_vs_anchor"] >= 0.5
    return out


def engine_ms(store, name: str, params: dict, repeats: int = 5) -> float:
    """Median time the server reports (until the first record, plus until the last was consumed)."""
    query = library()[name]
    bound = query.bind(params)
    times = []
    with store._session() as session:
        for _ in range(repeats):
            summary = session.run(query.text_for("neo4j"), bound).consume()
            times.append(summary.result_available_after + summary.result_consumed_after)
    return statistics.median(times)


def query_leg(url: str, iterations: int, budget_s: float) -> dict:
    store = open_store(url, read_only=True)
    ids = bench_queries.real_ids(store)
    results = {}
    for name, query in sorted(library().items()):
        params = bench_queries.query_params(query, ids)
        target = bench_queries.TARGETS_P95_MS.get(name, bench_queries.TARGET_P95_MS)
        try:
            rows = len(run_named(store, name, params).rows)  # warm-up: the plan cache
        except (QueryTimeout, QueryError) as exc:
            results[name] = {"params": params, "failed": str(exc), "target_p95_ms": target, "meets_target": False}
            print(f"  {name:30} FAILED ({exc})", flush=True)
            continue
        results[name] = bench_queries.time_query(store, name, params, rows, iterations, budget_s, engine_ms)
    store.close()
    return {"ids": ids, "queries": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="0.1")
    parser.add_argument("--runs", type=int, default=2, help="load runs (medians), alternating which leg goes first")
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--budget", type=float, default=3.0, help="seconds per query after 5 runs")
    parser.add_argument("--requests", type=int, default=2000, help="HTTP requests per endpoint and run")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    root = Path(tempfile.gettempdir()) / "ikg-bench"
    corpus = bench_load.ensure_corpus(args.scale, 1, root)
    print(f"corpus {corpus}; parsing (not timed)", flush=True)
    parsed = bench_load._parsed_rows(corpus)
    out = {"benchmark": "neo4j", "scale": args.scale, "machine": bench_load.machine()}
    out["neo4j"] = {"heap": launcher.HEAP, "pagecache": launcher.PAGECACHE}
    with launcher.running() as server:
        with open_store(server.url) as store:
            out["neo4j"]["version"] = store.query("CALL dbms.components() YIELD versions RETURN versions[0]").rows[0][0]
        print(f"Neo4j {out['neo4j']['version']} at {server.bolt}: load, {args.runs} runs", flush=True)
        out["load"] = load_legs(server, parsed, args.runs)
        load = out["load"]
        print(
            f"  store {load['store']['rows_per_s']} rows/s, anchor {load['anchor']['rows_per_s']} rows/s: "
            f"store ÷ anchor {load['store_vs_anchor']}",
            flush=True,
        )
        print("named queries", flush=True)
        out["queries"] = query_leg(server.url, args.iterations, args.budget)
        print("HTTP (ikg serve on Neo4j)", flush=True)
        out["http"] = bench_http.bench(server.url, 32, args.requests, 3, 60, root / "serve-neo4j.log")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
