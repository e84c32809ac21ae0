"""The pipeline on damaged and hostile files: one file's failure is its own DocumentError, line breaks of every
kind parse alike, documents past the measure and award caps are refused, each document is checked on its own text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import open_empty_store, seed

from loaders.pipeline import load_paths, parse_file
from ontology.errors import DocumentError

HEAD = "重庆市人民政府办公厅\n关于印发督查激励措施的通知\n各区县(自治县)人民政府,市政府各部门:\n现将有关事项通知如下:\n"


def measures_notice(n: int) -> str:
    return HEAD + "".join(f"{i % 200 + 1}.对成效明显的区县给予奖励。(市财政局负责)\n" for i in range(n))


def test_a_damaged_file_does_not_stop_the_files_beside_it(tmp_path: Path) -> None:
    data = seed("000").read_bytes()
    cut = data.index("关于".encode())
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a_damaged.txt").write_bytes(b"\xef\xbb\xbf" + data[:cut] + b"\xff" + data[cut:])
    (folder / "b_good.txt").write_bytes(seed("001").read_bytes())
    (folder / "c_binary.txt").write_bytes(bytes(range(1, 256)) * 40)
    store = open_empty_store("ladybug", tmp_path)
    try:
        report = load_paths([folder], store)
        assert [Path(f.path).name for f in report.files if f.documents] == ["a_damaged.txt", "b_good.txt"]
        (error,) = report.errors
        assert error.startswith(str(folder / "c_binary.txt") + ": is binary or not text in a known encoding")
        damaged = report.files[0].documents[0]
        assert [(w.code, w.message.split(" could")[0]) for w in damaged.warnings[:1]] == [
            ("undecodable_bytes", "1 byte")
        ]
        assert damaged.measures == 30
        stored = store.counts()["nodes"]["Measure"]
        assert stored == sum(d.measures for d in report.documents) == 30 + 32
    finally:
        store.close()


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r"])
def test_every_line_break_parses_like_a_newline_with_spans_into_the_original(tmp_path: Path, brk: str) -> None:
    text = seed("000").read_text(encoding="utf-8")
    plain, plain_docs = parse_file(seed("000"))
    path = tmp_path / "breaks.txt"
    path.write_text(text.replace("\n", brk), encoding="utf-8")
    raw, docs = parse_file(path)
    assert [(m.ordinal, m.title, [d.name for d in m.lead_departments]) for d in docs for m in d.measures] == [
        (m.ordinal, m.title, [d.name for d in m.lead_departments]) for d in plain_docs for m in d.measures
    ]
    for doc, plain_doc in zip(docs, plain_docs):
        for m, pm in zip(doc.measures, plain_doc.measures):
            assert m.span == pm.span  # one character for one: the same offsets
            assert raw.original[m.span[0] : m.span[1]].replace(brk, "\n") == plain.original[pm.span[0] : pm.span[1]]


def test_a_notice_past_the_measure_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    path.write_text(measures_notice(2_000), encoding="utf-8")
    assert len(parse_file(path)[1][0].measures) == 2_000
    path.write_text(measures_notice(2_001), encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        parse_file(path)
    assert info.value.path == str(path)
    assert info.value.problem == (
        "document 1 of the file has 2,001 measures: more than the 2,000 a document may have "
        "(IKG_MAX_MEASURES_PER_DOCUMENT)"
    )


def test_caps_come_from_the_environment(monkeypatch) -> None:
    _, docs = parse_file(seed("003"))
    awards = max(len(d.awards) for d in docs)
    assert awards > 100
    monkeypatch.setenv("IKG_MAX_AWARDS_PER_DOCUMENT", str(awards - 1))
    with pytest.raises(DocumentError, match=f"has {awards} awards: more than the {awards - 1} a document may have"):
        parse_file(seed("003"))
    monkeypatch.setenv("IKG_MAX_AWARDS_PER_DOCUMENT", str(awards))
    monkeypatch.setenv("IKG_MAX_MEASURES_PER_DOCUMENT", "29")
    with pytest.raises(DocumentError, match="has 30 measures: more than the 29"):
        parse_file(seed("000"))


def test_a_document_is_checked_against_its_own_text_not_the_page_before_it(tmp_path: Path) -> None:
    _, alone = parse_file(seed("003"))
    page = tmp_path / "page.txt"
    page.write_text(seed("002").read_text(encoding="utf-8") + "\n" + seed("003").read_text(encoding="utf-8"))
    _, docs = parse_file(page)
    assert len(docs) == 2
    assert docs[-1].notice.jurisdiction == alone[-1].notice.jurisdiction
    checks = [[w.message for w in d.warnings if w.code == "count_mismatch"] for d in (docs[-1], alone[-1])]
    assert checks[0] == checks[1]
