"""The words that end place names (省, 自治州, 高新区, 镇 …), read once from loaders/data/place_words.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

_DATA = tomllib.loads((Path(__file__).parent / "data" / "place_words.toml").read_text(encoding="utf-8"))

LEVEL: tuple[str, ...] = tuple(_DATA["level"])  # longest first where one ends another (自治区 before 区)
AUTONOMOUS: tuple[str, ...] = tuple(_DATA["autonomous"])
CARRIED: tuple[str, ...] = tuple(_DATA["carried"])
ZONE: tuple[str, ...] = tuple(_DATA["zone"])
BASE: str = _DATA["base"][0]
TOWNSHIP: tuple[str, ...] = tuple(_DATA["township"])
VILLAGE: tuple[str, ...] = tuple(_DATA["village"])
# The level a name's last word says, in the order the words are tried.
LEVEL_OF_WORD: tuple[tuple[tuple[str, ...], str], ...] = (
    (ZONE, "zone"),
    ((BASE,), "base"),
    (VILLAGE, "village"),
    (TOWNSHIP, "township"),
    *((tuple(words), level) for level, words in _DATA["level_of_word"].items()),
)
# The last characters of the level words (省市州盟区县旗): every division's name ends in one.
LEVEL_ENDINGS: frozenset[str] = frozenset(word[-1] for word in LEVEL)


def alternation(*groups: tuple[str, ...]) -> str:
    """The words of the groups as a regular-expression alternation, longest first (so a longer word is never cut
    short by a shorter one it ends with)."""
    words = dict.fromkeys(word for group in groups for word in group)
    return "|".join(sorted(words, key=len, reverse=True))
