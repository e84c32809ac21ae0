"""Resolve parsed records: places to gazetteer codes, departments to canonical scoped ids, measures to topics."""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from loaders import place_words
from loaders.departments import canonical_name, department_id
from loaders.gazetteer import LEVEL_SUFFIXES, NATIONAL, Gazetteer, Place, level_of_name
from loaders.records import Award, DepartmentRef, Jurisdiction, ParsedDocument, Recipient, Warning_
from loaders.topics import topics_of
from loaders.warning_codes import WarningCode

CLUES_FILE = Path(__file__).parent / "data" / "jurisdiction_clues.csv"
# The named jurisdiction at the start of an issuer: 重庆市人民政府办公厅 → 重庆市.
# The State Council, its general office and central ministries issue national notices.
_NATIONAL_ISSUER = re.compile(r"^(国务院|中共中央|国家[^省市县区]{1,12}(委员会|局|署|部)$|[^省市县区]{1,8}部$)")
_LEADING_PREFIX = re.compile(r"^(.{2,8}?(?:市|州|盟))(?=.{2,})")
_ISSUER_PLACE = re.compile(
    rf"^(.{{2,12}}?(?:{place_words.alternation(place_words.LEVEL, place_words.AUTONOMOUS)}))"
    r"(?=人民政府|政府|办公厅|办公室|委员会)"
)


@lru_cache(maxsize=1)
def _clues() -> dict[str, str]:
    with CLUES_FILE.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {row["clue"]: row["name"] for row in rows}


def resolve_document(doc: ParsedDocument, gazetteer: Gazetteer, text: str) -> ParsedDocument:
    """Fill ids, names and topics in place; everything unresolved stays as written and becomes a warning.
    `text` is the document's working text, used only for jurisdiction clues."""
    year = _document_year(doc)
    doc.notice.jurisdiction = _jurisdiction(doc, gazetteer, text, year)
    scope = doc.notice.jurisdiction.id
    # An award's implementing departments are its category's own records (and sibling categories share a closing
    # statement's): each record is canonicalised once, not again for every award of its category.
    canonicalised: set[int] = set()
    for measure in doc.measures:
        for ref in measure.lead_departments + measure.supporting_departments:
            _department(ref, scope)
            canonicalised.add(id(ref))
        measure.topics = topics_of(" ".join(filter(None, [measure.title, measure.text])))
        if not measure.topics:
            doc.warnings.append(
                Warning_(WarningCode.UNCLASSIFIED_TOPIC, f"measure {measure.ordinal}: no topic matched", measure.span)
            )
    for award in doc.awards:
        for ref in award.implementing_departments:
            if id(ref) not in canonicalised:
                _department(ref, scope)
    named: list[Award] = []  # names with a level word
    stems: list[Award] = []  # and without: 古田 of 古田、周宁…14个县市, a county stem
    for award in doc.awards:
        (named if award.recipient.as_written.endswith(LEVEL_SUFFIXES) else stems).append(award)
    settled: dict[tuple[str, str | None], tuple] = {}  # a place named again (in each category) resolves alike
    for award in named:
        recipient = award.recipient
        key = (recipient.as_written, recipient.parent)
        if key in settled:
            recipient.name, recipient.id, recipient.level, recipient.code, recipient.parent = settled[key]
            continue
        warned = len(doc.warnings)
        _recipient(recipient, award.span, gazetteer, year, scope, doc.warnings)
        if recipient.id and len(doc.warnings) == warned:  # a warning names its own span: not shared
            settled[key] = (recipient.name, recipient.id, recipient.level, recipient.code, recipient.parent)
    resolved = [a for a in named if a.recipient.id]
    for award in stems:
        within = scope or _scope_of_siblings(gazetteer, award, resolved, year)
        _recipient(award.recipient, award.span, gazetteer, year, within, doc.warnings)
    return doc


def _scope_of_siblings(gazetteer: Gazetteer, award, resolved: list, year) -> str | None:
    """Without a jurisdiction, the nearest place holding the award's resolved siblings (its category's, else the
    document's) in which its name resolves."""
    siblings = [a.recipient.id for a in resolved if a.measure_ordinal == award.measure_ordinal]
    around = _shared_ancestors(gazetteer, siblings or [a.recipient.id for a in resolved])
    return next((w for w in around if gazetteer.resolve(award.recipient.as_written, year=year, within=w).place), None)


def _shared_ancestors(gazetteer: Gazetteer, place_ids: list[str]) -> list[str]:
    """The places that hold all of `place_ids`, nearest first (their prefecture, then their province)."""
    lines = [[p.id for p in gazetteer.ancestors(place_id)] for place_id in place_ids]
    return [ancestor for ancestor in lines[0] if all(ancestor in line for line in lines[1:])] if lines else []


def _document_year(doc: ParsedDocument) -> int | None:
    if doc.notice.date:
        return int(doc.notice.date[:4])
    return doc.notice.work_year + 1 if doc.notice.work_year else None


