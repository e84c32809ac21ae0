"""Export throughput per RDF format (triples/s) on a loaded graph, with rdflib's Turtle serializer as the anchor.

    python benchmarks/gen_corpus.py --scale 0.2 --out /tmp/corpus
    ikg load /tmp/corpus --store ladybug:///tmp/bench-graph
    python benchmarks/bench_export.py --store ladybug:///tmp/bench-graph

Each streamed format runs end to end (store pages → triples → text, written to /dev/null); N-Triples twice: as
the dumps write it, formatted from Arrow columns (`api.dump.dump_nt`), and through the mapper's triples and
`write_nt` (the former path: before/after in one run). The anchor serialises the same triples with rdflib (graph
built first, not timed separately from serialising). `--formats nt` measures only the two N-Triples paths.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from itertools import islice
from pathlib import Path

from api.dump import dump_nt
from cypher.rdf_source import whole_graph
from cypher.store import open_store
from ontology.rdf import RdfMapper, graph_triples
from ontology.rdf_formats import to_graph
from ontology.rdf_terms import base_uri
from ontology.rdf_writers import WRITERS


def rate(triples: int, seconds: float, cpu: float | None = None) -> dict:
    result = {"triples": triples, "seconds": round(seconds, 2), "triples_per_s": round(triples / seconds)}
    if cpu is not None:  # this process's CPU time: on a busy machine, wall time also measures the neighbours
        result["cpu_seconds"] = round(cpu, 2)
    return result


def timed_write(chunks) -> dict:
    start, cpu = time.perf_counter(), time.process_time()
    lines = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for chunk in chunks:
            lines += chunk.count("\n")
            sink.write(chunk)
    return rate(lines, time.perf_counter() - start, time.process_time() - cpu)


def bench(url: str, anchor_limit: int = 300_000, formats: tuple[str, ...] | None = None) -> dict:
    """Triples/s of reading + mapping, of each streamed format, and of rdflib's Turtle serializer (anchor)."""
    store = open_store(url, read_only=True)
    mapper = RdfMapper(base_uri())
    results = {}
    rss_after_nt = None
    try:
        if not formats or "nt" in formats:  # first, so that the peak RSS after it is its own
            results["stream nt"] = timed_write(dump_nt(store))
            rss_after_nt = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        total = sum(1 for _ in graph_triples(mapper, whole_graph(store)))
        results["read+map"] = rate(total, time.perf_counter() - start)
        for fmt, writer in WRITERS.items():
            if formats and fmt not in formats:
                continue
            name = "stream nt (mapper, former path)" if fmt == "nt" else f"stream {fmt}"
            results[name] = timed_write(writer(graph_triples(mapper, whole_graph(store))))
            if fmt != "nt":  # Turtle, JSON-LD and RDF/XML are not one line per triple
                results[name]["triples"] = total
                results[name]["triples_per_s"] = round(total / results[name]["seconds"])
        sample = list(islice(graph_triples(mapper, whole_graph(store)), anchor_limit))
        start = time.perf_counter()
        to_graph(sample).serialize(format="turtle")
        results["rdflib turtle (anchor)"] = rate(len(sample), time.perf_counter() - start)
    finally:
        store.close()
    anchor = results["rdflib turtle (anchor)"]["triples_per_s"]
    nt = results.get("stream nt", {}).get("triples_per_s")
    return {
        "benchmark": "export",
        "store": url,
        "triples": total,
        "formats": results,
        "nt_to_anchor": round(nt / anchor, 1) if nt else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_mb_after_columns_nt": round(rss_after_nt / 1024) if rss_after_nt else None,
        "targets": {"nt_triples_per_s_min": 300_000, "nt_to_anchor_min": 15},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a loaded store, e.g. ladybug:///tmp/bench-graph")
    parser.add_argument("--out", type=Path, help="also write the results here as JSON")
    parser.add_argument("--anchor-limit", type=int, default=300_000, help="triples given to rdflib (it is slow)")
    parser.add_argument("--formats", nargs="*", choices=sorted(WRITERS), help="only these formats (default: all)")
    args = parser.parse_args()
    result = bench(args.store, args.anchor_limit, tuple(args.formats) if args.formats else None)
    for name, r in result["formats"].items():
        cpu = f" (cpu {r['cpu_seconds']:.1f} s)" if "cpu_seconds" in r else ""
        print(
            f"{name:32} {r['triples']:>10,} triples {r['seconds']:>8.2f} s {r['triples_per_s']:>12,.0f} triples/s{cpu}"
        )
    print(
        f"peak RSS {result['peak_rss_mb']} MB (after the columns' N-Triples: {result['peak_rss_mb_after_columns_nt']})"
    )
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
