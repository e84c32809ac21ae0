"""The server's CPU per cache miss of `/localities/{each}`, one client and then 32, user and system apart.

    python benchmarks/bench_miss_cpu.py --store ladybug:///tmp/ikg-bench/graph-1.0

Starts `ikg serve` from this checkout (as bench_http.py does), asks the 300 most awarded counties one at a
time, then the next 1,000 from 32 clients, and reads the server process's CPU (/proc/PID/stat, all threads)
around each: on a machine shared with other work, CPU per answer compares checkouts where req/s does not.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

from bench_http import _turn, counties_by_awards, free_port, load, start_server, stop_server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True)
    parser.add_argument("--log", type=Path, default=Path("/tmp/ikg-bench-serve.log"))
    args = parser.parse_args()
    counties = counties_by_awards(args.store)
    port = free_port()
    proc = start_server(args.store, port, args.log)

    def cpu() -> tuple[float, float]:
        with open(f"/proc/{proc.pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) / os.sysconf("SC_CLK_TCK"), int(fields[12]) / os.sysconf("SC_CLK_TCK")

    try:
        for clients, requests, start in ((1, 300, 0), (32, 1000, 300)):
            user, system = cpu()
            ids = _turn(counties, start)
            result = asyncio.run(load(f"http://127.0.0.1:{port}", "/localities/{each}", clients, requests, 60, ids))
            done = result["requests"]
            user, system = ((after - before) * 1000 / done for after, before in zip(cpu(), (user, system)))
            print(
                f"{clients:>2} clients, {done} misses: {result['req_per_s']} req/s, server CPU per miss {user:.2f} ms "
                f"user + {system:.2f} ms system; load average {os.getloadavg()[0]:.1f}"
            )
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
