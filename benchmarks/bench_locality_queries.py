"""The named queries of a locality profile, each on its own: engine compile time (once per connection: the
binding keeps the prepared statement), run time per call, and the process's CPU per call (engine + rows to
Python values), over county profiles one after another.

    python benchmarks/bench_locality_queries.py --store ladybug:///tmp/ikg-bench/graph-1.0 [--count 150]

`locality`, `locality_by_year_topic` and `locality_awards` are what the profile route ran before issue 18;
`locality_place`, `locality_children`, `locality_award_rows` and `locality_award_links` what it runs now
(api/locality_profile.py). Embedded store only: it reads LadybugDB's own timings.
"""

from __future__ import annotations

import argparse
import time

import ladybug

from cypher.named_queries import get_query

BEFORE = ("locality", "locality_by_year_topic", "locality_awards")
AFTER = ("locality_place", "locality_children", "locality_award_rows", "locality_award_links")
COUNTIES = "MATCH (l:Locality)-[:RECEIVED]->(:Award) WHERE l.level = 'county' RETURN DISTINCT l.id ORDER BY l.id"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True)
    parser.add_argument("--count", type=int, default=150)
    args = parser.parse_args()
    db = ladybug.Database(args.store.removeprefix("ladybug://"), read_only=True, buffer_pool_size=512 * 1024 * 1024)
    conn = ladybug.Connection(db)
    ids = [row[0] for row in conn.execute(COUNTIES).get_all()][20 : 20 + args.count]  # as bench_miss_profile
    for label, names in (("before", BEFORE), ("after", AFTER)):
        total_run = total_cpu = 0.0
        for name in names:
            text = get_query(name).text
            compiled = conn.execute(text, {"id": ids[0]})
            compile_ms = compiled.get_compiling_time()
            compiled.get_all()
            run_ms, cpu = 0.0, time.process_time()
            for county in ids:
                result = conn.execute(text, {"id": county})
                run_ms += result.get_execution_time()
                result.get_all()
            run_ms, cpu_ms = run_ms / len(ids), (time.process_time() - cpu) / len(ids) * 1000
            total_run, total_cpu = total_run + run_ms, total_cpu + cpu_ms
            timings = f"compile {compile_ms:5.1f} ms once; run {run_ms:5.2f} ms, CPU {cpu_ms:5.2f} ms a call"
            print(f"{label:6} {name:24} {timings}")
        print(f"{label:6} {'all':24} run {total_run:5.2f} ms, CPU {total_cpu:5.2f} ms a profile")
    db.close()


if __name__ == "__main__":
    main()
