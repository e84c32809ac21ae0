"""Instructions the parser executes on a sample of a corpus (valgrind's callgrind): a measure of parse speed that the
others' work on a shared machine does not move, where wall and CPU time do (CPU time of the same code varied by a
third at a load average of 10 on 2 cores).

    python benchmarks/parse_instructions.py /tmp/pc/c01 --files 200

Two child processes run under `valgrind --tool=callgrind --cache-sim=no`: one only warms up (tests/eval, as
bench_parse.py does: imports, gazetteer, patterns), the other warms up and then parses every k-th file of the corpus
(`--files` of them, spread over its kinds). The difference is the instructions of parsing those files. Run it in two
checkouts to compare them (each measures the checkout it is in). Under valgrind Python runs ~50× slower: 200 files of
the 0.1 corpus take ~2 minutes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout this file is in, not an installed copy (see bench_parse.py)


def child(corpus: Path, files: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_parse import WARM_UP, run_once

    from loaders.pipeline import find_documents

    warm, _ = find_documents([WARM_UP])
    run_once(warm)
    if files:
        found, _ = find_documents([corpus])
        run_once(found[:: max(1, len(found) // files)][:files])


def instructions(corpus: Path, files: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            "valgrind",
            "--tool=callgrind",
            "--cache-sim=no",
            f"--callgrind-out-file={tmp}/callgrind.out",
            sys.executable,
            __file__,
            "--child",
            str(corpus),
            "--files",
            str(files),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.corpus, args.files)
        return
    warm_up = instructions(args.corpus, 0)
    total = instructions(args.corpus, args.files)
    print(f"warm-up {warm_up:,} instructions; warm-up and {args.files} files {total:,}")
    print(f"parsing {args.files} files: {total - warm_up:,} instructions")


if __name__ == "__main__":
    main()
