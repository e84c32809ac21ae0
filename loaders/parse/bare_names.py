"""Places written without their level word, found only where the list around them says what they are.

News writes 古田、周宁、云霄……仙游14个县市 and 青县、南皮、孟村等5个县各75万元: a list closed by a count of
places whose count equals its items, 肃宁175万元,黄骅150万元,…: two or more places each followed by its
money, or …名单如下:江苏、福建、广西。: a list after the colon of a list opener, every item a place. A bare 古田
or 肃宁 elsewhere is a word, not a place, so nothing else is read this way. The shapes are data
(`loaders/data/prose_cues.toml`, `counted_list`, `allocation` and `opened_list`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from loaders.parse.numbering import number_of

IsName = Callable[[str], bool]  # a place's full name or its stem (古田 of 古田县)
_UNKNOWN_SHARE = 5  # a counted list may hold one unknown item in this many


def bare_name_spans(
    text: str, is_name: IsName, counted_list: re.Pattern, allocation: re.Pattern, opened_list: re.Pattern
) -> list[tuple[int, int]]:
    """(start, end) of every item of a counted list, an allocation list or an opened list in `text`. A counted
    list needs its 个, an allocation its 元 and an opened list its 名单 or 如下 (the patterns hold them): texts
    without are not searched."""
    counted = _counted_items(text, is_name, counted_list) if "个" in text else []
    opened = _opened_items(text, is_name, opened_list) if "名单" in text or "如下" in text else []
    return counted + opened + (_allocated_items(text, is_name, allocation) if "元" in text else [])


def _counted_items(text: str, is_name: IsName, counted_list: re.Pattern) -> list[tuple[int, int]]:
    spans = []
    for match in counted_list.finditer(text):
        items, start = match["items"].split("、"), match.start("items")
        first = _known_tail(items[0], is_name)  # the list's first item follows other words: …前200名的古田
        unknown = sum(not is_name(item) for item in items[1:])
        # The count says the items are places: one in five may be an abbreviation no gazetteer holds (阜蒙 for
        # 阜新蒙古族自治县); it is left out, the others are read.
        if first is None or unknown * _UNKNOWN_SHARE > len(items) or number_of(match["count"]) != len(items):
            continue
        offset = start + len(items[0]) - len(first)
        for item in [first, *items[1:]]:
            if item is first or is_name(item):
                spans.append((offset, offset + len(item)))
            offset += len(item) + 1
    return spans


def _opened_items(text: str, is_name: IsName, opened_list: re.Pattern) -> list[tuple[int, int]]:
    spans = []
    for match in opened_list.finditer(text):
        items, offset = match["items"].split("、"), match.start("items")
        if not all(is_name(item) for item in items):
            continue  # a list of something else (名单如下:张三、李四), or of places and other things
        for item in items:
            spans.append((offset, offset + len(item)))
            offset += len(item) + 1
    return spans


def _allocated_items(text: str, is_name: IsName, allocation: re.Pattern) -> list[tuple[int, int]]:
    pairs = [m for m in allocation.finditer(text) if is_name(m["name"])]
    return [(m.start("name"), m.end("name")) for m in pairs] if len(pairs) >= 2 else []


def _known_tail(word: str, is_name: IsName) -> str | None:
    return next((word[-n:] for n in (4, 3, 2) if len(word) >= n and is_name(word[-n:])), None)
