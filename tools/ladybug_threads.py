"""Do LadybugDB connections give the same answers from many threads as from one? LadybugDB alone, no project code.

    python tools/ladybug_threads.py [--db PATH] [--threads 32] [--modes own,pool,shared,shared-result]
                                    [--pool N] [--buffer-pool-mb MB] [--exec-threads N] [--rounds N]

One `ladybug.Database`; read queries with parameters (a locality's profile, its awards, a count, a top-10)
asked once each on one connection in one thread (the expected answers), then asked again from --threads
threads in each mode, every answer compared with the expected one:

- `own`: every thread opens its own Connection and keeps it (the store's former thread-local readers);
- `pool`: --pool connections shared by the threads, each taken by one thread at a time (a queue), every
  QueryResult read to the end before the connection goes back;
- `shared`: one Connection used by every thread at once, with no lock of ours;
- `shared-result`: the same, and each thread reads its QueryResult's rows only after yielding to the others.

Without --db, a graph of --localities places and ~10 awards each is built in a temporary folder. With --db,
an existing incentive-kg graph is opened read-only and the same queries are asked of its counties. Wrong
answers and errors are printed as they come (the engine may kill the process before the summary); exit
status 1 when any mode gave one, 139 when the engine crashed.

Findings with ladybug 0.22.0 on the 2-core machine (2026-12-01), 32 threads:
- with a buffer pool several times the graph (built graph, or the 0.1 graph of 61 MB with 256 MB) every
  mode is right, `shared` and `shared-result` included: the binding serialises each connection's calls;
- with a pool near the graph's size (0.1 graph, `--buffer-pool-mb 64`), `own` (32 connections) and `pool`
  with 8 or 32 connections first fail with "buffer pool is full", then answer wrongly (a locality's profile
  comes back as no row, an award list repeats a row), then the process dies with SIGSEGV; `pool` with 2 or
  4 connections is right there, and 2 connections stay right in a 32 MB pool (with 24 MB they get "buffer
  pool is full" errors, never a wrong answer). One engine thread per query (--exec-threads 1) lets 8
  connections stay right at 64 MB; 32 still are not.
"""

from __future__ import annotations

import argparse
import queue
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import ladybug

PROFILE = (  # the shape of incentive-kg's locality query
    "MATCH (l:Locality {id: $id}) "
    "OPTIONAL MATCH (l)-[:PART_OF]->(p:Locality) "
    "OPTIONAL MATCH (c:Locality)-[:PART_OF]->(l) "
    "OPTIONAL MATCH (l)-[:RECEIVED]->(a:Award) "
    "RETURN l.id AS id, l.name AS name, l.level AS level, "
    "CASE WHEN p IS NULL THEN NULL ELSE {id: p.id, name: p.name, level: p.level} END AS parent, "
    "collect(DISTINCT CASE WHEN c IS NULL THEN NULL ELSE {id: c.id, name: c.name, level: c.level} END) AS children, "
    "count(DISTINCT a) AS awards"
)
AWARDS = (
    "MATCH (l:Locality {id: $id})-[:RECEIVED]->(a:Award) "
    "RETURN a.id, a.amount_yuan ORDER BY a.amount_yuan DESC, a.id LIMIT $limit"
)
COUNT = "MATCH (l:Locality)-[:RECEIVED]->(a:Award) WHERE l.id >= $from RETURN count(a)"
TOP = (
    "MATCH (l:Locality)-[:RECEIVED]->(a:Award) WHERE l.level = $level "
    "RETURN l.id, count(a) AS n ORDER BY n DESC, l.id LIMIT 10"
)


