"""Dates as official texts write them: 2022年6月25日, 2022-06-25, and in Chinese numerals 二〇二二年六月二十五日."""

from __future__ import annotations

import re

# Zero is written 〇, ○ (a circle), 零, or a Latin O in retyped texts (二OO六年).
_ZERO = "〇○零Oo"
_CN_DIGIT = {c: 0 for c in _ZERO} | {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_CN = "一二三四五六七八九十"
# 2022年6月25日 (spaces are removed by normalise), 2022-06-25 / 2021-8-23, 二〇二二年六月二十五日.
DATE = re.compile(
    rf"(?P<y>\d{{4}})(?:年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日|-(?P<m2>\d{{1,2}})-(?P<d2>\d{{1,2}})(?!\d))"
    rf"|(?P<cy>[{_ZERO}{_CN[:-1]}]{{4}})年(?P<cm>[{_CN}]{{1,2}})月(?P<cd>[{_CN}]{{1,3}})日"
)


def _cn_number(text: str) -> int:
    """一 … 九, 十, 十二, 二十, 二十九, 三十一."""
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def iso_date(m: re.Match) -> str | None:
    """The ISO form of a DATE match; None for an impossible month or day (a misread, not a date)."""
    if m["cy"]:
        year = int("".join(str(_CN_DIGIT[c]) for c in m["cy"]))
        month, day = _cn_number(m["cm"]), _cn_number(m["cd"])
    else:
        year, month, day = int(m["y"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
