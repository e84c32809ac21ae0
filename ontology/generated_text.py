"""Sections of a document (README) generated from the code, between two marker comments, so they cannot drift
from it: replacing one, and the `python -m …` entry that prints it or writes it into the document."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def with_section(text: str, begin: str, end: str, body: str) -> str:
    """`text` with what stands between the markers replaced by `body`."""
    start, stop = text.index(begin) + len(begin), text.index(end)
    return text[:start] + "\n" + body.strip("\n") + "\n" + text[stop:]


def main(begin: str, end: str, make: Callable[[], str]) -> None:
    """`--write FILE`: put the section into FILE; no argument: print it."""
    if sys.argv[1:2] == ["--write"]:
        path = Path(sys.argv[2])
        path.write_text(with_section(path.read_text(encoding="utf-8"), begin, end, make()), encoding="utf-8")
    else:
        print(make())
