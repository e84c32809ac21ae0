"""Summaries written with a notice's rows, so aggregate questions read a small table instead of joining
the award tables: an AwardTally per award notice, recipient, year and topic set (ontology/model.py).

A tally counts only what its own notice states (an award, its recipient, the measure it is under and that
measure's topics all come from one notice: loaders/graph.py), so it is owned by the notice like its Measures
and Awards: replacing or deleting the notice replaces or deletes its tallies in the same transaction, and no
other write (another notice, a relink) can make it stale. The same grouping (`tally_rows`) serves the load
path (from the rows) and a recount from the graph (`graph_tallies`: a graph loaded before the summaries
existed, and the tests that check the kept tallies against a recount).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

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
    out = GraphRows(nodes=dict(rows.nodes), rels=rows.rels)
    out.nodes["AwardTally"] = tally_rows(facts)
    return out


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


def fill_missing_tallies(store) -> int:
    """A graph loaded before the tallies existed has awards to localities and no tally: count them once, when
    the store opens it for writing. Returns how many tally rows were written."""
    if store.query("MATCH (s:AwardTally) RETURN count(s)").rows[0][0]:
        return 0
    if not store.query("MATCH (:Locality)-[r:RECEIVED]->(:Award) RETURN count(r)").rows[0][0]:
        return 0
    rows = graph_tallies(store)
    store.merge_rows(GraphRows(nodes={"AwardTally": rows}))
    return len(rows)
