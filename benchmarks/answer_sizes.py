"""Answer sizes of the API's list-returning routes and of every named query with its default parameters, on a
loaded graph opened read-only (the app in-process: the same answers as `ikg serve`). Which routes still answer
megabytes by default?

    python benchmarks/answer_sizes.py --store ladybug:///tmp/perf2/graph-1.0 --out sizes.json

Entity routes ask for the largest entity of their kind (the locality, notice, measure and department with the
most awards, the topic with the most measures); named queries get their required parameters only (an `id` is the
largest entity of the query's kind), so their own defaults decide the size.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from api.app import create_app
from cypher.named_queries import library
from cypher.store import Store, open_store

ROUTES = ["/departments", "/localities", "/notices", "/topics", "/search?q=市", "/queries", "/review/links"]


def largest(store: Store) -> dict[str, str]:
    def top(cypher: str) -> str:
        return store.query(cypher).rows[0][0]

    return {
        "locality": top("MATCH (l:Locality)-[:RECEIVED]->(a:Award) RETURN l.id, count(a) AS n ORDER BY n DESC LIMIT 1"),
        "notice": top("MATCH (a:Award)-[:ANNOUNCED_IN]->(n:Notice) RETURN n.id, count(a) AS c ORDER BY c DESC LIMIT 1"),
        "measure": top(
            "MATCH (a:Award)-[:UNDER]->(m:Measure) RETURN m.id, count(a) AS c ORDER BY c DESC, m.id LIMIT 1"
        ),
        "department": top(
            "MATCH (a:Award)-[:IMPLEMENTED_BY]->(d:Department) RETURN d.id, count(a) AS c ORDER BY c DESC LIMIT 1"
        ),
        "topic": top("MATCH (m:Measure)-[:ABOUT]->(t:Topic) RETURN t.id, count(m) AS c ORDER BY c DESC LIMIT 1"),
    }


def urls(big: dict[str, str]) -> list[str]:
    found = ROUTES + [
        f"/localities/{big['locality']}",
        f"/notices/{big['notice']}",
        f"/measures/{big['measure']}",
        f"/departments/{big['department']}",
        f"/topics/{big['topic']}",
        f"/graph/locality/{big['locality']}",
        f"/graph/measure/{big['measure']}",
        "/queries/winners?all_topics=ecology,investment",
    ]
    for name, query in library().items():
        params = query.example_params()
        required = {p.name: params.get(p.name, "") for p in query.params if p.required}
        kind = name.removeprefix("neighbours_").removesuffix("s").split("_")[0]
        if "id" in required and kind in big:
            required["id"] = big[kind]
        found.append(f"/queries/{name}" + (f"?{urlencode(required)}" if required else ""))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    store = open_store(args.store, read_only=True)
    client = TestClient(create_app(store))
    sizes = []
    for url in urls(largest(store)):
        start = time.perf_counter()
        answer = client.get(url)
        ms = (time.perf_counter() - start) * 1000
        sizes.append({"url": url, "bytes": len(answer.content), "status": answer.status_code, "ms": round(ms)})
        print(f"{len(answer.content):>11,} B {answer.status_code} {ms:8.0f} ms  {url}", flush=True)
    store.close()
    if args.out:
        args.out.write_text(json.dumps(sizes, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
