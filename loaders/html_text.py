"""The text of an HTML page in a few linear passes: block tags end lines; scripts, styles and the head go;
table rows become `| cell | cell |` lines (loaders/table_rows.py).

No tree is built (BeautifulSoup): inserting line breaks into 100,000 nested <div>s was quadratic, and a tree
of a large page takes many times its size in memory. Two regular-expression substitutions run over the page;
every part of the expressions stops at the next `<` or `>` (or runs once to the end of the text), so no input
makes them scan the same text twice. Tables need no nesting either: every <tr> and <table> boundary cuts a row,
every <td>/<th> opens a cell, so a table nested in a cell (a page laid out in a one-cell table around the real
one) comes out as its own rows, at any depth, in one pass.
"""

from __future__ import annotations

import html
import re

from loaders.table_rows import row_lines

# Block-level tags end a line (before and after), so text order and paragraphs survive.
BLOCK_TAGS = (
    "p div br tr li h1 h2 h3 h4 h5 h6 table section article ul ol dl dt dd blockquote pre hr header footer "
    "nav aside main form"
).split()
_CELL_TAGS = ("td", "th")
_ATTRIBUTES = r"""(?:"[^"]*"|'[^']*'|[^'"<>])*>?"""  # quoted values may hold > (an unclosed tag ends at <)
_BLOCK = "|".join(BLOCK_TAGS + list(_CELL_TAGS))

# Markup that leaves no text, leftmost first, so a comment inside a script goes with the script and a tag
# inside a comment with the comment. Unclosed, each runs to the end of the text.
_DROPPED = re.compile(
    rf"""
    <!--.*?(?:-->|\Z)                                          # a comment
  | <(?P<raw>script|style)\b{_ATTRIBUTES}.*?(?:</(?P=raw)\s*>|\Z)   # content that is not text
  | <(?P<hidden>noscript|template)\b{_ATTRIBUTES}.*?(?:</(?P=hidden)\s*>|\Z)
  | <head\b{_ATTRIBUTES}.*?(?=</head\s*>|<body\b|\Z)               # an unclosed head ends at the body
  | <[!?][^<>]*>?                                              # doctype, CDATA, processing instruction
  | </?(?!(?:{_BLOCK})[\s/>])[A-Za-z][^\s/<>]*{_ATTRIBUTES}      # any other tag but a block or cell tag
    """,
    re.S | re.X | re.I,
)
_BLOCK_TAG = re.compile(rf"<(?P<close>/?)(?P<name>{_BLOCK})(?=[\s/>]|$){_ATTRIBUTES}", re.I)
# Markers left by the tag pass: control characters, which become spaces wherever a page holds them itself.
_ROW, _CELL = "\x1e", "\x1f"
_NO_MARKERS = {ord(_ROW): " ", ord(_CELL): " "}


def _tag(match: re.Match) -> str:
    name = match["name"].lower()
    if name in ("tr", "table"):
        return _ROW
    if name in _CELL_TAGS:
        return "" if match["close"] else _CELL
    return "\n"


def html_to_text(markup: str) -> str:
    """The page's text, one line per block or table row, lines stripped and empty lines dropped."""
    text = _BLOCK_TAG.sub(_tag, _DROPPED.sub("", markup.translate(_NO_MARKERS)))
    lines: list[str] = []
    for chunk in text.split(_ROW):
        head, *cells = chunk.split(_CELL)
        lines.extend(line.strip() for line in _text_of(head).splitlines())
        if cells:
            lines.extend(row_lines(_text_of(cell) for cell in cells))
    return "\n".join(line for line in lines if line)


def _text_of(piece: str) -> str:
    """Character references resolved after the markers are placed, so &#31; in a page is text, not a cell."""
    return html.unescape(piece).translate(_NO_MARKERS) if "&" in piece else piece
