"""Link precision and recall: load a generated corpus, then score IMPLEMENTS and REPORTS_ON against its manifest.

    python benchmarks/bench_links.py --scale 0.1 --seed 7     # writes benchmarks/results/links_0.1.json

The generator (`benchmarks/gen_corpus.py`) writes, for every award category, the measure of the same unit's
measures notice that it rewards (or none: categories of areas the notice did not set up), and for every news
report the award notice it reports on. Here a link is (award file, category ordinal, measures file, measure
ordinal), files named by stem. Links waiting in the review list count as not made (they are not in the graph).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from cypher.store import open_store  # noqa: E402
from loaders.linking import relink  # noqa: E402
from loaders.linking_review import ReviewBook, review_path  # noqa: E402
from loaders.pipeline import load_paths  # noqa: E402

PREDICTED_IMPLEMENTS = """
MATCH (an:Notice)-[:HAS_MEASURE]->(c:Measure)-[r:IMPLEMENTS]->(m:Measure)<-[:HAS_MEASURE]-(mn:Notice)
RETURN an.source_path, c.ordinal, mn.source_path, m.ordinal, r.score
"""
PREDICTED_REPORTS = "MATCH (a:Notice)-[:REPORTS_ON]->(b:Notice) RETURN a.source_path, b.source_path"


def stem(path: str) -> str:
    return Path(path).stem


def score(truth: set, predicted: set) -> dict:
    hits = len(truth & predicted)
    return {
        "true": len(truth),
        "predicted": len(predicted),
        "correct": hits,
        "precision": round(hits / len(predicted), 4) if predicted else None,
        "recall": round(hits / len(truth), 4) if truth else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="0.1")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=PROJECT / "benchmarks" / "results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-links-") as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run(
            [
                sys.executable,
                str(PROJECT / "benchmarks" / "gen_corpus.py"),
                "--scale",
                args.scale,
                "--seed",
                str(args.seed),
                "--out",
                str(corpus),
            ],
            check=True,
        )
        manifest = json.loads((corpus / "manifest.json").read_text())
        store = open_store(f"ladybug://{tmp}/graph")
        store.ensure_schema()
        started = time.perf_counter()
        report = load_paths([corpus], store)
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        relink(store)  # every jurisdiction again, timed alone (the load above linked as it went)
        relink_s = time.perf_counter() - started
        rows = store.query(PREDICTED_IMPLEMENTS).rows
        reports = store.query(PREDICTED_REPORTS).rows
        pending = ReviewBook(review_path(store.url)).read()["pending"]
        store.close()

    truth = {
        (link["award"], link["category"], link["measures"], link["measure"])
        for link in manifest["links"]
        if link["rel"] == "IMPLEMENTS"
    }
    predicted = {(stem(a), c, stem(m), o) for a, c, m, o, _ in rows}
    truth_reports = {(link["news"], link["award"]) for link in manifest["links"] if link["rel"] == "REPORTS_ON"}
    predicted_reports = {(stem(a), stem(b)) for a, b in reports}
    wrong = sorted(predicted - truth)[:20]
    missed = sorted(truth - predicted)[:20]
    result = {
        "benchmark": "links",
        "scale": args.scale,
        "seed": args.seed,
        "documents": manifest["documents"],
        "failed_files": len(report.errors),
        "load_and_link_s": round(load_s, 1),
        "relink_all_s": round(relink_s, 1),
        "implements": score(truth, predicted),
        "review_list": len(pending),
        "reports_on": score(truth_reports, predicted_reports),
        "examples_wrong": [list(w) for w in wrong],
        "examples_missed": [list(m) for m in missed],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"links_{args.scale}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if not k.startswith("examples")}, indent=2))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
