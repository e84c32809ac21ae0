"""RDF terms as light Python values (IRI, Lit, Triple) and the namespaces of the vocabularies the export reuses."""

from __future__ import annotations

import os
import re
from typing import NamedTuple
from urllib.parse import quote

DEFAULT_BASE_URI = "http://127.0.0.1:8000"


class IRI(str):
    """An IRI. A str subclass rather than rdflib's URIRef: the streaming writers make millions of these."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: lexical form plus a language tag or a datatype IRI (neither: xsd:string)."""

    value: str
    lang: str | None = None
    datatype: str | None = None


Triple = tuple[str, str, IRI | Lit]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
OA = "http://www.w3.org/ns/oa#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"
SH = "http://www.w3.org/ns/shacl#"
IKG = "https://incentive-kg.org/def/incentive#"
TOPIC = "https://incentive-kg.org/def/topic/"
NOTICE_KIND = "https://incentive-kg.org/def/notice-kind/"
LEVEL = "https://incentive-kg.org/def/level/"
INCENTIVE_TYPE = "https://incentive-kg.org/def/incentive-type/"

# Prefixes every serialisation declares; the order is the order they are written in.
PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "eli": ELI,
    "org": ORG,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "oa": OA,
    "dcat": DCAT,
    "dcterms": DCTERMS,
    "void": VOID,
    "foaf": FOAF,
    "ikg": IKG,
    "topic": TOPIC,
    "kind": NOTICE_KIND,
    "level": LEVEL,
    "itype": INCENTIVE_TYPE,
}

RDF_TYPE = RDF + "type"
XSD_STRING = XSD + "string"


def base_uri() -> str:
    """The base of every node URI: $IKG_BASE_URI, by default the local server so URIs dereference."""
    return os.environ.get("IKG_BASE_URI", DEFAULT_BASE_URI).rstrip("/")


_UNRESERVED = re.compile(r"[A-Za-z0-9@._~-]*")  # what quote(…, safe='@-._~') leaves as it is


def node_uri(base: str, path: str, node_id: str) -> IRI:
    """{base}/id/{kind}/{id}; ids are percent-encoded (zone ids may hold any character)."""
    # Most ids need no escaping; quote() costs ~5 µs even then, and an export makes one IRI per node and end.
    encoded = node_id if _UNRESERVED.fullmatch(node_id) else quote(node_id, safe="@-._~")
    return IRI(f"{base}/id/{path}/{encoded}")