def build(path: Path, localities: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    db = ladybug.Database(str(path), buffer_pool_size=256 * 1024 * 1024)
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Locality(id STRING, name STRING, level STRING, PRIMARY KEY(id))")
    conn.execute("CREATE NODE TABLE Award(id STRING, amount_yuan INT64, PRIMARY KEY(id))")
    conn.execute("CREATE REL TABLE PART_OF(FROM Locality TO Locality)")
    conn.execute("CREATE REL TABLE RECEIVED(FROM Locality TO Award)")
    provinces = [{"id": f"{p:02d}0000", "name": f"province {p}", "level": "province"} for p in range(10, 40)]
    counties = [
        {"id": f"{rnd.choice(provinces)['id'][:2]}{i:04d}", "name": f"county {i}", "level": "county"}
        for i in range(1, localities + 1)
    ]
    rows = list({r["id"]: r for r in provinces + counties}.values())
    conn.execute("UNWIND $rows AS r CREATE (:Locality {id: r.id, name: r.name, level: r.level})", {"rows": rows})
    part_of = [{"from": c["id"], "to": c["id"][:2] + "0000"} for c in rows if c["level"] == "county"]
    conn.execute(
        "UNWIND $rows AS r MATCH (a:Locality {id: r.from}) WITH a, r MATCH (b:Locality {id: r.to}) "
        "CREATE (a)-[:PART_OF]->(b)",
        {"rows": part_of},
    )
    awards, received = [], []
    for c in rows:
        for k in range(rnd.randrange(0, 20)):
            awards.append({"id": f"{c['id']}-{k}", "amount": rnd.randrange(1, 10**7)})
            received.append({"from": c["id"], "to": f"{c['id']}-{k}"})
    conn.execute("UNWIND $rows AS r CREATE (:Award {id: r.id, amount_yuan: r.amount})", {"rows": awards})
    conn.execute(
        "UNWIND $rows AS r MATCH (a:Locality {id: r.from}) WITH a, r MATCH (b:Award {id: r.to}) "
        "CREATE (a)-[:RECEIVED]->(b)",
        {"rows": received},
    )
    conn.close()
    db.close()


def tasks(conn: ladybug.Connection) -> list[tuple[str, dict]]:
    counties = conn.execute("MATCH (l:Locality) WHERE l.level = 'county' RETURN l.id ORDER BY l.id")
    ids = [r[0] for r in counties.get_all()]
    out: list[tuple[str, dict]] = []
    for i, id_ in enumerate(ids[:400]):
        out.append((PROFILE, {"id": id_}))
        out.append((AWARDS, {"id": id_, "limit": 5 + i % 300}))  # ints of several widths
        if i % 20 == 0:
            out.append((COUNT, {"from": id_}))
            out.append((TOP, {"level": "county"}))
    return out


def answer(conn: ladybug.Connection, cypher: str, params: dict) -> list:
    return conn.execute(cypher, params).get_all()


def run_mode(
    db: ladybug.Database, exec_threads: int, mode: str, work: list, expected: list, threads: int, rounds: int, pool: int
) -> dict:
    wrong, errors, done = [], [], [0]
    lock = threading.Lock()

    def connect() -> ladybug.Connection:
        conn = ladybug.Connection(db)
        if exec_threads:
            conn.set_max_threads_for_exec(exec_threads)
        return conn

    shared = connect() if mode.startswith("shared") else None
    idle: queue.Queue = queue.Queue()
    if mode == "pool":
        for _ in range(pool):
            idle.put(connect())
    start = threading.Barrier(threads)

    def worker(n: int) -> None:
        own = connect() if mode == "own" else None
        order = list(range(len(work))) * rounds
        random.Random(n).shuffle(order)
        start.wait()
        for i in order:
            cypher, params = work[i]
            try:
                if mode == "own":
                    got = answer(own, cypher, params)
                elif mode == "pool":
                    conn = idle.get()
                    try:
                        got = answer(conn, cypher, params)
                    finally:
                        idle.put(conn)
                elif mode == "shared":
                    got = answer(shared, cypher, params)
                else:  # shared-result: start the query, let others use the connection, then read the rows
                    result = shared.execute(cypher, params)
                    time.sleep(0)
                    got = result.get_all()
            except Exception as exc:  # noqa: BLE001 - every failure is a finding here
                with lock:
                    errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
                    if len(errors) <= 3:  # at once: the engine may kill the process before the summary
                        print(f"   {mode} error: {errors[-1]}", flush=True)
                continue
            with lock:
                done[0] += 1
                if got != expected[i]:
                    wrong.append((i, params, expected[i][:2], got[:2]))
                    if len(wrong) <= 3:
                        print(f"   {mode} wrong: {wrong[-1]}", flush=True)

    began = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    seconds = time.perf_counter() - began
    return {"mode": mode, "answers": done[0], "wrong": wrong, "errors": errors, "qps": done[0] / seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="an existing graph, opened read-only (default: build one)")
    parser.add_argument("--localities", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="times each thread asks every question")
    parser.add_argument("--pool", type=int, default=2)
    parser.add_argument("--buffer-pool-mb", type=int, default=256)
    parser.add_argument("--exec-threads", type=int, default=0, help="engine threads per query (0: its default)")
    parser.add_argument("--modes", default="own,pool,shared,shared-result")
    args = parser.parse_args()
    print(f"ladybug {ladybug.__version__}, {args.threads} threads")
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            path = Path(tmp) / "graph"
            build(path, args.localities)
        db = ladybug.Database(str(path), buffer_pool_size=args.buffer_pool_mb * 1024 * 1024, read_only=True)
        conn = ladybug.Connection(db)
        work = tasks(conn)
        began = time.perf_counter()
        expected = [answer(conn, c, p) for c, p in work]
        serial_qps = len(work) / (time.perf_counter() - began)
        expected2 = [answer(conn, c, p) for c, p in work]
        conn.close()
        print(f"serial: {len(work)} questions, {serial_qps:.0f} q/s, repeatable: {expected == expected2}")
        failed = False
        for mode in args.modes.split(","):
            r = run_mode(db, args.exec_threads, mode, work, expected, args.threads, args.rounds, args.pool)
            failed |= bool(r["wrong"] or r["errors"])
            counts = f"{r['answers']} answers, {len(r['wrong'])} wrong, {len(r['errors'])} errors"
            print(f"{mode}: {counts}, {r['qps']:.0f} q/s")
            for w in r["wrong"][:3]:
                print("   wrong:", w)
            for e in sorted(set(r["errors"]))[:5]:
                print("   error:", e)
        db.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
