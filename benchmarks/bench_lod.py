"""Linked-data answers on a loaded store: `/catalog` (VoID statistics measured at load: it must answer in
< 200 ms at any scale), an ELI resolving to its notice, and /id → 303 → /doc for one node of every kind.

    ikg load /tmp/c01 --store ladybug:///tmp/c01graph      # measures the statistics at the end
    python benchmarks/bench_lod.py --store ladybug:///tmp/c01graph [--runs 20] [--json results/lod_0.1.json]

In-process (FastAPI's TestClient over the real store, no network). Each `/catalog` request asks with another
Accept header quality so the answer cache (api/cache.py) never replays one; the first request after opening is
reported apart, since it also counts the store's nodes. Times are wall-clock milliseconds on a shared machine:
the load average is recorded with them."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from cypher.store import open_store  # noqa: E402
from ontology.rdf_eli import eli_path  # noqa: E402

KINDS = ("Notice", "Measure", "Department", "Locality", "Award", "Topic")


def _ms(client: TestClient, path: str, accept: str = "text/turtle"):
    """(milliseconds, response) of one GET."""
    started = time.perf_counter()
    response = client.get(path, headers={"Accept": accept})
    return (time.perf_counter() - started) * 1000, response


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with open_store(args.store, read_only=True) as store:
        client = TestClient(create_app(store), follow_redirects=False)
        first_ms, response = _ms(client, "/catalog")
        assert response.status_code == 200, response.text
        keeper = client.app.state.void_stats
        if keeper.wait() is None:
            print("no statistics: load the store with `ikg load` first", file=sys.stderr)
            return 1
        catalog, replayed = [], 0
        for i in range(args.runs):
            accept = f"text/turtle;q=0.{(i % 9) + 1}, application/ld+json;q=0.0{i % 10}"
            ms, response = _ms(client, "/catalog", accept)
            assert response.status_code == 200, response.text
            replayed += "hit" in response.headers.get("cache-status", "")
            catalog.append(ms)
        numbers = store.query(
            "MATCH (n:Notice) WHERE n.doc_number IS NOT NULL AND n.source_path IS NOT NULL "
            "RETURN n.id AS id, n.doc_number AS number ORDER BY n.id LIMIT 200"
        ).records()
        eli = next((r for r in numbers if eli_path(r["number"])), None)
        eli_ms = None
        if eli is not None:
            eli_ms, response = _ms(client, f"/{eli_path(eli['number'])}")
            assert response.status_code == 303 and response.headers["location"] == f"/doc/notice/{eli['id']}"
        walks = {}
        for label in KINDS:
            node = store.query(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY n.id LIMIT 1").records()[0]["id"]
            kind = label.lower()
            see_ms, see = _ms(client, f"/id/{kind}/{node}")
            assert see.status_code == 303, (kind, see.status_code)
            doc_ms, doc = _ms(client, see.headers["location"])
            assert doc.status_code == 200, (kind, doc.status_code)
            walks[kind] = {"id_303_ms": round(see_ms, 1), "doc_ms": round(doc_ms, 1), "doc_bytes": len(doc.content)}
        result = {
            "store": args.store,
            "nodes": sum(store.counts()["nodes"].values()),
            "triples": keeper.current().triples,
            "catalog_first_ms": round(first_ms, 1),
            "catalog_ms": {
                "runs": args.runs,
                "median": round(statistics.median(catalog), 1),
                "max": round(max(catalog), 1),
                "min": round(min(catalog), 1),
                "replayed_from_cache": replayed,
            },
            "eli": {"doc_number": eli and eli["number"], "ms": eli_ms and round(eli_ms, 1)},
            "walks": walks,
            "load_average": os.getloadavg()[0],
        }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
