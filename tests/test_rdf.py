"""The RDF side on the seed corpus: shapes, round trips per format, node URIs, the catalogue and SPARQL."""

from __future__ import annotations

from urllib.parse import quote

import pyshacl
import pytest
import rdflib
from conftest import PROJECT
from fastapi.testclient import TestClient
from rdflib import OWL, RDF, SKOS, XSD, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from api.app import create_app
from cypher.rdf_source import locality_items, notice_items, whole_graph
from ontology.code_lists import with_code_lists
from ontology.rdf import RdfMapper, graph_triples
from ontology.rdf_formats import FORMATS, serialize_small, to_graph
from ontology.rdf_terms import DEF, LEVEL, base_uri
from ontology.rdf_writers import WRITERS

ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
IKG = Namespace("https://incentive-kg.org/def/incentive#")
SCHEME = URIRef(f"{DEF}topic/scheme")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
VOID = Namespace("http://rdfs.org/ns/void#")
SHAPES = rdflib.Graph().parse(PROJECT / "ontology" / "shapes.ttl")
AWARD_NOTICE = "n50916825e3a9"  # 川办函〔2023〕58号, the Sichuan award notice


@pytest.fixture(scope="module")
def store(loaded):
    return loaded[0]


@pytest.fixture(scope="module")
def mapper():
    return RdfMapper(base_uri())


@pytest.fixture(scope="module")
def triples(store, mapper):
    return list(with_code_lists(graph_triples(mapper, whole_graph(store))))


@pytest.fixture(scope="module")
def graph(triples):
    return to_graph(triples)


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store))


def uri(kind: str, node_id: str) -> URIRef:
    if kind == "topic":  # a topic is the concept of the published scheme (ontology/rdf.py)
        return URIRef(f"{DEF}topic/{node_id}")
    return URIRef(f"{base_uri()}/id/{kind}/{node_id}")


def test_export_conforms_to_shapes(graph):
    conforms, _, text = pyshacl.validate(graph, shacl_graph=SHAPES)
    assert conforms, text
    assert len(set(graph.subjects(RDF.type, ELI.LegalResourceSubdivision))) == 183  # every measure


ONTOLOGY = rdflib.Graph().parse(PROJECT / "ontology" / "incentive.ttl")


@pytest.mark.slow  # ~10 s per engine (SHACL with RDFS inference over the seeds' export); keeps `make test` near 10 min
def test_export_conforms_with_the_ontology_loaded_and_rdfs_inference(graph):
    """With the ontology, every Award is also a prov:Entity and every coded value a skos:Concept: the shapes
    must still hold (source files have their own class; the dump carries its code lists)."""
    conforms, _, text = pyshacl.validate(graph, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference="rdfs")
    assert conforms, text
    broken = rdflib.Graph() + graph
    broken.remove((URIRef(LEVEL + "county"), SKOS.prefLabel, None))  # a code without its label
    conforms, _, text = pyshacl.validate(broken, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference="rdfs")
    assert not conforms and "Focus Node: level:county" in text


def test_a_broken_shape_is_reported(graph):
    broken = rdflib.Graph() + graph
    measure = uri("measure", f"{AWARD_NOTICE}-m1")
    broken.remove((measure, ELI.is_part_of, None))
    notice = uri("notice", AWARD_NOTICE)
    broken.set((notice, ELI.date_document, Literal("19 September 2023")))
    conforms, report, _ = pyshacl.validate(broken, shacl_graph=SHAPES)
    assert not conforms
    SH = Namespace("http://www.w3.org/ns/shacl#")
    focus = {(r[SH.focusNode], r[SH.resultPath]) for r in _results(report, SH)}
    assert focus == {(measure, ELI.is_part_of), (notice, ELI.date_document)}


