"""Publishing conventions on the seed corpus: a configured base, /id → 303 → /doc → data files, /def/, links
that a browser can follow when the base is not this server."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from urllib.parse import quote
from xml.etree import ElementTree

import pyshacl
import pytest
import rdflib
from conftest import PROJECT
from fastapi.testclient import TestClient
from rdflib import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD, Literal, Namespace, URIRef

from api.app import create_app
from api.void_stats import StatsKeeper
from cypher.rdf_source import whole_graph
from ontology.code_lists import with_code_lists
from ontology.rdf import RdfMapper, graph_triples
from ontology.rdf_feed import Change, NoticeState, atom, diff
from ontology.rdf_formats import FORMATS, to_graph
from ontology.rdf_stats import read_stats, remeasured
from ontology.rdf_terms import DEF, DEFAULT_BASE_URI, base_uri

SAMPLE = {  # one node of each kind in the seeds
    "notice": "n50916825e3a9",
    "locality": "500112",
    "topic": "ecology",
}
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SHAPES = rdflib.Graph().parse(PROJECT / "ontology" / "shapes.ttl")
ONTOLOGY = rdflib.Graph().parse(PROJECT / "ontology" / "incentive.ttl")
DATA = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}


@pytest.fixture(scope="module")
def store(loaded):
    return loaded[0]


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store), follow_redirects=False)


@pytest.fixture(scope="module")
def graph(store):
    """The whole export, as `ikg export` writes it."""
    return to_graph(with_code_lists(graph_triples(RdfMapper(base_uri()), whole_graph(store))))


@pytest.fixture(scope="module")
def dump(graph):
    return graph


@pytest.fixture(scope="module")
def samples(store):
    """An id of every node kind."""
    ids = dict(SAMPLE)
    for label, kind in (("Measure", "measure"), ("Department", "department"), ("Award", "award")):
        ids[kind] = store.query(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY n.id LIMIT 1").records()[0]["id"]
    return ids


def test_the_base_is_a_placeholder_not_the_listening_address(monkeypatch):
    monkeypatch.delenv("IKG_BASE_URI", raising=False)
    assert base_uri() == DEFAULT_BASE_URI == "https://incentive-kg.example"
    monkeypatch.setenv("IKG_BASE_URI", "https://data.example.gov.cn/ikg/")
    assert base_uri() == "https://data.example.gov.cn/ikg"


def test_every_kind_walks_from_id_to_doc_to_each_data_file(client, samples):
    for kind, node_id in samples.items():
        # A topic's node is the concept of the published scheme, under its one IRI (ontology/rdf.py).
        subject = URIRef(f"{DEF}topic/{node_id}" if kind == "topic" else f"{base_uri()}/id/{kind}/{node_id}")
        see_other = client.get(f"/id/{kind}/{node_id}", headers={"Accept": "text/turtle"})
        assert see_other.status_code == 303, kind
        doc = see_other.headers["location"]
        assert doc.startswith(f"/doc/{kind}/")
        page = client.get(doc, headers={"Accept": "text/turtle"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/turtle")
        assert "Accept" in page.headers["vary"] and page.headers["content-location"] == f"{doc}/data.ttl"
        links = dict(re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', page.headers["link"]))
        assert set(links) == {f"{doc}/data.{ext}" for ext in DATA}
        for ext, rdflib_format in DATA.items():
            data = client.get(f"{doc}/data.{ext}")
            assert data.status_code == 200, (kind, ext)
            assert data.headers["content-type"].startswith(FORMATS[{"rdf": "xml"}.get(ext, ext)].media_type)
            assert (subject, None, None) in rdflib.Graph().parse(data=data.text, format=rdflib_format)
        for method in (client.head, client.options):
            assert method(f"{doc}/data.ttl").status_code in (200, 204)
        assert client.head(f"/id/{kind}/{node_id}").status_code == 303


def test_id_keeps_the_query_and_refuses_what_is_not_there(client):
    assert client.get("/id/locality/500112?format=nt").headers["location"] == "/doc/locality/500112?format=nt"
    assert client.get("/id/locality/000000").status_code == 404
    assert client.get("/id/planet/500112").status_code == 404
    assert client.get("/doc/locality/000000").status_code == 404
    assert client.get("/doc/locality/500112/data.png").status_code == 404


def test_html_links_are_local_when_the_base_is_elsewhere(client):
    assert not base_uri().startswith("http://testserver")
    page = client.get("/doc/locality/500112", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<title>渝北区</title>" in page.text
    hrefs = re.findall(r'href="([^"]+)"', page.text)
    assert "/id/locality/500000" in hrefs  # its parent, followable on this server
    assert not [h for h in hrefs if h.startswith(base_uri())]
    assert any(h.startswith("/def/") for h in hrefs)
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.text, re.S).group(1)
    assert len(rdflib.Graph().parse(data=jsonld, format="json-ld")) > 100


def test_notice_page_has_eli_metadata_in_the_head(client):
    page = client.get(f"/doc/notice/{SAMPLE['notice']}", headers={"Accept": "text/html"})
    head = page.text.split("</head>")[0]
    assert 'property="eli:id_local" content="川办函〔2023〕58号"' in head


def test_every_vocabulary_iri_of_the_dump_dereferences(client, dump):
    used = {str(term).split("#")[0] for triple in dump for term in triple if str(term).startswith(DEF)}
    assert len(used) > 20
    for iri in sorted(used):
        response = client.get("/def/" + iri.removeprefix(DEF), headers={"Accept": "text/turtle"})
        assert response.status_code == 200, iri
        described = rdflib.Graph().parse(data=response.text, format="turtle")
        assert (URIRef(iri), None, None) in described, iri


def test_def_negotiates_and_serves_documents_whole(client):
    county = client.get("/def/level/county", headers={"Accept": "application/ld+json"})
    assert county.headers["content-type"].startswith("application/ld+json")
    assert len(rdflib.Graph().parse(data=county.text, format="json-ld")) >= 3
    html = client.get("/def/level/county", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "<title>县级</title>" in html.text
    ontology = rdflib.Graph().parse(data=client.get("/def/incentive?format=ttl").text, format="turtle")
    assert (URIRef(DEF + "incentive"), OWL.versionIRI, None) in ontology
    assert (URIRef(DEF + "incentive#Award"), None, None) in ontology
    shapes = rdflib.Graph().parse(data=client.get("/def/shapes", headers={"Accept": "text/turtle"}).text)
    assert (None, SH.targetClass, None) in shapes
    assert client.get("/def/nothing/here").status_code == 404


YUFU_74 = "渝府办发〔2022〕74号"


def test_the_eli_of_a_notice_resolves_to_its_document(client, graph):
    notice = graph.value(predicate=ELI.id_local, object=Literal(YUFU_74))
    eli = graph.value(notice, OWL.sameAs)
    assert str(eli) == f"{base_uri()}/eli/cn/{quote('渝府办发')}/2022/74"
    see_other = client.get(str(eli).removeprefix(base_uri()), headers={"Accept": "text/turtle"})
    assert see_other.status_code == 303
    assert see_other.headers["location"] == "/doc/notice/" + str(notice).rsplit("/", 1)[1]
    assert client.get("/eli/cn/渝府办发/2022/74").status_code == 303  # as a browser sends it, unescaped
    assert client.get("/eli/cn/渝府办发/2022/9999").status_code == 404
    assert client.get("/eli/cn/nonsense/20x2/74").status_code == 404


def test_notices_follow_eli_for_issuer_jurisdiction_language_and_replacement(graph):
    notice = graph.value(predicate=ELI.id_local, object=Literal(YUFU_74))
    issuer = graph.value(notice, ELI.passed_by)
    assert (issuer, RDF.type, ORG.Organization) in graph and graph.value(issuer, SKOS.prefLabel).language == "zh"
    assert graph.value(notice, ELI.jurisdiction) == URIRef(
        "http://publications.europa.eu/resource/authority/country/CHN"
    )
    assert graph.value(notice, DCTERMS.spatial) == URIRef(f"{base_uri()}/id/locality/500000")
    assert graph.value(notice, DCTERMS.language) == URIRef(
        "http://publications.europa.eu/resource/authority/language/ZHO"
    )
    assert not list(graph.triples((None, ELI.repeals, None)))  # 停止执行 is no legal repeal claim
    assert list(graph.triples((None, DCTERMS.replaces, None)))


@pytest.mark.slow  # pyshacl with RDFS inference over the whole export: ~10 s per engine
def test_closed_shapes_refuse_a_misspelt_predicate_and_the_profile_is_versioned(graph):
    conforms, _, text = pyshacl.validate(graph, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference="rdfs")
    assert conforms, text
    notice = graph.value(predicate=ELI.id_local, object=Literal(YUFU_74))
    misspelt = rdflib.Graph() + graph
    misspelt.add((notice, ELI.date_documnet, Literal("2022-12-03", datatype=XSD.date)))
    conforms, report, _ = pyshacl.validate(misspelt, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference="rdfs")
    assert not conforms
    results = [dict(report.predicate_objects(r)) for r in report.subjects(RDF.type, SH.ValidationResult)]
    assert [(r[SH.focusNode], r[SH.resultPath], r[SH.sourceConstraintComponent]) for r in results] == [
        (notice, ELI.date_documnet, SH.ClosedConstraintComponent)
    ]
    profile = URIRef(DEF + "shapes")
    assert SHAPES.value(profile, OWL.versionInfo) and str(SHAPES.value(profile, OWL.versionIRI)).startswith(
        f"{DEF}shapes/"
    )


DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")


def test_catalog_states_the_dump_size_and_checksum_and_answers_at_once(client):
    client.get("/catalog")
    client.app.state.void_stats.wait()
    elapsed = []  # three answers none of which the answer cache holds; the machine may be busy with others
    for accept in ("text/turtle;q=0.8", "text/turtle;q=0.9", "text/turtle"):
        started = time.perf_counter()
        response = client.get("/catalog", headers={"Accept": accept})
        elapsed.append(time.perf_counter() - started)
        assert response.status_code == 200
    assert min(elapsed) < 0.2, elapsed
    # Not replayed from the answer cache: the statistics change after a write, later than the graph's version.
    assert "hit" not in client.get("/catalog", headers={"Accept": "text/turtle"}).headers.get("cache-status", "")
    g = rdflib.Graph().parse(data=response.text, format="turtle")
    assert pyshacl.validate(g, shacl_graph=SHAPES)[0]
    nt = URIRef(f"{base_uri()}/catalog#dump-nt")
    dump = client.get(str(g.value(nt, DCAT.downloadURL)).removeprefix(base_uri())).content
    assert int(g.value(nt, DCAT.byteSize)) == len(dump)
    checksum = g.value(nt, SPDX.checksum)
    assert str(g.value(checksum, SPDX.checksumValue)) == hashlib.sha256(dump).hexdigest()
    api = URIRef(f"{base_uri()}/catalog#api")
    assert g.value(api, DCAT.endpointDescription) == URIRef(f"{base_uri()}/openapi.json")
    assert "openapis.org" in str(g.value(api, DCTERMS.conformsTo))


def test_issued_is_the_first_measurement_and_modified_the_last_change():
    first = remeasured(None, "b", {}, ["<a> <b> <c> .\n"], datetime(2026, 1, 1, tzinfo=UTC))
    same = remeasured(first, "b", {}, ["<a> <b> <c> .\n"], datetime(2026, 2, 1, tzinfo=UTC))
    changed = remeasured(same, "b", {}, ["<a> <b> <d> .\n"], datetime(2026, 3, 1, tzinfo=UTC))
    assert (first.triples, first.nt_bytes) == (1, 14)
    assert same.issued == same.modified == first.issued and same.measured.startswith("2026-02-01")
    assert changed.issued == first.issued and changed.modified.startswith("2026-03-01")


def test_the_statistics_are_kept_next_to_the_store_and_remeasured_after_a_write(store):
    keeper = StatsKeeper(store)
    measured = keeper.wait()
    assert keeper.path.exists() and measured.triples > 10_000
    assert read_stats(keeper.path) == measured
    again = StatsKeeper(store)  # as after a restart: the file describes the graph, nothing to measure
    assert again.current() == measured and again.up_to_date and again._thread is None


A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def test_the_change_feed_is_atom_with_every_loaded_notice(client, store, tmp_path, monkeypatch):
    # A Neo4j store's statistics are kept per URL in IKG_STATS_DIR: other tests load other documents into the
    # same server, so this feed starts from its own folder.
    monkeypatch.setenv("IKG_STATS_DIR", str(tmp_path))
    client.app.state.void_stats = StatsKeeper(store)  # measured: every loaded notice is a change seen
    client.app.state.void_stats.wait()
    response = client.get("/changes.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{A}feed"
    for required in ("id", "title", "updated", "author"):  # RFC 4287 §4.1.1
        assert len(feed.findall(f"{A}{required}")) == 1, required
    assert RFC3339.match(feed.findtext(f"{A}updated"))
    entries = feed.findall(f"{A}entry")
    loaded = store.query("MATCH (n:Notice) WHERE n.source_path IS NOT NULL RETURN count(n) AS n").records()[0]["n"]
    assert len(entries) >= loaded > 0
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert RFC3339.match(entry.findtext(f"{A}updated")) and entry.findtext(f"{A}title")
        alternate = entry.find(f"{A}link[@rel='alternate']").get("href")
        assert client.get(alternate, headers={"Accept": "text/turtle"}).status_code == 200
    assert {e.find(f"{A}category").get("term") for e in entries} <= {"added", "replaced", "removed"}
    assert client.get("/changes.atom", params={"page": 99}).status_code == 404


def test_changes_are_found_by_comparing_snapshots():
    before = {"a": NoticeState("1", "A", None), "b": NoticeState("2", "B", None)}
    after = {"b": NoticeState("3", "B", None), "c": NoticeState("4", "C", "渝府发〔2024〕1号")}
    changes = diff(before, after, "2026-12-01T00:00:00+00:00", 7)
    assert [(c.seq, c.change, c.notice) for c in changes] == [
        (8, "removed", "a"),
        (9, "replaced", "b"),
        (10, "added", "c"),
    ]
    many = [Change(i, "2026-12-01T00:00:00+00:00", "added", f"n{i}", None, None) for i in range(1, 251)]
    first = ElementTree.fromstring(atom(many, "https://x.example", 1, "p", "2026-12-01T00:00:00+00:00"))
    assert first.find(f"{A}entry/{A}id").text.endswith("#change-250")  # newest first
    assert first.find(f"{A}link[@rel='next']").get("href") == "/changes.atom?page=2"
    last = ElementTree.fromstring(atom(many, "https://x.example", 3, "p", "2026-12-01T00:00:00+00:00"))
    assert len(last.findall(f"{A}entry")) == 50 and last.find(f"{A}link[@rel='next']") is None


def test_evidence_leads_to_the_text_its_offsets_point_into(client, graph):
    notice = URIRef(f"{base_uri()}/id/notice/{SAMPLE['notice']}")
    award = next(graph.subjects(URIRef("https://incentive-kg.org/def/incentive#announcedIn"), notice))
    evidence = graph.value(award, URIRef("https://incentive-kg.org/def/incentive#evidence"))
    source = graph.value(evidence, OA.hasSource)
    text_url = graph.value(source, RDFS.seeAlso)
    selector = graph.value(evidence, OA.hasSelector)
    start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
    text = client.get(str(text_url).removeprefix(base_uri())).json()["text"]
    assert text[start:end].strip() and end <= len(text)
    # The evidence links the span's own text, which is exactly those characters of the source.
    span = client.get(str(graph.value(evidence, RDFS.seeAlso)).removeprefix(base_uri()))
    assert span.status_code == 200 and span.headers["content-type"].startswith("text/plain")
    assert span.text == text[start:end]
    written = graph.value(award, URIRef("https://incentive-kg.org/def/incentive#recipientAsWritten"))
    assert str(written) in span.text  # an award's span names its recipient as written


def test_the_span_route_refuses_what_is_not_a_span_of_the_text(client):
    path = f"/notices/{SAMPLE['notice']}/source/text"
    whole = client.get(path).text
    assert len(whole) > 1000 and client.get(path, params={"start": 10}).text == whole[10:]
    assert client.get(path, params={"start": 5, "end": 5}).text == ""
    for bad in ({"start": 9, "end": 3}, {"end": len(whole) + 1}, {"start": len(whole) + 1}):
        response = client.get(path, params=bad)
        assert response.status_code == 416 and response.json()["type"].endswith("bad-span"), bad
    for bad in ({"start": -1}, {"end": "x"}, {"start": "1e3"}, {"start": 10**30}):
        assert client.get(path, params=bad).status_code in (416, 422), bad
    assert client.get("/notices/nope/source/text").status_code == 404


def test_topics_are_one_scheme_with_a_hierarchy(graph):
    assert not list(graph.triples((None, SKOS.exactMatch, None)))  # no copy of a concept beside the original
    scheme = URIRef(f"{DEF}topic/scheme")
    concepts = set(graph.subjects(SKOS.inScheme, scheme))
    assert len(concepts) > 40 and all(str(c).startswith(f"{DEF}topic/") for c in concepts)
    ecology, green = URIRef(f"{DEF}topic/ecology"), URIRef(f"{DEF}topic/green_low_carbon")
    assert (green, SKOS.broader, ecology) in graph and (ecology, SKOS.narrower, green) in graph
    assert (ecology, SKOS.topConceptOf, scheme) in graph and (scheme, SKOS.hasTopConcept, ecology) in graph
    broader = set(graph.subject_objects(SKOS.broader))
    assert broader and broader == {(child, parent) for parent, child in graph.subject_objects(SKOS.narrower)}
    tops = set(graph.objects(scheme, SKOS.hasTopConcept))
    assert tops == set(graph.subjects(SKOS.topConceptOf, scheme)) and not tops & {c for c, _ in broader}
    measures_about = set(graph.objects(None, ELI.is_about))
    assert measures_about and measures_about <= concepts


def test_departments_and_issuers_are_bodies_of_their_government(graph):
    chongqing = URIRef(f"{base_uri()}/id/locality/500000")
    government = URIRef(f"{chongqing}#government")
    assert graph.value(government, SKOS.prefLabel) == Literal("重庆市人民政府", lang="zh")
    assert (government, RDF.type, ORG.Organization) in graph
    assert (government, URIRef("https://schema.org/areaServed"), chongqing) in graph
    departments = set(graph.subjects(ORG.subOrganizationOf, government))
    assert len(departments) > 5
    notice = graph.value(predicate=ELI.id_local, object=Literal(YUFU_74))
    issuer = graph.value(notice, ELI.passed_by)
    assert issuer in departments and "办公厅" in graph.value(issuer, SKOS.prefLabel)
    # Every organisation a body belongs to is described in the dump.
    for _, parent in graph.subject_objects(ORG.subOrganizationOf):
        assert (parent, RDF.type, ORG.Organization) in graph and graph.value(parent, SKOS.prefLabel)


def test_government_names_follow_the_division_and_only_divisions_have_one():
    from ontology.rdf_government import government_name, has_government, is_government_name

    assert government_name("CN", "中华人民共和国") == "中华人民共和国国务院"
    assert government_name("542500", "西藏自治区阿里地区") == "西藏自治区阿里地区行政公署"
    assert government_name("152900", "内蒙古自治区阿拉善盟") == "内蒙古自治区阿拉善盟行政公署"
    assert government_name("513300", "四川省甘孜藏族自治州") == "四川省甘孜藏族自治州人民政府"
    assert all(has_government(i) for i in ("CN", "500112", "500101@1997"))
    assert not any(has_government(i) for i in ("Z500000-liangjiang", "Bab12cd34ef", "T0123456789", "", None, "5001"))
    assert is_government_name("国务院") and is_government_name("渝北区人民政府")
    assert not is_government_name("重庆市人民政府办公厅")


@pytest.mark.slow  # a second validation of the whole seed export with inference
def test_a_broken_organisation_or_extraction_fails_the_shapes(graph):
    chongqing_gov = URIRef(f"{base_uri()}/id/locality/500000#government")
    department = next(graph.subjects(ORG.subOrganizationOf, chongqing_gov))
    broken = rdflib.Graph() + graph
    broken.add((department, ORG.subOrganizationOf, Literal("重庆市人民政府")))  # a name, not an organisation
    activity = URIRef(f"{base_uri()}/id/notice/{SAMPLE['notice']}#extraction")
    broken.add((activity, RDF.type, PROV.Activity))  # an extraction that says nothing of itself
    conforms, report, _ = pyshacl.validate(broken, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference="rdfs")
    assert not conforms
    focus = {report.value(r, SH.focusNode) for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert focus == {department, activity}


def test_the_dump_is_the_same_bytes_in_every_process():
    """The catalogue publishes the dump's checksum, measured by another process (ikg load) than the one that
    serves it: nothing in it may follow Python's per-process hash order."""
    script = "from ontology.code_lists import code_list_triples; print(repr(code_list_triples()))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=PROJECT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
