"""A locality's profile (GET /localities/{id}): its place, award history and awards by year and topic.

The award history comes from the award sheets kept at load (ontology/award_sheets.py: one per award notice ×
recipient, holding those awards with their measures and notice): the notices of the locality's awards and
how many each gave (one hop from the locality), the sheets by key, the implementing departments' names by
key, grouped here — about a quarter of the engine time of joining the award tables per profile at national
scale (benchmarks/README, issue 18). When a sheet is missing or lists another number of awards than the
graph holds (a graph loaded before the sheets, opened read-only and never backfilled), the profile is
made from the award tables instead, as below.

Why not the named queries `locality`, `locality_awards` and `locality_by_year_topic` the profile once ran: each
OPTIONAL MATCH with its `collect`/`count` made the engine join and group the whole award history again, ~8 ms
of engine CPU per profile at national scale; `locality_place`, `locality_children`, `locality_award_rows` and
`locality_award_links` cost about 4 ms, and grouping a few hundred rows here costs less than the difference
(benchmarks/README, issue 18). The answer is the same: tests/test_locality_profile.py compares it with those
three queries on the seeds, on both engines."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from api.deps import one
from cypher.named_queries import run_named
from cypher.store import QueryResult, Store
from ontology.award_sheets import sheet_id

# Reads by key, each starting from bound nodes (both dialects): the notices of a locality's awards with how many
# awards each gave it, the sheets of those notices, the names of the departments the sheets name.
SHEET_NOTICES = "MATCH (:Locality {id: $id})-[:RECEIVED]->(a:Award) RETURN a.notice_id, count(*)"
SHEETS = "UNWIND $ids AS sheet MATCH (s:AwardSheet {id: sheet}) RETURN s.id, s.awards, s.sheet"
DEPARTMENT_NAMES = "UNWIND $ids AS department MATCH (d:Department {id: department}) RETURN d.id, d.name"

# Where the award history's link lists go among its columns: after these, as `locality_awards` gives them.
_LINKS_AFTER = "notice_date"
_LINKED = {"topic": "topics", "department": "implementing_departments"}


def locality_profile(store: Store, locality_id: str) -> dict[str, Any]:
    """The profile, or a 404 problem when the graph has no such locality."""
    params = {"id": locality_id}
    place = one(store, "locality_place", locality_id, "Locality")
    children = run_named(store, "locality_children", params).records()
    history = _history_from_sheets(store, locality_id)
    if history is None:
        history = _history_from_awards(store, params)
    return {
        **place,
        "children": children,
        "awards": len(history),
        "by_year_topic": _by_year_topic(history),
        "award_history": history,
    }


def _history_from_sheets(store: Store, locality_id: str) -> list[dict[str, Any]] | None:
    """The award history from the sheets, in the order of `locality_award_rows`; None when the sheets do not
    list exactly the awards the graph holds for the locality."""
    counts = dict(store.query(SHEET_NOTICES, {"id": locality_id}).rows)
    if not counts:
        return []
    wanted = {sheet_id(notice, locality_id): awards for notice, awards in counts.items()}
    found = store.query(SHEETS, {"ids": list(wanted)}).rows
    if len(found) != len(wanted) or any(wanted.get(key) != awards for key, awards, _ in found):
        return None
    sheets = [json.loads(text) for _, _, text in found]
    department_ids = sorted({d for sheet in sheets for award in sheet["awards"] for d in award[-1]})
    names = dict(store.query(DEPARTMENT_NAMES, {"ids": department_ids}).rows) if department_ids else {}
    history = []
    for sheet in sheets:
        notices, measures = sheet["notices"], sheet["measures"]
        for award_id, year, amount, rank, written, source, start, end, measure, notice, departments in sheet["awards"]:
            ordinal, text, topics = measures[measure]
            title, number, date = notices[notice]
            history.append(
                {
                    "award": award_id,
                    "year": year,
                    "amount_yuan": amount,
                    "rank_note": rank,
                    "as_written": written,
                    "measure": measure,
                    "measure_ordinal": ordinal,
                    "measure_text": text,
                    "notice": notice,
                    "notice_title": title,
                    "doc_number": number,
                    "notice_date": date,
                    "topics": topics,
                    # names, as collect(DISTINCT d.name) leaves out a department without one
                    "implementing_departments": sorted({names[d] for d in departments if names.get(d) is not None}),
                    "source_notice": source,
                    "span_start": start,
                    "span_end": end,
                }
            )
    # ORDER BY year, notice, measure_ordinal, award: nulls last, as both engines order them
    history.sort(key=lambda a: (a["year"] is None, a["year"] or 0, a["notice"], a["measure_ordinal"], a["award"]))
    return history


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
    once under each, one of none under the topic null; ordered by year and topic, nulls last."""
    counts: Counter = Counter()
    for award in history:
        for topic in award["topics"] or [None]:
            counts[(award["year"], topic)] += 1
    order = sorted(counts, key=lambda key: (key[0] is None, key[0] or 0, key[1] is None, key[1] or ""))
    return [{"year": year, "topic": topic, "awards": counts[year, topic]} for year, topic in order]
