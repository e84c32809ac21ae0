"""The project's vocabulary as served under /def/: which document or term an IRI under DEF names, as a graph.

Three documents: the ontology (with its code lists), the SHACL application profile and the topic scheme. A
document IRI (or its version IRI) gives the whole file; a term with a slash IRI (`…/def/level/county`,
`…/def/topic/ecology`) gives its concise bounded description from the file that defines it. Hash terms
(`…/def/incentive#Award`) reach the server as their document, so they need nothing more."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rdflib

from ontology.rdf_terms import DEF, PREFIXES

HERE = Path(__file__).resolve().parent
OWL_VERSION_IRI = rdflib.URIRef("http://www.w3.org/2002/07/owl#versionIRI")


@dataclass(frozen=True)
class VocabularyDocument:
    path: str  # under /def/
    file: Path
    title: str


DOCUMENTS = (
    VocabularyDocument("incentive", HERE / "incentive.ttl", "Incentive-KG ontology and code lists"),
    VocabularyDocument("shapes", HERE / "shapes.ttl", "Incentive-KG application profile (SHACL shapes)"),
    VocabularyDocument("topic/scheme", HERE / "topics.ttl", "Incentive-KG topic scheme"),
    # Earlier versions of a document stay served at their version IRI, as published (after the current ones:
    # a term defined in both is described from the current version).
    VocabularyDocument(
        "incentive/0.2.0", HERE / "versions" / "incentive-0.2.0.ttl", "Incentive-KG ontology 0.2.0 (superseded)"
    ),
    VocabularyDocument(
        "shapes/0.2.0", HERE / "versions" / "shapes-0.2.0.ttl", "Incentive-KG application profile 0.2.0 (superseded)"
    ),
)


@cache
def _graph(file: Path) -> rdflib.Graph:
    graph = rdflib.Graph(bind_namespaces="none")
    graph.parse(file)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    return graph


@cache
def _index() -> dict[str, tuple[VocabularyDocument, bool]]:
    """IRI → (the document that defines it, is it the document itself)."""
    index: dict[str, tuple[VocabularyDocument, bool]] = {}
    for doc in DOCUMENTS:
        graph = _graph(doc.file)
        for subject in set(graph.subjects()):
            if isinstance(subject, rdflib.URIRef) and subject.startswith(DEF) and "#" not in subject:
                index.setdefault(str(subject), (doc, False))
        index[DEF + doc.path] = (doc, True)
        for version in graph.objects(None, OWL_VERSION_IRI):
            index.setdefault(str(version), (doc, True))
    return index


def describe(path: str) -> tuple[str, str, rdflib.Graph] | None:
    """(the IRI, a title, its description) for the path after /def/, or None when nothing there is defined."""
    iri = DEF + path
    found = _index().get(iri)
    if found is None:
        return None
    doc, whole = found
    graph = _graph(doc.file)
    if whole:
        return iri, doc.title, graph
    description = graph.cbd(rdflib.URIRef(iri))
    for prefix, namespace in graph.namespaces():
        description.bind(prefix, namespace)
    return iri, iri.removeprefix(DEF), description


def served_iris() -> set[str]:
    """Every IRI under DEF that /def/ answers for (terms with a hash are answered by their document)."""
    return set(_index())


def current_version_iris() -> list[str]:
    """The version IRIs of the current ontology and application profile (what a dump conforms to)."""
    return sorted(str(v) for doc in DOCUMENTS[:2] for v in _graph(doc.file).objects(None, OWL_VERSION_IRI))
