"""Recognise numbered items (一、 1. (一) 第一条 …) and build them into a tree of items with ordinals."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.segment import Line

_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "一二三四五六七八九十百零两"

# Each numbering scheme, most specific first. The number group is 'n'; the rest of the line follows.
SCHEMES: tuple[tuple[str, re.Pattern], ...] = (
    ("article", re.compile(rf"^第(?P<n>[{_CN}]+)条\s*")),
    ("paren_cn", re.compile(rf"^\((?P<n>[{_CN}]+)\)\s*")),
    ("cn", re.compile(rf"^(?P<n>[{_CN}]+)[、.]\s*")),
    ("paren_arabic", re.compile(r"^\((?P<n>\d{1,3})\)\s*")),
    ("circled", re.compile(r"^(?P<n>[①-⑳])\s*")),
    ("arabic", re.compile(r"^(?P<n>\d{1,3})(?:[、.](?!\d)|\s+(?=\D))\s*")),
    ("bare", re.compile(r"^(?P<n>\d{1,3})$")),
)


def chinese_number(text: str) -> int:
    """十 = 10, 二十一 = 21, 一百零二 = 102."""
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def number_of(raw: str) -> int:
    # Circled numbers first: str.isdigit() is true for ① but int() rejects it.
    if len(raw) == 1 and "①" <= raw <= "⑳":
        return ord(raw) - ord("①") + 1
    if raw.isdigit():
        return int(raw)
    return chinese_number(raw)


@dataclass
class Item:
    scheme: str
    number: int
    depth: int
    start: int  # working-text offset of the numbering
    head: str  # the first line without its numbering
    lines: list[Line] = field(default_factory=list)  # the first line and its continuation lines
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        """The item's own text, numbering removed, continuation lines joined."""
        # A bare number stands alone on its line: the head is the line after it, not a continuation.
        skip = 2 if self.scheme == "bare" and len(self.lines) > 1 else 1
        return "\n".join([self.head] + [line.text for line in self.lines[skip:]])

    @property
    def ordinal(self) -> str:
        return f"{self.parent.ordinal}.{self.number}" if self.parent else str(self.number)


# The schemes as one alternation, each number group named by its scheme: the branches are tried in SCHEMES' order at
# the start of the line, as matching the patterns one by one did, in one call (every line of every document is asked,
# and most lines have no numbering: seven calls each).
_ANY_SCHEME = re.compile(
    "|".join(pattern.pattern.replace("(?P<n>", f"(?P<{scheme}>", 1) for scheme, pattern in SCHEMES)
)


# The characters a numbering can open with besides digits (\d: any Unicode decimal digit, as str.isdecimal): a line
# opening with none of them (most lines) is not matched at all.
_OPENERS = frozenset("第(" + _CN + "".join(map(chr, range(ord("①"), ord("⑳") + 1))))


def match_numbering(text: str) -> tuple[str, int, str] | None:
    first = text[:1]
    if first not in _OPENERS and not first.isdecimal():
        return None
    m = _ANY_SCHEME.match(text)
    if m is None:
        return None
    scheme = str(m.lastgroup)  # the only group a branch has
    return scheme, number_of(m.group(scheme)), text[m.end() :]


def build_items(
    lines: list[Line], closes: re.Pattern | None = None, continues: re.Pattern | None = None
) -> tuple[list[Item], list[Line]]:
    """Build the item tree. Schemes nest in the order they first appear (一、 then 1. then (1) …).
    A line with no numbering continues the open item unless that item was closed by `closes`
    (e.g. a department marker at the end of a measure) and the line is not one that `continues` even a closed item
    (the second line of a marker written on lines of its own). Returns the top items and the lines outside any."""
    scheme_depth: dict[str, int] = {}
    stack: list[Item] = []
    roots: list[Item] = []
    loose: list[Line] = []
    closed = False
    pending_bare: Item | None = None
    for line in lines:
        found = match_numbering(line.text)
        if found and not _is_false_number(found, stack, scheme_depth):
            scheme, number, rest = found
            depth = scheme_depth.setdefault(scheme, len(scheme_depth))
            while stack and stack[-1].depth >= depth:
                stack.pop()
            item = Item(scheme, number, depth, line.start, rest, [line], parent=stack[-1] if stack else None)
            (stack[-1].children if stack else roots).append(item)
            stack.append(item)
            pending_bare = item if scheme == "bare" else None
            closed = bool(closes and closes.search(line.text))
            continue
        if pending_bare is not None:
            # A number alone on a line: its text is the next line.
            pending_bare.head = line.text
            pending_bare.lines.append(line)
            pending_bare = None
            closed = bool(closes and closes.search(line.text))
        elif stack and (not closed or (continues is not None and continues.match(line.text))):
            stack[-1].lines.append(line)
            closed = bool(closes and closes.search(line.text))
        else:
            loose.append(line)
    return roots, loose


def _is_false_number(found: tuple[str, int, str], stack: list[Item], scheme_depth: dict[str, int]) -> bool:
    """Reject a bare year or amount that merely starts a line ("2023 年对上述地方…" after normalising)."""
    scheme, number, rest = found
    if scheme == "arabic" and number > 200:
        return True
    if scheme == "arabic" and rest[:1] in "年月日万元个项%":
        return True
    return False


def walk(items: list[Item]):
    for item in items:
        yield item
        yield from walk(item.children)
