"""A locality's profile (GET /localities/{id}): its place, award history and awards by year and topic, as the
JSON the route answers.

The award history comes from the award sheets kept at load (ontology/award_sheets.py: one per award notice ×
recipient × year, holding what the history shows of those awards as JSON values): the notices and years of
the locality's awards with how many each gave (one hop from the locality), the sheets by key, the
implementing departments' names by key. The values are filled into each entry's JSON text,
not built into rows and encoded again (benchmarks/README, issue 18). When a sheet is missing or lists another number of
awards than the graph holds (a graph loaded before the sheets, opened read-only and never filled), the
history is joined from the award tables instead, as before: `locality_award_rows` and
`locality_award_links`, grouped here. Both give what the named queries `locality`, `locality_awards` and
`locality_by_year_topic` give: tests/test_locality_profile.py and tests/test_award_sheets.py compare them on
the seeds, on both engines."""

from __future__ import annotations

import json
import threading
import weakref
from collections import Counter, defaultdict
from typing import Any

from api.problems import Problem
from cypher.named_queries import run_named
from cypher.store import QueryResult, Store
from ontology.award_sheets import AWARD_PARTS, ENTRY, SEPARATOR, encode, sheet_id

# Three reads, each starting from a bound node or from keys (both dialects): the locality with its parent and
# its children, one row per child (two named queries before; grouping the children or the sheets' keys in
# the same read made the engine's plan cost more than the reads it saved); the notices and years of its
# awards with how many each gave it (the keys of its sheets, one hop from the locality); the sheets by key.
PLACE = (
    "MATCH (l:Locality {id: $id}) OPTIONAL MATCH (l)-[:PART_OF]->(p:Locality) "
    "OPTIONAL MATCH (l)<-[:PART_OF]-(c:Locality) "
    "RETURN l.id, l.code, l.name, l.full_name, l.level, l.valid_from, l.valid_to, p.id, p.name, p.level, "
    "c.id, c.name, c.level"
)
_PLACE = ("id", "code", "name", "full_name", "level", "valid_from", "valid_to")
SHEETS = (
    "UNWIND $ids AS sheet MATCH (s:AwardSheet {id: sheet}) "
    "RETURN s.id, s.notice_id, s.year, s.awards, s.history, s.notice, s.departments, s.counts"
)
SHEET_KEYS = "MATCH (:Locality {id: $id})-[:RECEIVED]->(a:Award) RETURN a.notice_id, a.year, count(*)"
DEPARTMENT_NAMES = "UNWIND $ids AS department MATCH (d:Department {id: department}) RETURN d.id, d.name"
ALL_DEPARTMENT_NAMES = "MATCH (d:Department) RETURN d.id, d.name"

# Where the award history's link lists go among its columns: after these, as `locality_awards` gives them.
_LINKS_AFTER = "notice_date"
_LINKED = {"topic": "topics", "department": "implementing_departments"}


def locality_profile_json(store: Store, locality_id: str) -> bytes:
    """The profile as the route answers it (UTF-8 JSON), or a 404 problem when the graph has no such locality."""
    rows = store.query(PLACE, {"id": locality_id}).rows
    if not rows:
        raise Problem(404, "not-found", "Locality not found", f"no locality {locality_id!r} in the graph")
    place, children = _place(rows)
    sheets = _sheets(store, locality_id)
    if sheets is None:
        history = _history_from_awards(store, {"id": locality_id})
        profile = {**place, "children": children, "awards": len(history)}
        profile |= {"by_year_topic": _by_year_topic(history), "award_history": history}
        return encode(profile).encode()
    entries, counts = _entries(store, sheets)
    text = encode({**place, "children": children, "awards": len(entries), "by_year_topic": _ordered(counts)})
    return f'{text[:-1]},"award_history":[{",".join(entries)}]}}'.encode()


