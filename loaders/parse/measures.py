"""Measures of a notice: numbered items with their departments, target levels, incentive types and amounts."""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.normalise import NormalisedText
from loaders.parse.markers import (
    FIRST_LISTED_LEADS,
    MARKER,
    find_marker,
    label_lines,
    labelled,
    trailing_labels,
    vocabulary,
)
from loaders.parse.money import find_amounts
from loaders.parse.numbering import Item, build_items, walk
from loaders.patterns import Patterns, find_caps, load_patterns
from loaders.records import DepartmentRef, Measure
from loaders.segment import Line

_TITLE = re.compile(r"^([^。,;:\n]{2,40})[。.]")  # a title ends on its first line


def parse_measures(lines: list[Line], working: NormalisedText) -> list[Measure]:
    """Measures are the items at the numbering depth that carries most department markers (or the top
    depth when none does), inside sections that hold such items; deeper items are their sub-measures."""
    # A marker closes its item; label lines after a measure (牵头单位:A / 责任单位:B) are its marker, one or more.
    roots, _ = build_items(lines, closes=_closing_pattern(), continues=vocabulary().label_line)
    items = list(walk(roots))
    first_leads = bool(FIRST_LISTED_LEADS.search("\n".join(line.text for line in lines)))
    # Which items carry a marker, asked once an item: the depth, the sections and the closing provisions all ask it
    # (an item's text is joined from its lines at every asking).
    marked = {id(item) for item in items if _marked(item)}
    depth = _measure_depth(items, marked)
    # Sections holding a marked item at the measure depth, found once: asking each item's siblings again
    # was quadratic (8,000 unmarked items under one heading took 47 s).
    marked_sections = {id(item.parent) for item in items if item.depth == depth and id(item) in marked}
    chosen = _drop_trailing_provisions(
        [item for item in items if item.depth == depth and _in_measure_section(item, marked_sections, marked)],
        marked,
    )
    # Numbering that restarts in each section (一、(一)(二) 二、(一)…) needs the section in the ordinal.
    restarts = len({item.number for item in chosen}) < len(chosen)
    measures: list[Measure] = []
    for item in chosen:
        section = f"{item.parent.ordinal}." if restarts and item.parent else ""
        _collect(item, section, None, working, first_leads, measures)
    return measures


@lru_cache(maxsize=1)
def _closing_pattern() -> re.Pattern:
    """What closes a measure: its parenthesised marker, a line opening with a marker's label, or labels closing the
    line after its sentence (…。牵头单位:A)."""
    vocab = vocabulary()
    return re.compile(f"{MARKER.pattern}|{vocab.label_line.pattern}|{vocab.trailing_labels.pattern}")


def _marked(item: Item) -> bool:
    """The item carries a department marker, in any of the forms `item_departments` reads."""
    return bool(MARKER.search(item.text) or label_lines(item.lines) or _trailing(item, False))


def _trailing(item: Item, first_leads: bool):
    """The labels closing the item's last line after its sentence (the first line without its numbering)."""
    if len(item.lines) == 1:
        text, start = item.head, item.lines[0].end - len(item.head)
    else:
        text, start = item.lines[-1].text, item.lines[-1].start
    # Labels need a label word and its colon, found by a scan; the labels' pattern is tried at every position.
    return trailing_labels(text, start, first_leads) if vocabulary().label.search(text) else None


def _has_marker(item: Item, marked: set[int]) -> bool:
    """The item or one below it carries a marker (`marked`: the ids of the items that do)."""
    return any(id(i) in marked for i in walk([item]))


def _drop_trailing_provisions(chosen: list[Item], marked: set[int]) -> list[Item]:
    """Where measures carry department markers, unmarked items after the last of them are closing
    provisions (四、本通知自印发之日起施行), not measures."""
    with_marker = [i for i, item in enumerate(chosen) if _has_marker(item, marked)]
    return chosen[: with_marker[-1] + 1] if with_marker else chosen


def _measure_depth(items: list[Item], marked: set[int]) -> int:
    counts: dict[int, int] = {}
    for item in items:
        if id(item) in marked:
            counts[item.depth] = counts.get(item.depth, 0) + 1
    if not counts:
        return 0
    return max(counts, key=lambda d: (counts[d], -d))


def _in_measure_section(item: Item, marked_sections: set[int], marked: set[int]) -> bool:
    """A section (the parent) holds measures only if some item of it at this depth has a marker:
    "二、组织实施 1. 区县申报 …" numbers steps, not measures."""
    if item.parent is None:  # a top item is its own section
        return id(item) in marked or not _has_marker(item, marked)
    return id(item.parent) in marked_sections


