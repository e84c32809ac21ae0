"""A PDF's text with pdfplumber: per page, the lines outside tables and each table's rows, top to bottom."""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from loaders.formats.problems import FormatProblem
from loaders.formats.text_budget import TextBudget
from loaders.limits import limit
from loaders.table_rows import row_lines


def pdf_text(data: bytes) -> str:
    if b"%PDF-" not in data[:1024]:
        raise FormatProblem("is not a PDF (no %PDF- header)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise FormatProblem("is an encrypted PDF that needs a password") from None
        if isinstance(cause, PDFEncryptionError):
            raise FormatProblem(f"is an encrypted PDF this reader cannot decrypt ({cause})") from None
        raise FormatProblem(f"is not a readable PDF ({type(cause).__name__}: {str(cause)[:200]})") from None
    with pdf:
        _check_pages(pdf)
        budget = TextBudget()
        for page in pdf.pages:
            budget.add(_page_lines(page))
            page.close()  # pdfplumber keeps each page's objects otherwise
    return budget.text()


def _check_pages(pdf: pdfplumber.PDF) -> None:
    """The page count the document states, before its page tree is walked (10,000 pages take minutes)."""
    most = limit("IKG_MAX_PDF_PAGES")
    stated = resolve1(resolve1(pdf.doc.catalog.get("Pages")) or {}).get("Count") if pdf.doc.catalog else None
    count = stated if isinstance(stated, int) else len(pdf.pages)
    if count > most:
        raise FormatProblem(
            f"is a PDF of {count:,} pages: more than the {most:,} a document may have (IKG_MAX_PDF_PAGES)"
        )


def _page_lines(page) -> list[str]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    # Text outside every table, as lines with their position, so the tables can be put between them.
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes)) if boxes else page
    blocks = [(line["top"], [line["text"]]) for line in outside.extract_text_lines()]
    for table in tables:
        rows = [line for row in table.extract() for line in row_lines(row)]
        blocks.append((table.bbox[1], rows))
    blocks.sort(key=lambda block: block[0])
    return [line.strip() for _, lines in blocks for line in lines if line.strip()]


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    middle_y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom
