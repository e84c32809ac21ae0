"""The parser measured against hand-written gold files in tests/eval (documents of the genre written for the
tests): awardee and lead-department F1, metadata, and no document may crash the parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.evaluate import EvaluationReport, Score, document_files, evaluate, main, score_awards, score_pairs

EVAL = Path(__file__).parent / "eval"
FILES = document_files(EVAL)


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    return evaluate(EVAL)


def test_the_evaluation_set_is_there() -> None:
    assert len(FILES) >= 12
    suffixes = {p.suffix for p in FILES}
    assert {".txt", ".html"} <= suffixes


def test_every_document_parses(report: EvaluationReport) -> None:
    assert [(d.name, d.error) for d in report.errors] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_metadata_matches_the_gold(report: EvaluationReport, path: Path) -> None:
    (doc,) = [d for d in report.documents if d.path == str(path)]
    for what in ("kind", "doc_number", "date"):
        check = getattr(doc, what)
        assert check.ok, f"{path.name} {what}: expected {check.expected!r}, got {check.got!r}"


def test_awardee_f1(report: EvaluationReport) -> None:
    total = report.total("awards")
    assert total.tp > 200
    assert total.f1 >= 0.95, {d.name: d.awards.missing + d.awards.extra for d in report.documents if d.awards.f1 < 1}


def test_lead_department_f1(report: EvaluationReport) -> None:
    total = report.total("leads")
    assert total.tp > 80
    assert total.f1 >= 0.95, {d.name: d.leads.missing + d.leads.extra for d in report.documents if d.leads.f1 < 1}


# ----- the scorer itself ----------------------------------------------------------------------------


def test_scores() -> None:
    s = score_pairs({("1", "a"), ("1", "b"), ("2", "c")}, {("1", "a"), ("2", "c"), ("2", "d")})
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert Score().f1 == 1.0  # nothing expected, nothing found


def test_award_pairs_match_by_code_or_name() -> None:
    from loaders.records import Award, Notice, ParsedDocument, Recipient, Source

    doc = ParsedDocument(Source("x", "", 0, (0, 0)), Notice("n", "award_notice"))
    doc.awards = [
        Award("1", Recipient("石柱县", name="石柱土家族自治县", code="500240"), (0, 0)),
        Award("1", Recipient("成都高新区", name="成都高新区"), (0, 0)),
        Award("2", Recipient("成都市", name="成都市", code="510100"), (0, 0)),
    ]
    gold = [
        {"measure_ordinal": "1", "recipient": "石柱土家族自治县", "code": "500240"},
        {"measure_ordinal": "1", "recipient": "成都高新区", "code": None},
        {"measure_ordinal": "1", "recipient": "成都市", "code": "510100"},  # listed under another category
    ]
    s = score_awards(gold, [doc])
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)


def test_lead_departments_compare_canonical_names(tmp_path: Path) -> None:
    text = (
        "某某市人民政府办公厅关于印发督查激励措施的通知\n某府办发〔2023〕1号\n各区人民政府，市政府各部门：\n"
        "现将有关事项通知如下：\n一、对扩大有效投资成效明显的区予以支持。（市发展和改革委员会负责）\n"
        "二、对促进消费成效明显的区予以支持。（市商务局负责）\n三、对稳就业成效明显的区予以支持。（市人社局负责）\n"
        "某某市人民政府办公厅\n2023年3月1日\n"
    )
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    gold = {
        "kind": "measures_notice",
        "doc_number": "某府办发[2023]1号",
        "date": "2023-03-01",
        "measures": [
            {"ordinal": "1", "lead": ["市发展改革委"], "support": []},
            {"ordinal": "2", "lead": ["市商务局"], "support": []},
            {"ordinal": "3", "lead": ["市人力资源和社会保障局"], "support": []},
        ],
        "awards": [],
    }
    (tmp_path / "doc.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (doc,) = evaluate(tmp_path).documents
    assert doc.metadata_ok
    assert (doc.leads.tp, doc.leads.fp, doc.leads.fn) == (3, 0, 0)


def test_command_line(capsys) -> None:
    assert main([str(EVAL), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["errors"] == 0 and out["totals"]["awards"]["f1"] >= 0.95
    assert main([str(EVAL)]) == 0
    assert "micro total" in capsys.readouterr().out