def _results(report: rdflib.Graph, SH) -> list[dict]:
    return [dict(report.predicate_objects(result)) for result in report.subjects(RDF.type, SH.ValidationResult)]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_streamed_dump_parses_back_to_the_same_graph(fmt, triples, graph):
    text = "".join(WRITERS[fmt](iter(triples)))
    parsed = rdflib.Graph().parse(data=text, format=FORMATS[fmt].rdflib_name)
    assert len(parsed) == len(graph) == len(triples)  # no triple written twice, none lost
    assert set(parsed) == set(graph)  # no blank nodes, so equal sets are isomorphic graphs


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_small_exports_are_isomorphic(fmt, store, mapper):
    items = notice_items(store, AWARD_NOTICE)
    expected = to_graph(graph_triples(mapper, items))
    parsed = rdflib.Graph().parse(
        data=serialize_small(graph_triples(mapper, items), FORMATS[fmt]), format=FORMATS[fmt].rdflib_name
    )
    assert isomorphic(parsed, expected) and len(parsed) > 1000


def test_export_literals_and_cited_notices(graph):
    notice = uri("notice", AWARD_NOTICE)
    assert graph.value(notice, ELI.date_document) == Literal("2023-09-19", datatype=XSD.date)
    assert graph.value(notice, ELI.id_local) == Literal("川办函〔2023〕58号")
    assert graph.value(notice, URIRef("http://purl.org/dc/terms/title")).language == "zh"
    amounts = {graph.value(a, SCHEMA.value) for a in graph.subjects(RDF.type, SCHEMA.MonetaryAmount)}
    assert Literal("10000000.0", datatype=XSD.decimal) in amounts
    assert set(graph.objects(None, SCHEMA.currency)) == {Literal("CNY")}
    # 国办发〔2021〕49号 is cited but not loaded: a legal resource with its 文号 and nothing else.
    cited = graph.value(predicate=ELI.id_local, object=Literal("国办发〔2021〕49号"))
    assert set(graph.predicate_objects(cited)) == {
        (RDF.type, ELI.LegalResource),
        (ELI.id_local, Literal("国办发〔2021〕49号")),
        (OWL.sameAs, URIRef(f"{base_uri()}/eli/cn/{quote('国办发')}/2021/49")),
    }
    assert (None, ELI.cites, cited) in graph


