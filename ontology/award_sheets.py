"""Award sheets: what a locality's profile (GET /localities/{id}) shows of its awards, written at load, one
AwardSheet per award notice × recipient locality (ontology/model.py), so a profile reads a few sheets by key
instead of joining Award, Measure, Notice, Topic and Department for every award (issue 18: that join was
most of a cache miss's engine time at national scale).

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


# An award's own columns in a sheet, in this order (the profile's names; `award` is the Award's id).
AWARD_COLUMNS = ("id", "year", "amount_yuan", "rank_note", "as_written", "source_notice", "span_start", "span_end")


def sheet_rows(
    awards: Iterable[SheetAward],
    measures: dict[str, dict[str, Any]],
    topics: dict[str, list[str]],
    notices: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """AwardSheet rows: the awards grouped by owner notice and locality. `measures` and `notices` give the
    measure's ordinal and text and the notice's title, doc_number and date by id; `topics` a measure's topic ids.
    The sheet's text (`awards`) is JSON: {"notices": {id: [title, doc_number, date]}, "measures": {id: [ordinal,
    text, topics]}, "awards": [[<AWARD_COLUMNS>, measure id, notice id, department ids], …]}."""
    sheets: dict[tuple[str, str], dict[str, Any]] = {}
    for a in awards:
        sheet = sheets.setdefault((a.owner, a.locality_id), {"notices": {}, "measures": {}, "awards": []})
        if a.notice_id not in sheet["notices"]:
            n = notices.get(a.notice_id, {})
            sheet["notices"][a.notice_id] = [n.get("title"), n.get("doc_number"), n.get("date")]
        if a.measure_id not in sheet["measures"]:
            m = measures.get(a.measure_id, {})
            sheet["measures"][a.measure_id] = [
                m.get("ordinal"),
                m.get("text"),
                sorted(set(topics.get(a.measure_id, ()))),
            ]
        own = [a.award.get(column) for column in AWARD_COLUMNS]
        sheet["awards"].append([*own, a.measure_id, a.notice_id, sorted(set(a.departments))])
    return [
        {
            "id": sheet_id(owner, locality),
            "notice_id": owner,
            "locality_id": locality,
            "awards": len(sheet["awards"]),
            "sheet": json.dumps(sheet, ensure_ascii=False, separators=(",", ":")),
            "source_notice": owner,
        }
        for (owner, locality), sheet in sheets.items()
    ]


def sheet_id(notice_id: str, locality_id: str) -> str:
    """A sheet's key, which a profile computes from the notices of the locality's awards to read it by key."""
    return f"{notice_id}|{locality_id}"


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


# Recounting from the graph: plain reads joined here (both dialects), like the tallies' recount.
_AWARDS = (
    "MATCH (l:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(m:Measure), (a)-[:ANNOUNCED_IN]->(n:Notice) "
    "RETURN a.notice_id, l.id, a.id, a.year, a.amount_yuan, a.rank_note, a.as_written, a.source_notice, "
    "a.span_start, a.span_end, m.id, n.id"
)
_AWARDED_MEASURES = "MATCH (:Award)-[:UNDER]->(m:Measure) RETURN DISTINCT m.id, m.ordinal, m.text"
_MEASURE_TOPICS = "MATCH (m:Measure)-[:ABOUT]->(t:Topic) RETURN m.id, t.id"
_NOTICES = "MATCH (:Award)-[:ANNOUNCED_IN]->(n:Notice) RETURN DISTINCT n.id, n.title, n.doc_number, n.date"
_IMPLEMENTED_BY = "MATCH (a:Award)-[:IMPLEMENTED_BY]->(d:Department) RETURN a.id, d.id"
_RECEIVED = "MATCH (:Locality)-[r:RECEIVED]->(:Award) RETURN count(r)"
_LISTABLE = (
    "MATCH (:Locality)-[:RECEIVED]->(a:Award)-[:UNDER]->(:Measure), (a)-[:ANNOUNCED_IN]->(:Notice) RETURN count(*)"
)
_LISTED = "MATCH (s:AwardSheet) RETURN sum(s.awards)"
# Sheets written per transaction when filling: at national scale all of them at once (85,713 sheets, 118 M
# characters) filled the default 512 MB buffer pool.
FILL_CHUNK = 5_000


def fill_award_sheets(store) -> int:
    """A graph loaded before the sheets existed (or whose filling was cut short) gets them all, once, when a
    store opens it for writing (~70 s at scale 1.0): made from the graph and written in chunks, each its own
    transaction. A fill cut short is told by the sheets listing fewer awards than the graph holds, and is done
    again whole; until then a profile whose sheets do not add up joins the award tables
    (api/locality_profile.py). Returns how many sheets were written."""

    def count(cypher: str) -> int:
        return store.query(cypher, read_only=False).rows[0][-1] or 0

    sheets, listed = count("MATCH (s:AwardSheet) RETURN count(s)"), count(_LISTED)
    # Every award the loader writes has its measure and notice: the plain count (0.05 s at scale 1.0) is the
    # listable one (0.4 s), asked only when they might differ.
    if listed == count(_RECEIVED) or listed == count(_LISTABLE):
        return 0
    if sheets:
        store.query("MATCH (s:AwardSheet) DELETE s", read_only=False)
    rows = graph_award_sheets(store)
    for start in range(0, len(rows), FILL_CHUNK):
        store.merge_rows(GraphRows(nodes={"AwardSheet": rows[start : start + FILL_CHUNK]}))
    return len(rows)


def graph_award_sheets(store) -> list[dict[str, Any]]:
    """The AwardSheet rows made from the awards in the graph (what the kept sheets must equal). Asked as writes
    are (read_only=False), for their larger time limit: this reads every award once."""

    def read(cypher: str) -> list[list[Any]]:
        return store.query(cypher, read_only=False).rows

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
