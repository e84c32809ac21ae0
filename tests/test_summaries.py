"""The award tallies (AwardTally and its TALLY_TOPIC relationships, ontology/summaries.py) written with each notice
stay equal to a recount from
the awards in the graph: after a load, after a notice is replaced by other rows, after a notice is deleted,
after a relink, and when a graph without them is opened for writing; on both engines. And they stay out of
what users see as the domain: RDF export, /schema and the counts."""

from __future__ import annotations

import copy

import pytest
from conftest import BACKENDS, SEEDS

from loaders.gazetteer import load_gazetteer
from loaders.graph import graph_rows
from loaders.linking import relink
from loaders.pipeline import load_paths, parse_file
from ontology.model import NODE_KINDS, RELATIONSHIPS
from ontology.rows import GraphRows
from ontology.summaries import (
    AwardFact,
    fill_missing_tallies,
    graph_department_tallies,
    graph_tallies,
    tally_rows,
    tally_topic_rows,
    with_summaries,
)

# Each summary's properties, as the store keeps them and as a recount from the graph gives them.
FIELDS = {
    "AwardTally": ("id", "notice_id", "locality_id", "year", "year_from", "year_to", "topics", "awards", "amount_yuan"),
    "DepartmentTally": ("id", "notice_id", "department_id", "leads", "supports"),
}
RECOUNT = {"AwardTally": graph_tallies, "DepartmentTally": graph_department_tallies}
# The summary relationships: each AwardTally to each of its topics, with the tally's counts.
REL_FIELDS = {
    "TALLY_TOPIC": (
        "from",
        "to",
        "locality_id",
        "year",
        "year_from",
        "year_to",
        "earlier",
        "awards",
        "amount_yuan",
        "source_notice",
    ),
}


def kept(store) -> dict[str, list[tuple]]:
    out = {}
    for label, fields in FIELDS.items():
        columns = ", ".join(f"s.{f} AS {f}" for f in fields)
        records = store.query(f"MATCH (s:{label}) RETURN {columns}").records()
        out[label] = sorted(tuple(_plain(r[f]) for f in fields) for r in records)
    for name, fields in REL_FIELDS.items():
        columns = ", ".join(["a.id AS `from`", "b.id AS `to`", *(f"r.{f} AS {f}" for f in fields[2:])])
        records = store.query(f"MATCH (a)-[r:{name}]->(b) RETURN {columns}").records()
        out[name] = sorted(tuple(_plain(r[f]) for f in fields) for r in records)
    return out


def recounted(store) -> dict[str, list[tuple]]:
    tallies = graph_tallies(store)
    out = {
        label: sorted(
            tuple(_plain(r.get(f)) for f in fields)
            for r in (tallies if label == "AwardTally" else RECOUNT[label](store))
        )
        for label, fields in FIELDS.items()
    }
    out["TALLY_TOPIC"] = sorted(
        tuple(_plain(r.get(f)) for f in REL_FIELDS["TALLY_TOPIC"]) for r in tally_topic_rows(tallies)
    )
    return out


def _plain(value):
    # Neo4j leaves a null property out and may give an empty list back as an empty list: compare as tuples.
    return tuple(value) if isinstance(value, list) else value


def test_tally_rows_group_by_notice_locality_year_and_topic_set():
    facts = [
        AwardFact("n1", "500112", 2020, 100, ("ecology", "investment")),
        AwardFact("n1", "500112", 2020, None, ("investment", "ecology", "ecology")),
        AwardFact("n1", "500112", 2021, 5, ()),
        AwardFact("n2", "500112", None, 7, ("ecology",)),
    ]
    rows = {r["id"]: r for r in tally_rows(facts)}
    assert rows["n1|500112|2020|ecology+investment"]["awards"] == 2
    assert rows["n1|500112|2020|ecology+investment"]["amount_yuan"] == 100
    assert rows["n1|500112|2020|ecology+investment"]["topics"] == ["ecology", "investment"]
    assert rows["n1|500112|2021|"]["topics"] == []
    assert rows["n2|500112||ecology"]["year"] is None
    assert (rows["n2|500112||ecology"]["year_from"], rows["n2|500112||ecology"]["year_to"]) == (0, 9999)
    assert (rows["n1|500112|2021|"]["year_from"], rows["n1|500112|2021|"]["year_to"]) == (2021, 2021)
    assert len(rows) == 3 and sum(r["awards"] for r in rows.values()) == 4


def test_the_loaded_seeds_hold_tallies_equal_to_a_recount(loaded):
    store, _ = loaded
    tallies = kept(store)
    assert tallies == recounted(store)
    awards = store.query("MATCH (l:Locality)-[:RECEIVED]->(a:Award) RETURN count(DISTINCT a)").rows[0][0]
    assert sum(t[7] for t in tallies["AwardTally"]) == awards > 0
    assert any(len(t[6]) > 1 for t in tallies["AwardTally"])  # a tally with two topics: `earlier` is checked
    assert len(tallies["TALLY_TOPIC"]) == sum(len(t[6]) for t in tallies["AwardTally"]) > 0
    led = store.query("MATCH (m:Measure)-[:LED_BY]->(:Department) RETURN count(DISTINCT m)").rows[0][0]
    assert sum(t[3] for t in tallies["DepartmentTally"]) >= led > 0  # a measure led by two counts for each