def _collect(item: Item, prefix: str, parent: str | None, working: NormalisedText, first_leads: bool, out: list):
    """A measure and its sub-measures; `prefix` is the section part of the ordinal ('' or '2.')."""
    ordinal = f"{prefix}{item.number}"
    out.append(build_measure(item, ordinal, parent, working, first_leads))
    for child in item.children:
        _collect(child, f"{ordinal}.", ordinal, working, first_leads, out)


def build_measure(
    item: Item, ordinal: str, parent: str | None, working: NormalisedText, first_leads: bool, departments: bool = True
):
    """The item as a Measure; without `departments` its departments are left for the caller (an award category
    reads them from the statement after its list)."""
    text = item.text
    lead, support = item_departments(item, working, first_leads) if departments else ([], [])
    title = _TITLE.match(text)
    target_levels, incentive_types = _cue_labels(text) if len(text) <= _REMEMBERED_LENGTH else _read_cue_labels(text)
    amounts = find_amounts(text)
    return Measure(
        ordinal=ordinal,
        parent=parent,
        title=title.group(1) if title else None,
        text=text,
        span=working.original_span(item.start, item.end),
        lead_departments=lead,
        supporting_departments=support,
        target_levels=list(target_levels),
        incentive_types=list(incentive_types),
        amounts_yuan=[a.yuan for a in amounts],
        amount_bases=[a.basis for a in amounts],
        caps=find_caps(text),
    )


# Measure texts up to this length have their labels remembered (at most 16,384 of them): measure wordings recur across
# the notices of a jurisdiction and its years; longer ones (a category with its whole list) are read each time.
_REMEMBERED_LENGTH = 1_000


# Label lines (牵头单位:…) and labels closing a line in a measure's text: departments, not words about whom it rewards.
_LABEL_LINES = re.compile(rf"(?m){vocabulary().label_line.pattern}.*$|{vocabulary().trailing_labels.pattern}")


@lru_cache(maxsize=16384)
def _cue_labels(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _read_cue_labels(text)


def _read_cue_labels(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The target levels and incentive types a measure's text names (each pattern of patterns.toml searched)."""
    pats = load_patterns()
    # Whom and how a measure rewards is read from its text without the marker: (牵头单位:…) names departments.
    cues = MARKER.sub("", text)
    # Both forms of label need a label word and its colon: looked for first, by a scan for the words' opening
    # characters, while _LABEL_LINES (opening with ^ or a look-behind) is tried at every position of the text.
    if vocabulary().label.search(cues):
        cues = _LABEL_LINES.sub("", cues)
    return (
        tuple(label for label, p in pats.target_levels.items() if p.search(cues)),
        tuple(label for label, p in pats.incentive_types.items() if p.search(cues)),
    )


def item_departments(item: Item, working: NormalisedText, first_leads: bool):
    """Lead and supporting departments of the item's marker: the label lines ending it, else the marker at the end of
    a one-line item or of its last line."""
    if block := label_lines(item.lines):
        lead, support = labelled([(line.text, line.start) for line in block], first_leads)
        return department_refs(lead, working), department_refs(support, working)
    if labels := _trailing(item, first_leads):
        return department_refs(labels[0], working), department_refs(labels[1], working)
    if len(item.lines) == 1:
        marker = find_marker(item.text, item.lines[0].end - len(item.head), first_leads)
    else:
        last = item.lines[-1]
        marker = find_marker(last.text, last.start, first_leads)
    return department_refs(marker.lead if marker else [], working), department_refs(
        marker.support if marker else [], working
    )


def department_refs(names: list[tuple[str, int, int]], working: NormalisedText) -> list[DepartmentRef]:
    """Departments as written; a name without a prefix inherits the first name's (市发展改革委、财政局)."""
    if not names:
        return []  # asked twice for every measure, most often with no names
    from loaders.departments import expand_abbreviated

    patterns = load_patterns()
    catch_all = patterns.catch_all_department
    names = [_without_catch_all_tail(name, patterns) for name in names]
    names = [name for name in names if not catch_all.search(name[0])]  # "区级相关部门" names no one body
    expanded = expand_abbreviated([n for n, _, _ in names]) if names else []
    return [
        DepartmentRef(as_written=n, name=full, span=working.original_span(s, e))
        for (n, s, e), full in zip(names, expanded)
    ]


def _without_catch_all_tail(name: tuple[str, int, int], patterns: Patterns) -> tuple[str, int, int]:
    """The department before the last conjunction when the rest is a catch-all ("X及省直有关部门" → X)."""
    text, start, _ = name
    catch_all = patterns.catch_all_department
    joints = list(patterns.department_conjunction.finditer(text)) if catch_all.search(text) else []
    if joints:
        head, tail = text[: joints[-1].start()], text[joints[-1].end() :]
        if patterns.department_end.search(head) and not catch_all.search(head) and catch_all.search(tail):
            return head, start, start + len(head)
    return name
