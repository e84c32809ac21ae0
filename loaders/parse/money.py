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


# A run of digits, points and commas followed by 元 or a unit: an amount's number is a whole run (the character before
# it is none of them, and the unit or 元 after it is none of them either), so AMOUNT is tried only at the start of such
# a run. A run followed by anything else matches at none of its positions (a shorter match would be followed by a
# digit, point or comma), so the runs found are whole runs. The same matches as AMOUNT.finditer, which tried its
# look-behind at every position of the text; and the runs of years and numbering (most runs) stay in the engine.
_NUMBER_BEFORE_UNIT = re.compile(r"[\d.,]+(?=[元亿万千])")


def _amount_matches(text: str) -> Iterator[re.Match]:
    for run in _NUMBER_BEFORE_UNIT.finditer(text):
        m = AMOUNT.match(text, run.start())
        if m:
            yield m
