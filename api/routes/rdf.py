"""Linked open data: RDF export; node URIs (/id → 303 → /doc and its data files, a notice's ELI); the vocabulary
(/def/); the DCAT catalogue and the change feed; SPARQL."""

from __future__ import annotations

import json
import math
import os
import threading
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import rdflib
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from api.deps import get_settings, get_store
from api.dump import changes_path, dump_nt, dump_triples, mapper_for
from api.problems import Problem, problem_response
from api.void_stats import StatsKeeper
from cypher.rdf_source import locality_items, node_exists, node_items, notice_items
from cypher.store import Store
from loaders import cited_notice_id
from ontology.model import NODE_KINDS, NOTICE
from ontology.rdf import graph_triples
from ontology.rdf_catalog import catalog_triples
from ontology.rdf_eli import doc_number as eli_doc_number
from ontology.rdf_feed import atom, read_changes
from ontology.rdf_formats import BY_MEDIA_TYPE, FORMATS, from_graph, negotiate, serialize_small
from ontology.rdf_html import render_html
from ontology.rdf_sparql import GRAPH_TYPES, MAX_QUERY_CHARS, RESULT_TYPES, Limits, SparqlFailure
from ontology.rdf_terms import DEF, base_uri, node_uri
from ontology.rdf_vocabulary import DOCUMENTS as VOCABULARY_DOCUMENTS
from ontology.rdf_vocabulary import describe as describe_vocabulary
from ontology.rdf_writers import WRITERS
from ontology.sparql_description import service_description
from ontology.sparql_pool import SparqlService

router = APIRouter(tags=["linked data"])
# The media types RDF answers come in, so the OpenAPI documents every representation.
RDF_CONTENT: dict[str, dict] = {f.media_type: {} for f in FORMATS.values()}

KINDS = {k.path: k for k in NODE_KINDS}
# What a node URI or the catalogue can be had as; the first is the answer to */* (curl, most RDF clients).
DESCRIBE_TYPES = [
    "text/turtle",
    "text/html",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "application/json",
]
VARY = {"Vary": "Accept"}


def _format(name: str):
    if name not in FORMATS:
        raise Problem(400, "unknown-format", "Unknown RDF format", f"format {name!r}: use one of {', '.join(FORMATS)}")
    return FORMATS[name]


_SERVICE_LOCK = threading.Lock()


def _sparql_service(request: Request, store: Store) -> tuple[SparqlService, str]:
    """The app's SPARQL service, and the graph's version as it knows it: the store's version (bumped by every
    write, so a same-size correction counts) and its counts."""
    with _SERVICE_LOCK:
        service = getattr(request.app.state, "sparql", None)
        if service is None:
            settings = get_settings(request)
            service = SparqlService(Limits.from_settings(settings), settings.sparql_dir)
            request.app.state.sparql = service
    return service, f"{store.version}|{json.dumps(store.counts(), sort_keys=True)}"


def _nt_chunks(store: Store):
    return lambda: dump_nt(store)


# -- export ---------------------------------------------------------------------------------------------------


@router.get(
    "/export",
    summary="The graph as RDF (Turtle, JSON-LD, N-Triples, RDF/XML); the whole graph streams",
    responses={200: {"content": RDF_CONTENT}},
)
def export(
    format: str = Query("ttl", description="ttl, jsonld, nt or xml"),
    notice: str | None = Query(None, description="Only this notice and what hangs off it", examples=["n50916825e3a9"]),
    locality: str | None = Query(None, description="Only this locality and its awards", examples=["500112"]),
    store: Store = Depends(get_store),
):
    fmt = _format(format)
    if notice and locality:
        raise Problem(400, "invalid-request", "Invalid request", "give notice or locality, not both")
    disposition = {"Content-Disposition": f'inline; filename="incentive-kg.{fmt.extension}"'}
    if notice or locality:
        items = notice_items(store, notice) if notice else locality_items(store, locality or "")
        if items is None:
            what = f"notice {notice!r}" if notice else f"locality {locality!r}"
            raise Problem(404, "not-found", "Not found", f"no {what} in the graph")
        body = serialize_small(graph_triples(mapper_for(store), items), fmt)
        return Response(body, media_type=fmt.media_type, headers=disposition)
    chunks = dump_nt(store) if fmt.name == "nt" else WRITERS[fmt.name](dump_triples(store))
    return StreamingResponse(chunks, media_type=fmt.media_type, headers=disposition)


