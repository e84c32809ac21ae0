"""Limits on what one file may hold, so that reading and parsing stay linear in time and memory.

Each limit can be changed by an environment variable, read when it is used (so a test or a server can set
it). The defaults sit far above anything seen in real documents or in the generated national corpus
(largest: 84 measures and 937 awards in a document, lines of 713 characters) and keep a file of the
largest size within 10 s and 1 GB (benchmarks/fuzz_bound.py measures it).
"""

from __future__ import annotations

import os

from ontology.errors import SettingError

DEFAULTS = {
    # A document file larger than this is refused before it is read.
    "IKG_MAX_DOCUMENT_BYTES": 20 * 1024 * 1024,
    # Characters of text (after decoding, markup stripped): 25 times the largest real file (~10,000). Parsing
    # costs up to ~30 µs a character (a line per numbered item: every item is built into a measure before the
    # measure cap can refuse the document), so this keeps every file within the 10 s bound.
    "IKG_MAX_TEXT_CHARS": 250_000,
    # Longer lines are not text of this genre (a paragraph is at most a few thousand characters) and
    # make the per-line rules slow; a file holding one is refused.
    "IKG_MAX_LINE_CHARS": 20_000,
    # `<` and `&` in an HTML page: each costs a few microseconds to strip (a real page has a few thousand).
    "IKG_MAX_HTML_MARKUP": 500_000,
    # PDF and DOCX (loaders/formats): pages a PDF may state; bytes a DOCX package may unpack to (a zip bomb is
    # refused before it is inflated); seconds and megabytes of address space the worker process extracting
    # the text may take (it is killed at the time limit). A dense 20-page notice with tables took 2.5 s on this
    # 2-core machine under load (pdfplumber is pure Python), so 15 s reads some 100 such pages.
    "IKG_MAX_PDF_PAGES": 500,
    "IKG_MAX_UNPACKED_BYTES": 100 * 1024 * 1024,
    "IKG_MAX_EXTRACT_SECONDS": 15,
    "IKG_MAX_EXTRACT_MB": 1024,
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
        raise SettingError(f"{name} must be a positive whole number, not {value!r}")
    return number
