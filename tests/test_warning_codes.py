"""Warnings carry codes from one fixed list (loaders/warning_codes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.pipeline import find_documents, parse_file
from loaders.records import Warning_
from loaders.warning_codes import WarningCode
from ontology.errors import DocumentError

PROJECT = Path(__file__).resolve().parents[1]


def test_a_code_outside_the_list_is_refused() -> None:
    with pytest.raises(ValueError):
        Warning_("some_new_code", "message")


def test_a_code_is_kept_as_its_plain_string() -> None:
    warning = Warning_(WarningCode.NO_MEASURES, "message")
    assert type(warning.code) is str and warning.code == "no_measures"


def test_every_warning_on_the_seeds_and_the_evaluation_texts_has_a_listed_code(seeds_dir: Path) -> None:
    paths, _ = find_documents([seeds_dir, PROJECT / "tests" / "eval"])
    devset = PROJECT / "eval" / "devset" / "texts"  # restored locally, never committed
    if devset.is_dir():
        paths += find_documents([devset])[0]
    codes = set()
    for path in paths:
        try:
            _, docs = parse_file(path)
        except DocumentError:
            continue
        codes |= {warning.code for doc in docs for warning in doc.warnings}
    assert codes and codes <= {code.value for code in WarningCode}
