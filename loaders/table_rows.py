"""One line per table row, the same for HTML, DOCX and PDF tables: `| cell | cell |`.

Why this shape: the working copy drops spaces and tabs between CJK characters and digits (normalise), so cells
joined by a tab or an ideographic space would run together (渝北区 500万元 → 渝北区500万元); a `|` with a space on
each side survives, and it is how the restored development-set texts already show tables. A row with one
non-empty cell is not a row of data but a layout cell (pages wrap their whole body in a one-cell table): its
lines are kept as lines. Merged cells (rowspan, colspan) appear once, in their first row and column, so no
name or amount is read twice.
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = " | "


def row_lines(cells: Iterable[str | None]) -> list[str]:
    """The lines a row of cell texts becomes: one `| a | b |` line (a cell's own line breaks become spaces),
    or, when only one cell holds text, that cell's lines."""
    raw = [cell or "" for cell in cells]
    filled = [cell for cell in raw if cell.strip()]
    if not filled:
        return []
    if len(filled) == 1:
        return [line.strip() for line in filled[0].splitlines() if line.strip()]
    return ["| " + SEPARATOR.join(" ".join(cell.split()) for cell in raw) + " |"]
