#!/usr/bin/env python3
"""Parse the restored texts of an evaluation set and score them against the hand-made gold.

A set is a folder under eval/: `devset` (the development set, the default) or a held-out set (`holdout`, …: never
used to change the parser; see its README). For every gold file eval/SET/gold/NAME.json whose text has been restored
as eval/SET/texts/NAME.txt (or in --texts DIR; see the set's README), runs `ikg parse TEXT --format json`, saves the
output as eval/SET/out/NAME.json (git-ignored), then runs the project's shared scorer (../shared/devset/score.py,
relative to the project root; override with SCORE=path) once on everything and once per document type, and prints
per-type totals: awardee F1, department F1, metadata, guesses and refusals (texts the parser declined as not of the
genre).

Gold whose text is not restored is reported as "not restored" and skipped, not failed. Exit status is 0 unless
--strict is given (then the scorer's own verdict: non-zero below its target) or something could not run.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFUSAL = "holds no document of this genre"
SCORE_LINE = re.compile(r"score: awardee F1 ([\d.]+), department F1 ([\d.]+) .*?; metadata (\d+)/(\d+), guesses (\d+)")


def ikg_command() -> list[str]:
    """`python -m api` of this checkout (run from its root): the venv's `ikg` script imports whichever checkout
    the venv has installed, so from another worktree it would score other code."""
    return [sys.executable, "-m", "api"]


@dataclass(frozen=True)
class EvalSet:
    name: str
    gold: Path
    texts: Path
    out: Path
    sums: Path  # checksums of the texts the gold was written against

    @classmethod
    def named(cls, name: str, texts: Path | None = None) -> "EvalSet":
        folder = ROOT / "eval" / name
        return cls(name, folder / "gold", texts or folder / "texts", folder / "out", folder / "texts.sha256")


def parse_all(names: list[str], ikg: list[str], dataset: EvalSet) -> dict[str, str]:
    """Runs the parser on each text; returns name -> 'ok' | 'refused' | 'error: …'."""
    dataset.out.mkdir(parents=True, exist_ok=True)
    status = {}
    for name in names:
        text = dataset.texts / f"{name}.txt"
        proc = subprocess.run([*ikg, "parse", str(text), "--format", "json"], capture_output=True, text=True, cwd=ROOT)
        out = dataset.out / f"{name}.json"
        if proc.returncode == 0:
            out.write_text(proc.stdout, encoding="utf-8")
            status[name] = "ok"
        else:
            out.write_text("", encoding="utf-8")  # the scorer reports it as NO OUTPUT and counts the gold as missed
            err = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
            status[name] = "refused" if REFUSAL in proc.stderr else f"error: {err}"
    return status


def check_hashes(names: list[str], dataset: EvalSet) -> list[str]:
    """Names whose restored text differs from the sha256 recorded when the gold was written (warning only)."""
    if not dataset.sums.exists():
        return []
    want = dict(reversed(line.split(None, 1)) for line in dataset.sums.read_text().splitlines() if line.strip())
    want = {k.strip().lstrip("*"): v for k, v in want.items()}
    return [
        n
        for n in names
        if f"{n}.txt" in want
        and hashlib.sha256((dataset.texts / f"{n}.txt").read_bytes()).hexdigest() != want[f"{n}.txt"]
    ]


def run_scorer(score: Path, gold_dir: Path, dataset: EvalSet) -> tuple[str, int]:
    proc = subprocess.run(
        [sys.executable, str(score), str(dataset.out), str(gold_dir), str(dataset.texts)],
        capture_output=True,
        text=True,
    )
    return proc.stdout + proc.stderr, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--strict", action="store_true", help="exit non-zero when the scorer's target is not met")
    ap.add_argument("--quiet", action="store_true", help="omit the scorer's per-document lines")
    ap.add_argument("--set", default="devset", help="the folder under eval/ to score: devset (default), holdout, …")
    ap.add_argument("--texts", type=Path, help="where the set's texts are restored (default: eval/SET/texts)")
    args = ap.parse_args()
    dataset = EvalSet.named(args.set, args.texts)

    score = Path(os.environ.get("SCORE", ROOT.parent / "shared" / "devset" / "score.py"))
    golds = sorted(dataset.gold.glob("*.json"))
    if not golds:
        sys.exit(f"eval: no gold files in {dataset.gold}")
    doc_type = {g.stem: json.load(open(g, encoding="utf-8")).get("doc_type") or "unknown" for g in golds}
    restored = [n for n in doc_type if (dataset.texts / f"{n}.txt").exists()]
    missing = [n for n in doc_type if n not in restored]

    where = f"eval/{dataset.name}"
    print(f"{dataset.name}: {len(doc_type)} gold documents, {len(restored)} texts restored in {dataset.texts}")
    for n in check_hashes(restored, dataset):
        print(f"  warning: {n}.txt differs from the text the gold was checked against ({where}/texts.sha256)")
    for n in missing:
        print(f"  not restored (skipped): {n}  -- restore it with the query in {where}/sources/{n}.source.txt")
    if not restored:
        print(f"eval: nothing to score (no text restored; see {where}/README.md)")
        return 0

    t0 = time.time()
    status = parse_all(restored, ikg_command(), dataset)
    print(f"parsed {len(restored)} texts in {time.time() - t0:.1f}s; outputs in {dataset.out.relative_to(ROOT)}/")
    errors = {n: s for n, s in status.items() if s.startswith("error")}
    for n, s in errors.items():
        print(f"  parser failed on {n}: {s}")

    if not score.exists():
        print(
            f"eval: the scorer was NOT FOUND at {score} (expected ../shared/devset/score.py next to the project, "
            f"or set SCORE=path). Parser outputs are in {dataset.out.relative_to(ROOT)}/ but nothing was scored."
        )
        return 2

    text, rc = run_scorer(score, dataset.gold, dataset)
    lines = text.rstrip().splitlines()
    if not args.quiet:
        print("\n== scorer output (all documents) ==")
        print("\n".join(lines))

    # per document type (and original 15 vs added): the same scorer on folders of links to a group's gold files
    groups = defaultdict(list)
    for n in restored:
        groups[("type", doc_type[n])].append(n)
        if dataset.name == "devset":  # the shared devset's 15, and those added here
            groups[("set", "original (01-15)" if int(n[:2]) <= 15 else "added (16-)")].append(n)
    rows = {}
    tmp = dataset.out / "_groups"
    shutil.rmtree(tmp, ignore_errors=True)
    for i, (g, members) in enumerate(sorted(groups.items())):
        d = tmp / str(i)
        d.mkdir(parents=True)
        for n in members:
            (d / f"{n}.json").symlink_to(dataset.gold / f"{n}.json")
        out, _ = run_scorer(score, d, dataset)
        rows[g] = (len(members), out, sum(status[n] == "refused" for n in members), sum(n in errors for n in members))
    shutil.rmtree(tmp, ignore_errors=True)

    def row(label, k, out, refused, err):
        m = SCORE_LINE.search(out)
        if not m:
            return f"{label:<22}{k:>5}{'(scorer gave no score line)':>40}{refused:>9}{err:>8}"
        # the scorer counts a total of nothing as 0.0; say n/a when no document of the group had gold or predictions
        loc = f"{float(m[1]):.3f}" if "loc F1=" in out else "n/a"
        dept = f"{float(m[2]):.3f}" if "dept F1=" in out else "n/a"
        meta = f"{m[3]}/{m[4]}"
        return f"{label:<22}{k:>5}{loc:>12}{dept:>9}{meta:>10}{m[5]:>9}{refused:>9}{err:>8}"

    header = (
        f"{'':<22}{'docs':>5}{'awardee F1':>12}{'dept F1':>9}{'metadata':>10}{'guesses':>9}{'refused':>9}{'errors':>8}"
    )
    print("\n== per document type ==")
    print(header.replace(" " * 22, f"{'doc type':<22}", 1))
    for (kind, label), r in sorted(rows.items()):
        if kind == "type":
            print(row(label, *r))
    print(row("ALL", len(restored), text, Counter(status.values())["refused"], len(errors)))
    if dataset.name == "devset":
        print("\n== original set vs added documents ==")
        for (kind, label), r in sorted(rows.items(), reverse=True):
            if kind == "set":
                print(row(label, *r))
    print(
        "(awardee F1 and department F1 are micro-averaged over the group's documents, n/a where no document of the "
        "group has gold or predicted items of that kind. metadata = 文号/date/issuer/cites/supersedes right / "
        "checked; guesses = a 文号 or date where the text has none; refused = the parser declined the text as not "
        "of the genre (its gold counts as missed); errors = the parser failed.)"
    )
    print("\n" + (lines[-1] if lines else "scorer printed nothing"))
    if errors:
        return 3
    return rc if args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
