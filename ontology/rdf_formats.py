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


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """Media ranges of an Accept header with their quality and place in the header (q=0 kept: a refusal)."""
    ranges = []
    for i, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    q = min(max(float(param[2:]), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q, i))
    return ranges


def negotiate(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers most; None: nothing fits. Each offered type takes the quality
    of the most specific range that matches it (RFC 9110 §12.5.1), so `text/turtle;q=0, */*;q=0.1` refuses
    Turtle; ties go to the range the client wrote first, then to the order offered."""
    ranked = []
    for order, candidate in enumerate(offered):
        matches = [(_specificity(media, candidate), q, i) for media, q, i in parse_accept(header)]
        matches = [m for m in matches if m[0] >= 0]
        if matches:
            _, q, i = max(matches, key=lambda m: (m[0], -m[2]))
            if q > 0:
                ranked.append((-q, i, order, candidate))
    return min(ranked)[3] if ranked else None


def _specificity(media_range: str, media_type: str) -> int:
    """2 for the type itself, 1 for its type/*, 0 for */*, -1 when the range does not match."""
    if media_range == media_type:
        return 2
    if media_range.endswith("/*") and media_type.startswith(media_range[:-1]):
        return 1
    return 0 if media_range == "*/*" else -1


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


def from_graph(graph: rdflib.Graph) -> list[Triple]:
    """An rdflib graph as light triples (for the HTML page); a blank node becomes `_:id`, which links nowhere."""
    return [(_resource(s), str(p), _light(o)) for s, p, o in graph]


def _light(node: rdflib.term.Node) -> IRI | Lit:
    if isinstance(node, rdflib.Literal):
        return Lit(str(node), node.language, str(node.datatype) if node.datatype else None)
    return _resource(node)


def _resource(node: rdflib.term.Node) -> IRI:
    return IRI(f"_:{node}" if isinstance(node, rdflib.BNode) else str(node))


def serialize_small(triples: Iterable[Triple] | rdflib.Graph, fmt: RdfFormat) -> str:
    """A readable serialisation (nested, prefixed) for exports small enough to hold in memory."""
    graph = triples if isinstance(triples, rdflib.Graph) else to_graph(triples)
    if fmt.name == "jsonld":
        return graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    return graph.serialize(format=fmt.rdflib_name)
