"""Does the whole export of a store conform to the application profile? pyshacl with ontology/shapes.ttl and the
ontology (ontology/incentive.ttl) loaded and RDFS inference on, as the tests do on the seeds
(tests/test_rdf_lod.py); on a generated corpus that is too slow for a unit test, so it is measured here.

    python benchmarks/gen_corpus.py --scale 0.1 --seed 1 --out /tmp/c01
    ikg load /tmp/c01 --store ladybug:///tmp/c01graph
    python benchmarks/shacl_conformance.py --store ladybug:///tmp/c01graph [--json results/shacl-c01.json]

Prints the number of triples, the time to export and to validate, the peak memory, and the violations by shape
and constraint (the first few in full); exits 1 when the export does not conform."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import pyshacl
import rdflib
from rdflib import RDF, SH

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.dump import dump_triples  # noqa: E402
from cypher.store import open_store  # noqa: E402
from ontology.rdf_formats import to_graph  # noqa: E402

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"


def violations(report: rdflib.Graph) -> Counter:
    found: Counter = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        component = report.value(result, SH.sourceConstraintComponent)
        path = report.value(result, SH.resultPath)
        found[(str(shape), str(component).rsplit("#", 1)[-1], str(path))] += 1
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="store URL of a loaded graph")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    started = time.perf_counter()
    with open_store(args.store, read_only=True) as store:
        graph = to_graph(dump_triples(store))
    exported = time.perf_counter()
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "incentive.ttl")
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    validated = time.perf_counter()
    found = violations(report)
    result = {
        "store": args.store,
        "triples": len(graph),
        "export_s": round(exported - started, 1),
        "validate_s": round(validated - exported, 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "conforms": conforms,
        "violations": sum(found.values()),
        "by_constraint": [{"shape": s, "constraint": c, "path": p, "count": n} for (s, c, p), n in found.most_common()],
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main())
