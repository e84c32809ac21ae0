"""The DCAT (DCAT-AP style) description of the dataset, its distributions and services, with VoID statistics."""

from __future__ import annotations

import os
from datetime import datetime

from ontology.model import NODE_KINDS
from ontology.rdf import COUNTRY_CHN, LANGUAGE_ZHO
from ontology.rdf_formats import FORMATS
from ontology.rdf_stats import DumpStats
from ontology.rdf_terms import DCAT, DCTERMS, DEF, ELI, FOAF, IKG, IRI, RDF_TYPE, SPDX, VOID, XSD, Lit, Triple

OPENAPI = "https://spec.openapis.org/oas/v3.1.0"  # FastAPI writes OpenAPI 3.1
VCARD = "http://www.w3.org/2006/vcard/ns#"

# The licence of the published data is the publisher's decision; set $IKG_DATA_LICENSE to change it.
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
# Which class each node kind is exported as (see ontology/rdf.py), for VoID class partitions.
EXPORTED_CLASS = {
    "Notice": "http://data.europa.eu/eli/ontology#LegalResource",
    "Measure": "http://data.europa.eu/eli/ontology#LegalResourceSubdivision",
    "Department": "http://www.w3.org/ns/org#Organization",
    "Locality": "https://schema.org/AdministrativeArea",
    "Award": IKG + "Award",
    "Topic": "http://www.w3.org/2004/02/skos/core#Concept",
}
VOCABULARIES = (
    "http://data.europa.eu/eli/ontology#",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/prov#",
    "https://schema.org/",
    "http://www.w3.org/ns/oa#",
    IKG,
)


# The links out of the dataset to datasets published by others (VoID linksets): predicate → the target dataset.
# Notices name their jurisdiction and language by the EU Publications Office's authority tables, as ELI asks.
# (A notice's owl:sameAs its ELI stays inside this dataset; no offline, well-licensed source here maps GB/T 2260
# codes to another dataset's identifiers, so localities link nowhere yet.)
LINKSETS = {
    ELI + "jurisdiction": ("eu-country", "http://publications.europa.eu/resource/authority/country"),
    DCTERMS + "language": ("eu-language", "http://publications.europa.eu/resource/authority/language"),
}


def linkset_triples(dataset: IRI, counts: dict[str, int] | None = None) -> list[Triple]:
    """The dataset's linksets; with `counts` (predicate → links in the dump), how many links each has."""
    t: list[Triple] = []
    for predicate, (name, target) in LINKSETS.items():
        linkset = IRI(f"{dataset}-links-{name}")
        t += [
            (dataset, VOID + "subset", linkset),
            (linkset, RDF_TYPE, IRI(VOID + "Linkset")),
            (linkset, VOID + "linkPredicate", IRI(predicate)),
            (linkset, VOID + "subjectsTarget", dataset),
            (linkset, VOID + "objectsTarget", IRI(target)),
        ]
        if counts is not None:
            t.append((linkset, VOID + "triples", Lit(str(counts.get(predicate, 0)), None, XSD + "integer")))
    return t


def _zh_en(s: str, p: str, zh: str, en: str) -> list[Triple]:
    return [(s, p, Lit(zh, "zh")), (s, p, Lit(en, "en"))]


