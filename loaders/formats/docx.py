"""A DOCX's text with python-docx: the body's paragraphs and tables in document order, tables as rows."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from loaders.formats.problems import FormatProblem
from loaders.formats.text_budget import TextBudget
from loaders.limits import limit
from loaders.table_rows import row_lines

_MAX_PARTS = 10_000  # files in the package: a real document has a few dozen


def docx_text(data: bytes) -> str:
    _check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… for a damaged package
        raise FormatProblem(f"is not a readable DOCX ({type(exc).__name__}: {str(exc)[:200]})") from None
    budget = TextBudget()
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            budget.add([block.text])
        elif isinstance(block, Table):
            budget.add(_table_lines(block))
    return budget.text()


def _check_package(data: bytes) -> None:
    """Refuse a zip bomb before python-docx inflates it: the sizes the package states are also the most that
    zipfile will inflate (it stops at the stated size and checks the CRC)."""
    if not data.startswith(b"PK\x03\x04"):
        raise FormatProblem("is not a DOCX (not a zip package)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FormatProblem(f"is not a readable DOCX ({exc})") from None
    if len(parts) > _MAX_PARTS:
        raise FormatProblem(f"is a DOCX package of {len(parts):,} files: more than {_MAX_PARTS:,}")
    unpacked = sum(part.file_size for part in parts)
    most = limit("IKG_MAX_UNPACKED_BYTES")
    if unpacked > most:
        raise FormatProblem(
            f"is a DOCX that unpacks to {unpacked:,} bytes: more than the {most:,} a document may "
            "(IKG_MAX_UNPACKED_BYTES)"
        )
    if not any(part.filename == "word/document.xml" for part in parts):
        raise FormatProblem("is not a DOCX (no word/document.xml in the package)")


def _table_lines(table: Table) -> list[str]:
    lines = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":  # the lower part of a vertically merged cell: its text is in the first row
                continue
            cells.append(_cell_text(tc, table))
        lines.extend(row_lines(cells))
    return lines


def _cell_text(tc, table: Table) -> str:
    """Every paragraph in the cell, those of tables nested in it too (flattened, one per line, in order)."""
    return "\n".join(Paragraph(p, table).text for p in tc.iter(qn("w:p")))