# -- node URIs (legislation.gov.uk's /id → 303 → /doc) and the catalogue -----------------------------------------

# The file names of a document's fixed-format representations: /doc/{kind}/{id}/data.{ext}.
DATA_FILES = {"ttl": "ttl", "jsonld": "jsonld", "rdf": "xml", "nt": "nt"}


def _local() -> dict[str, str]:
    """IRI prefix → the path this server answers it at, so HTML links work whatever the base is."""
    return {base_uri() + "/": "/", DEF: "/def/"}


def _link_header(alternates: dict[str, str]) -> str:
    return ", ".join(f'<{href}>; rel="alternate"; type="{media}"' for media, href in alternates.items())


def _describe(
    request: Request,
    title: str,
    subject: str,
    triples: list | rdflib.Graph,
    format: str | None,
    alternates: dict[str, str] | None = None,
) -> Response:
    """One resource in the representation asked for (`format`, else Accept). `alternates` (media type → path)
    are the other representations; by default the same URL with ?format=. `triples` may be an rdflib graph
    (the vocabulary files, which have blank nodes)."""
    if alternates is None:
        alternates = {f.media_type: f"{request.url.path}?format={f.name}" for f in FORMATS.values()}
    headers = {**VARY, "Link": _link_header(alternates)}
    if format:
        media = _format(format).media_type
    else:
        media = negotiate(request.headers.get("accept"), DESCRIBE_TYPES)
    if media is None:
        problem = Problem(
            406, "not-acceptable", "Not acceptable", f"this resource is available as {', '.join(DESCRIBE_TYPES)}"
        )
        response = problem_response(problem, request)
        response.headers.update(headers)
        return response
    if media == "text/html":
        jsonld = serialize_small(triples, FORMATS["jsonld"])
        rows = from_graph(triples) if isinstance(triples, rdflib.Graph) else triples
        return HTMLResponse(render_html(title, subject, rows, alternates, _local(), jsonld), headers=headers)
    # application/json is JSON-LD too: plain JSON clients get the same data under the type they ask for.
    fmt = FORMATS["jsonld"] if media == "application/json" else BY_MEDIA_TYPE[media]
    if media in alternates:
        headers["Content-Location"] = alternates[media]
    return Response(serialize_small(triples, fmt), media_type=media, headers=headers)


def _node_kind(kind: str):
    node_kind = KINDS.get(kind)
    if node_kind is None:
        raise Problem(404, "not-found", "Not found", f"no node kind {kind!r}; kinds: {', '.join(KINDS)}")
    return node_kind


def _doc_path(kind, node_id: str) -> str:
    """/doc/{kind}/{id}, the id escaped as in the node URI."""
    return "/doc" + node_uri("", kind.path, node_id).removeprefix("/id")


KIND_PATH = Path(..., description="notice, measure, department, locality, award or topic", examples=["locality"])
ID_PATH = Path(..., examples=["500112"])


@router.get(
    "/id/{kind}/{node_id:path}",
    summary="A node's URI: 303 See Other to the document about it, /doc/{kind}/{id}",
    description="The URI names the thing (a notice, a place), not a web page, so it answers 303 with the "
    "document that describes it (as legislation.gov.uk does); the query string is kept.",
    status_code=303,
    response_class=Response,  # no body, so OpenAPI must not promise application/json
    responses={303: {"description": "See /doc/{kind}/{id}"}, 404: {"description": "No such node"}},
)
def node_uri_redirect(
    request: Request, kind: str = KIND_PATH, node_id: str = ID_PATH, store: Store = Depends(get_store)
):
    node_kind = _node_kind(kind)
    if not node_exists(store, node_kind, node_id):
        raise Problem(404, "not-found", "Not found", f"no {kind} {node_id!r} in the graph")
    location = _doc_path(node_kind, node_id) + (f"?{request.url.query}" if request.url.query else "")
    return Response(status_code=303, headers={"Location": location})


