"""Limits on what one file may hold, so that reading and parsing stay linear in time and memory.

The values are settings (ontology/settings.py: IKG_MAX_*), read when a file is read, so that a run's settings
apply to its files. Why each default is what it is:
- The defaults sit far above anything seen in real documents or in the generated national corpus (largest: 84
  measures and 937 awards in a document, lines of 713 characters) and keep a file of the largest size within
  10 s and 1 GB (benchmarks/fuzz_bound.py measures it).
- Characters of text (after decoding, markup stripped): 25 times the largest real file (~10,000). Parsing costs
  up to ~30 µs a character (a line per numbered item: every item is built into a measure before the measure cap
  can refuse the document), so 250,000 keeps every file within the 10 s bound.
- Longer lines than 20,000 characters are not text of this genre (a paragraph is at most a few thousand) and
  make the per-line rules slow; a file holding one is refused.
- `<` and `&` in an HTML page: each costs a few microseconds to strip (a real page has a few thousand).
- PDF and DOCX (loaders/formats): pages a PDF may state; bytes a DOCX package may unpack to (a zip bomb is
  refused before it is inflated); seconds and megabytes of address space the worker process extracting the
  text may take (it is killed at the time limit). A dense 20-page notice with tables took 2.5 s on this 2-core
  machine under load (pdfplumber is pure Python), so 15 s reads some 100 such pages.
"""

from __future__ import annotations

import os
from functools import lru_cache

from ontology.settings import Settings, read_settings, variable_of


def limit(name: str, settings: Settings | None = None) -> int:
    """The limit whose variable is `name` (IKG_MAX_…), from `settings` (see current_settings), else from the
    environment now. A value that cannot be used is a SettingError naming the variable."""
    return getattr(settings or current_settings(), _field_of(name))


@lru_cache(maxsize=64)  # asked three times a file; the check reads the settings model's field table
def _field_of(name: str) -> str:
    field = name.removeprefix("IKG_").lower()
    if variable_of(field) != name:
        raise KeyError(f"{name} is not a setting")
    return field


def current_settings() -> Settings:
    """The settings of the environment now. A file's reader takes them once and asks each limit of them.
    The key is the environment as os.environ keeps it (bytes on POSIX, updated by every assignment to os.environ):
    iterating os.environ decodes every name and value in Python code, ~55 µs a file (2 % of parsing the generated
    corpus); the bytes are the same variables at a tenth of the cost."""
    # os.environ._data is CPython's private store of it; where it is missing, the decoded items are the same key.
    return _settings_of(tuple(sorted(getattr(os.environ, "_data", os.environ).items())))


@lru_cache(maxsize=8)
def _settings_of(environment: tuple) -> Settings:
    """read_settings() for this environment (the settings come from it alone): reading and validating them took
    ~1 ms, and every file asks five times — two thirds of parsing the generated corpus. Errors are not kept."""
    return read_settings()
