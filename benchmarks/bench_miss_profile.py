"""Where a cache miss's time goes: county profiles through the app in one process, one after another.

    python benchmarks/bench_miss_profile.py --store ladybug:///tmp/ikg-bench/graph-0.1 [--count 150]

Times every `GET /localities/{id}` (a different county each time, so every answer is made) and, apart, the
time spent inside `ladybug.Connection.execute` (the engine compiling and running, the GIL released while it
runs). The rest is Python under the GIL (rows to values, routes, JSON), which one process cannot do on two
cores at once however many read connections it has.
"""

from __future__ import annotations

import argparse
import os
import time

import ladybug
from fastapi.testclient import TestClient

from api.app import create_app
from cypher.store import open_store

COUNTIES = "MATCH (l:Locality)-[:RECEIVED]->(:Award) WHERE l.level = 'county' RETURN DISTINCT l.id ORDER BY l.id"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True)
    parser.add_argument("--count", type=int, default=150)
    args = parser.parse_args()
    store = open_store(args.store)
    ids = [r[0] for r in store.query(COUNTIES).rows]
    inside = [0.0]
    execute = ladybug.Connection.execute

    def timed(self, *a, **k):
        began = time.perf_counter()
        try:
            return execute(self, *a, **k)
        finally:
            inside[0] += time.perf_counter() - began

    ladybug.Connection.execute = timed
    client = TestClient(create_app(store))
    for county in ids[:20]:  # warm-up: compiled statements
        client.get(f"/localities/{county}")
    inside[0] = 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    asked = ids[20 : 20 + args.count]
    for county in asked:
        assert client.get(f"/localities/{county}").status_code == 200
    n = len(asked)
    wall, cpu = (time.perf_counter() - wall) / n * 1000, (time.process_time() - cpu) / n * 1000
    print(
        f"{n} cache misses one after another: {wall:.1f} ms each, {inside[0] / n * 1000:.1f} ms of it in the "
        f"engine's execute, CPU {cpu:.1f} ms; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    store.close()


if __name__ == "__main__":
    main()
