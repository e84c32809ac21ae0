"""Measure the parser against hand-written gold files: awardee and lead-department F1, metadata checks.

A gold file ``NAME.gold.json`` sits next to its document ``NAME.txt`` (or ``.html``, …)::

    {"kind": "award_notice", "doc_number": "川办函〔2023〕58号", "date": "2023-09-19",
     "measures": [{"ordinal": "1", "lead": ["省财政厅"], "support": []}],
     "awards": [{"measure_ordinal": "1", "recipient": "成都市", "code": "510100"}]}

Awards are compared as (measure ordinal, recipient) pairs: by GB/T 2260 code when the gold gives one, else
by name (the resolved name or the name as written). Departments are compared as (measure ordinal, name)
pairs after both sides go through ``loaders.departments.canonical_name`` (市发展改革委 == 市发展和改革委员会).
Kind, 文号 and date are exact checks. Scores are micro-averaged over all documents.

    python -m loaders.evaluate tests/eval [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from loaders.departments import canonical_name
from loaders.gazetteer import normalise_name
from loaders.parse.metadata import canonical_doc_number
from loaders.records import ParsedDocument

GOLD_SUFFIX = ".gold.json"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missing: list[str] = field(default_factory=list)  # gold pairs not found
    extra: list[str] = field(default_factory=list)  # predicted pairs not in the gold

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def summary(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Check:
    expected: str | None
    got: str | None

    @property
    def ok(self) -> bool:
        return self.expected == self.got


@dataclass
class DocumentReport:
    name: str
    path: str
    error: str | None = None
    documents: int = 0  # documents the parser found in the file
    kind: Check = field(default_factory=lambda: Check(None, None))
    doc_number: Check = field(default_factory=lambda: Check(None, None))
    date: Check = field(default_factory=lambda: Check(None, None))
    awards: Score = field(default_factory=Score)
    leads: Score = field(default_factory=Score)
    supports: Score = field(default_factory=Score)

    @property
    def metadata_ok(self) -> bool:
        return self.error is None and self.kind.ok and self.doc_number.ok and self.date.ok


@dataclass
class EvaluationReport:
    documents: list[DocumentReport] = field(default_factory=list)

    def total(self, what: str) -> Score:
        score = Score()
        for doc in self.documents:
            score.add(getattr(doc, what))
        return score

    @property
    def errors(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.error]

    def to_json(self) -> dict:
        docs = []
        for d in self.documents:
            row = asdict(d)
            for what in ("awards", "leads", "supports"):
                row[what] |= getattr(d, what).summary()
            row["metadata_ok"] = d.metadata_ok
            docs.append(row)
        return {
            "documents": docs,
            "totals": {what: self.total(what).summary() for what in ("awards", "leads", "supports")},
            "errors": len(self.errors),
            "metadata_ok": sum(d.metadata_ok for d in self.documents),
        }


# ----- comparison ---------------------------------------------------------------------------------


def _main_document(docs: list[ParsedDocument]) -> ParsedDocument:
    """The document a file is about when the parser split it: the one with most measures and awards."""
    return max(docs, key=lambda d: len(d.measures) + len(d.awards))


def _department_pairs(docs: list[ParsedDocument], role: str) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for doc in docs:
        for m in doc.measures:
            refs = m.lead_departments if role == "lead" else m.supporting_departments
            pairs.update((m.ordinal, canonical_name(r.name or r.as_written)) for r in refs)
    return pairs


def _gold_department_pairs(gold: dict, role: str) -> set[tuple[str, str]]:
    return {(str(m["ordinal"]), canonical_name(name)) for m in gold.get("measures", []) for name in m.get(role, [])}


def score_pairs(gold: set, predicted: set) -> Score:
    return Score(
        tp=len(gold & predicted),
        fp=len(predicted - gold),
        fn=len(gold - predicted),
        missing=sorted(f"{o}:{n}" for o, n in gold - predicted),
        extra=sorted(f"{o}:{n}" for o, n in predicted - gold),
    )


def score_awards(gold_awards: list[dict], docs: list[ParsedDocument]) -> Score:
    """Match (ordinal, recipient) pairs; a gold pair with a code needs that code, one without needs the name."""
    predicted: dict[tuple[str, str], set[str]] = {}  # (ordinal, display) → keys it matches
    for doc in docs:
        for a in doc.awards:
            r = a.recipient
            keys = {f"name:{normalise_name(n)}" for n in (r.name, r.as_written) if n}
            if r.parent and not r.code:
                keys.add(f"name:{normalise_name(r.parent + r.as_written)}")
            if r.code:
                keys.add(f"code:{r.code}")
            display = f"{r.name or r.as_written}({r.code or '-'})"
            predicted.setdefault((a.measure_ordinal, display), set()).update(keys)
    gold: dict[tuple[str, str], str] = {}
    for g in gold_awards:
        key = f"code:{g['code']}" if g.get("code") else f"name:{normalise_name(g['recipient'])}"
        gold[(str(g["measure_ordinal"]), key)] = f"{g['recipient']}({g.get('code') or '-'})"
    score = Score()
    unmatched = dict(predicted)
    for (ordinal, key), display in gold.items():
        hit = next((p for p, keys in unmatched.items() if p[0] == ordinal and key in keys), None)
        if hit is None:
            score.fn += 1
            score.missing.append(f"{ordinal}:{display}")
        else:
            score.tp += 1
            del unmatched[hit]
    score.fp = len(unmatched)
    score.extra = sorted(f"{o}:{d}" for o, d in unmatched)
    return score


def evaluate_file(path: Path, gold_path: Path | None = None) -> DocumentReport:
    """Parse one document and compare it with its gold file (default: NAME.gold.json beside it)."""
    from loaders.pipeline import parse_file
    from ontology.errors import DocumentError

    gold_path = gold_path or path.with_name(path.stem + GOLD_SUFFIX)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    report = DocumentReport(name=path.name, path=str(path))
    gold_leads = _gold_department_pairs(gold, "lead")
    gold_supports = _gold_department_pairs(gold, "support")
    try:
        _, docs = parse_file(path)
    except (DocumentError, Exception) as exc:  # noqa: BLE001 - a crash is a result to report, not to raise
        report.error = f"{type(exc).__name__}: {exc}"
        report.kind = Check(gold.get("kind"), None)
        report.doc_number = Check(gold.get("doc_number"), None)
        report.date = Check(gold.get("date"), None)
        report.awards = score_awards(gold.get("awards", []), [])
        report.leads = score_pairs(gold_leads, set())
        report.supports = score_pairs(gold_supports, set())
        return report
    main = _main_document(docs)
    report.documents = len(docs)
    expected_number = gold.get("doc_number")
    report.kind = Check(gold.get("kind"), main.notice.kind)
    report.doc_number = Check(
        canonical_doc_number(expected_number) if expected_number else None,
        canonical_doc_number(main.notice.doc_number) if main.notice.doc_number else None,
    )
    report.date = Check(gold.get("date"), main.notice.date)
    report.awards = score_awards(gold.get("awards", []), docs)
    report.leads = score_pairs(gold_leads, _department_pairs(docs, "lead"))
    report.supports = score_pairs(gold_supports, _department_pairs(docs, "support"))
    return report


def document_files(folder: Path) -> list[Path]:
    """Documents in a folder that have a gold file beside them."""
    golds = sorted(folder.glob("*" + GOLD_SUFFIX))
    files = []
    for gold in golds:
        stem = gold.name[: -len(GOLD_SUFFIX)]
        found = [p for p in folder.iterdir() if p.is_file() and p.stem == stem and not p.name.endswith(".json")]
        if found:
            files.append(found[0])
    return files


def evaluate(folder: Path) -> EvaluationReport:
    return EvaluationReport([evaluate_file(path) for path in document_files(folder)])


# ----- command line --------------------------------------------------------------------------------


def _fmt(score: Score) -> str:
    return f"{score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f}"


def render(report: EvaluationReport, verbose: bool = False) -> str:
    mark = {True: "ok", False: "NO"}
    header = (
        f"{'document':34} {'kind':4} {'文号':4} {'date':4} {'awards P/R/F1':17} {'leads P/R/F1':17} {'support F1':10}"
    )
    lines = [header, "-" * len(header)]
    for d in report.documents:
        if d.error:
            lines.append(f"{d.name[:34]:34} ERROR {d.error}")
            continue
        lines.append(
            f"{d.name[:34]:34} {mark[d.kind.ok]:4} {mark[d.doc_number.ok]:5} {mark[d.date.ok]:4} "
            f"{_fmt(d.awards):17} {_fmt(d.leads):17} {d.supports.f1:5.2f}"
        )
        if verbose:
            for what in ("kind", "doc_number", "date"):
                check = getattr(d, what)
                if not check.ok:
                    lines.append(f"    {what}: expected {check.expected!r}, got {check.got!r}")
            for what in ("awards", "leads", "supports"):
                score = getattr(d, what)
                if score.missing:
                    lines.append(f"    {what} missing: {', '.join(score.missing)}")
                if score.extra:
                    lines.append(f"    {what} extra:   {', '.join(score.extra)}")
    lines.append("-" * len(header))
    totals = {w: report.total(w) for w in ("awards", "leads", "supports")}
    lines.append(
        f"{'micro total':34} {sum(d.metadata_ok for d in report.documents)}/{len(report.documents)} metadata ok"
        f"   awards {_fmt(totals['awards'])}   leads {_fmt(totals['leads'])}   support F1 {totals['supports'].f1:.2f}"
    )
    if report.errors:
        lines.append(f"{len(report.errors)} document(s) failed to parse")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of documents with NAME.gold.json beside each")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list missing and extra pairs")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 2
    report = evaluate(args.folder)
    if not report.documents:
        print(f"{args.folder}: no documents with gold files", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render(report, args.verbose))
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
