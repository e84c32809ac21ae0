"""Export throughput per RDF format (triples/s) on a loaded graph, with rdflib's Turtle serializer as the anchor.

    python benchmarks/gen_corpus.py --scale 0.2 --out /tmp/corpus
    ikg load /tmp/corpus --store ladybug:///tmp/bench-graph
    python benchmarks/bench_export.py --store ladybug:///tmp/bench-graph

Each streamed format runs end to end (store pages → triples → text, written to /dev/null); the anchor
serialises the same triples with rdflib (graph built first, not timed separately from serialising).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from itertools import islice
from pathlib import Path

from cypher.rdf_source import whole_graph
from cypher.store import open_store
from ontology.rdf import RdfMapper, graph_triples
from ontology.rdf_formats import to_graph
from ontology.rdf_terms import base_uri
from ontology.rdf_writers import WRITERS


def rate(triples: int, seconds: float) -> dict:
    return {"triples": triples, "seconds": round(seconds, 2), "triples_per_s": round(triples / seconds)}


def bench(url: str, anchor_limit: int = 300_000, formats: tuple[str, ...] | None = None) -> dict:
    """Triples/s of reading + mapping, of each streamed format, and of rdflib's Turtle serializer (anchor)."""
    store = open_store(url, read_only=True)
    mapper = RdfMapper(base_uri())
    results = {}
    try:
        start = time.perf_counter()
        total = sum(1 for _ in graph_triples(mapper, whole_graph(store)))
        results["read+map"] = rate(total, time.perf_counter() - start)
        for fmt, writer in WRITERS.items():
            if formats and fmt not in formats:
                continue
            start = time.perf_counter()
            with open(os.devnull, "w", encoding="utf-8") as sink:
                for chunk in writer(graph_triples(mapper, whole_graph(store))):
                    sink.write(chunk)
            results[f"stream {fmt}"] = rate(total, time.perf_counter() - start)
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
        "targets": {"nt_triples_per_s_min": 300_000, "nt_to_anchor_min": 15},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a loaded store, e.g. ladybug:///tmp/bench-graph")
    parser.add_argument("--out", type=Path, help="also write the results here as JSON")
    parser.add_argument("--anchor-limit", type=int, default=300_000, help="triples given to rdflib (it is slow)")
    args = parser.parse_args()
    result = bench(args.store, args.anchor_limit)
    for name, r in result["formats"].items():
        print(f"{name:24} {r['triples']:>10,} triples {r['seconds']:>8.2f} s {r['triples_per_s']:>12,.0f} triples/s")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
