"""The genre's cue patterns, compiled once from loaders/data/patterns.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATTERNS_FILE = Path(__file__).parent / "data" / "patterns.toml"


@dataclass(frozen=True)
class Patterns:
    boilerplate: tuple[re.Pattern, ...]
    addressee: re.Pattern
    first_article: re.Pattern
    signature_date: re.Pattern
    article: re.Pattern
    department_marker: re.Pattern
    catch_all_department: re.Pattern
    department_conjunction: re.Pattern
    department_end: re.Pattern
    award_title: re.Pattern
    locality_list: re.Pattern
    news_cue: re.Pattern
    genre_word: re.Pattern
    measures_cue: re.Pattern
    cap: re.Pattern
    cap_word: re.Pattern
    target_levels: dict[str, re.Pattern]
    incentive_types: dict[str, re.Pattern]


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    raw = tomllib.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    return Patterns(**{key: _compile(value) for key, value in raw.items()})


def find_caps(text: str) -> list[str]:
    """Limits on how many may be rewarded (每类…不超过3个) written in `text`."""
    patterns = load_patterns()
    return [m.group() for m in patterns.cap.finditer(text)] if patterns.cap_word.search(text) else []


def _compile(value: str | list | dict):
    if isinstance(value, list):
        return tuple(re.compile(p) for p in value)
    if isinstance(value, dict):
        return {label: re.compile(p) for label, p in value.items()}
    return re.compile(value)
