"""Parse one read document into records: segment it, then read each part by its kind."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from loaders.gazetteer import load_gazetteer
from loaders.normalise import NormalisedText
from loaders.parse.awards import IsPlace, parse_award_lists, parse_news_groups
from loaders.parse.measures import parse_measures
from loaders.parse.mention_lists import read_mention_lists
from loaders.parse.metadata import Metadata, parse_metadata
from loaders.parse.prose import FoundOnce, PlaceFinder, read_prose_awards
from loaders.patterns import find_caps, load_patterns
from loaders.read import RawDocument
from loaders.records import Award, Measure, Notice, ParsedDocument, Source, Warning_
from loaders.reflow import reflow
from loaders.segment import Segment, segment
from loaders.warning_codes import WarningCode


def parse_document(raw: RawDocument, is_place: IsPlace) -> list[ParsedDocument]:
    """Every document held in the file, in order. `is_place` tells a known place name (from the gazetteer)
    so that a list of places can be told apart from the sentence that follows it."""
    working = reflow(raw.working)  # a page flattened onto one line gets its item lines back
    return [_parse_segment(raw, working, seg, is_place) for seg in segment(working.text)]


def _parse_segment(raw: RawDocument, working: NormalisedText, seg: Segment, is_place: IsPlace) -> ParsedDocument:
    lines = list(seg.lines)
    meta = parse_metadata(lines, load_patterns().addressee, working)
    notice = Notice(
        id=notice_id(meta, seg.text),
        kind=seg.kind,
        title=meta.title,
        doc_number=meta.doc_number,
        issuer=meta.issuer,
        date=meta.date,
        work_year=meta.work_year,
        cites=meta.cites,
        supersedes=meta.supersedes,
        caps=find_caps(seg.text),
        script=raw.working.script,
    )
    span = working.original_span(seg.lines[0].start, seg.lines[-1].end)
    doc = ParsedDocument(source=Source(raw.path, raw.sha256, seg.part, span), notice=notice)
    list_lines: set[int] = set()  # lines the list reader read: the prose reader does not read them again
    if seg.kind == "award_notice":
        doc.measures, doc.awards, doc.warnings, list_lines = parse_award_lists(lines, working, is_place)
    elif seg.kind == "news_report":
        doc.measures, doc.awards = parse_news_groups(lines, working, is_place)
    else:
        doc.measures = parse_measures(lines, working)
    if not doc.measures or seg.kind not in ("measures_notice", "implementation_rules"):
        # Winners the layout did not reach are read from the prose (news, 公示, lists of unfamiliar shape).
        found = FoundOnce(place_finder())  # each text's places, searched once for both readers
        known = KnownEndings(award.recipient.as_written for award in doc.awards)
        _add_prose_awards(doc, read_prose_awards(lines, working, found, known, list_lines), known)
        # Then lists of mentions in any layout, awarded by their context: places neither reader above named.
        known = KnownEndings(award.recipient.as_written for award in doc.awards)
        measures, awards, warnings = read_mention_lists(lines, working, found, known, list_lines)
        _add_prose_awards(doc, (measures, awards), known, "m")
        doc.warnings.extend(warnings)
        if doc.awards and seg.kind in ("plan", "measures_notice"):  # it holds awards, whatever its cues said
            notice.kind = "award_notice" if load_patterns().addressee.search(seg.text[:600]) else "news_report"
    if not doc.measures:
        doc.warnings.append(
            Warning_(WarningCode.NO_MEASURES, f"no numbered measures or award groups found in a {seg.kind}")
        )
    return doc


class KnownEndings:
    """`name in known` when one of the names ends with it: a prose award is known when the layout readers named its
    place (井冈山市 is known when the layout read 吉安市井冈山市). The names are kept reversed and sorted, so the
    reversed name is a prefix of the first one not below it: a look-up is a bisection, not a pass over them all.
    They are sorted at the first look-up: the list lines of an award notice are not read again by the prose reader,
    which asks about the few places of its other lines, if any (a notice names hundreds of places in its lists)."""

    def __init__(self, names: Iterable[str]):
        self._names = list(names)
        self._reversed: list[str] | None = None

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if self._reversed is None:
            self._reversed = sorted([written[::-1] for written in self._names])
        wanted = name[::-1]
        at = bisect_left(self._reversed, wanted)
        return at < len(self._reversed) and self._reversed[at].startswith(wanted)


def _add_prose_awards(
    doc: ParsedDocument, prose: tuple[list[Measure], list[Award]], known: KnownEndings, prefix: str = "p"
) -> None:
    """Prose awards of places the layout readers did not name (`known`), under categories numbered after theirs
    (`prefix` and a number; a number alone when the document has no category yet)."""
    measures, awards = prose
    fresh = [award for award in awards if award.recipient.as_written not in known]
    used = {award.measure_ordinal for award in fresh}
    renumber: dict[str, str] = {}
    for measure in measures:
        if measure.ordinal in used:
            renumber[measure.ordinal] = f"{prefix}{len(renumber) + 1}" if doc.measures else str(len(renumber) + 1)
            doc.measures.append(replace(measure, ordinal=renumber[measure.ordinal]))
    doc.awards.extend(replace(award, measure_ordinal=renumber[award.measure_ordinal]) for award in fresh)


@cache
def place_finder() -> PlaceFinder:
    return PlaceFinder(load_gazetteer().names())


def notice_id(meta: Metadata, text: str) -> str:
    """Stable id: from the 文号 when there is one, else from issuer, title and date, else from the opening
    of the working text. So a corrected or re-encoded copy of a document keeps its id, and loading it
    replaces that notice's facts instead of adding a second notice."""
    if meta.doc_number:
        basis = f"doc:{meta.doc_number}"
    elif meta.title and meta.issuer and meta.date:
        basis = f"title:{meta.issuer}|{meta.title}|{meta.date}"
    else:
        basis = "text:" + text[:300]
    return "n" + hashlib.sha1(basis.encode()).hexdigest()[:12]
