"""RDF output formats: names, media types, content negotiation, and serialising small graphs through rdflib."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import rdflib

from ontology.rdf_terms import IRI, PREFIXES, XSD_STRING, Lit, Triple


@dataclass(frozen=True)
class RdfFormat:
    name: str  # the ?format= / --format value
    media_type: str
    extension: str
    rdflib_name: str


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("ttl", "text/turtle", "ttl", "turtle"),
        RdfFormat("jsonld", "application/ld+json", "jsonld", "json-ld"),
        RdfFormat("nt", "application/n-triples", "nt", "nt"),
        RdfFormat("xml", "application/rdf+xml", "rdf", "xml"),
    )
}
BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS.values()}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (ties keep the client's order)."""
    ranges = []
    for i, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((fields[0].lower(), q, i))
    return [(media, q) for media, q, _ in sorted(ranges, key=lambda r: (-r[1], r[2]))]


def negotiate(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers most; the first offered wins a wildcard; None: nothing fits."""
    for media, _ in parse_accept(header):
        if media in offered:
            return media
        if media == "*/*":
            return offered[0]
        if media.endswith("/*"):
            for candidate in offered:
                if candidate.startswith(media[:-1]):
                    return candidate
    return None


def to_rdflib_term(term: str | IRI | Lit) -> rdflib.term.Node:
    if isinstance(term, Lit):
        if term.lang:
            return rdflib.Literal(term.value, lang=term.lang)
        datatype = term.datatype if term.datatype and term.datatype != XSD_STRING else None
        return rdflib.Literal(term.value, datatype=datatype and rdflib.URIRef(datatype))
    return rdflib.URIRef(term)


def to_graph(triples: Iterable[Triple]) -> rdflib.Graph:
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o in triples:
        graph.add((rdflib.URIRef(s), rdflib.URIRef(p), to_rdflib_term(o)))
    return graph


def serialize_small(triples: Iterable[Triple], fmt: RdfFormat) -> str:
    """A readable serialisation (nested, prefixed) for exports small enough to hold in memory."""
    graph = to_graph(triples)
    if fmt.name == "jsonld":
        return graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    return graph.serialize(format=fmt.rdflib_name)
