"""RDF terms as light Python values (IRI, Lit, Triple) and the namespaces of the vocabularies the export reuses."""

from __future__ import annotations

import os
import re
from typing import NamedTuple
from urllib.parse import quote

# Node URIs are names, so they must not change with the address a server happens to listen on. The default is a
# placeholder under the reserved .example domain (RFC 2606): it says plainly that no publisher has chosen a domain
# yet. A publisher sets $IKG_BASE_URI to the domain it will keep serving (README: "Persistent identifiers").
DEFAULT_BASE_URI = "https://incentive-kg.example"


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
SPDX = "http://spdx.org/rdf/terms#"
# The project's own vocabulary lives under one fixed namespace, whoever publishes data with it; every server
# answers for it under /def/ (api/routes/vocabulary.py), so its terms dereference wherever the data is served.
DEF = "https://incentive-kg.org/def/"
IKG = DEF + "incentive#"
IKGSH = DEF + "shapes#"
TOPIC = DEF + "topic/"
NOTICE_KIND = DEF + "notice-kind/"
LEVEL = DEF + "level/"
INCENTIVE_TYPE = DEF + "incentive-type/"

# Prefixes every serialisation declares; the order is the order they are written in.
PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "eli": ELI,
    "org": ORG,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "oa": OA,
    "dcat": DCAT,
    "dcterms": DCTERMS,
    "void": VOID,
    "spdx": SPDX,
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
    """The base of every node URI: $IKG_BASE_URI, by default the placeholder domain (the same for the server,
    `ikg export` and the catalogue; a server answers for these URIs at its own address under the same paths)."""
    return os.environ.get("IKG_BASE_URI", DEFAULT_BASE_URI).rstrip("/")


_UNRESERVED = re.compile(r"[A-Za-z0-9@._~-]*")  # what quote(…, safe='@-._~') leaves as it is


def node_uri(base: str, path: str, node_id: str) -> IRI:
    """{base}/id/{kind}/{id}; ids are percent-encoded (zone ids may hold any character)."""
    # Most ids need no escaping; quote() costs ~5 µs even then, and an export makes one IRI per node and end.
    encoded = node_id if _UNRESERVED.fullmatch(node_id) else quote(node_id, safe="@-._~")
    return IRI(f"{base}/id/{path}/{encoded}")