def _place(rows: list[list[Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The place as `locality_place` gives it and the children as `locality_children` gives them (distinct, by
    id), from PLACE's rows: one per child, or one whose child is null."""
    place = dict(zip(_PLACE, rows[0][:7]))
    parent_id, parent_name, parent_level = rows[0][7:10]
    place["parent"] = None if parent_id is None else {"id": parent_id, "name": parent_name, "level": parent_level}
    found = {tuple(row[10:13]) for row in rows if row[10] is not None}
    children = [{"id": i, "name": n, "level": level} for i, n, level in sorted(found, key=lambda c: c[0])]
    return place, children


def locality_profile(store: Store, locality_id: str) -> dict[str, Any]:
    """The profile as a dict (what the route answers, decoded)."""
    return json.loads(locality_profile_json(store, locality_id))


def _sheets(store: Store, locality_id: str) -> list[list[Any]] | None:
    """The locality's sheets in the history's order (year, nulls last, then notice); None when they do not list
    exactly the awards the graph holds for it."""
    wanted = {
        sheet_id(notice, locality_id, year): awards
        for notice, year, awards in store.query(SHEET_KEYS, {"id": locality_id}).rows
    }
    if not wanted:
        return []
    found = store.query(SHEETS, {"ids": list(wanted)}).rows
    if len(found) != len(wanted) or any(wanted.get(row[0]) != row[3] for row in found):
        return None
    return sorted(found, key=lambda row: (row[2] is None, row[2] or 0, row[1]))


def _entries(store: Store, sheets: list[list[Any]]) -> tuple[list[str], Counter]:
    """The history's entries as JSON text, department names filled in, and the awards by year and topic."""
    department_ids = {d for sheet in sheets for d in sheet[6]}
    names = _department_names(store, department_ids)
    named: dict[str, str] = {}  # the department lists' JSON, by their ids (a county's awards share a few)
    entries = []
    counts: Counter = Counter()
    for sheet in sheets:
        notice, parts = sheet[5], sheet[4].split(SEPARATOR)
        for at in range(0, len(parts), AWARD_PARTS):
            award, year, amount, rank, written, measure, ordinal, text, topics, ids, source, start, end = parts[
                at : at + AWARD_PARTS
            ]
            if ids not in named:
                # as collect(DISTINCT d.name), sorted: a department without a name is left out
                named[ids] = encode(sorted({names[d] for d in ids.split(",") if d and names.get(d) is not None}))
            entry = (award, year, amount, rank, written, measure, ordinal, text, notice, topics, named[ids])
            entries.append(ENTRY % (*entry, source, start, end))
        for year, topic, awards in json.loads(sheet[7]):
            counts[year, topic] += awards
    return entries, counts


# Department names by store, for the graph version they were read at: a Department is shared and its name is
# whatever the last notice naming it wrote, so the sheets keep ids. Reading a profile's department names was a
# read per cache miss; all of them (11,417 at scale 1.0) once per graph version is a read per write. (Neo4j's
# `version` is itself a read, so there it saves nothing, and costs nothing.)
_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NAMES_LOCK = threading.Lock()


def _department_names(store: Store, wanted: set[str]) -> dict[str, str | None]:
    """The names of these departments as the graph holds them now. A department the kept names lack (written
    after they were read, before the version was asked) is read by key."""
    if not wanted:
        return {}
    version = store.version
    with _NAMES_LOCK:
        kept = _NAMES.get(store)
    if kept is None or kept[0] != version:
        kept = (version, dict(store.query(ALL_DEPARTMENT_NAMES).rows))
        with _NAMES_LOCK:
            _NAMES[store] = kept
    names = kept[1]
    missing = sorted(wanted - names.keys())
    if missing:
        names = {**names, **dict(store.query(DEPARTMENT_NAMES, {"ids": missing}).rows)}
    return names


def _history_from_awards(store: Store, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The award history joined from the award tables (no sheets kept)."""
    links: dict[str, dict[str, set]] = {"topic": defaultdict(set), "department": defaultdict(set)}
    for award, link, value in run_named(store, "locality_award_links", params).rows:
        if value is not None:  # as collect() leaves out nulls
            links[link][award].add(value)
    return _award_history(run_named(store, "locality_award_rows", params), links)


def _award_history(rows: QueryResult, links: dict[str, dict[str, set]]) -> list[dict[str, Any]]:
    """Each award row with its topics and departments, sorted (as run_named sorts a collect())."""
    at = rows.columns.index(_LINKS_AFTER) + 1
    keys = [*rows.columns[:at], *_LINKED.values(), *rows.columns[at:]]
    award = rows.columns.index("award")
    topics, departments = links["topic"], links["department"]
    return [
        dict(zip(keys, [*row[:at], sorted(topics[row[award]]), sorted(departments[row[award]]), *row[at:]]))
        for row in rows.rows
    ]


def _by_year_topic(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Awards counted by year and topic, as `locality_by_year_topic` does: an award of several topics counts
    once under each, one of none under the topic null."""
    counts: Counter = Counter()
    for award in history:
        for topic in award["topics"] or [None]:
            counts[(award["year"], topic)] += 1
    return _ordered(counts)


def _ordered(counts: Counter) -> list[dict[str, Any]]:
    """Counts by (year, topic), ordered by year and topic, nulls last."""
    order = sorted(counts, key=lambda key: (key[0] is None, key[0] or 0, key[1] is None, key[1] or ""))
    return [{"year": year, "topic": topic, "awards": counts[year, topic]} for year, topic in order]
