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
import time
from pathlib import Path

from cypher.rdf_source import whole_graph
from cypher.store import open_store
from ontology.rdf import RdfMapper, graph_triples
from ontology.rdf_formats import to_graph
from ontology.rdf_terms import base_uri
from ontology.rdf_writers import WRITERS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a loaded store, e.g. ladybug:///tmp/bench-graph")
    parser.add_argument("--out", type=Path, help="also write the results here as JSON")
    parser.add_argument("--anchor-limit", type=int, default=300_000, help="triples given to rdflib (it is slow)")
    args = parser.parse_args()
    store = open_store(args.store, read_only=True)
    mapper = RdfMapper(base_uri())
    results = {}

    start = time.perf_counter()
    triples = list(graph_triples(mapper, whole_graph(store)))
    read_s = time.perf_counter() - start
    results["read+map"] = {"triples": len(triples), "seconds": round(read_s, 2), "triples_per_s": len(triples) / read_s}

    for fmt, writer in WRITERS.items():
        start, size = time.perf_counter(), 0
        with open("/dev/null", "w", encoding="utf-8") as sink:
            for chunk in writer(graph_triples(mapper, whole_graph(store))):
                size += len(chunk)
                sink.write(chunk)
        seconds = time.perf_counter() - start
        results[f"stream {fmt}"] = {
            "triples": len(triples),
            "seconds": round(seconds, 2),
            "triples_per_s": len(triples) / seconds,
        }

    sample = triples[: args.anchor_limit]
    start = time.perf_counter()
    to_graph(sample).serialize(format="turtle")
    seconds = time.perf_counter() - start
    results["rdflib turtle (anchor)"] = {
        "triples": len(sample),
        "seconds": round(seconds, 2),
        "triples_per_s": len(sample) / seconds,
    }
    store.close()

    for name, r in results.items():
        print(f"{name:24} {r['triples']:>10,} triples {r['seconds']:>8.2f} s {r['triples_per_s']:>12,.0f} triples/s")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
