"""Read latency while documents are uploaded: `ikg serve` with the seed corpus, 32 keep-alive readers for
--seconds without uploads, then for --seconds while generated documents are uploaded job after job.

    python benchmarks/bench_uploads.py [--seconds 60] [--clients 32] [--scale 0.1] [--files 64] [--files-per-job 8]

The uploaded documents (the first --files of a gen_corpus.py corpus) are loaded with the seeds before the
server starts, and uploading them again replaces them: the graph keeps its size, so the two phases read the
same graph and differ only by the uploads (a growing graph would make every read slower by itself).

Readers use bench_http's minimal HTTP/1.1 client (httpx would take the CPU it measures) and ask, each in
its own turn, for /health, a page of notices, a county's profile (a different county each time), the
winners of two topics and /topics. Two kinds of reading, each measured without and with uploads:

- store reads: every URL carries a new `_n=` parameter, so the answer cache (api/cache.py) never answers and
  every read asks the store, with and without uploads alike. This is what the uploads themselves cost the
  readers (CPU, the GIL, the store's locks): the target applies here.
- cached reads: the same URLs again and again, as clients mostly ask. Without uploads nearly every answer
  comes from the cache; every finished job changes the graph and so empties the cache, after which each URL
  is asked of the store once more. The difference is the price of the cache's invalidation, shown apart.

The uploader is its own process (POST /documents, then GET /jobs/{id} until the job is over) so that its CPU
is not the readers' client's. Targets: no reader errors, and store-read p95 with uploads within 2× of p95
without. The server, its parse worker (at lower priority), the readers and the uploader share the cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_http  # noqa: E402
import gen_corpus  # noqa: E402

PROJECT = HERE.parent
SEEDS = PROJECT.parent / "shared" / "corpus" / "seeds"
KEY = "bench-uploads"
P95_RATIO_TARGET = 2.0


READ_PATHS = [
    "/health",
    "/notices?limit=20",
    "/localities/{each}",
    "/queries/winners?all_topics=ecology,investment",
    "/topics",
]


async def readers(base: str, clients: int, seconds: float, counties: list[str], fresh: bool) -> dict:
    """Reads for `seconds`; with `fresh`, every URL is new to the answer cache."""
    host, port = base.removeprefix("http://").split(":")
    paths = READ_PATHS
    latencies: dict[str, list[float]] = {p: [] for p in paths}
    errors: dict[str, int] = {}
    turn = [0]
    deadline = time.perf_counter() + seconds

    async def reader(offset: int) -> None:
        connection = await bench_http._Connection.open(host, int(port))
        k = offset
        try:
            while time.perf_counter() < deadline:
                path = paths[k % len(paths)]
                k += 1
                url = path.replace("{each}", counties[turn[0] % len(counties)]) if "{each}" in path else path
                if fresh:
                    url += f"{'&' if '?' in url else '?'}_n={turn[0]}"
                turn[0] += 1
                start = time.perf_counter()
                try:
                    status = await asyncio.wait_for(connection.get(url), 30)
                    if status != 200:
                        errors[str(status)] = errors.get(str(status), 0) + 1
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    connection.close()
                    connection = await bench_http._Connection.open(host, int(port))
                latencies[path].append((time.perf_counter() - start) * 1000)
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(reader(i) for i in range(clients)))
    wall = time.perf_counter() - started
    every = sorted(x for values in latencies.values() for x in values)
    return {
        "requests": len(every),
        "req_per_s": round(len(every) / wall, 1),
        "p50_ms": _pct(every, 50),
        "p95_ms": _pct(every, 95),
        "p99_ms": _pct(every, 99),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "p95_ms_by_path": {p: _pct(sorted(v), 95) for p, v in latencies.items()},
    }


def _pct(values: list[float], q: float) -> float:
    return round(values[min(len(values) - 1, int(q / 100 * len(values)))], 2) if values else 0.0


def uploader(base: str, files: list[str], per_job: int, stop, out) -> None:
    """Upload `files` job after job (wrapping around) until `stop` is set; put a summary on `out`."""
    jobs, loaded, failed, durations, refused = 0, 0, 0, [], 0
    headers = {"X-API-Key": KEY}
    k = 0
    with httpx.Client(base_url=base, timeout=600) as client:
        while not stop.is_set():
            batch = [files[(k + i) % len(files)] for i in range(per_job)]
            k += per_job
            started = time.perf_counter()
            parts = [("files", (Path(f).name, Path(f).read_bytes())) for f in batch]
            answer = client.post("/documents", files=parts, headers=headers)
            if answer.status_code == 200:  # a server from before upload jobs loads while the request waits
                job = answer.json()
            elif answer.status_code == 202:
                while (job := client.get(answer.headers["location"], headers=headers).json())["state"] not in (
                    "done",
                    "failed",
                ):
                    time.sleep(0.2)
            else:
                refused += 1
                time.sleep(1)
                continue
            jobs += 1
            loaded += job["loaded"]
            failed += job["failed"]
            durations.append(time.perf_counter() - started)
    out.put(
        {
            "jobs": jobs,
            "files_loaded": loaded,
            "files_failed": failed,
            "refused": refused,
            "mean_job_s": round(sum(durations) / len(durations), 2) if durations else None,
        }
    )


def bench(
    seconds: float, clients: int, scale: str, count: int, per_job: int, root: Path, kinds=("store", "cached")
) -> dict:
    corpus = root / f"corpus-{scale}"
    files = sorted(str(p) for p in gen_corpus.generate(scale, 1, corpus))[:count]
    url = f"ladybug://{root / 'graph'}"
    from cypher.store import open_store
    from loaders.pipeline import load_paths

    store = open_store(url)
    load_paths([SEEDS, *map(Path, files)], store)
    store.close()
    counties = bench_http.counties_by_awards(url)
    os.environ.update({"IKG_API_KEY": KEY, "IKG_UPLOAD_DIR": str(root / "uploads")})
    port = bench_http.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = bench_http.start_server(url, port, root / "serve.log")
    phases: dict[str, dict] = {}
    uploads: dict[str, dict] = {}
    try:
        asyncio.run(readers(base, clients, 5, counties, fresh=False))  # warm-up: caches, compiled statements
        print(f"  {len(files)} generated documents ({scale}) uploaded again and again, {per_job} per job", flush=True)
        for kind in kinds:
            fresh = kind == "store"
            phases[f"{kind}_without_uploads"] = asyncio.run(readers(base, clients, seconds, counties, fresh))
            _print(f"{kind} reads, no uploads", phases[f"{kind}_without_uploads"])
            context = multiprocessing.get_context("spawn")
            stop, out = context.Event(), context.Queue()
            up = context.Process(target=uploader, args=(base, files, per_job, stop, out))
            up.start()
            time.sleep(1)  # the first job is on its way
            phases[f"{kind}_with_uploads"] = asyncio.run(readers(base, clients, seconds, counties, fresh))
            stop.set()
            uploads[kind] = out.get(timeout=900)
            up.join(60)
            _print(f"{kind} reads, uploads", phases[f"{kind}_with_uploads"])
            print(f"  uploads meanwhile: {uploads[kind]}", flush=True)
    finally:
        bench_http.stop_server(proc)
    ratios = {
        kind: round(phases[f"{kind}_with_uploads"]["p95_ms"] / phases[f"{kind}_without_uploads"]["p95_ms"], 2)
        for kind in kinds
    }
    errors = sum(p["errors"] for p in phases.values())
    met = errors == 0 and ratios.get("store", float("inf")) <= P95_RATIO_TARGET
    print(
        f"  p95 with/without uploads: store reads {ratios.get('store')} (target ≤ {P95_RATIO_TARGET}), cached "
        f"reads {ratios.get('cached')}; reader errors {errors} → {'met' if met else 'NOT met'}; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
        flush=True,
    )
    return {
        "benchmark": "uploads",
        "clients": clients,
        "seconds": seconds,
        "scale": scale,
        "files": len(files),
        "files_per_job": per_job,
        "phases": phases,
        "uploads": uploads,
        "p95_ratio": ratios,
        "target_p95_ratio": P95_RATIO_TARGET,
        "meets_target": met,
        "load_average": os.getloadavg(),
    }


def _print(label: str, r: dict) -> None:
    print(
        f"  {label:26} {r['req_per_s']:>7.0f} req/s  p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  "
        f"p99 {r['p99_ms']:7.1f} ms  errors {r['errors']} {r['error_kinds'] or ''}",
        flush=True,
    )
    print("  " + " ".join(f"{p}: {v}" for p, v in r["p95_ms_by_path"].items()), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--scale", default="0.1", help="gen_corpus scale of the uploaded documents")
    parser.add_argument("--files", type=int, default=64, help="how many of the corpus' documents to upload")
    parser.add_argument("--files-per-job", type=int, default=8)
    parser.add_argument("--root", type=Path, help="work folder (default: a new temporary one)")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--reads", choices=["both", "store", "cached"], default="both", help="which kind of reading to measure"
    )
    args = parser.parse_args()
    root = args.root or Path(tempfile.mkdtemp(prefix="ikg-bench-uploads-"))
    kinds = ("store", "cached") if args.reads == "both" else (args.reads,)
    result = bench(args.seconds, args.clients, args.scale, args.files, args.files_per_job, root, kinds)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
