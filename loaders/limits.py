"""Limits on what one file may hold, so that reading and parsing stay linear in time and memory.

Each limit can be changed by an environment variable, read when it is used (so a test or a server can set
it). The defaults sit far above anything seen in real documents or in the generated national corpus
(largest: 84 measures and 937 awards in a document, lines of 444 characters) and keep a file of the
largest size within 10 s and 1 GB (see benchmarks/fuzz.py).
"""

from __future__ import annotations

import os

from loaders.errors import LoaderError

DEFAULTS = {
    # A document file larger than this is refused before it is read.
    "IKG_MAX_DOCUMENT_BYTES": 20 * 1024 * 1024,
    # Characters of text (after decoding, markup stripped). Parsing takes up to ~5 µs a character, so this
    # keeps a file within seconds; the largest real file holds about 10,000.
    "IKG_MAX_TEXT_CHARS": 1_000_000,
    # Longer lines are not text of this genre (a paragraph is at most a few thousand characters) and
    # make the per-line rules slow; a file holding one is refused.
    "IKG_MAX_LINE_CHARS": 20_000,
    # `<` and `&` in an HTML page: each costs a few microseconds to strip (a real page has a few thousand).
    "IKG_MAX_HTML_MARKUP": 500_000,
    "IKG_MAX_MEASURES_PER_DOCUMENT": 2_000,
    "IKG_MAX_AWARDS_PER_DOCUMENT": 20_000,
}


def limit(name: str) -> int:
    """The limit `name` (one of DEFAULTS), from the environment when set there."""
    value = os.environ.get(name, "").strip()
    if not value:
        return DEFAULTS[name]
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        number = 0
    if number <= 0:
        raise LoaderError(f"{name} must be a positive whole number, not {value!r}")
    return number
