"""PDF, DOCX and HTML tables: the same written notice gives the same facts in every format, and hostile files
are refused with the file and the problem, within the limits (loaders/limits.py)."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest
from format_docs import BLOCKS, TEXT, new_pdf, write_docx, write_html, write_pdf, write_txt

from cypher.store import open_store
from loaders.pipeline import load_paths, parse_file
from loaders.read import read_document
from ontology.errors import DocumentError
from ontology.settings import Settings

WRITERS = {"html": write_html, "docx": write_docx, "pdf": write_pdf}


def facts(path: Path) -> list[dict]:
    """What the graph is made of, per document: awards (place, code, category, amount), measures' amounts and
    departments, and the notice's metadata."""
    _, docs = parse_file(path)
    return [
        {
            "notice": (doc.notice.kind, doc.notice.doc_number, doc.notice.issuer, doc.notice.date),
            "awards": sorted(
                (a.measure_ordinal, a.recipient.as_written, a.recipient.id, a.amount_yuan) for a in doc.awards
            ),
            "measures": sorted(
                (
                    m.ordinal,
                    tuple(m.amounts_yuan),
                    tuple(d.id for d in m.lead_departments),
                    tuple(d.id for d in m.supporting_departments),
                )
                for m in doc.measures
            ),
        }
        for doc in docs
    ]


@pytest.fixture(scope="module")
def as_txt(tmp_path_factory) -> list[dict]:
    return facts(write_txt(tmp_path_factory.mktemp("txt") / "notice.txt"))


def test_the_written_notice_yields_awards_amounts_and_departments(as_txt) -> None:
    award, measures = as_txt
    assert award["notice"] == ("award_notice", "川办函〔2024〕15号", "四川省人民政府办公厅", "2024-03-15")
    assert {(name, code) for _, name, code, _ in award["awards"]} == {
        ("绵阳市", "510700"),
        ("宜宾市", "511500"),
        ("郫都区", "510117"),
        ("苍溪县", "510824"),
        ("会理市", "513402"),
    }
    assert {amount for m in award["measures"] for amount in m[1]} == {10_000_000, 3_000_000}
    assert measures["notice"][1] == "川办发〔2024〕3号"
    leads = [lead for m in measures["measures"] for lead in m[2]]
    assert len(leads) == 3 and len(set(leads)) == 2  # 省发展改革委 twice, 省农业农村厅
    assert sum(len(m[3]) for m in measures["measures"]) == 3


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_each_format_gives_the_facts_of_the_text(kind: str, tmp_path: Path, as_txt) -> None:
    path = WRITERS[kind](tmp_path / f"notice.{kind}")
    raw = read_document(path)
    assert raw.original == TEXT.rstrip("\n")  # tables as "| 1 | 绵阳市 | 1000万元 |" rows, in document order
    assert "| 3 | 凉山州会理市 | 300万元 |" in raw.original.splitlines()
    assert facts(path) == as_txt


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_spans_point_into_the_extracted_text_and_the_source_is_the_file(kind: str, tmp_path: Path) -> None:
    path = WRITERS[kind](tmp_path / f"notice.{kind}")
    raw, docs = parse_file(path)
    award = next(a for d in docs for a in d.awards if a.recipient.as_written == "宜宾市")
    start, end = award.span
    assert raw.original[start:end] == "宜宾市"
    assert docs[0].source.path == str(path) and docs[0].source.sha256 == raw.sha256  # of the file's bytes
    assert raw.encoding == kind


# ----- HTML tables -------------------------------------------------------------------------------


