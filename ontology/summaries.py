"""Summaries written with a notice's rows, so aggregate questions read a small table instead of joining
the award tables: an AwardTally per award notice, recipient, year and topic set, linked to each of its topics
by a TALLY_TOPIC relationship carrying its counts (read from the topics asked about), and a DepartmentTally per
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


def tally_topic_rows(tallies: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """TALLY_TOPIC rows: each AwardTally to each of its topics, carrying what the questions about topics read
    (ontology/model.py), and the topics sorted before this one (`earlier`)."""
    return [
        {
            "from": tally["id"],
            "to": topic,
            "locality_id": tally["locality_id"],
            "year": tally["year"],
            "year_from": tally["year_from"],
            "year_to": tally["year_to"],
            "earlier": list(tally["topics"][:position]),
            "awards": tally["awards"],
            "amount_yuan": tally["amount_yuan"],
            "source_notice": tally["notice_id"],
        }
        for tally in tallies
        for position, topic in enumerate(tally["topics"])
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
    out = GraphRows(nodes=dict(rows.nodes), rels=dict(rows.rels))
    out.nodes["AwardTally"] = tally_rows(facts)
    out.rels["TALLY_TOPIC"] = tally_topic_rows(out.nodes["AwardTally"])
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


KEPT_TALLIES = (
    "MATCH (s:AwardTally) WHERE size(s.topics) > 0 "
    "RETURN s.id, s.notice_id, s.locality_id, s.year, s.year_from, s.year_to, s.topics, s.awards, s.amount_yuan"
)
_TALLY_COLUMNS = ("id", "notice_id", "locality_id", "year", "year_from", "year_to", "topics", "awards", "amount_yuan")


def kept_tally_topics(store) -> list[dict[str, Any]]:
    """The TALLY_TOPIC rows of the AwardTally nodes in the graph (a graph whose tallies predate them)."""
    return tally_topic_rows(dict(zip(_TALLY_COLUMNS, row)) for row in store.query(KEPT_TALLIES, read_only=False).rows)


# What each summary is recounted from, and how to tell that the graph holds what it counts.
RECOUNTS = {
    "AwardTally": (graph_tallies, "MATCH (:Locality)-[r:RECEIVED]->(:Award) RETURN count(r)"),
    "DepartmentTally": (graph_department_tallies, "MATCH (:Measure)-[r:LED_BY|SUPPORTED_BY]->() RETURN count(r)"),
}
# Summary relationships: what they are made from, and how to tell that the graph holds it.
REL_RECOUNTS = {
    "TALLY_TOPIC": (kept_tally_topics, "MATCH (s:AwardTally) WHERE size(s.topics) > 0 RETURN count(s)"),
}


def fill_missing_tallies(store) -> int:
    """A graph loaded before a summary existed holds what it counts and no row of it: count them once, when
    the store opens it for writing. Returns how many summary rows were written. Every look is asked as writes
    are (read_only=False): it is part of opening for writing, and with a read limit of 1 ms (a test's) the
    counts of an empty graph stopped at it on a loaded machine."""

    def count(cypher: str) -> int:
        return store.query(cypher, read_only=False).rows[0][0]

    def fill(present: str, source: str, recount, as_rows) -> int:
        if count(present) or not count(source):
            return 0
        rows = recount(store)
        store.merge_rows(as_rows(rows))
        return len(rows)

    written = 0
    for label, (recount, source) in RECOUNTS.items():
        present = f"MATCH (s:{label}) RETURN count(s)"
        written += fill(present, source, recount, lambda rows, label=label: GraphRows(nodes={label: rows}))
    for name, (made_from, source) in REL_RECOUNTS.items():  # after the nodes they leave
        present = f"MATCH ()-[r:{name}]->() RETURN count(r)"
        written += fill(present, source, made_from, lambda rows, name=name: GraphRows(rels={name: rows}))
    return written + fill_award_sheets(store)