@router.get(
    "/eli/cn/{agent}/{year}/{number}",
    summary="A notice's ELI, from its 文号: 303 See Other to the notice's document",
    description="渝府办发〔2022〕74号 is `/eli/cn/渝府办发/2022/74` (the issuing organ's code, year, number). The "
    "notice keeps its hash id as its key and URI; the ELI is owl:sameAs it.",
    status_code=303,
    response_class=Response,  # no body, so OpenAPI must not promise application/json
    responses={303: {"description": "See /doc/notice/{id}"}, 404: {"description": "No notice with that 文号"}},
)
def eli_redirect(
    request: Request,
    agent: str = Path(..., examples=["渝府办发"]),
    year: str = Path(..., examples=["2022"]),
    number: str = Path(..., examples=["74"]),
    store: Store = Depends(get_store),
):
    doc_number = eli_doc_number(agent, year, number)
    notice_id = cited_notice_id(doc_number) if doc_number else None  # a notice's id is a hash of its 文号
    if notice_id is None or not node_exists(store, NOTICE, notice_id):
        raise Problem(404, "not-found", "Not found", f"no notice {agent}〔{year}〕{number}号 in the graph")
    location = _doc_path(NOTICE, notice_id) + (f"?{request.url.query}" if request.url.query else "")
    return Response(status_code=303, headers={"Location": location})


def _node_document(request: Request, kind: str, node_id: str, format: str | None, store: Store) -> Response:
    node_kind = _node_kind(kind)
    if node_kind.path == "notice":
        items = notice_items(store, node_id)
    elif node_kind.path == "locality":
        items = locality_items(store, node_id)
    else:
        items = node_items(store, node_kind, node_id)
    if items is None:
        raise Problem(404, "not-found", "Not found", f"no {kind} {node_id!r} in the graph")
    mapper = mapper_for(store)
    subject = mapper.uri(node_kind, node_id)
    doc = _doc_path(node_kind, node_id)
    alternates = {FORMATS[name].media_type: f"{doc}/data.{ext}" for ext, name in DATA_FILES.items()}
    triples = list(graph_triples(mapper, items))
    return _describe(request, f"{node_kind.label} {node_id}", subject, triples, format, alternates)


@router.get(
    "/doc/{kind}/{node_id:path}/data.{ext}",
    summary="The document about a node in one format: data.ttl, data.jsonld, data.rdf (RDF/XML) or data.nt",
    responses={200: {"content": RDF_CONTENT}, 404: {"description": "No such node or format"}},
)
def node_data(
    request: Request,
    kind: str = KIND_PATH,
    node_id: str = ID_PATH,
    ext: str = Path(..., description="ttl, jsonld, rdf or nt", examples=["ttl"]),
    store: Store = Depends(get_store),
):
    if ext not in DATA_FILES:
        raise Problem(404, "not-found", "Not found", f"no data.{ext}; use data.{', data.'.join(DATA_FILES)}")
    return _node_document(request, kind, node_id, DATA_FILES[ext], store)


@router.get(
    "/doc/{kind}/{node_id:path}",
    summary="The document about a node: HTML, JSON, Turtle, JSON-LD, N-Triples or RDF/XML by the Accept header",
    responses={
        200: {"content": {"text/html": {}, "application/json": {}, **RDF_CONTENT}},
        404: {"description": "No such node"},
        406: {"description": "No acceptable representation"},
    },
)
def node_document(
    request: Request,
    kind: str = KIND_PATH,
    node_id: str = ID_PATH,
    format: str | None = Query(None, description="ttl, jsonld, nt or xml: overrides the Accept header"),
    store: Store = Depends(get_store),
):
    return _node_document(request, kind, node_id, format, store)


