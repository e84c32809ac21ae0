"""Streaming RDF writers (N-Triples, Turtle, JSON-LD, RDF/XML): triples in, text chunks out, constant memory.

rdflib's serializers build the whole graph first (and its Turtle writer managed ~17k triples/s here), so a
whole-graph dump goes through these. They group consecutive triples that share a subject, which the
mapper produces naturally; a subject appearing again later is simply written again (valid in every format).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from ontology.rdf_terms import IRI, PREFIXES, RDF_TYPE, XSD_STRING, Lit, Triple

CHUNK_SUBJECTS = 500  # subjects per yielded chunk: large enough to amortise, small enough to stream

_NT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_NT_SPECIAL = re.compile(r'[\\"\n\r]')
IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BY_NAMESPACE = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))  # longest namespace wins


def nt_iri(value: str) -> str:
    if IRI_BAD.search(value):
        value = IRI_BAD.sub(lambda m: f"\\u{ord(m.group()):04X}", value)
    return f"<{value}>"


def _quoted(value: str) -> str:
    return '"' + _NT_SPECIAL.sub(lambda m: _NT_ESCAPES[m.group()], value) + '"'


def _term(term: IRI | Lit, write_iri) -> str:
    """A term in N-Triples or Turtle syntax; the two differ only in how an IRI is written."""
    if isinstance(term, Lit):
        text = _quoted(term.value)
        if term.lang:
            return f"{text}@{term.lang}"
        if term.datatype and term.datatype != XSD_STRING:
            return f"{text}^^{write_iri(term.datatype)}"
        return text
    return write_iri(term)


def nt_term(term: IRI | Lit) -> str:
    return _term(term, nt_iri)


def _batches(triples: Iterable[Triple]) -> Iterator[list[tuple[str, list[Triple]]]]:
    """Runs of triples by subject, CHUNK_SUBJECTS runs at a time."""
    batch: list[tuple[str, list[Triple]]] = []
    for subject, run in groupby(triples, key=itemgetter(0)):
        batch.append((subject, list(run)))
        if len(batch) >= CHUNK_SUBJECTS:
            yield batch
            batch = []
    if batch:
        yield batch


# -- N-Triples ----------------------------------------------------------------------------------------------------


def write_nt(triples: Iterable[Triple]) -> Iterator[str]:
    # Formatted IRIs are remembered: predicates and classes repeat in every few triples, and a subject in
    # the triples of its run (checking and escaping each IRI again was a third of the writer's time).
    cache: dict[str, str] = {}

    def iri(value: str) -> str:
        text = cache.get(value)
        if text is None:
            text = nt_iri(value)
            if len(cache) >= 100_000:  # bounded: node IRIs mostly do not come back
                cache.clear()
            cache[value] = text
        return text

    lines: list[str] = []
    for s, p, o in triples:
        obj = _term(o, nt_iri) if isinstance(o, Lit) else iri(o)
        lines.append(f"{iri(s)} {iri(p)} {obj} .\n")
        if len(lines) >= 5000:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


# -- Turtle -------------------------------------------------------------------------------------------------------


def _pname(iri: str, cache: dict[str, str]) -> str:
    """A prefixed name when the IRI is in a declared namespace and its rest is a plain local name."""
    found = cache.get(iri)
    if found is None:
        found = nt_iri(iri)
        for prefix, namespace in _BY_NAMESPACE:
            if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
                found = f"{prefix}:{iri[len(namespace) :]}"
                break
        if len(cache) < 10_000:  # predicates and classes repeat; node IRIs mostly do not
            cache[iri] = found
    return found


def _ttl_term(term: IRI | Lit, cache: dict[str, str]) -> str:
    return _term(term, lambda iri: _pname(iri, cache))


def write_turtle(triples: Iterable[Triple]) -> Iterator[str]:
    yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n"
    cache: dict[str, str] = {}
    for batch in _batches(triples):
        parts = []
        for subject, run in batch:
            body = " ;\n    ".join(
                f"{'a' if p == RDF_TYPE else _pname(p, cache)} {_ttl_term(o, cache)}" for _, p, o in run
            )
            parts.append(f"{_pname(subject, cache)} {body} .\n\n")
        yield "".join(parts)


# -- JSON-LD ------------------------------------------------------------------------------------------------------


def _compact(iri: str, cache: dict[str, str]) -> str:
    found = _pname(iri, cache)
    return iri if found.startswith("<") else found


def _jsonld_value(term: IRI | Lit, cache: dict[str, str]) -> dict:
    if isinstance(term, Lit):
        if term.lang:
            return {"@value": term.value, "@language": term.lang}
        if term.datatype and term.datatype != XSD_STRING:
            return {"@value": term.value, "@type": _compact(term.datatype, cache)}
        return {"@value": term.value}
    return {"@id": _compact(term, cache)}


def _jsonld_node(subject: str, run: list[Triple], cache: dict[str, str]) -> dict:
    node: dict = {"@id": _compact(subject, cache)}
    for _, p, o in run:
        if p == RDF_TYPE:
            node.setdefault("@type", []).append(_compact(str(o), cache))
        else:
            node.setdefault(_compact(p, cache), []).append(_jsonld_value(o, cache))
    return node


def write_jsonld(triples: Iterable[Triple]) -> Iterator[str]:
    yield '{"@context": ' + json.dumps(PREFIXES) + ',\n "@graph": ['
    cache: dict[str, str] = {}
    first = True
    for batch in _batches(triples):
        nodes = ",\n".join(json.dumps(_jsonld_node(s, run, cache), ensure_ascii=False) for s, run in batch)
        yield ("\n" if first else ",\n") + nodes
        first = False
    yield "\n]}\n"


# -- RDF/XML ------------------------------------------------------------------------------------------------------


def _xml_text(value: str) -> str:
    # XML 1.0 cannot carry most control characters at all; they never carry meaning in these texts.
    value = _XML_INVALID.sub("\ufffd", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(value: str) -> str:
    return _xml_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")


def _qname(iri: str, cache: dict[str, str]) -> str:
    found = cache.get("xml " + iri)
    if found is None:
        for prefix, namespace in _BY_NAMESPACE:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and _XML_NAME.match(local):
                found = f"{prefix}:{local}"
                break
        else:
            raise ValueError(f"{iri}: a predicate outside the declared namespaces cannot be written in RDF/XML")
        cache["xml " + iri] = found
    return found


def _xml_property(p: str, o: IRI | Lit, cache: dict[str, str]) -> str:
    name = _qname(p, cache)
    if not isinstance(o, Lit):
        return f'  <{name} rdf:resource="{_xml_attr(o)}"/>\n'
    if o.lang:
        return f'  <{name} xml:lang="{o.lang}">{_xml_text(o.value)}</{name}>\n'
    if o.datatype and o.datatype != XSD_STRING:
        return f'  <{name} rdf:datatype="{_xml_attr(o.datatype)}">{_xml_text(o.value)}</{name}>\n'
    return f"  <{name}>{_xml_text(o.value)}</{name}>\n"


def write_xml(triples: Iterable[Triple]) -> Iterator[str]:
    namespaces = "".join(f'\n    xmlns:{p}="{_xml_attr(ns)}"' for p, ns in PREFIXES.items())
    yield f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{namespaces}>\n'
    cache: dict[str, str] = {}
    for batch in _batches(triples):
        parts = []
        for subject, run in batch:
            parts.append(f'<rdf:Description rdf:about="{_xml_attr(subject)}">\n')
            parts.extend(_xml_property(p, o, cache) for _, p, o in run)
            parts.append("</rdf:Description>\n")
        yield "".join(parts)
    yield "</rdf:RDF>\n"


WRITERS: dict[str, Callable[[Iterable[Triple]], Iterator[str]]] = {
    "nt": write_nt,
    "ttl": write_turtle,
    "jsonld": write_jsonld,
    "xml": write_xml,
}
