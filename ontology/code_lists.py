"""The code lists the export refers to (notice kinds, locality levels, incentive types) and the topic scheme, as
triples.

The code lists are defined in ontology/incentive.ttl, the topic scheme in ontology/topics.ttl. A dump that uses
`level:county` without saying what it is cannot be read, or validated, on its own: a validator given the
ontology copies only its class and property axioms into the data, so the concepts' labels and schemes must be in
the dump itself. A topic is a node of the graph too: the mapper describes each (ontology/rdf.py, with its place
in the hierarchy from here), and the dump adds the scheme itself once."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import rdflib

from ontology.rdf_formats import from_graph
from ontology.rdf_terms import IKG, INCENTIVE_TYPE, LEVEL, NOTICE_KIND, SKOS, TOPIC, Triple

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE / "incentive.ttl"
TOPICS = HERE / "topics.ttl"
_CODE_LISTS = (NOTICE_KIND, LEVEL, INCENTIVE_TYPE)
_SCHEMES = {IKG + name for name in ("Levels", "IncentiveTypes", "NoticeKinds")}
TOPIC_SCHEME = TOPIC + "scheme"
# What the dump says of a topic beyond its labels (which are the graph's): its place in the scheme.
_TOPIC_DETAIL = {SKOS + name for name in ("broader", "narrower", "topConceptOf", "definition")}


def _sorted(triples) -> tuple[Triple, ...]:
    return tuple(sorted(triples, key=lambda t: (t[0], t[1], repr(t[2]))))


@cache
def code_list_triples() -> tuple[Triple, ...]:
    graph = rdflib.Graph().parse(ONTOLOGY)
    # Sorted: rdflib yields a graph in hash order, which changes from process to process (PYTHONHASHSEED), and
    # the dump must be the same bytes every time for its published checksum to hold.
    chosen = [(s, p, o) for s, p, o in from_graph(graph) if s.startswith(_CODE_LISTS) or s in _SCHEMES]
    chosen += [t for t in _topic_scheme_triples() if t[0] == TOPIC_SCHEME]
    return _sorted(chosen)


@cache
def _topic_scheme_triples() -> tuple[Triple, ...]:
    """topics.ttl, parsed once for both the scheme node and the topics' details."""
    return tuple(from_graph(rdflib.Graph().parse(TOPICS)))


@cache
def _topic_details() -> dict[str, tuple[Triple, ...]]:
    by_concept: dict[str, list[Triple]] = {}
    for t in _topic_scheme_triples():
        if t[1] in _TOPIC_DETAIL:
            by_concept.setdefault(t[0], []).append(t)
    return {concept: _sorted(triples) for concept, triples in by_concept.items()}


def topic_details(concept: str) -> tuple[Triple, ...]:
    """A topic's broader and narrower topics, the scheme it tops and its definition (none for a topic the scheme
    no longer has)."""
    return _topic_details().get(concept, ())


def with_code_lists(triples) -> Iterator[Triple]:
    yield from triples
    yield from code_list_triples()
