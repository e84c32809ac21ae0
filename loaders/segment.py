"""Split a working text into documents: drop site boilerplate, find where each document starts, classify it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import NamedTuple

from loaders.departments import marker_vocabulary
from loaders.patterns import load_patterns


class Line(NamedTuple):  # a tuple, not a frozen dataclass: one is made for every line read, 2× cheaper to build
    start: int  # offsets into the working text; text is stripped of surrounding whitespace
    end: int
    text: str


@dataclass(frozen=True)
class Segment:
    part: int
    kind: str
    lines: tuple[Line, ...]

    @cached_property  # joined once: the parsers ask for it several times
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def split_lines(text: str) -> list[Line]:
    lines = []
    at = 0  # where `raw` starts in the text
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = at + len(raw) - len(raw.lstrip())
            lines.append(Line(start, start + len(stripped), stripped))
        at += len(raw) + 1
    return lines


def is_boilerplate(line: str, others: tuple[re.Pattern, ...] | None = None) -> bool:
    """Whether a line is site boilerplate; `others`, when given, are the unanchored patterns left to try (those that
    can match somewhere in the line's text, _others_in)."""
    anchored, all_others = _boilerplate_patterns()
    if anchored and anchored.match(line):
        return True
    for pattern in all_others if others is None else others:  # a loop, not any(): every line of every file is asked
        if pattern.search(line):
            return True
    return False


@cache
def _boilerplate_patterns() -> tuple[re.Pattern | None, tuple[re.Pattern, ...]]:
    """The boilerplate patterns that open with ^ joined into one alternation, tried at the start of the line only
    (`match`: a search tried every branch at every position to fail it there), then the others one by one (joined,
    every branch would be tried at every position; apart, each is found by a scan for its opening characters). The
    joined one matches where any of them does: none uses a back-reference that renumbered groups would break, and
    none has a top-level | (tests/test_segment.py)."""
    patterns = load_patterns().boilerplate
    anchored = [p.pattern for p in patterns if p.pattern.startswith("^")]
    joined = re.compile("|".join(f"(?:{p})" for p in anchored)) if anchored else None
    return joined, tuple(p for p in patterns if not p.pattern.startswith("^"))


# What can make a pattern match in a line and not in the text around it: an anchor, a word boundary or a look-around
# sees the line's edges (or the characters beyond them) differently.
_EDGE_SENSITIVE = re.compile(r"[$^]|\\[bBAZ]|\(\?[=!<]")


def _others_in(text: str) -> tuple[re.Pattern, ...]:
    """The unanchored boilerplate patterns that may match a line of `text`: one search of the whole text each, not one
    of every line (most texts hold none of them). A pattern whose match in a line could fail in the whole text
    (_EDGE_SENSITIVE) is always kept."""
    return tuple(p for p in _boilerplate_patterns()[1] if _EDGE_SENSITIVE.search(p.pattern) or p.search(text))


def segment(text: str) -> list[Segment]:
    others = _others_in(text)
    lines = [line for line in split_lines(text) if not is_boilerplate(line.text, others)]
    starts = _document_starts(lines)
    segments = []
    for part, (begin, end) in enumerate(zip(starts, starts[1:] + [len(lines)])):
        chunk = tuple(lines[begin:end])
        if chunk:
            segments.append(Segment(part, notice_kind_of("\n".join(line.text for line in chunk)), chunk))
    return segments


# Compiled once: every line of every file is asked (re.search(str, …) looks its pattern up at each call).
_SENTENCE_PUNCTUATION = re.compile(r"[。,;:!?]")
_SENTENCE_END = re.compile(r"[。;!?]")


def _is_heading(line: str) -> bool:
    """A title, issuer or 文号 line: short and without sentence punctuation."""
    return len(line) <= 40 and not _SENTENCE_PUNCTUATION.search(line)


def _opens_document(lines: list[Line], i: int) -> bool:
    pats = load_patterns()
    text = lines[i].text
    if pats.addressee.match(text):  # `match`: the pattern opens with ^ and a line has no line break inside
        return True
    # Rules in articles may open straight after their title, without an addressee.
    return bool(pats.first_article.match(text)) and i > 0 and _is_heading(lines[i - 1].text)


def _document_starts(lines: list[Line]) -> list[int]:
    """Index of each document's first line; a document opens with an addressee line or a first article,
    preceded by its heading block (issuer, title, 文号)."""
    pats = load_patterns()
    starts = [0]
    for i, line in enumerate(lines):
        if not _opens_document(lines, i):
            continue
        begin = i
        # A signing date ends the document before: it and the issuer above it are not this one's heading.
        while (
            begin > starts[-1]
            and _is_heading(lines[begin - 1].text)
            and not pats.signature_date.match(lines[begin - 1].text)
            and i - begin < 5
        ):
            begin -= 1
        # What a page puts before its first document (a site's preface, markup) is no document of the genre.
        preface = lines[:begin] if starts == [0] else []
        if sum(len(line.text) for line in preface) > 200 and not any(pats.genre_word.search(x.text) for x in preface):
            starts = [begin]
            continue
        # Only a document with a body of its own before this point counts as a separate one; a body has
        # sentences (a site's menu or a list of links above a notice has none).
        before = lines[starts[-1] : begin]
        body = sum(len(line.text) for line in before)
        if begin > starts[-1] and body > 200 and any(_SENTENCE_END.search(line.text) for line in before):
            starts.append(begin)
    return starts


def notice_kind_of(text: str) -> str:
    """The kind of a document, from cues of the genre (see loaders/data/patterns.toml)."""
    pats = load_patterns()
    head = text[:600]
    articles = len(pats.article.findall(text))
    # A marker may be written without brackets, on a line of its own (牵头单位:区发改局) or closing the line after its
    # sentence (…予以激励。牵头单位:市发展改革委): one a line.
    vocab = marker_vocabulary()
    # The label words and their colon are looked for first: the trailing-labels pattern opens with ^ or a look-behind,
    # so a search of it is tried at every position of the line.
    markers = len(pats.department_marker.findall(text)) + sum(
        1
        for line in text.splitlines()
        if ":" in line and vocab.label.search(line) and vocab.trailing_labels.search(line)
    )
    has_addressee = bool(pats.addressee.search(head))
    if articles >= 3:
        return "implementation_rules"
    if _list_lines_at_least(text, 3) or pats.award_title.search(head):
        if not has_addressee and pats.news_cue.search(text):
            return "news_report"
        return "award_notice"
    if markers >= 3 or pats.measures_cue.search(head):
        return "measures_notice"
    return "plan"


def _list_lines_at_least(text: str, wanted: int) -> bool:
    """Whether `wanted` lines of `text` open with a list of places: counted until there are that many (an award notice
    has dozens, each matched by a backtracking pattern)."""
    pattern = load_patterns().locality_list
    found = 0
    label_line = marker_vocabulary().label_line  # 责任单位:某某开发区,… names departments, not places
    for line in text.splitlines():
        if pattern.match(line) and not label_line.match(line):
            found += 1
            if found >= wanted:
                return True
    return False