def catalog_triples(
    base: str, node_counts: dict[str, int], stats: DumpStats | None, now: datetime, dump_current: bool = False
) -> list[Triple]:
    """The catalogue for the graph at `base`. `stats` are the dump's last measured statistics (None before the
    first measurement); the N-Triples dump's size and checksum are stated only when `dump_current` (they
    describe the graph as it is, not as it was before a write)."""
    license_ = IRI(os.environ.get("IKG_DATA_LICENSE", DEFAULT_LICENSE))
    modified = stats.modified_at if stats else now
    issued = (stats.issued_at if stats else now).date()
    catalog, dataset = IRI(f"{base}/catalog"), IRI(f"{base}/catalog#dataset")
    publisher = IRI(f"{base}/catalog#publisher")
    sparql, api = IRI(f"{base}/sparql"), IRI(f"{base}/catalog#api")
    t: list[Triple] = [
        (catalog, RDF_TYPE, IRI(DCAT + "Catalog")),
        *_zh_en(catalog, DCTERMS + "title", "督查激励知识图谱数据目录", "Incentive-KG data catalogue"),
        *_zh_en(
            catalog,
            DCTERMS + "description",
            "督查激励政策文件、激励措施、牵头部门、获奖地方及其原文依据的开放数据。",
            "Open data on supervision-incentive policy: notices, measures, lead departments, awarded "
            "localities, each fact with its source span.",
        ),
        (catalog, DCTERMS + "publisher", publisher),
        (publisher, RDF_TYPE, IRI(FOAF + "Agent")),
        (publisher, FOAF + "name", Lit(os.environ.get("IKG_PUBLISHER", "incentive-kg"))),
        (catalog, DCTERMS + "license", license_),
        (catalog, DCAT + "dataset", dataset),
        (catalog, DCAT + "service", sparql),
        (catalog, DCAT + "service", api),
        (dataset, RDF_TYPE, IRI(DCAT + "Dataset")),
        (dataset, RDF_TYPE, IRI(VOID + "Dataset")),
        *_zh_en(dataset, DCTERMS + "title", "督查激励知识图谱", "Incentive-KG knowledge graph"),
        *_zh_en(
            dataset,
            DCTERMS + "description",
            "督查激励通知及其措施、部门、地方和奖励。",
            "Supervision-incentive notices with their measures, departments, localities and awards.",
        ),
        (dataset, DCTERMS + "issued", Lit(issued.isoformat(), None, XSD + "date")),
        (dataset, DCTERMS + "modified", Lit(modified.isoformat(timespec="seconds"), None, XSD + "dateTime")),
        (dataset, DCTERMS + "license", license_),
        (dataset, DCTERMS + "language", LANGUAGE_ZHO),
        (dataset, DCTERMS + "spatial", COUNTRY_CHN),
        (dataset, DCTERMS + "conformsTo", IRI(DEF + "shapes")),
        (dataset, DCTERMS + "conformsTo", IRI(DEF + "incentive")),
        (dataset, VOID + "uriSpace", Lit(f"{base}/id/")),
        (dataset, VOID + "sparqlEndpoint", sparql),
        (dataset, VOID + "dataDump", IRI(f"{base}/export?format=nt")),
        (dataset, VOID + "entities", Lit(str(sum(node_counts.values())), None, XSD + "integer")),
        *[(dataset, VOID + "vocabulary", IRI(v)) for v in VOCABULARIES],
        *linkset_triples(dataset),
    ]
    if stats is not None:
        t.append((dataset, VOID + "triples", Lit(str(stats.triples), None, XSD + "integer")))
    contact = os.environ.get("IKG_CONTACT_EMAIL")
    if contact:  # DCAT-AP asks for a contact point; only the publisher knows it
        point = IRI(f"{base}/catalog#contact")
        t += [
            (dataset, DCAT + "contactPoint", point),
            (point, RDF_TYPE, IRI(VCARD + "Kind")),
            (point, VCARD + "hasEmail", IRI(f"mailto:{contact}")),
        ]
    for kind in NODE_KINDS:
        part = IRI(f"{base}/catalog#class-{kind.path}")
        t += [
            (dataset, VOID + "classPartition", part),
            (part, VOID + "class", IRI(EXPORTED_CLASS[kind.label])),
            (part, VOID + "entities", Lit(str(node_counts.get(kind.label, 0)), None, XSD + "integer")),
        ]
    for fmt in FORMATS.values():
        dist = IRI(f"{base}/catalog#dump-{fmt.name}")
        t += [
            (dataset, DCAT + "distribution", dist),
            (dist, RDF_TYPE, IRI(DCAT + "Distribution")),
            (dist, DCTERMS + "title", Lit(f"Full dump ({fmt.media_type})", "en")),
            (dist, DCAT + "accessURL", IRI(f"{base}/export?format={fmt.name}")),
            (dist, DCAT + "downloadURL", IRI(f"{base}/export?format={fmt.name}")),
            (dist, DCAT + "mediaType", IRI(f"http://www.iana.org/assignments/media-types/{fmt.media_type}")),
            (dist, DCTERMS + "license", license_),
        ]
        if fmt.name == "nt" and stats is not None and dump_current:
            checksum = IRI(f"{dist}-checksum")
            t += [
                (dist, DCAT + "byteSize", Lit(str(stats.nt_bytes), None, XSD + "nonNegativeInteger")),
                (dist, SPDX + "checksum", checksum),
                (checksum, RDF_TYPE, IRI(SPDX + "Checksum")),
                (checksum, SPDX + "algorithm", IRI(SPDX + "checksumAlgorithm_sha256")),
                (checksum, SPDX + "checksumValue", Lit(stats.nt_sha256, None, XSD + "hexBinary")),
            ]
    # A service's endpointDescription describes the endpoint itself (the SPARQL Service Description, the
    # OpenAPI document); conformsTo names the standard it follows.
    for key, service, title, endpoint, conforms, description in (
        ("sparql", sparql, "SPARQL endpoint", sparql, "https://www.w3.org/TR/sparql11-protocol/", f"{base}/sparql"),
        ("api", api, "HTTP API (OpenAPI)", IRI(f"{base}/"), OPENAPI, f"{base}/openapi.json"),
    ):
        dist = IRI(f"{base}/catalog#{key}-access")
        t += [
            (service, RDF_TYPE, IRI(DCAT + "DataService")),
            (service, DCTERMS + "title", Lit(title, "en")),
            (service, DCAT + "endpointURL", endpoint),
            (service, DCAT + "endpointDescription", IRI(description)),
            (service, DCTERMS + "conformsTo", IRI(conforms)),
            (service, DCAT + "servesDataset", dataset),
            (service, DCTERMS + "license", license_),
            (dataset, DCAT + "distribution", dist),
            (dist, RDF_TYPE, IRI(DCAT + "Distribution")),
            (dist, DCTERMS + "title", Lit(f"{title} access", "en")),
            (dist, DCAT + "accessURL", endpoint),
            (dist, DCAT + "accessService", service),
            (dist, DCTERMS + "license", license_),
        ]
    return t
