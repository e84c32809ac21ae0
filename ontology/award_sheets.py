"""Award sheets: what a locality's profile (GET /localities/{id}) shows of its awards, written at load, one
AwardSheet per award notice × recipient locality × award year (ontology/model.py), so a profile reads a few
sheets by key instead of joining Award, Measure, Notice, Topic and Department for every award, and joins
their text instead of building and encoding rows (issue 18: that join, then the rows' JSON, were most of a
cache miss at national scale).

A sheet holds its notice's awards to the locality as the profile lists them: the award's own properties,
its measure (ordinal, text, topics) and its notice (title, 文号, date) — all stated by the one notice
(loaders/graph.py), so the sheet is owned by the notice like its Awards: replaced and deleted with it, and
no other write (another notice, a relink) changes it. What is not the notice's own is not in it: the
implementing departments are kept as ids and their names read live (a Department is shared, and its name
is whatever the last notice naming it wrote); the locality's place and children are read live too.

The same grouping (`sheet_rows`) serves the load path (`award_sheet_rows`, from a batch's rows) and a recount
from the graph (`graph_award_sheets`: a graph loaded before the sheets existed, and the tests).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from ontology.rows import GraphRows


class SheetAward(NamedTuple):
    """One award to one locality, as a sheet keeps it."""

    owner: str  # the notice that owns the award (its notice_id): the sheet's owner
    locality_id: str
    award: dict[str, Any]  # the Award's id, year, amount_yuan, rank_note, as_written, source_notice, span_*
    measure_id: str
    notice_id: str  # the notice it is ANNOUNCED_IN (its owner, as loaded)
    departments: tuple[str, ...]  # ids of the departments implementing it


# An award's own properties a profile shows (`award` is the Award's id), in the order it shows them.
AWARD_COLUMNS = ("id", "year", "amount_yuan", "rank_note", "as_written", "source_notice", "span_start", "span_end")
# Between the parts of a sheet's `history`: a control character, which JSON text never holds unescaped (nor
# a department id).
SEPARATOR = "\x1f"


def encode(value: Any) -> str:
    """JSON as the API answers it (starlette's JSONResponse: UTF-8, no ASCII escapes, no spaces)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def sheet_rows(
    awards: Iterable[SheetAward],
    measures: dict[str, dict[str, Any]],
    topics: dict[str, list[str]],
    notices: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """AwardSheet rows: the awards grouped by owner notice, locality and year. `measures` and `notices` give the
    measure's ordinal and text and the notice's title, doc_number and date by id; `topics` a measure's topic ids.

    A sheet holds what the profile's `award_history` shows of its awards as JSON values, so a profile fills
    them into ENTRY instead of building rows and encoding them (each value encoded once, here). The one part
    that is not the notice's own is left out and read live by key: the implementing departments' names (a
    Department is shared: its name is whatever the last notice naming it wrote). `history` holds, for each
    award in the profile's order (measure ordinal, award), its AWARD_PARTS, joined by SEPARATOR; `notice` the
    notice's part of an entry; `departments` the department ids; `counts` JSON, [[year, topic or null,
    awards], …], the sheet's part of the profile's `by_year_topic` (an award of several topics counts once
    under each)."""
    grouped: dict[tuple[str, str, int | None], list[tuple[tuple, list[str]]]] = {}
    counts: dict[tuple[str, str, int | None], dict[str | None, int]] = {}  # awards by topic
    notice_part: dict[tuple[str, str, int | None], str] = {}
    for a in awards:
        key = (a.owner, a.locality_id, a.award.get("year"))
        m, n = measures.get(a.measure_id, {}), notices.get(a.notice_id, {})
        measure_topics = sorted(set(topics.get(a.measure_id, ())))
        ordinal = m.get("ordinal")
        # an award's notice is its owner (loaders/graph.py), so a sheet has one
        notice = [a.notice_id, n.get("title"), n.get("doc_number"), n.get("date")]
        notice_part[key] = ",".join(f"{encode(k)}:{encode(v)}" for k, v in zip(_NOTICE_KEYS, notice))
        values = [encode(a.award.get(column)) for column in AWARD_COLUMNS]
        measure = [encode(v) for v in (a.measure_id, ordinal, m.get("text"), measure_topics)]
        parts = [*values[:5], *measure, ",".join(sorted(set(a.departments))), *values[5:]]
        # ORDER BY year, notice, measure_ordinal, award (nulls last): a sheet is one year and one notice
        grouped.setdefault(key, []).append(((ordinal is None, ordinal or "", a.award.get("id")), parts))
        counted = counts.setdefault(key, {})
        under: list[str | None] = [*measure_topics] or [None]  # an award of no topic counts under the topic null
        for topic in under:
            counted[topic] = counted.get(topic, 0) + 1
    rows = []
    for key, entries in grouped.items():
        owner, locality, year = key
        entries.sort(key=lambda entry: entry[0])
        rows.append(
            {
                "id": sheet_id(owner, locality, year),
                "notice_id": owner,
                "locality_id": locality,
                "year": year,
                "awards": len(entries),
                "history": SEPARATOR.join(part for _, parts in entries for part in parts),
                "notice": notice_part[key],
                "departments": sorted({d for _, parts in entries for d in parts[_DEPARTMENTS].split(",") if d}),
                "counts": encode([[year, topic, n] for topic, n in counts[key].items()]),
                "source_notice": owner,
            }
        )
    return rows


# An award's parts in a sheet's `history`, as JSON: award, year, amount, rank note, as written; measure id,
# ordinal, text and topics; then the department ids joined by commas (named live); source notice and span.
AWARD_PARTS = 13
_DEPARTMENTS = 9
# An entry of the profile's award history, in its order of keys; filled with a sheet's JSON values and the
# department names read live (as `locality_award_rows` and `locality_award_links` give them:
# tests/test_award_sheets.py).
ENTRY = (
    '{"award":%s,"year":%s,"amount_yuan":%s,"rank_note":%s,"as_written":%s,"measure":%s,"measure_ordinal":%s,'
    '"measure_text":%s,%s,"topics":%s,"implementing_departments":%s,"source_notice":%s,"span_start":%s,'
    '"span_end":%s}'
)
_NOTICE_KEYS = ("notice", "notice_title", "doc_number", "notice_date")


def sheet_id(notice_id: str, locality_id: str, year: int | None) -> str:
    """A sheet's key, which a profile computes from the notices and years of the locality's awards."""
    return f"{notice_id}|{locality_id}|{'' if year is None else year}"


def award_sheet_rows(rows: GraphRows) -> list[dict[str, Any]]:
    """The sheets of a batch's awards (the rows hold each award's notice, measure, topics and departments)."""
    awards = {row["id"]: row for row in rows.nodes.get("Award", [])}
    under = {rel["from"]: rel["to"] for rel in rows.rels.get("UNDER", [])}
    announced = {rel["from"]: rel["to"] for rel in rows.rels.get("ANNOUNCED_IN", [])}
    departments: dict[str, list[str]] = {}
    for rel in rows.rels.get("IMPLEMENTED_BY", []):
        departments.setdefault(rel["from"], []).append(rel["to"])
    topics: dict[str, list[str]] = {}
    for rel in rows.rels.get("ABOUT", []):
        topics.setdefault(rel["from"], []).append(rel["to"])
    facts = []
    for rel in rows.rels.get("RECEIVED", []):
        award = awards.get(rel["to"])
        # An award of a notice outside these rows carries its sheet in its own rows; one without a measure or
        # notice is not on the profile (its query matches both).
        if award is None or award["id"] not in under or award["id"] not in announced:
            continue
        facts.append(
            SheetAward(
                award["notice_id"],
                rel["from"],
                award,
                under[award["id"]],
                announced[award["id"]],
                tuple(departments.get(award["id"], ())),
            )
        )
    # A batch may hold a notice as its own row and as a stub another notice cites (id and 文号 only): merged,
    # as the store merges them.
    notices: dict[str, dict[str, Any]] = {}
    for row in rows.nodes.get("Notice", []):
        notices.setdefault(row["id"], {}).update(row)
    measures = {row["id"]: row for row in rows.nodes.get("Measure", [])}
    return sheet_rows(facts, measures, topics, notices)


# Recounting from the graph: plain reads joined here (both dialects), like the tallies' recount. Each reads the
# awards of some notices (`$ids`), or of all of them when the filter is left out.
_AWARDS = (
    "MATCH (l:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(m:Measure), (a)-[:ANNOUNCED_IN]->(n:Notice){where} "
    "RETURN a.notice_id, l.id, a.id, a.year, a.amount_yuan, a.rank_note, a.as_written, a.source_notice, "
    "a.span_start, a.span_end, m.id, n.id"
)
_AWARDED_MEASURES = "MATCH (a:Award)-[:UNDER]->(m:Measure){where} RETURN DISTINCT m.id, m.ordinal, m.text"
_MEASURE_TOPICS = "MATCH (a:Award)-[:UNDER]->(m:Measure)-[:ABOUT]->(t:Topic){where} RETURN DISTINCT m.id, t.id"
_NOTICES = "MATCH (a:Award)-[:ANNOUNCED_IN]->(n:Notice){where} RETURN DISTINCT n.id, n.title, n.doc_number, n.date"
_IMPLEMENTED_BY = "MATCH (a:Award)-[:IMPLEMENTED_BY]->(d:Department){where} RETURN a.id, d.id"
_OF_NOTICES = " WHERE a.notice_id IN $ids"
_OWNERS = "MATCH (a:Award) RETURN DISTINCT a.notice_id"
_RECEIVED = "MATCH (:Locality)-[r:RECEIVED]->(:Award) RETURN count(r)"
_LISTABLE = (
    "MATCH (:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(:Measure), (a)-[:ANNOUNCED_IN]->(:Notice) RETURN count(*)"
)
_LISTED = "MATCH (s:AwardSheet) RETURN sum(s.awards)"
# Sheets written per transaction when filling: at national scale all of them at once (85,713 sheets, 118 M
# characters) filled the default 512 MB buffer pool.
FILL_CHUNK = 5_000
# Notices whose sheets are made at once when filling: made from every award at once (525,060 rows into Python,
# and the engine's result behind them), the fill of the 1.0 graph peaked at 2.2 GB RSS.
FILL_NOTICES = 500


def fill_award_sheets(store) -> int:
    """A graph loaded before the sheets existed (or whose filling was cut short) gets them all, once, when a
    store opens it for writing (161 s of CPU, 828 MB peak RSS at scale 1.0): made from the graph FILL_NOTICES
    award notices at a time and written in chunks, each its own transaction. A fill cut short is told by the
    sheets listing fewer awards than the graph holds, and is done again whole; until then a profile whose
    sheets do not add up joins the award tables (api/locality_profile.py). Returns how many sheets were
    written."""

    def count(cypher: str) -> int:
        return store.query(cypher, read_only=False).rows[0][-1] or 0

    sheets, listed = count("MATCH (s:AwardSheet) RETURN count(s)"), count(_LISTED)
    # Every award the loader writes has its measure and notice: the plain count (0.05 s at scale 1.0) is the
    # listable one (0.4 s), asked only when they might differ.
    if listed == count(_RECEIVED) or listed == count(_LISTABLE):
        return 0
    if sheets:
        store.query("MATCH (s:AwardSheet) DELETE s", read_only=False)
    # A sheet is one notice's (its owner's): the sheets of some notices are made from their awards alone.
    owners = sorted(row[0] for row in store.query(_OWNERS, read_only=False).rows if row[0] is not None)
    written = 0
    for first in range(0, len(owners), FILL_NOTICES):
        rows = graph_award_sheets(store, owners[first : first + FILL_NOTICES])
        for start in range(0, len(rows), FILL_CHUNK):
            store.merge_rows(GraphRows(nodes={"AwardSheet": rows[start : start + FILL_CHUNK]}))
        written += len(rows)
    return written


def graph_award_sheets(store, notice_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The AwardSheet rows made from the awards in the graph (what the kept sheets must equal), or from those
    the given notices own. Asked as writes are (read_only=False), for their larger time limit: this reads
    every award once."""
    where, params = ("", {}) if notice_ids is None else (_OF_NOTICES, {"ids": notice_ids})

    def read(cypher: str) -> list[list[Any]]:
        return store.query(cypher.format(where=where), params, read_only=False).rows

    topics: dict[str, list[str]] = {}
    for measure, topic in read(_MEASURE_TOPICS):
        topics.setdefault(measure, []).append(topic)
    departments: dict[str, list[str]] = {}
    for award, department in read(_IMPLEMENTED_BY):
        departments.setdefault(award, []).append(department)
    measures = {m: {"ordinal": ordinal, "text": text} for m, ordinal, text in read(_AWARDED_MEASURES)}
    notices = {n: {"title": title, "doc_number": number, "date": date} for n, title, number, date in read(_NOTICES)}
    facts = [
        SheetAward(
            owner,
            locality,
            dict(zip(AWARD_COLUMNS, own)),
            measure,
            notice,
            tuple(departments.get(own[0], ())),
        )
        for owner, locality, *own, measure, notice in read(_AWARDS)
    ]
    return sheet_rows(facts, measures, topics, notices)
