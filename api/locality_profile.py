"""A locality's profile (GET /localities/{id}): its place, award history and awards by year and topic, put
together from four plain named queries.

Why not the named queries `locality`, `locality_awards` and `locality_by_year_topic` the profile once ran: each
OPTIONAL MATCH with its `collect`/`count` made the engine join and group the whole award history again, ~8 ms
of engine CPU per profile at national scale; `locality_place`, `locality_children`, `locality_award_rows` and
`locality_award_links` cost about 4 ms, and grouping a few hundred rows here costs less than the difference
(benchmarks/README, issue 18). The answer is the same: tests/test_locality_profile.py compares it with those
three queries on the seeds, on both engines."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from api.deps import one
from cypher.named_queries import run_named
from cypher.store import QueryResult, Store

# Where the award history's link lists go among its columns: after these, as `locality_awards` gives them.
_LINKS_AFTER = "notice_date"
_LINKED = {"topic": "topics", "department": "implementing_departments"}


def locality_profile(store: Store, locality_id: str) -> dict[str, Any]:
    """The profile, or a 404 problem when the graph has no such locality."""
    params = {"id": locality_id}
    place = one(store, "locality_place", locality_id, "Locality")
    links: dict[str, dict[str, set]] = {"topic": defaultdict(set), "department": defaultdict(set)}
    for award, link, value in run_named(store, "locality_award_links", params).rows:
        if value is not None:  # as collect() leaves out nulls
            links[link][award].add(value)
    children = run_named(store, "locality_children", params).records()
    history = _award_history(run_named(store, "locality_award_rows", params), links)
    return {
        **place,
        "children": children,
        "awards": len(history),
        "by_year_topic": _by_year_topic(history),
        "award_history": history,
    }


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
    once under each, one of none under the topic null; ordered by year and topic, nulls last."""
    counts: Counter = Counter()
    for award in history:
        for topic in award["topics"] or [None]:
            counts[(award["year"], topic)] += 1
    order = sorted(counts, key=lambda key: (key[0] is None, key[0] or 0, key[1] is None, key[1] or ""))
    return [{"year": year, "topic": topic, "awards": counts[year, topic]} for year, topic in order]