def test_html_rowspan_colspan_and_nested_tables_stay_rows() -> None:
    from loaders.html_text import html_to_text

    page = (
        "<table><tr><th>序号</th><th colspan='2'>地方及金额</th></tr>"
        "<tr><td rowspan='2'>1</td><td>绵阳市</td><td>1000万元</td></tr>"
        "<tr><td>宜宾市</td><td><p>800</p><p>万元</p></td></tr>"
        "<tr><td>2</td><td><table><tr><td>郫都区</td><td>300万元</td></tr></table></td></tr></table><p>完</p>"
    )
    assert html_to_text(page).splitlines() == [
        "| 序号 | 地方及金额 |",
        "| 1 | 绵阳市 | 1000万元 |",
        "| 宜宾市 | 800 万元 |",
        "2",  # the outer row's own cell, then the nested table's row
        "| 郫都区 | 300万元 |",
        "完",
    ]


def test_deeply_nested_tables_are_read_in_linear_time(tmp_path: Path) -> None:
    deep = "<html><body>" + "<table><tr><td>" * 60_000 + "绵阳市" + "</td></tr></table>" * 60_000
    assert read_document(write(tmp_path, "deep.html", deep.encode())).original == "绵阳市"


# ----- hostile files -----------------------------------------------------------------------------


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.path == str(path)
    return info.value


def test_text_named_pdf_or_docx_is_refused_for_what_it_is(tmp_path: Path) -> None:
    assert refused(write(tmp_path, "x.pdf", TEXT.encode())).problem == "is not a PDF (no %PDF- header)"
    assert refused(write(tmp_path, "x.docx", TEXT.encode())).problem == "is not a DOCX (not a zip package)"
    assert refused(write(tmp_path, "e.pdf", b"")).problem == "is empty"


