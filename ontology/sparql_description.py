"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/):
what `GET /sparql` without a query answers."""

from __future__ import annotations

from ontology.rdf_sparql import Limits
from ontology.rdf_terms import DCTERMS, IRI, RDF_TYPE, RDFS, VOID, XSD, Lit, Triple

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
# The formats answers come in (rdf_sparql.RESULT_TYPES and GRAPH_TYPES), by their W3C format IRIs.
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
)


def service_description(base: str, triples: int | None, limits: Limits) -> list[Triple]:
    endpoint = IRI(f"{base}/sparql")
    dataset, graph = IRI(f"{base}/sparql#dataset"), IRI(f"{base}/sparql#default-graph")
    t: list[Triple] = [
        (endpoint, RDF_TYPE, IRI(SD + "Service")),
        (endpoint, SD + "endpoint", endpoint),
        (endpoint, DCTERMS + "title", Lit("incentive-kg SPARQL endpoint", "en")),
        (endpoint, DCTERMS + "title", Lit("督查激励知识图谱 SPARQL 查询端点", "zh")),
        (endpoint, RDFS + "seeAlso", IRI(f"{base}/catalog")),
        (endpoint, SD + "supportedLanguage", IRI(SD + "SPARQL11Query")),
        *[(endpoint, SD + "resultFormat", IRI(FORMATS + name)) for name in RESULT_FORMATS],
        (endpoint, SD + "defaultDataset", dataset),
        (dataset, RDF_TYPE, IRI(SD + "Dataset")),
        (dataset, SD + "defaultGraph", graph),
        (dataset, RDFS + "seeAlso", IRI(f"{base}/catalog#dataset")),
        (graph, RDF_TYPE, IRI(SD + "Graph")),
    ]
    if triples is not None:
        t.append((graph, VOID + "triples", Lit(str(triples), None, XSD + "integer")))
    # What this endpoint does differently from a plain SPARQL 1.1 service, as features of its own.
    features = {
        "read-only": "Read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, …) is refused.",
        "no-federation": "No federated query: SERVICE is refused, and no request leaves the server.",
        "limits": f"Each query runs at most {limits.timeout_s:g} s and in at most {limits.memory_mb} MB, and may "
        f"return at most {limits.max_rows} rows or triples; past a limit the answer is an error, never a part.",
    }
    for key, text in features.items():
        feature = IRI(f"{base}/sparql#{key}")
        t += [
            (endpoint, SD + "feature", feature),
            (feature, RDF_TYPE, IRI(SD + "Feature")),
            (feature, RDFS + "comment", Lit(text, "en")),
        ]
    return t
