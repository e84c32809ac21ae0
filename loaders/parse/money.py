"""Amounts of money in text (1000万元, 每项500万元, 2.5亿元) as integer yuan, and whether they are per recipient."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Thousands may be grouped with commas (1,000万元); a number is never taken from the middle of another.
AMOUNT = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>亿|万|千)?元")
_UNIT = {None: 1, "千": 1_000, "万": 10_000, "亿": 100_000_000}
# Words just before an amount that make it an amount for each recipient rather than a total.
_PER_RECIPIENT = re.compile(
    r"(每个?(地方|项|个|区|县|市|单位|地区|家)|各给予|各奖励|分别给予|分别奖励|标准)[^。,;]{0,16}$"
)


@dataclass(frozen=True)
class Amount:
    yuan: int
    per_recipient: bool
    start: int
    end: int


def find_amounts(text: str) -> list[Amount]:
    amounts = []
    for m in AMOUNT.finditer(text):
        yuan = round(float(m["num"].replace(",", "")) * _UNIT[m["unit"]])
        per = bool(_PER_RECIPIENT.search(text[max(0, m.start() - 24) : m.start()]))
        amounts.append(Amount(yuan, per, m.start(), m.end()))
    return amounts
