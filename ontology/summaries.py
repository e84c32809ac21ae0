"""Summaries written with a notice's rows, so aggregate questions read a small table instead of joining
the award tables: an AwardTally per award notice, recipient, year and topic set, and a DepartmentTally per
notice and department (the measures it leads and supports) (ontology/model.py).

A tally counts only what its own notice states (an award, its recipient, the measure it is under and that
measure's topics, a measure's lead and supporting departments all come from one notice: loaders/graph.py),
so it is owned by the notice like its Measures and Awards: replacing or deleting the notice replaces or
deletes its tallies in the same transaction, and no other write (another notice, a relink) can make it
stale. The same grouping (`tally_rows`, `department_tally_rows`) serves the load path (from the rows) and a
recount from the graph (`graph_tallies`, `graph_department_tallies`: a graph loaded before the summaries
existed, and the tests that check the kept tallies against a recount).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from ontology.award_sheets import award_sheet_rows, fill_award_sheets
from ontology.rows import GraphRows


class AwardFact(NamedTuple):
    """What a tally needs of one award to one locality."""

    notice_id: str
    locality_id: str
    year: int | None
    amount_yuan: int | None
    topics: tuple[str, ...]


def tally_rows(facts: Iterable[AwardFact]) -> list[dict[str, Any]]:
    """AwardTally rows: the facts grouped by notice, locality, year and topic set, counted and summed."""
    groups: dict[tuple, list[int]] = {}
    for f in facts:
        key = (f.notice_id, f.locality_id, f.year, tuple(sorted(set(f.topics))))
        counted = groups.setdefault(key, [0, 0])
        counted[0] += 1
        counted[1] += f.amount_yuan or 0
    return [
        {
            "id": f"{notice}|{locality}|{'' if year is None else year}|{'+'.join(topics)}",
            "notice_id": notice,
            "locality_id": locality,
            "year": year,
            "year_from": 0 if year is None else year,
            "year_to": 9999 if year is None else year,
            "topics": list(topics),
            "awards": awards,
            "amount_yuan": amount,
            "source_notice": notice,
        }
        for (notice, locality, year, topics), (awards, amount) in groups.items()
    ]


def with_summaries(rows: GraphRows) -> GraphRows:
    """The rows with the AwardTally rows of their awards added (replacing any given): what a store writes."""
    topics: dict[str, list[str]] = {}
    for rel in rows.rels.get("ABOUT", []):
        topics.setdefault(rel["from"], []).append(rel["to"])
    under = {rel["from"]: rel["to"] for rel in rows.rels.get("UNDER", [])}
    awards = {row["id"]: row for row in rows.nodes.get("Award", [])}
    facts = []
    for rel in rows.rels.get("RECEIVED", []):
        award = awards.get(rel["to"])
        if award is None:  # an award of a notice outside these rows: its own rows carry its tally
            continue
        measure = under.get(award["id"], "")  # the topics come through UNDER, as the questions reach them
        facts.append(
            AwardFact(
                award["notice_id"],
                rel["from"],
                award.get("year"),
                award.get("amount_yuan"),
                tuple(topics.get(measure, ())),
            )
        )
    notice_of = {row["id"]: row["notice_id"] for row in rows.nodes.get("Measure", [])}
    roles = [
        (notice_of[rel["from"]], rel["to"], rel["from"], role)
        for role, name in (("leads", "LED_BY"), ("supports", "SUPPORTED_BY"))
        for rel in rows.rels.get(name, [])
        if rel["from"] in notice_of  # a measure of a notice outside these rows: its own rows carry its tally
    ]
    out = GraphRows(nodes=dict(rows.nodes), rels=rows.rels)
    out.nodes["AwardTally"] = tally_rows(facts)
    out.nodes["DepartmentTally"] = department_tally_rows(roles)
    out.nodes["AwardSheet"] = award_sheet_rows(rows)  # what locality profiles list (ontology/award_sheets.py)
    return out


def department_tally_rows(roles: Iterable[tuple[str, str, str, str]]) -> list[dict[str, Any]]:
    """DepartmentTally rows from (notice, department, measure, 'leads' | 'supports'): distinct measures counted."""
    groups: dict[tuple[str, str], dict[str, set[str]]] = {}
    for notice, department, measure, role in roles:
        groups.setdefault((notice, department), {"leads": set(), "supports": set()})[role].add(measure)
    return [
        {
            "id": f"{notice}|{department}",
            "notice_id": notice,
            "department_id": department,
            "leads": len(measures["leads"]),
            "supports": len(measures["supports"]),
            "source_notice": notice,
        }
        for (notice, department), measures in groups.items()
    ]


# Recounting from the graph: two plain reads joined here (both dialects; a single query with an OPTIONAL MATCH
# over the topics took longer than the read time limit at national scale). One row per award and recipient,
# like the questions that count `DISTINCT l, a`.
MEASURE_TOPICS = "MATCH (m:Measure)-[:ABOUT]->(t:Topic) RETURN m.id, t.id"
AWARDS_RECEIVED = (
    "MATCH (l:Locality)-[:RECEIVED]->(a:Award) OPTIONAL MATCH (a)-[:UNDER]->(m:Measure) "
    "RETURN DISTINCT a.notice_id, l.id, a.year, a.amount_yuan, a.id, m.id"
)


def graph_tallies(store) -> list[dict[str, Any]]:
    """The AwardTally rows recounted from the awards in the graph (what the kept tallies must equal). Asked as
    writes are (read_only=False), for their larger time limit: this reads every award once."""
    topics: dict[str, list[str]] = {}
    for measure, topic in store.query(MEASURE_TOPICS, read_only=False).rows:
        topics.setdefault(measure, []).append(topic)
    facts = [
        AwardFact(notice, locality, year, amount, tuple(topics.get(measure, ())))
        for notice, locality, year, amount, _award, measure in store.query(AWARDS_RECEIVED, read_only=False).rows
    ]
    return tally_rows(facts)


DEPARTMENT_ROLES = (
    "MATCH (m:Measure)-[:LED_BY]->(d:Department) "
    "RETURN m.notice_id AS notice, d.id AS department, m.id AS measure, 'leads' AS role "
    "UNION ALL MATCH (m:Measure)-[:SUPPORTED_BY]->(d:Department) "
    "RETURN m.notice_id AS notice, d.id AS department, m.id AS measure, 'supports' AS role"
)


def graph_department_tallies(store) -> list[dict[str, Any]]:
    """The DepartmentTally rows recounted from the measures' departments in the graph."""
    return department_tally_rows(tuple(row) for row in store.query(DEPARTMENT_ROLES, read_only=False).rows)


# What each summary is recounted from, and how to tell that the graph holds what it counts.
RECOUNTS = {
    "AwardTally": (graph_tallies, "MATCH (:Locality)-[r:RECEIVED]->(:Award) RETURN count(r)"),
    "DepartmentTally": (graph_department_tallies, "MATCH (:Measure)-[r:LED_BY|SUPPORTED_BY]->() RETURN count(r)"),
}


def fill_missing_tallies(store) -> int:
    """A graph loaded before a summary existed holds what it counts and no row of it: count them once, when
    the store opens it for writing. Returns how many summary rows were written."""
    written = 0
    for label, (recount, source) in RECOUNTS.items():
        if store.query(f"MATCH (s:{label}) RETURN count(s)").rows[0][0]:
            continue
        if not store.query(source).rows[0][0]:
            continue
        rows = recount(store)
        store.merge_rows(GraphRows(nodes={label: rows}))
        written += len(rows)
    return written + fill_award_sheets(store)