def test_tallies_are_not_domain_facts(loaded):
    """Not a kind of /schema, RDF export or SHACL (all built from NODE_KINDS), nor counted in /stats."""
    store, _ = loaded
    for label in FIELDS:
        assert label not in {k.label for k in NODE_KINDS}
        assert label not in store.counts()["nodes"]
        assert store.query(f"MATCH (s:{label}) RETURN count(s)").rows[0][0] > 0
    for name in REL_FIELDS:
        assert name not in {r.name for r in RELATIONSHIPS}
        assert name not in store.counts()["relationships"]
        assert store.query(f"MATCH ()-[r:{name}]->() RETURN count(r)").rows[0][0] > 0


def _award_notice_rows() -> list[tuple[str, GraphRows]]:
    """The seeds' notices with awards to localities, as the loader turns them into rows."""
    gazetteer = load_gazetteer()
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for doc in parse_file(path)[1]:
            rows = graph_rows(doc, gazetteer)
            if rows.rels.get("RECEIVED"):
                out.append((doc.notice.id, rows))
    return out


def _changed(rows: GraphRows) -> GraphRows:
    """The same notice stating fewer awards, another year and other amounts for those it keeps, and a measure
    about other topics: what a corrected text would give."""
    out = copy.deepcopy(rows)
    dropped = {r["to"] for r in out.rels["RECEIVED"][::3]}
    out.nodes["Award"] = [a for a in out.nodes["Award"] if a["id"] not in dropped]
    for name in ("RECEIVED", "UNDER", "ANNOUNCED_IN", "IMPLEMENTED_BY"):
        out.rels[name] = [r for r in out.rels.get(name, []) if r["from"] not in dropped and r["to"] not in dropped]
    for award in out.nodes["Award"][::2]:
        award["year"] = (award.get("year") or 2000) + 1
        award["amount_yuan"] = 12345
    about = out.rels.get("ABOUT", [])
    if about:
        about[0] = {**about[0], "to": "ecology" if about[0]["to"] != "ecology" else "investment"}
    # The first category now names a lead department (award notices' categories seldom do).
    department = {"id": "500000-summaries-test", "name": "市测试局", "jurisdiction_id": "500000"}
    out.nodes.setdefault("Department", []).append(department)
    first = out.nodes["Measure"][0]["id"]
    out.rels.setdefault("LED_BY", []).append({"from": first, "to": department["id"], "position": 1})
    return out


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_tallies_stay_equal_to_a_recount_through_replace_delete_and_relink(backend, scratch_store):
    store = scratch_store
    load_paths([SEEDS], store)
    before = kept(store)
    assert before == recounted(store) and all(before.values())

    notices = _award_notice_rows()
    assert len(notices) >= 2
    (first, first_rows), (second, _) = notices[0], notices[1]
    store.replace_notice(first, _changed(first_rows))
    after_replace = kept(store)
    assert after_replace == recounted(store)
    assert all(after_replace[label] != before[label] for label in [*FIELDS, *REL_FIELDS])  # the change reached all
    store.replace_notices([(first, first_rows), (first, _changed(first_rows))])  # twice in one batch: the last wins
    assert kept(store) == after_replace

    assert store.delete_notice(second)
    assert not [t for tallies in kept(store).values() for t in tallies if t[1] == second]
    assert kept(store) == recounted(store)

    relink(store, None)
    assert kept(store) == recounted(store)

    store.query("MATCH ()-[r:TALLY_TOPIC]->() DELETE r", read_only=False)  # tallies from before TALLY_TOPIC
    assert fill_missing_tallies(store) == len(recounted(store)["TALLY_TOPIC"]) > 0
    assert kept(store) == recounted(store)

    for label in FIELDS:  # a graph from before the summaries
        store.query(f"MATCH (s:{label}) DETACH DELETE s", read_only=False)
    assert fill_missing_tallies(store) == sum(len(t) for t in recounted(store).values())
    assert kept(store) == recounted(store)


def test_with_summaries_counts_only_awards_to_known_localities():
    rows = GraphRows()
    rows.add_node("Measure", {"id": "n1-m1", "notice_id": "n1"})
    rows.add_rel("ABOUT", "n1-m1", "ecology")
    for aid, recipient in (("n1-m1-a1", "500112"), ("n1-m1-a2", None)):
        rows.add_node("Award", {"id": aid, "notice_id": "n1", "measure_id": "n1-m1", "year": 2022, "amount_yuan": 10})
        rows.add_rel("UNDER", aid, "n1-m1")
        if recipient:
            rows.add_rel("RECEIVED", recipient, aid)
    summaries = with_summaries(rows)
    tallies = summaries.nodes["AwardTally"]
    assert [(t["locality_id"], t["topics"], t["awards"], t["amount_yuan"]) for t in tallies] == [
        ("500112", ["ecology"], 1, 10)
    ]
    assert summaries.nodes["DepartmentTally"] == []  # no measure states a department
    assert "AwardTally" not in rows.nodes  # the given rows are left as they were


def test_tally_topic_rows_count_a_tally_under_each_topic_and_name_the_topics_before_it():
    tally = tally_rows(
        [
            AwardFact("n1", "500112", 2020, 100, ("investment", "ecology")),
            AwardFact("n1", "500112", 2020, 5, ("ecology", "investment")),
        ]
    )
    rows = tally_topic_rows(tally)
    assert [(r["from"], r["to"], r["earlier"], r["awards"], r["amount_yuan"]) for r in rows] == [
        ("n1|500112|2020|ecology+investment", "ecology", [], 2, 105),
        ("n1|500112|2020|ecology+investment", "investment", ["ecology"], 2, 105),
    ]
    assert {(r["locality_id"], r["year"], r["year_from"], r["year_to"], r["source_notice"]) for r in rows} == {
        ("500112", 2020, 2020, 2020, "n1")
    }
    assert tally_topic_rows(tally_rows([AwardFact("n1", "500112", None, None, ())])) == []  # no topic, no share