@router.get(
    "/def/{path:path}",
    summary="The vocabulary: the ontology, the SHACL application profile, the topic scheme and code lists",
    description="Every `https://incentive-kg.org/def/…` IRI the data uses, served at its path: a document "
    "(`/def/incentive`, `/def/shapes`, `/def/topic/scheme`, or a version IRI) as a whole, a term with a slash IRI "
    "(`/def/level/county`, `/def/topic/ecology`) as its description. Content negotiation as for /doc.",
    responses={
        200: {"content": {"text/html": {}, "application/json": {}, **RDF_CONTENT}},
        404: {"description": "Nothing of that name in the vocabulary"},
    },
)
def vocabulary(
    request: Request,
    path: str = Path(..., examples=["level/county"]),
    format: str | None = Query(None, description="ttl, jsonld, nt or xml: overrides the Accept header"),
):
    found = describe_vocabulary(path)
    if found is None:
        documents = ", ".join(f"/def/{d.path}" for d in VOCABULARY_DOCUMENTS)
        raise Problem(404, "not-found", "Not found", f"no {path!r} in the vocabulary; documents: {documents}")
    iri, title, graph = found
    return _describe(request, title, iri, graph, format)


@router.get(
    "/catalog",
    summary="DCAT catalogue of the dataset, its dumps and services, with VoID statistics",
    responses={200: {"content": {"application/json": {}, **RDF_CONTENT}}},
)
def catalog(
    request: Request,
    format: str | None = Query(None, description="ttl, jsonld, nt or xml: overrides the Accept header"),
    store: Store = Depends(get_store),
):
    keeper = _stats_keeper(request, store)
    stats = keeper.current()
    base = base_uri()
    triples = catalog_triples(base, store.counts()["nodes"], stats, datetime.now(UTC), keeper.up_to_date)
    return _describe(request, "incentive-kg catalogue", f"{base}/catalog", triples, format)


@router.get(
    "/changes.atom",
    summary="Atom feed of notices added, replaced and removed, newest first, paged (RFC 5005)",
    description="Changes are noted each time the dump is measured (after `ikg load`; in the server, after a "
    "write), by comparing the loaded notices and their source files' sha256 with the last snapshot.",
    responses={200: {"content": {"application/atom+xml": {}}}, 404: {"description": "No such page"}},
)
def changes(
    request: Request,
    page: int = Query(1, ge=1, description="1 is the newest changes"),
    store: Store = Depends(get_store),
):
    keeper = _stats_keeper(request, store)
    stats = keeper.current()
    publisher = os.environ.get("IKG_PUBLISHER", "incentive-kg")
    updated = stats.modified if stats else datetime.now(UTC).isoformat(timespec="seconds")
    feed = atom(read_changes(changes_path(store)), base_uri(), page, publisher, updated)
    if feed is None:
        raise Problem(404, "not-found", "Not found", f"the feed has no page {page}")
    return Response(feed, media_type="application/atom+xml")


def _stats_keeper(request: Request, store: Store) -> StatsKeeper:
    """The app's keeper of the dump's statistics (measured at load, kept next to the store)."""
    with _SERVICE_LOCK:
        keeper = getattr(request.app.state, "void_stats", None)
        if keeper is None or keeper.store is not store:
            keeper = request.app.state.void_stats = StatsKeeper(store)
    return keeper


# -- SPARQL -----------------------------------------------------------------------------------------------------


# What each way a query can fail becomes: status and title; the kind is the problem's stable type (the same
# types as /cypher's where the cause is the same).
SPARQL_PROBLEMS = {
    "bad-sparql": (400, "The SPARQL query could not be run"),
    "service-refused": (400, "SERVICE (federated query) is not allowed"),
    "not-acceptable": (406, "Not acceptable"),
    "row-limit": (422, "Too many rows"),
    "query-memory": (422, "The query needs more memory than allowed"),
    "overloaded": (503, "Too many queries at once"),
    "sparql-unavailable": (503, "SPARQL is unavailable"),
    "query-timeout": (504, "Query stopped by the time limit"),
}


