"""HTTP throughput and latency of the main GET endpoints under concurrent clients, against `ikg serve`.

    python benchmarks/bench_http.py --store ladybug:///tmp/ikg-bench/graph-1.0 [--clients 32] [--requests 2000]

Starts `ikg serve --store URL` as a subprocess on a free 127.0.0.1 port (the graph must not be open
elsewhere), waits for /health, then per endpoint sends a bounded number of GETs from --clients concurrent
httpx.AsyncClient workers (no If-None-Match, so every answer is computed) and stops the server. The client
runs on the same 2 cores as the server, so it takes some of the CPU it measures. /topics (static, no store
work) is the baseline: the framework's ceiling.

Answers are cached per graph version (api/cache.py), so a repeated URL measures the cache. The
`/localities/{each}` row asks for a different locality on every request (every county with awards, in
turn): each is a cache miss the first time, so that row measures the store behind the API.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx  # to wait for the server to come up

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TARGET_RPS = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def counties_by_awards(url: str) -> list[str]:
    """Every county with awards, most awarded first."""
    from cypher.store import open_store

    store = open_store(url, read_only=True)
    try:
        rows = store.query(
            "MATCH (l:Locality)-[:RECEIVED]->(a:Award) WHERE l.level = 'county' "
            "RETURN l.id, count(a) AS c ORDER BY c DESC, l.id"
        ).rows
        return [r[0] for r in rows]
    finally:
        store.close()


def start_server(url: str, port: int, log: Path) -> subprocess.Popen:
    # `python -m api` from this checkout, not the `ikg` script: the script imports the package the venv has
    # installed (editable, possibly another worktree), so a benchmark would measure code other than its own.
    cmd = [sys.executable, "-m", "api", "serve", "--store", url, "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "IKG_BASE_URI": f"http://127.0.0.1:{port}"}
    proc = subprocess.Popen(
        cmd, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=PROJECT_ROOT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"ikg serve exited with {proc.returncode}; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise TimeoutError("ikg serve did not answer /health within 60 s")


def _turn(ids: list[str], start: int) -> list[str]:
    start %= len(ids)
    return ids[start:] + ids[:start]


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


class _Connection:
    """A keep-alive HTTP/1.1 connection that reads whole answers (Content-Length) and nothing more: httpx
    took most of the CPU the client and the server share on this 2-core machine (the /topics baseline
    was 206 req/s with httpx), so it measured the client."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, host: str, port: int) -> _Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, host)

    async def get(self, path: str) -> int:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
        length = {k.lower(): v for k, v in headers.items()}.get("content-length")
        if length is None and status != 304:
            raise ValueError(f"{path}: answer without Content-Length")
        await self.reader.readexactly(int(length or 0))
        return status

    def close(self) -> None:
        self.writer.close()


async def load(base: str, path: str, clients: int, requests: int, time_limit: float, ids: list[str]) -> dict:
    """`{each}` in the path is replaced by the next of `ids` on every request (warm-up uses the last ones)."""
    latencies: list[float] = []
    sent = 0

    def url() -> str:
        nonlocal sent
        sent += 1
        return path.replace("{each}", ids[sent % len(ids)]) if "{each}" in path else path

    statuses: dict[str, int] = {}
    remaining = requests
    host, port = base.removeprefix("http://").split(":")
    warm = await _Connection.open(host, int(port))
    for i in range(min(20, requests)):  # warm-up, not counted (and not the ids timed below)
        await warm.get(path.replace("{each}", ids[-1 - i % len(ids)]) if "{each}" in path else path)
    warm.close()
    deadline = time.perf_counter() + time_limit

    async def worker():
        nonlocal remaining
        connection = await _Connection.open(host, int(port))
        try:
            while remaining > 0 and time.perf_counter() < deadline:
                remaining -= 1
                start = time.perf_counter()
                try:
                    key = str(await asyncio.wait_for(connection.get(url()), 30))
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    key = type(exc).__name__
                    connection.close()
                    connection = await _Connection.open(host, int(port))
                latencies.append((time.perf_counter() - start) * 1000)
                statuses[key] = statuses.get(key, 0) + 1
        finally:
            connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    wall = time.perf_counter() - start
    latencies.sort()

    def pct(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q / 100 * len(latencies)))], 2)

    errors = sum(n for k, n in statuses.items() if k != "200")
    return {
        "path": path,
        "clients": clients,
        "requests": len(latencies),
        "seconds": round(wall, 3),
        "req_per_s": round(len(latencies) / wall, 1),
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "mean_ms": round(statistics.fmean(latencies), 2),
        "statuses": statuses,
        "errors": errors,
    }


def server_cpu_s(pid: int) -> float:
    """CPU seconds the server process has used so far, all its threads (user + system, /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench(url: str, clients: int, requests: int, runs: int, time_limit: float, log: Path) -> dict:
    counties = counties_by_awards(url)
    paths = [
        "/topics",
        f"/localities/{counties[0]}",
        "/queries/winners?all_topics=ecology,investment",
        "/localities/{each}",
    ]
    port = free_port()
    proc = start_server(url, port, log)
    out = {}
    try:
        for path in paths:
            cpu_before = server_cpu_s(proc.pid)
            results = [
                # each run starts where the last stopped, so `{each}` stays a cache miss while ids last
                asyncio.run(
                    load(f"http://127.0.0.1:{port}", path, clients, requests, time_limit, _turn(counties, k * requests))
                )
                for k in range(runs)
            ]
            best = sorted(results, key=lambda r: r["req_per_s"])[len(results) // 2]  # the median run
            # The server's CPU per answer over all runs: what bounds req/s on a machine shared with others.
            best["server_cpu_ms_per_request"] = round(
                (server_cpu_s(proc.pid) - cpu_before) * 1000 / sum(r["requests"] for r in results), 2
            )
            best["runs_req_per_s"] = [r["req_per_s"] for r in results]
            best["errors"] = sum(r["errors"] for r in results)
            best["meets_target"] = best["req_per_s"] >= TARGET_RPS and best["errors"] == 0
            best["distinct_urls"] = "{each}" in path
            out[path] = best
            print(
                f"  {path:50} {best['req_per_s']:>7.0f} req/s  p50 {best['p50_ms']:7.1f}  p95 {best['p95_ms']:7.1f}"
                f"  p99 {best['p99_ms']:7.1f} ms  errors {best['errors']}"
                f"  server CPU {best['server_cpu_ms_per_request']} ms",
                flush=True,
            )
    finally:
        stop_server(proc)
    return {"benchmark": "http", "store": url, "clients": clients, "target_req_per_s": TARGET_RPS, "endpoints": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=60, help="seconds per endpoint and run, at most")
    parser.add_argument("--log", type=Path, default=Path("/tmp/ikg-bench-serve.log"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = bench(args.store, args.clients, args.requests, args.runs, args.time_limit, args.log)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
