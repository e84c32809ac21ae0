"""The code lists the export refers to (notice kinds, locality levels, incentive types), as triples.

They are defined in ontology/incentive.ttl. A dump that uses `level:county` without saying what it is cannot
be read, or validated, on its own: a validator given the ontology copies only its class and property axioms
into the data, so the concepts' labels and schemes must be in the dump itself."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import rdflib

from ontology.rdf_terms import IKG, INCENTIVE_TYPE, IRI, LEVEL, NOTICE_KIND, Lit, Triple

ONTOLOGY = Path(__file__).resolve().parent / "incentive.ttl"
_CODE_LISTS = (NOTICE_KIND, LEVEL, INCENTIVE_TYPE)
_SCHEMES = {IKG + name for name in ("Levels", "IncentiveTypes", "NoticeKinds")}


@cache
def code_list_triples() -> tuple[Triple, ...]:
    graph = rdflib.Graph().parse(ONTOLOGY)
    return tuple(
        (str(s), str(p), _term(o))
        for s, p, o in graph
        if isinstance(s, rdflib.URIRef) and (str(s).startswith(_CODE_LISTS) or str(s) in _SCHEMES)
    )


def _term(node) -> IRI | Lit:
    if isinstance(node, rdflib.Literal):
        return Lit(str(node), node.language, str(node.datatype) if node.datatype else None)
    return IRI(str(node))


def with_code_lists(triples) -> Iterator[Triple]:
    yield from triples
    yield from code_list_triples()