def test_a_truncated_pdf_and_a_zip_that_is_no_docx(tmp_path: Path) -> None:
    data = write_pdf(tmp_path / "whole.pdf").read_bytes()
    assert "PDF" in refused(write(tmp_path, "cut.pdf", data[: len(data) // 3])).problem
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("readme.txt", "x")
    assert refused(write(tmp_path, "z.docx", package.getvalue())).problem == (
        "is not a DOCX (no word/document.xml in the package)"
    )


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    pdf = new_pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.cell(0, 6, "督查激励")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    assert refused(path).problem == "is an encrypted PDF that needs a password"


def test_a_pdf_open_to_read_but_restricted_is_read(tmp_path: Path) -> None:
    """Government PDFs often forbid copying with an owner password only; the text is still theirs to read."""
    pdf = new_pdf()
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.cell(0, 6, "对绵阳市给予督查激励")
    path = tmp_path / "restricted.pdf"
    pdf.output(str(path))
    assert read_document(path).original == "对绵阳市给予督查激励"


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
def test_a_pdf_of_ten_thousand_pages_is_refused_by_its_page_count(tmp_path: Path) -> None:
    pdf = new_pdf()
    for _ in range(10_000):
        pdf.add_page()
    path = tmp_path / "pages.pdf"
    pdf.output(str(path))
    assert refused(path).problem == (
        "is a PDF of 10,000 pages: more than the 500 a document may have (IKG_MAX_PDF_PAGES)"
    )


def test_a_pdf_whose_content_stream_never_ends_in_time_is_stopped(tmp_path: Path, monkeypatch) -> None:
    """A compressed content stream of 60 MB of drawing operators (a few hundred KB on disk)."""
    monkeypatch.setenv("IKG_MAX_EXTRACT_SECONDS", "3")
    stream = zlib.compress(b"0 0 m 1 1 l S " * 4_000_000, 9)
    path = write(tmp_path, "stream.pdf", _one_page_pdf(stream))
    problem = refused(path).problem
    assert problem in (
        "could not be read as PDF within 3 s (IKG_MAX_EXTRACT_SECONDS)",
        "needs more than the 1024 MB its PDF reader may use (IKG_MAX_EXTRACT_MB)",
    )


def _one_page_pdf(stream: bytes) -> bytes:
    """A minimal PDF file around one page's (compressed) content stream, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (200 * 1024 * 1024) + b">")
    assert len(package.getvalue()) < 1024 * 1024
    problem = refused(write(tmp_path, "bomb.docx", package.getvalue())).problem
    assert problem.startswith("is a DOCX that unpacks to 209,715,") and problem.endswith(
        "more than the 104,857,600 a document may (IKG_MAX_UNPACKED_BYTES)"
    )


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_extracted_text_over_the_text_limit_is_refused(kind: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IKG_MAX_TEXT_CHARS", "300")
    path = WRITERS[kind](tmp_path / f"long.{kind}")
    assert refused(path).problem == (
        "holds more than 300 characters of text: more than a document file may hold (IKG_MAX_TEXT_CHARS)"
    )


def test_the_file_size_limit_holds_for_pdf(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IKG_MAX_DOCUMENT_BYTES", "1000")
    path = write_pdf(tmp_path / "big.pdf")
    assert "is larger than the 1,000 bytes a document file may be (IKG_MAX_DOCUMENT_BYTES)" in refused(path).problem


def test_a_scanned_pdf_without_text_holds_no_text(tmp_path: Path) -> None:
    pdf = new_pdf()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert refused(path).problem.startswith("holds no text")


# ----- a folder of every format ------------------------------------------------------------------


def test_load_a_folder_mixing_formats_and_a_broken_file(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    write_txt(folder / "a.txt")
    # The other formats hold only the measures notice, so each file is a notice of its own in the graph.
    measures = BLOCKS[14:]
    write_docx(folder / "b.docx", measures)
    write_pdf(folder / "c.pdf", [(k, c.replace("川办发〔2024〕3号", "川办发〔2024〕4号")) for k, c in measures])
    write_html(folder / "d.html")
    (folder / "broken.pdf").write_text("这不是PDF文件", encoding="utf-8")
    store = open_store(f"ladybug://{tmp_path / 'graph'}")
    try:
        report = load_paths([folder], store)
        assert report.errors == [f"{folder / 'broken.pdf'}: is not a PDF (no %PDF- header)"]
        loaded = {Path(f.path).name: [d.doc_number for d in f.documents] for f in report.files if f.documents}
        assert loaded == {
            "a.txt": ["川办函〔2024〕15号", "川办发〔2024〕3号"],
            "b.docx": ["川办发〔2024〕3号"],
            "c.pdf": ["川办发〔2024〕4号"],
            "d.html": ["川办函〔2024〕15号", "川办发〔2024〕3号"],
        }
        rows = store.query("MATCH (n:Notice) WHERE n.source_path IS NOT NULL RETURN n.doc_number, n.source_path").rows
        assert Path(dict(rows)["川办发〔2024〕4号"]).name == "c.pdf"
    finally:
        store.close()


def test_the_api_serves_a_docx_notices_extracted_text_and_accepts_pdf_uploads(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    path = write_docx(tmp_path / "notice.docx")
    store = open_store(f"ladybug://{tmp_path / 'graph'}")
    try:
        assert not load_paths([path], store).errors
        client = TestClient(create_app(store, Settings(api_key="k", upload_dir=str(tmp_path / "uploads"))))
        notice = client.get("/notices", params={"q": "川办函"}).json()
        notice_id = next(n["id"] for n in notice["items"] if n.get("doc_number") == "川办函〔2024〕15号")
        source = client.get(f"/notices/{notice_id}/source").json()
        assert source["text"] == TEXT.rstrip("\n") and source["source_path"] == str(path)
        start, end = source["span_start"], source["span_end"]
        assert source["text"][start:end].startswith("四川省人民政府办公厅\n关于对2023年度")
        pdf = ("notice.pdf", write_pdf(tmp_path / "up.pdf").read_bytes(), "application/pdf")
        body = client.post("/documents?wait=true", files={"files": pdf}, headers={"X-API-Key": "k"}).json()
        assert body["loaded"] == 1 and body["failed"] == 0, body
    finally:
        store.close()
