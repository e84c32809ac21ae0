"""The code lists the export refers to (notice kinds, locality levels, incentive types), as triples.

They are defined in ontology/incentive.ttl. A dump that uses `level:county` without saying what it is cannot
be read, or validated, on its own: a validator given the ontology copies only its class and property axioms
into the data, so the concepts' labels and schemes must be in the dump itself."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import rdflib

from ontology.rdf_formats import from_graph
from ontology.rdf_terms import IKG, INCENTIVE_TYPE, LEVEL, NOTICE_KIND, Triple

ONTOLOGY = Path(__file__).resolve().parent / "incentive.ttl"
_CODE_LISTS = (NOTICE_KIND, LEVEL, INCENTIVE_TYPE)
_SCHEMES = {IKG + name for name in ("Levels", "IncentiveTypes", "NoticeKinds")}


@cache
def code_list_triples() -> tuple[Triple, ...]:
    graph = rdflib.Graph().parse(ONTOLOGY)
    # Sorted: rdflib yields a graph in hash order, which changes from process to process (PYTHONHASHSEED), and
    # the dump must be the same bytes every time for its published checksum to hold.
    chosen = [(s, p, o) for s, p, o in from_graph(graph) if s.startswith(_CODE_LISTS) or s in _SCHEMES]
    return tuple(sorted(chosen, key=lambda t: (t[0], t[1], repr(t[2]))))


def with_code_lists(triples) -> Iterator[Triple]:
    yield from triples
    yield from code_list_triples()
