"""Self-checks: compare what a document says of itself (共26组, 20个市(州)、62个县(市、区)) with what was extracted."""

from __future__ import annotations

import re

from loaders.records import ParsedDocument, Warning_
from loaders.warning_codes import WarningCode

_GROUPS = re.compile(r"共(\d+)(组|类|项)")
_PREFECTURES = re.compile(r"(\d+)个市\((州|地)\)")
_COUNTIES = re.compile(r"(\d+)个县\((市、区|区、市|市区)\)|(\d+)个区县(?!\()")
# 等5个地方 closes a partial list; it is not a total the document states for itself.
_ALL_RECIPIENTS = re.compile(r"(?<!等)(\d+)个区县\(开发区\)|(?<!等)(\d+)个(地方|地区)")
_COUNTY_LEVELS = ("county", "zone")
_NEEDS = {
    _PREFECTURES: ("个市(",),
    _COUNTIES: ("个县(", "个区县"),
    _ALL_RECIPIENTS: ("个区县(开发区)", "个地方", "个地区"),
}


def self_check(doc: ParsedDocument, text: str) -> None:
    """Append a `count_mismatch` warning for each stated total that the extraction does not reach.
    Only documents with awards state such totals; `text` is the document's working text."""
    if not doc.awards:
        return
    opening = text[:2000]
    # Each total is looked for first and the awards counted only when the text states it (most state none).
    stated = _GROUPS.search(opening)
    if stated:
        _compare(doc, stated, len({m.measure_ordinal.split(".")[0] for m in doc.awards}), "award groups")
    stated = _search(_ALL_RECIPIENTS, opening)
    if stated:
        recipients = {a.recipient.id or a.recipient.as_written for a in doc.awards}
        _compare(doc, stated, len(recipients), "recipients")
    stated = _search(_PREFECTURES, opening)
    if stated:
        prefectures = {a.recipient.id for a in doc.awards if a.recipient.level == "prefecture"}
        _compare(doc, stated, len(prefectures), "prefecture-level recipients")
    stated = _search(_COUNTIES, opening)
    if stated:
        # An unresolved name keeps the level its suffix says (resolve.level_of_name): 荣经县 counts as a county.
        counties = {a.recipient.id or a.recipient.as_written for a in doc.awards if a.recipient.level in _COUNTY_LEVELS}
        _compare(doc, stated, len(counties), "county-level recipients")


def _search(pattern: re.Pattern, text: str) -> re.Match | None:
    """pattern.search(text), asked only when the text holds the words the pattern needs after its number: the
    patterns open with digits, so a failing search entered the regex engine at every character."""
    return pattern.search(text) if any(word in text for word in _NEEDS[pattern]) else None


def _compare(doc: ParsedDocument, stated: re.Match, found: int, what: str) -> None:
    expected = int(next(g for g in stated.groups() if g and g.isdigit()))
    if expected != found:
        doc.warnings.append(
            Warning_(WarningCode.COUNT_MISMATCH, f"the text states {stated.group()} but {found} {what} were extracted")
        )
