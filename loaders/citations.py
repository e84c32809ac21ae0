"""Notices a text cites by title alone (《关于…的通知》 with no 文号 after it), for the linking stage to resolve.

The parser records citations by 文号 (`Notice.cites`, `supersedes`); a citation written without one is only a title.
This finds those titles in a document's text, with the issuing body when the sentence names it right before the
title (省政府办公厅印发《关于…的通知》 → 省政府办公厅关于…的通知), so that `loaders.linking` can match them to loaded
notices by issuer, title and year. A title the sentence says stops applying (…停止执行) is superseded, not cited.
The patterns (the organ before 《, title words, the verbs of 废止) are the metadata stage's (loaders/parse/metadata.py).
"""

from __future__ import annotations

import re

from loaders.parse.metadata import DOC_NUMBER, SUPERSEDE, cues

_TITLE = re.compile(r"《([^《》\n]{4,120})》")
# What may stand between a title and the 文号 that identifies it: (国办发〔2021〕49号), (2021年3月5日)湘政发…
_NUMBER_AFTER = re.compile(r"^\s*[(（]?\s*(?:\d{4}年\d{1,2}月\d{1,2}日\s*[)）]?\s*[(（]?)?\s*$")
# Words a sentence puts before the organ's name (和, 根据, 近日…): not part of it.
_LEAD = re.compile(r"^(?:和|以及|根据|按照|依据|依照|参照|贯彻|落实|执行|结合|近日|日前|今年|去年|经)+")
_LOOK_BEFORE = 24  # characters before 《 where the sentence may name the issuer (省政府办公厅近日印发《…》)


def cited_titles(text: str, own_title: str | None = None) -> tuple[list[str], list[str]]:
    """(cited, superseded): titles of notices the text names without a 文号, each once, in order of appearance."""
    issuer_before, title_word = cues().issuer_before_quote, cues().title_word
    cited: list[str] = []
    superseded: list[str] = []
    for m in _TITLE.finditer(text):
        title = re.sub(r"\s+", "", m.group(1))
        if not title_word.search(title) or _same_title(title, own_title):
            continue
        following = text[m.end() : m.end() + 40]
        number = DOC_NUMBER.search(following)
        if number and _NUMBER_AFTER.match(following[: number.start()]):
            continue  # identified by its 文号: the parser's citation already
        before = text[max(0, m.start() - _LOOK_BEFORE) : m.start()]
        if title.startswith("关于") and (org := issuer_before.search(before)):
            title = _LEAD.sub("", org["org"]) + title
        sentence_end = text.find("。", m.end())
        rest = text[m.end() : sentence_end if sentence_end >= 0 else len(text)]
        # The clause running from the title into 停止执行 (no other title between) says this one stops applying.
        verb = SUPERSEDE.search(rest)
        target = superseded if verb and "《" not in rest[: verb.start()] else cited
        if title not in cited and title not in superseded:
            target.append(title)
    return cited, superseded


def _same_title(title: str, own: str | None) -> bool:
    return bool(own) and re.sub(r"\s+", "", own or "").endswith(title)
