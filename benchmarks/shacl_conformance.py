"""Does the whole export of a store conform to the application profile? pyshacl with ontology/shapes.ttl and the
ontology (ontology/incentive.ttl) loaded and RDFS inference on, as the tests do on the seeds
(tests/test_rdf_lod.py); on a generated corpus that is too slow for a unit test, so it is measured here.

    python benchmarks/gen_corpus.py --scale 0.1 --seed 1 --out /tmp/c01
    ikg load /tmp/c01 --store ladybug:///tmp/c01graph
    python benchmarks/shacl_conformance.py --store ladybug:///tmp/c01graph [--parts 30] [--json results/shacl.json]

pyshacl's RDFS closure (owlrl) of the 0.1 corpus's 1.5-million-triple dump in one piece had not finished after
20 minutes (3.6 CPU minutes under a load average of 11-18, 3.7 GB), so by default the dump is validated in parts.
That gives the whole graph's result for this profile: every shape looks only at a focus node's own triples
(single-predicate paths) and at the classes of the nodes they point to (sh:class). A part holds every triple of
its subjects (a node with its fragments: `…/X`, `…/X#span`) and the rdf:type triples of every node those triples
point to, and is validated with the ontology and RDFS inference on; the results of its own subjects count. What the
parts cannot see is a type inferred for a node only from triples in another part (rdfs:range): every resource of
the export states its own rdf:type, so no focus node depends on one, and an sh:class check missing one would fail,
not pass. Besides, every node IRI (under the base's /id/) a triple points
to must be described somewhere in the dump: a dangling reference is reported. `--parts 1` validates at once.

Prints the number of triples, the time to export and to validate, the peak memory and the violations by shape,
constraint and path; exits 1 when the export does not conform."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

import pyshacl
import rdflib
from rdflib import RDF, SH

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.dump import dump_triples  # noqa: E402
from cypher.store import open_store  # noqa: E402
from ontology.rdf_formats import to_graph  # noqa: E402
from ontology.rdf_terms import IRI, RDF_TYPE, XSD, Lit, base_uri  # noqa: E402

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"


def violations(report: rdflib.Graph) -> Counter:
    found: Counter = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        component = report.value(result, SH.sourceConstraintComponent)
        path = report.value(result, SH.resultPath)
        found[(str(shape), str(component).rsplit("#", 1)[-1], str(path))] += 1
    return found


def broken_triples(triples: list) -> list:
    """Three faults the profile must find: a misspelt predicate on a notice, an organisation that is a
    sub-organisation of a name (a literal), an award pointing to a measure the dump does not have."""
    eli = "http://data.europa.eu/eli/ontology#"
    notice = next(s for s, p, o in triples if p == RDF_TYPE and o == eli + "LegalResource")
    organisation = next(s for s, p, o in triples if p == "http://www.w3.org/ns/org#subOrganizationOf")
    award = next(s for s, p, o in triples if p == RDF_TYPE and o.endswith("incentive#Award"))
    return [
        (notice, eli + "date_documnet", Lit("2022-12-03", None, XSD + "date")),
        (organisation, "http://www.w3.org/ns/org#subOrganizationOf", Lit("重庆市人民政府", "zh")),
        (award, "https://incentive-kg.org/def/incentive#underMeasure", IRI(base_uri() + "/id/measure/no-such")),
    ]


def _node(subject: str) -> str:
    return subject.split("#", 1)[0]


def parts_of(triples, parts: int) -> tuple[list[list], dict[str, set], set[str]]:
    """The dump's triples in `parts` groups by node, the rdf:type triples of every subject, and the node IRIs
    under /id/ that are pointed to."""
    groups: list[list] = [[] for _ in range(parts)]
    types: dict[str, set] = defaultdict(set)
    pointed: set[str] = set()
    node_space = base_uri() + "/id/"
    for triple in triples:
        subject, predicate, obj = triple
        groups[zlib.crc32(_node(subject).encode()) % parts].append(triple)
        if predicate == RDF_TYPE:
            types[subject].add(obj)
        elif isinstance(obj, IRI) and obj.startswith(node_space):
            pointed.add(obj)
    return groups, types, pointed


def validate_part(part: list, types: dict[str, set], shapes, ontology) -> Counter:
    """The violations of the part's own subjects (by shape, constraint and path)."""
    subjects = {t[0] for t in part}
    objects = {t[2] for t in part if isinstance(t[2], IRI)} - subjects
    typing = [(o, RDF_TYPE, c) for o in objects for c in types.get(o, ())]
    # The nodes only typed here are focus nodes too, and fail for want of their triples: their results are
    # dropped. (pyshacl's own focus_nodes option would skip them, but it tests membership in a list for every
    # target of every shape, quadratic in the part's size: hours for one part of 40,000 triples.)
    _, report, _ = pyshacl.validate(to_graph(part + typing), shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    own = rdflib.Graph()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if str(report.value(result, SH.focusNode)) in subjects:
            own += report.triples((result, None, None))
    return violations(own)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="store URL of a loaded graph")
    parser.add_argument("--parts", type=int, default=0, help="validate in this many parts (default: ~40k triples each)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument("--break", dest="broken", action="store_true", help="break the graph first: it must fail")
    args = parser.parse_args()
    started = time.perf_counter()
    with open_store(args.store, read_only=True) as store:
        triples = list(dump_triples(store))
    if args.broken:
        triples += broken_triples(triples)
    parts = args.parts or max(1, len(triples) // 40_000)
    groups, types, pointed = parts_of(triples, parts)
    exported = time.perf_counter()
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "incentive.ttl")
    found: Counter = Counter()
    for i, part in enumerate(groups, 1):
        part_found = validate_part(part, types, shapes, ontology)
        found += part_found
        print(f"part {i}/{parts}: {len(part)} triples, {sum(part_found.values())} violations", file=sys.stderr)
    described = {_node(s) for s in types} | {_node(t[0]) for t in triples}
    dangling = sorted(o for o in pointed if _node(o) not in described and o not in types)
    validated = time.perf_counter()
    result = {
        "store": args.store,
        "triples": len(triples),
        "parts": parts,
        "export_s": round(exported - started, 1),
        "validate_s": round(validated - exported, 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "conforms": not found and not dangling,
        "violations": sum(found.values()),
        "dangling_references": len(dangling),
        "dangling_examples": dangling[:5],
        "by_constraint": [{"shape": s, "constraint": c, "path": p, "count": n} for (s, c, p), n in found.most_common()],
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0 if result["conforms"] else 1


if __name__ == "__main__":
    sys.exit(main())
