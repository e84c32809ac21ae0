"""Fuzz the loaders: every input must end in success or a DocumentError naming the file, in bounded time and memory.

    python benchmarks/fuzz.py                      # 10,000 inputs, seed 20261130, 2 worker processes
    python benchmarks/fuzz.py --count 500 --seed 7 --save /tmp/fuzz-failures
    python benchmarks/fuzz.py --only 1234           # replay one input in this process, with its traceback
    python benchmarks/fuzz.py --bound               # the 20 MB bound: adversarial 20 MB files, each in a fresh process

Inputs come from benchmarks/fuzz_inputs.py. Each runs through `parse_file` in a worker process; every
`--load-every`-th also through `load_file` into the worker's scratch LadybugDB store. A watchdog kills a worker
whose input runs past `--timeout` (a hang) and starts another; a worker that dies is a crash. Outcomes:
success; named error (a DocumentError naming the file); internal error (a DocumentError that wraps an exception
the parser or resolver raised: named, but a bug); crash (any other exception, a DocumentError not naming the
file, a dead worker, or a file that parses but cannot be stored); hang. Exit status 1 on a crash, a hang or a
worker over --max-rss-mb.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from fuzz_inputs import corpus, make_input

DEFAULT_SEED = 20261130
_INTERNAL = re.compile(r"^could not be (read|parsed|resolved|turned into graph rows) \(\w+(Error|Exception)?:")
# A worker whose resident set passes this is killed (a memory blow-up) before it takes the machine down; the
# target is --max-rss-mb. (An address-space rlimit cannot be used: LadybugDB reserves 8 TB of it.)
RSS_KILL_BYTES = 4 * 1024**3


@dataclass
class Result:
    index: int
    family: str
    name: str
    size: int
    outcome: str  # ok | error | internal | crash | hang
    detail: str
    seconds: float
    rss_kb: int  # the worker's peak resident set so far


@dataclass
class Summary:
    results: list[Result] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.results if r.outcome in ("crash", "hang")]


# ----- worker -------------------------------------------------------------------------------------------


def classify(path: Path) -> tuple[str, str]:
    from loaders.pipeline import parse_file
    from ontology.errors import DocumentError

    try:
        _, docs = parse_file(path)
    except DocumentError as exc:
        if exc.path != str(path) or str(path) not in str(exc):
            return "crash", f"DocumentError not naming the file: {exc}"
        return ("internal" if _INTERNAL.match(exc.problem) else "error"), exc.problem
    except Exception:
        return "crash", traceback.format_exc(limit=-6)
    return "ok", f"{len(docs)} documents, {sum(len(d.measures) for d in docs)} measures"


def load(path: Path, store, parsed: str) -> tuple[str, str] | None:
    """A crash when load_file raises, names another file, or cannot store what parsed."""
    from loaders.pipeline import load_file

    try:
        result = load_file(path, store)
    except Exception:
        return "crash", "load_file: " + traceback.format_exc(limit=-6)
    if result.error and not result.error.startswith(str(path)):
        return "crash", f"load_file error not naming the file: {result.error}"
    if result.error and parsed == "ok":
        return "crash", f"parsed but not stored: {result.error}"
    return None


def worker(conn, seed: int, workdir: str, load_every: int) -> None:
    from loaders.gazetteer import load_gazetteer

    load_gazetteer()
    folder = Path(tempfile.mkdtemp(dir=workdir))
    store = None
    while (index := conn.recv()) is not None:
        item = make_input(seed, index)
        path = folder / item.name
        path.write_bytes(item.data)
        started = time.perf_counter()
        outcome, detail = classify(path)
        if load_every and index % load_every == 0:
            if store is None:
                from cypher.store import open_store

                store = open_store(f"ladybug://{folder / 'graph'}")
            outcome, detail = load(path, store, outcome) or (outcome, detail)
        seconds = time.perf_counter() - started
        path.unlink()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        conn.send(Result(index, item.family, item.name, len(item.data), outcome, detail[:2000], seconds, rss))


# ----- parent -------------------------------------------------------------------------------------------


class _Worker:
    def __init__(self, ctx, seed: int, workdir: str, load_every: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker, args=(child, seed, workdir, load_every), daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.since = 0.0

    def give(self, index: int) -> None:
        self.index, self.since = index, time.monotonic()
        self.conn.send(index)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def run(seed: int, count: int, jobs: int, timeout: float, load_every: int, progress: bool = False) -> Summary:
    """Run inputs 0 … count-1 of `seed`; the result for every input, in index order."""
    ctx = mp.get_context("spawn")
    workdir = tempfile.mkdtemp(prefix="ikg-fuzz-")
    pending = list(range(count - 1, -1, -1))
    summary = Summary()
    shown = 0
    workers = [_Worker(ctx, seed, workdir, load_every) for _ in range(min(jobs, count))]
    try:
        while pending or any(w.index is not None for w in workers):
            for w in workers:
                if w.index is None and pending:
                    w.give(pending.pop())
            ready = wait([w.conn for w in workers if w.index is not None], timeout=0.5)
            for i, w in enumerate(workers):
                if w.index is None:
                    continue
                if w.conn in ready:
                    try:
                        summary.results.append(w.conn.recv())
                        w.index = None
                        continue
                    except (EOFError, OSError):
                        outcome, detail = "crash", f"worker died (exit code {w.process.exitcode})"
                elif time.monotonic() - w.since > timeout:
                    outcome, detail = "hang", f"still running after {timeout:g} s"
                elif _rss(w.process.pid) > RSS_KILL_BYTES:
                    outcome, detail = "crash", f"memory blow-up: resident set over {RSS_KILL_BYTES >> 20} MB"
                else:
                    continue
                item = make_input(seed, w.index)
                summary.results.append(
                    Result(
                        w.index, item.family, item.name, len(item.data), outcome, detail, time.monotonic() - w.since, 0
                    )
                )
                w.stop(kill=True)
                workers[i] = _Worker(ctx, seed, workdir, load_every)
            if progress and len(summary.results) // 500 > shown:
                shown = len(summary.results) // 500
                print(f"  {len(summary.results):,} / {count:,}", file=sys.stderr, flush=True)
    finally:
        for w in workers:
            w.stop(kill=w.index is not None)
        shutil.rmtree(workdir, ignore_errors=True)
    summary.results.sort(key=lambda r: r.index)
    return summary


def report(summary: Summary, seed: int, max_rss_mb: int) -> bool:
    results = summary.results
    peak = max(results, key=lambda r: r.rss_kb)
    slowest = max(results, key=lambda r: r.seconds)
    print(f"fuzz: seed {seed}, {len(results):,} inputs from {len(corpus())} real documents")
    print(f"  successes       {summary.count('ok'):>7,}")
    print(f"  named errors    {summary.count('error') + summary.count('internal'):>7,}", end="")
    print(f"  (of which internal errors, a wrapped exception: {summary.count('internal'):,})")
    print(f"  crashes         {summary.count('crash'):>7,}")
    print(f"  hangs           {summary.count('hang'):>7,}")
    print(f"  peak RSS        {peak.rss_kb / 1024:>7,.0f} MB (a worker, after {peak.name}, {peak.size:,} bytes)")
    print(f"  slowest input   {slowest.seconds:>7.2f} s  {slowest.name} ({slowest.size:,} bytes): {slowest.outcome}")
    families = Counter(r.family for r in results)
    print("  per family: " + ", ".join(f"{f} {n}" for f, n in sorted(families.items())))
    reasons = Counter(re.sub(r"[\d,]+", "N", r.detail.split(" (")[0])[:70] for r in results if r.outcome == "error")
    print("  commonest refusals: " + "; ".join(f"{reason} ×{n}" for reason, n in reasons.most_common(6)))
    for r in [r for r in results if r.outcome == "internal"][:10]:
        print(f"  INTERNAL {r.name}: {r.detail[:300]}")
    for r in summary.failures[:20]:
        print(
            f"  {r.outcome.upper()} {r.name} ({r.family}, {r.size:,} bytes, {r.seconds:.1f} s):\n    {r.detail[:1500]}"
        )
    over = peak.rss_kb > max_rss_mb * 1024
    if over:
        print(f"  OVER MEMORY: peak RSS above {max_rss_mb} MB")
    return not summary.failures and not over


def save(summary: Summary, seed: int, folder: Path) -> None:
    bad = [r for r in summary.results if r.outcome in ("crash", "hang", "internal")]
    if not bad:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for r in bad:
        (folder / r.name).write_bytes(make_input(seed, r.index).data)
    print(f"  {len(bad)} failing inputs written to {folder}")


def replay(seed: int, index: int) -> None:
    item = make_input(seed, index)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / item.name
        path.write_bytes(item.data)
        started = time.perf_counter()
        outcome, detail = classify(path)
        print(
            f"{item.name} ({item.family}, {len(item.data):,} bytes): {outcome} in {time.perf_counter() - started:.2f} s"
        )
        print(detail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds an input may run before it is a hang")
    parser.add_argument("--load-every", type=int, default=20, help="also load every N-th input into a store (0: none)")
    parser.add_argument("--max-rss-mb", type=int, default=1024)
    parser.add_argument("--save", type=Path, help="write failing inputs here")
    parser.add_argument("--only", type=int, help="replay one input index in this process")
    parser.add_argument("--bound", action="store_true", help="run the 20 MB bound check instead (fuzz_bound.py)")
    args = parser.parse_args(argv)
    if args.only is not None:
        replay(args.seed, args.only)
        return 0
    if args.bound:
        from fuzz_bound import main as bound_main

        return bound_main()
    started = time.monotonic()
    summary = run(args.seed, args.count, args.jobs, args.timeout, args.load_every, progress=True)
    ok = report(summary, args.seed, args.max_rss_mb)
    print(f"  {time.monotonic() - started:.0f} s with {args.jobs} workers")
    if args.save:
        save(summary, args.seed, args.save)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