def test_locality_as_turtle_has_awards_with_provenance(client):
    response = client.get("/id/locality/500112", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert "Accept" in response.headers["vary"]
    g = rdflib.Graph().parse(data=response.text, format="turtle")
    yubei = uri("locality", "500112")
    assert g.value(yubei, SCHEMA.name) == Literal("渝北区", lang="zh")
    awards = set(g.subjects(IKG.recipient, yubei))
    assert len(awards) >= 10
    for award in awards:
        measure, notice = g.value(award, IKG.underMeasure), g.value(award, IKG.announcedIn)
        assert (measure, RDF.type, ELI.LegalResourceSubdivision) in g and (notice, RDF.type, ELI.LegalResource) in g
        assert g.value(award, PROV.wasDerivedFrom) == notice
        selector = g.value(g.value(award, IKG.evidence), OA.hasSelector)
        assert (selector, RDF.type, OA.TextPositionSelector) in g
        assert 0 <= int(g.value(selector, OA.start)) < int(g.value(selector, OA.end))


def test_locality_negotiates_every_type(client):
    html = client.get("/id/locality/500112", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html") and "渝北区" in html.text
    for media, rdflib_format in [
        ("application/ld+json", "json-ld"),
        ("application/json", "json-ld"),
        ("application/n-triples", "nt"),
    ]:
        response = client.get("/id/locality/500112", headers={"Accept": media})
        assert response.headers["content-type"].startswith(media)
        assert len(rdflib.Graph().parse(data=response.text, format=rdflib_format)) > 100
    # A type refused with q=0 is not served through a wildcard (the most specific range decides).
    not_turtle = client.get("/id/locality/500112", headers={"Accept": "text/turtle;q=0, */*;q=0.1"})
    assert not not_turtle.headers["content-type"].startswith("text/turtle")
    refused = client.get("/id/locality/500112", headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "Accept" in refused.headers["vary"]
    assert client.get("/id/locality/000000").status_code == 404
    assert client.get("/id/planet/500112").status_code == 404


def test_every_node_kind_dereferences(client, graph):
    for kind in ("notice", "measure", "department", "award", "topic"):
        prefix = str(uri(kind, ""))
        subject = next(s for s in graph.subjects() if str(s).startswith(prefix) and "#" not in s and s != SCHEME)
        path = f"/id/{kind}/{str(subject)[len(prefix) :]}"
        response = client.get(path, headers={"Accept": "application/n-triples"})
        assert response.status_code == 200, path
        assert (subject, None, None) in rdflib.Graph().parse(data=response.text, format="nt")


def test_sparql_winners_match_the_winners_query(client):
    api = client.get("/queries/winners", params={"all_topics": "ecology,investment", "year": 2020}).json()
    query = f"""
        PREFIX ikg: <{IKG}> PREFIX eli: <{ELI}> PREFIX xsd: <{XSD}>
        SELECT DISTINCT ?place WHERE {{
          VALUES ?topic {{ <{uri("topic", "ecology")}> <{uri("topic", "investment")}> }}
          ?award ikg:recipient ?place ; ikg:workYear "2020"^^xsd:gYear ; ikg:underMeasure/eli:is_about ?topic .
        }} GROUP BY ?place HAVING (COUNT(DISTINCT ?topic) = 2)"""
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    places = {b["place"]["value"] for b in response.json()["results"]["bindings"]}
    assert places == {str(uri("locality", loc["id"])) for loc in api["localities"]} and api["count"] >= 2


def test_sparql_protocol(client):
    ask = "ASK { ?s a <http://data.europa.eu/eli/ontology#LegalResource> }"
    posted = client.post("/sparql", content=ask, headers={"Content-Type": "application/sparql-query"})
    assert posted.json()["boolean"] is True
    form = client.post(
        "/sparql", data={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"}, headers={"Accept": "text/csv"}
    )
    assert form.headers["content-type"].startswith("text/csv") and len(form.text.strip().splitlines()) == 4
    construct = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s a ?c } LIMIT 5"})
    assert len(rdflib.Graph().parse(data=construct.text, format="turtle")) == 5
    update = client.get("/sparql", params={"query": "INSERT DATA { <x:a> <x:b> <x:c> }"})
    assert update.status_code == 400 and update.json()["type"].endswith("/bad-sparql")


def test_catalog_describes_the_dataset(client, triples):
    client.get("/catalog")  # the first request starts measuring the dump (here the store was not loaded by ikg)
    client.app.state.void_stats.wait()
    response = client.get("/catalog", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=response.text, format="turtle")
    conforms, _, text = pyshacl.validate(g, shacl_graph=SHAPES)
    assert conforms, text
    dataset = URIRef(f"{base_uri()}/catalog#dataset")
    assert int(g.value(dataset, VOID.triples)) == len(triples)
    dumps = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/dcat#downloadURL"))}
    assert {f"{base_uri()}/export?format={f}" for f in FORMATS} <= dumps
    assert g.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{base_uri()}/sparql")


def test_export_endpoint(client, triples):
    dump = client.get("/export", params={"format": "nt"})
    assert dump.status_code == 200 and dump.headers["content-type"].startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=dump.text, format="nt")) == len(triples)
    one = client.get("/export", params={"format": "jsonld", "locality": "500112"})
    assert len(rdflib.Graph().parse(data=one.text, format="json-ld")) == len(
        to_graph(graph_triples(RdfMapper(base_uri()), locality_items(client.app.state.store, "500112")))
    )
    assert client.get("/export", params={"format": "rdfa"}).status_code == 400
    assert client.get("/export", params={"notice": "nope"}).status_code == 404
