"""`/queries/winners` uncached, through the app in one process: ms and bytes of each answer.

    python benchmarks/bench_winners.py --store ladybug:///tmp/ikg-bench/graph-1.0 [--topics ecology,investment]

One request per award year 2013–2023 and one for all years (different URLs, so the per-version cache never
answers), after one untimed request. Prints each year's ms, bytes and number of winners, then the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from fastapi.testclient import TestClient

from api.app import create_app
from cypher.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True)
    parser.add_argument("--topics", default="ecology,investment")
    args = parser.parse_args()
    client = TestClient(create_app(open_store(args.store, read_only=True)))
    client.get("/queries/winners", params={"all_topics": args.topics, "year": 2012})  # compile, warm the pool
    rows = []
    for year in [*range(2013, 2024), None]:
        params = {"all_topics": args.topics} | ({"year": year} if year else {})
        began = time.perf_counter()
        answer = client.get("/queries/winners", params=params)
        rows.append((year or "all", (time.perf_counter() - began) * 1000, len(answer.content), answer.json()["count"]))
    for year, ms, size, count in rows:
        print(f"  {year!s:>4}  {ms:8.1f} ms  {size:>10,} bytes  {count:>5} winners")
    print(f"median of single years {statistics.median(ms for _, ms, _, _ in rows[:-1]):.0f} ms; load {os.getloadavg()}")


if __name__ == "__main__":
    main()
