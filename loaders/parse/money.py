"""Amounts of money in text (1000万元, 每项500万元, 2.5亿元) as integer yuan, with whom each is for."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Thousands may be grouped with commas (1,000万元); a number is never taken from the middle of another.
AMOUNT = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>亿|万|千)?元")
_UNIT = {None: 1, "千": 1_000, "万": 10_000, "亿": 100_000_000}
# Words just before an amount that say whom it is for; the first that fits names its basis.
_BASES = (
    ("per_item", re.compile(r"每(项|类|个事项)[^。,;]{0,16}$")),
    ("per_locality", re.compile(r"(每个?(地方|区|县|市|州|地区)|各给予|各奖励|分别给予|分别奖励)[^。,;]{0,16}$")),
    ("each", re.compile(r"(每个?(单位|家|个|名|所)|标准)[^。,;]{0,16}$")),
)


class Amount(NamedTuple):  # a tuple, not a frozen dataclass: cheaper to build, one for every amount read
    yuan: int
    basis: str  # per_item | per_locality | each | total
    start: int
    end: int

    @property
    def per_recipient(self) -> bool:
        return self.basis != "total"


def find_amounts(text: str) -> list[Amount]:
    if "元" not in text:  # most texts name no money; the pattern would still be tried at every digit
        return []
    amounts = []
    for m in _amount_matches(text):
        yuan = round(float(m["num"].replace(",", "")) * _UNIT[m["unit"]])
        before = text[max(0, m.start() - 24) : m.start()]
        basis = _basis(before)
        amounts.append(Amount(yuan, basis, m.start(), m.end()))
    return amounts


def _basis(before: str) -> str:
    """Whom the amount is for, from the words before it: the first of _BASES that fits (a loop: a generator cost more
    than the searches, for each of the ~30,000 amounts of the generated corpus)."""
    for name, pattern in _BASES:
        if pattern.search(before):
            return name
    return "total"


# An amount ends in 元, after its number and perhaps a unit: each 元 is found by a scan (str.find, in C), and AMOUNT is
# tried only at the start of the run of digits, points and commas just before it (or before its unit). That run is a
# whole run, so the look-behind holds there. The same matches as AMOUNT.finditer, which tried its look-behind at every
# position of the text, and as a pattern finding the runs of digits (every comma of a sentence opened one).
_UNITS = frozenset(_UNIT) - {None}
_NUMBER_CHARS = frozenset(".,")


def _amount_matches(text: str) -> Iterator[re.Match]:
    at = text.find("元")
    while at >= 0:
        start = at - 1 if at > 0 and text[at - 1] in _UNITS else at
        while start > 0 and (text[start - 1] in _NUMBER_CHARS or text[start - 1].isdecimal()):
            start -= 1
        if start < at:
            m = AMOUNT.match(text, start)
            if m:
                yield m
        at = text.find("元", at + 1)
