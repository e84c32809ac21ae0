"""The DCAT and VoID description of one release: a versioned, immutable set of dump files (api/cli/release.py
writes them), each with its size and SHA-256, so a harvester can check what it downloaded."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime

from ontology.rdf import COUNTRY_CHN, LANGUAGE_ZHO
from ontology.rdf_catalog import DEFAULT_LICENSE, VOCABULARIES, linkset_triples
from ontology.rdf_terms import DCAT, DCTERMS, IRI, OWL, RDF_TYPE, SPDX, VOID, XSD, Lit, Triple

IANA = "http://www.iana.org/assignments/media-types/"
GZIP = IANA + "application/gzip"


@dataclass(frozen=True)
class ReleaseFile:
    name: str  # the file's name in the release folder
    media_type: str  # of the data inside the compression
    size: int  # bytes of the file as published (compressed)
    sha256: str


def release_uri(base: str, version: str) -> IRI:
    """Where the release's folder is published: {base}/releases/{version}/."""
    return IRI(f"{base}/releases/{version}/")


def release_triples(
    base: str,
    version: str,
    issued: date,
    modified: datetime,
    files: list[ReleaseFile],
    triples: int,
    entities: int,
    links: dict[str, int],
    profile_versions: list[str],
) -> list[Triple]:
    """`modified`: when the graph last changed; `links`: predicate → how many links of each linkset the dump has;
    `profile_versions`: the version IRIs of the ontology and shapes the dump was checked against."""
    license_ = IRI(os.environ.get("IKG_DATA_LICENSE", DEFAULT_LICENSE))
    folder = release_uri(base, version)
    dataset = IRI(folder + "#dataset")
    t: list[Triple] = [
        (dataset, RDF_TYPE, IRI(DCAT + "Dataset")),
        (dataset, RDF_TYPE, IRI(VOID + "Dataset")),
        (dataset, DCTERMS + "title", Lit(f"督查激励知识图谱 {version}", "zh")),
        (dataset, DCTERMS + "title", Lit(f"Incentive-KG knowledge graph, release {version}", "en")),
        (
            dataset,
            DCTERMS + "description",
            Lit(f"Release {version}: the whole graph as it was on {issued.isoformat()}, in every RDF format.", "en"),
        ),
        (dataset, DCAT + "version", Lit(version)),
        (dataset, OWL + "versionInfo", Lit(version)),
        (dataset, DCTERMS + "isVersionOf", IRI(f"{base}/catalog#dataset")),
        (IRI(f"{base}/catalog#dataset"), DCAT + "hasVersion", dataset),
        (dataset, DCTERMS + "issued", Lit(issued.isoformat(), None, XSD + "date")),
        (dataset, DCTERMS + "modified", Lit(modified.isoformat(timespec="seconds"), None, XSD + "dateTime")),
        (dataset, DCTERMS + "license", license_),
        (dataset, DCTERMS + "language", LANGUAGE_ZHO),
        (dataset, DCTERMS + "spatial", COUNTRY_CHN),
        *[(dataset, DCTERMS + "conformsTo", IRI(v)) for v in profile_versions],
        (dataset, VOID + "uriSpace", Lit(f"{base}/id/")),
        (dataset, VOID + "triples", Lit(str(triples), None, XSD + "integer")),
        (dataset, VOID + "entities", Lit(str(entities), None, XSD + "integer")),
        *[(dataset, VOID + "vocabulary", IRI(v)) for v in VOCABULARIES],
        *linkset_triples(dataset, links),
    ]
    for file in files:
        dist, checksum = IRI(folder + file.name), IRI(folder + file.name + "#checksum")
        t += [
            (dataset, DCAT + "distribution", dist),
            (dataset, VOID + "dataDump", dist),
            (dist, RDF_TYPE, IRI(DCAT + "Distribution")),
            (dist, DCTERMS + "title", Lit(f"{file.name} ({file.media_type}, gzip)", "en")),
            (dist, DCAT + "accessURL", folder),
            (dist, DCAT + "downloadURL", dist),
            (dist, DCAT + "mediaType", IRI(IANA + file.media_type)),
            (dist, DCAT + "compressFormat", IRI(GZIP)),
            (dist, DCAT + "byteSize", Lit(str(file.size), None, XSD + "nonNegativeInteger")),
            (dist, DCTERMS + "issued", Lit(issued.isoformat(), None, XSD + "date")),
            (dist, DCTERMS + "license", license_),
            (dist, SPDX + "checksum", checksum),
            (checksum, RDF_TYPE, IRI(SPDX + "Checksum")),
            (checksum, SPDX + "algorithm", IRI(SPDX + "checksumAlgorithm_sha256")),
            (checksum, SPDX + "checksumValue", Lit(file.sha256, None, XSD + "hexBinary")),
        ]
    return t