def _department(ref: DepartmentRef, scope: str | None) -> None:
    ref.name, ref.id = _canonical_department(ref.name, scope)


@lru_cache(maxsize=65536)  # the same few dozen departments are named in every notice of a jurisdiction
def _canonical_department(name: str, scope: str | None) -> tuple[str, str]:
    canonical = _canonical_name(name)
    return canonical, department_id(canonical, scope)


# A department's canonical name does not depend on the jurisdiction: found once a name, not once a name and scope.
_canonical_name = lru_cache(maxsize=65536)(canonical_name)


def _jurisdiction(doc: ParsedDocument, gazetteer: Gazetteer, text: str, year: int | None) -> Jurisdiction:
    if _NATIONAL_ISSUER.match(doc.notice.issuer or "") or _clue_name(doc.notice.doc_number) == NATIONAL.name:
        return Jurisdiction(NATIONAL.id, NATIONAL.name, inferred=not doc.notice.issuer)
    stated = _ISSUER_PLACE.match(doc.notice.issuer or "")
    if stated:
        place = gazetteer.resolve(stated.group(1), year=year).place
        if place:
            return Jurisdiction(place.id, place.name, inferred=False)
    clue = _clue_name(doc.notice.doc_number) or _most_mentioned(gazetteer, text)
    if clue:
        place = gazetteer.resolve(clue, year=year).place
        if place:
            return Jurisdiction(place.id, place.name, inferred=True)
    return Jurisdiction()


def _clue_name(doc_number: str | None) -> str | None:
    """渝府办发〔2022〕74号 → 重庆市: the first character of a 文号 abbreviates the issuing place."""
    return _clues().get(doc_number[0]) if doc_number else None


def _most_mentioned(gazetteer: Gazetteer, text: str) -> str | None:
    """The province or prefecture named most often in the text, as an inferred jurisdiction."""
    counts: Counter[str] = Counter()
    for name in _jurisdiction_names(gazetteer):
        if name in text:
            counts[name] += text.count(name)
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2) + [("", 0)]
    return name if n >= 2 and n > rest[0][1] else None


@lru_cache(maxsize=4)
def _jurisdiction_names(gazetteer: Gazetteer) -> tuple[str, ...]:
    """Names of provinces and prefectures (3+ characters), each period in gazetteer order; found once, not
    per document (scanning all 7,700 places per document cost ~3 ms)."""
    return tuple(p.name for p in gazetteer.all_places() if p.level in ("province", "prefecture") and len(p.name) >= 3)


def _recipient(recipient: Recipient, span, gazetteer: Gazetteer, year, scope, warnings: list[Warning_]) -> None:
    written = recipient.as_written
    prefix = recipient.parent  # a carried prefix, as written (成都市 for 郫都区 in 成都市双流区、郫都区)
    full = f"{prefix}{written}" if prefix else written
    result = gazetteer.resolve(full, year=year, within=scope)
    if scope and (result.place is None or not gazetteer.is_listed(result.place)):
        # Outside the notice's own jurisdiction (a national list, a neighbour named in passing), a listed
        # place beats a zone or base derived from the shape of the name inside the jurisdiction.
        anywhere = gazetteer.resolve(full, year=year)
        if anywhere.place is not None and gazetteer.is_listed(anywhere.place):
            result = anywhere
    place = result.place
    if place is None:
        suggestion = _warn_unresolved(recipient, full, result, span, gazetteer, year, scope, warnings)
        recipient.level = suggestion.level if suggestion else level_of_name(written)
        recipient.parent = None
        return
    recipient.name, recipient.id, recipient.level = place.name, place.id, place.level
    recipient.code = place.code
    recipient.parent = place.parent_id


def _warn_unresolved(recipient, full, result, span, gazetteer: Gazetteer, year, scope, warnings) -> Place | None:
    """Warn that `full` names no single place; the place it most likely meant, if any."""
    if result.how == "ambiguous":
        names = ", ".join(f"{p.full_name} ({p.id})" for p in result.candidates[:4])
        warnings.append(Warning_(WarningCode.AMBIGUOUS_PLACE, f"{full}: could be {names}", span))
        return None
    # The prefecture named before the place (雅安市荣经县 → 雅安市) narrows suggestions to it.
    leading = _LEADING_PREFIX.match(recipient.as_written)
    prefix = recipient.parent or (leading.group(1) if leading else None)
    bare = recipient.as_written.removeprefix(leading.group(1)) if leading else recipient.as_written
    within = scope
    if prefix:
        prefix_place = gazetteer.resolve(prefix, year=year, within=scope).place
        within = prefix_place.id if prefix_place else scope
    suggestion: Place | None = gazetteer.suggest(bare, within=within, year=year)
    if suggestion:
        warnings.append(
            Warning_(
                WarningCode.POSSIBLE_TYPO,
                f"{full}: no such place; did the text mean {suggestion.name}?",
                span,
                suggestion=suggestion.name,
            )
        )
    else:
        warnings.append(Warning_(WarningCode.UNRESOLVED_PLACE, f"{full}: not in the gazetteer", span))
    return suggestion