def _sparql(request: Request, store: Store, query: str | None) -> Response:
    if not query:
        raise Problem(400, "invalid-request", "Missing query", "pass a SPARQL query as ?query=… or in the POST body")
    if len(query) > MAX_QUERY_CHARS:
        detail = f"longer than {MAX_QUERY_CHARS} characters"
        raise Problem(400, "bad-sparql", "The SPARQL query could not be run", detail)
    service, version = _sparql_service(request, store)
    try:
        media, body = service.query(version, _nt_chunks(store), query, request.headers.get("accept"))
    except SparqlFailure as failure:
        status, title = SPARQL_PROBLEMS[failure.kind]
        response = problem_response(Problem(status, failure.kind, title, failure.detail), request)
        response.headers.update(VARY)
        if status == 503:  # a place or a worker is free again within one time limit
            response.headers["Retry-After"] = str(math.ceil(service.limits.timeout_s))
        return response
    return Response(body, media_type=media, headers=VARY)


SPARQL_LIMITS = (
    "Read-only and time-limited: updates and SERVICE are refused (400); a query runs in a worker process that is "
    "killed past IKG_SPARQL_TIMEOUT_MS (504 query-timeout) or IKG_SPARQL_MEMORY_MB (422 query-memory), and more "
    "than IKG_SPARQL_MAX_ROWS rows is an error (422 row-limit), never a truncated result. When "
    "IKG_SPARQL_WORKERS queries run and IKG_SPARQL_QUEUE wait, the answer is 503 overloaded with Retry-After."
)
SPARQL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {t: {} for t in (*RESULT_TYPES, *GRAPH_TYPES, "application/json")}},
    503: {"description": "Too many SPARQL queries at once (Retry-After), or no worker could start"},
}


@router.get(
    "/sparql",
    summary="SPARQL 1.1 query over the exported graph; without a query, the service description",
    description="With `query`: the SPARQL 1.1 protocol. " + SPARQL_LIMITS + " Without `query`: the SPARQL 1.1 "
    "Service Description of the endpoint (Turtle by default; JSON-LD, N-Triples, RDF/XML, HTML by Accept).",
    responses={**SPARQL_RESPONSES, 200: {"content": {**SPARQL_RESPONSES[200]["content"], **RDF_CONTENT}}},
)
def sparql_get(
    request: Request,
    query: str | None = Query(None, description="A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query"),
    format: str | None = Query(None, description="Service description only: ttl, jsonld, nt or xml"),
    store: Store = Depends(get_store),
):
    if query is None:
        service, _ = _sparql_service(request, store)
        stats = _stats_keeper(request, store).current()
        # Before the first measurement, the count of the SPARQL store if one was built (the same dump).
        triples = service_description(base_uri(), stats.triples if stats else service.triples, service.limits)
        return _describe(request, "incentive-kg SPARQL endpoint", f"{base_uri()}/sparql", triples, format)
    return _sparql(request, store, query)


@router.post(
    "/sparql",
    summary="SPARQL 1.1 query by POST (form-encoded or application/sparql-query)",
    description=SPARQL_LIMITS,
    responses=SPARQL_RESPONSES,
)
async def sparql_post(request: Request, store: Store = Depends(get_store)):
    body = (await request.body()).decode("utf-8")
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    query: str | None
    if content_type == "application/sparql-query":
        query = body
    elif content_type == "application/x-www-form-urlencoded":
        query = next(iter(parse_qs(body).get("query", [])), None)
    else:
        raise Problem(
            415, "unsupported-media-type", "Unsupported media type", "POST application/sparql-query or a form"
        )
    return await run_in_threadpool(_sparql, request, store, query)
