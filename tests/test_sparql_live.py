"""/sparql of a real `ikg serve` on the seed corpus, under attack: runaway and memory-hungry queries, a flood, SERVICE
aimed at a listener of ours, updates; and the service description. Small limits, so the attacks end quickly."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

import httpx
import pytest
import rdflib
from live_server import serve
from sparql_probe import Listener, alive, server_pid, worker_pids
from test_sparql_workers import SERVICE_FORMS, UPDATES

from ontology.rdf_terms import base_uri

TIMEOUT_S, MEMORY_MB, WORKERS, QUEUE = 3, 256, 2, 2
MARGIN_S = 1.5  # the 50 ms watch, killing, answering, and a busy test machine
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
# 10,755 triples cubed: runs for hours, in constant memory.
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Sorting the square: memory grows by hundreds of MB a second.
SORTED_SQUARE = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(seeds_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sparql-live")
    limits = {
        "IKG_SPARQL_TIMEOUT_MS": TIMEOUT_S * 1000,
        "IKG_SPARQL_MEMORY_MB": MEMORY_MB,
        "IKG_SPARQL_WORKERS": WORKERS,
        "IKG_SPARQL_QUEUE": QUEUE,
        "IKG_SPARQL_DIR": tmp,
    }
    with serve(seeds_dir, tmp, env={name: str(value) for name, value in limits.items()}) as base:
        yield base, server_pid(urlsplit(base).port)


@pytest.fixture(scope="module")
def triples(server) -> int:
    base, _ = server
    return len(rdflib.Graph().parse(data=httpx.get(f"{base}/export?format=nt", timeout=60).text, format="nt"))


def ask(base: str, query: str, timeout: float = 60, **headers) -> httpx.Response:
    return httpx.post(f"{base}/sparql", data={"query": query}, headers=headers, timeout=timeout)


def count(base: str) -> int:
    response = ask(base, COUNT, Accept="text/csv")
    assert response.status_code == 200, response.text
    return int(response.text.split()[1])


def settled(server, workers: int = 2 * WORKERS) -> set[int]:
    """The worker processes once the pool is back to strength (as many spares as may run)."""
    base, pid = server
    count(base)
    deadline = time.monotonic() + 30
    while len(worker_pids(pid)) != workers and time.monotonic() < deadline:
        time.sleep(0.1)
    return worker_pids(pid)


def problem_type(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()["type"].rsplit("/", 1)[1]


# -- the endpoint works, and only reads ------------------------------------------------------------------------


def test_queries_answer_from_the_whole_graph(server, triples):
    assert count(server[0]) == triples > 10_000


def test_workers_are_denied_the_network(server):
    # A worker started a moment ago installs its filter as it starts: wait for each (a busy machine is slow).
    for pid in settled(server):
        deadline = time.monotonic() + 20
        while "\nSeccomp:\t2\n" not in (status := open(f"/proc/{pid}/status").read()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "\nSeccomp:\t2\n" in status


def test_service_is_refused_and_nothing_is_sent(server):
    base, _ = server
    listener = Listener()
    try:
        for form in SERVICE_FORMS:
            query = form.replace("{url}", listener.url)
            for response in (
                httpx.get(f"{base}/sparql", params={"query": query}, timeout=30),
                ask(base, query),
                httpx.post(
                    f"{base}/sparql", content=query, headers={"Content-Type": "application/sparql-query"}, timeout=30
                ),
            ):
                assert response.status_code == 400, (form, response.text)
                assert problem_type(response) == "service-refused"
                assert "SERVICE" in response.json()["detail"]
        time.sleep(0.5)
        assert listener.connections == []
    finally:
        listener.close()


def test_updates_are_refused_and_load_fetches_nothing(server, triples):
    base, _ = server
    listener = Listener()
    try:
        for update in UPDATES:
            response = ask(base, update.replace("{url}", listener.url))
            assert response.status_code == 400 and problem_type(response) == "bad-sparql", (update, response.text)
        as_update = httpx.post(
            f"{base}/sparql",
            content="INSERT DATA { <x:a> <x:b> <x:c> }",
            headers={"Content-Type": "application/sparql-update"},
        )
        assert as_update.status_code == 415
        time.sleep(0.5)
        assert listener.connections == []
    finally:
        listener.close()
    assert count(base) == triples


def test_more_rows_than_the_cap_is_an_error(server):
    response = ask(server[0], "SELECT * WHERE { ?s ?p ?o }")
    assert response.status_code == 422 and problem_type(response) == "row-limit"
    assert "LIMIT" in response.json()["detail"]


def test_cors_on_reads_not_on_writes(server):
    base, _ = server
    origin = {"Origin": "https://example.org"}
    for response in (
        httpx.get(f"{base}/health", headers=origin),
        httpx.post(f"{base}/sparql", headers=origin, data={"query": "ASK {}"}),
        httpx.get(f"{base}/sparql", headers=origin),
    ):
        assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    upload = httpx.post(f"{base}/documents", headers=origin, files={"files": ("a.txt", b"x")})
    assert upload.status_code >= 400 and "access-control-allow-origin" not in upload.headers


# -- the service description --------------------------------------------------------------------------------------


def test_service_description_negotiates(server, triples):
    base, _ = server
    endpoint = rdflib.URIRef(f"{base_uri()}/sparql")  # the server's names, not its address
    for accept, rdflib_format in [
        (None, "turtle"),
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ]:
        headers = {"Accept": accept} if accept else {}
        response = httpx.get(f"{base}/sparql", headers=headers)
        assert response.status_code == 200, (accept, response.text)
        g = rdflib.Graph().parse(data=response.text, format=rdflib_format)
        assert (endpoint, rdflib.RDF.type, SD.Service) in g
        assert g.value(endpoint, SD.endpoint) == endpoint
        assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in g
        assert (endpoint, SD.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in g
        assert len(list(g.objects(endpoint, SD.feature))) == 3
        default_graph = g.value(g.value(endpoint, SD.defaultDataset), SD.defaultGraph)
        assert int(g.value(default_graph, VOID.triples)) == triples
    html = httpx.get(f"{base}/sparql", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "sparql-service-description" in html.text
    assert httpx.get(f"{base}/sparql", headers={"Accept": "image/png"}).status_code == 406
    assert httpx.get(f"{base}/sparql", params={"query": ""}).status_code == 400


# -- attacks --------------------------------------------------------------------------------------------------------


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
def test_runaway_queries_are_killed_and_the_server_stays_responsive(server, triples):
    """Six cross joins at once with 2 workers and 2 places in the queue: two are turned away at once (503 with
    Retry-After), two run and are killed at the time limit, the two queued then run and are killed in turn.
    /health answers throughout; every worker that ran one is gone; a query right after is answered at once."""
    base, pid = server
    before = settled(server)
    answers: dict[int, tuple[httpx.Response, float]] = {}
    clients = [httpx.Client(timeout=60) for _ in range(WORKERS + QUEUE + 2)]

    def attack(i: int) -> None:
        started = time.monotonic()
        response = clients[i].post(f"{base}/sparql", data={"query": f"{CROSS_JOIN} # attacker {i}"})
        answers[i] = response, time.monotonic() - started

    attackers = [threading.Thread(target=attack, args=(i,)) for i in range(len(clients))]
    for attacker in attackers:
        attacker.start()
    slowest_health = 0.0
    while any(a.is_alive() for a in attackers):
        started = time.monotonic()
        assert httpx.get(f"{base}/health", timeout=5).status_code == 200
        slowest_health = max(slowest_health, time.monotonic() - started)
        time.sleep(0.1)
    assert slowest_health < 1.0
    for client in clients:
        client.close()

    busy = [(r, t) for r, t in answers.values() if r.status_code == 503]
    killed = sorted(t for r, t in answers.values() if r.status_code == 504 and problem_type(r) == "query-timeout")
    assert len(busy) == 2 and len(killed) == WORKERS + QUEUE, [r.text for r, _ in answers.values()]
    for response, elapsed in busy:
        assert problem_type(response) == "overloaded" and response.headers["retry-after"] == str(TIMEOUT_S)
        assert elapsed < 1.0
    assert all(t < TIMEOUT_S + MARGIN_S for t in killed[:WORKERS])  # ran at once
    assert all(t < 2 * TIMEOUT_S + 1 + MARGIN_S for t in killed)  # waited for a worker, then ran

    started = time.monotonic()
    assert count(base) == triples
    assert time.monotonic() - started < 2.0  # a spare was ready
    deadline = time.monotonic() + 5
    while any(alive(p) for p in before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in before)  # 4 kills: the workers that ran them, and the spares that took over
    assert len(settled(server)) == 2 * WORKERS


def test_two_runaway_queries_each_end_at_the_time_limit(server, triples):
    base, _ = server
    settled(server)
    answers: list[tuple[int, str, float]] = []

    def attack(i: int) -> None:
        started = time.monotonic()
        response = ask(base, f"{CROSS_JOIN} # pair {i}")
        answers.append((response.status_code, problem_type(response), time.monotonic() - started))

    attackers = [threading.Thread(target=attack, args=(i,)) for i in range(2)]
    for attacker in attackers:
        attacker.start()
    for attacker in attackers:
        attacker.join()
    assert [a[:2] for a in answers] == [(504, "query-timeout")] * 2
    assert all(TIMEOUT_S <= elapsed < TIMEOUT_S + MARGIN_S for _, _, elapsed in answers)
    assert count(base) == triples


def test_a_memory_hungry_query_is_killed_at_the_memory_limit(server, triples):
    base, pid = server
    before = settled(server)
    started = time.monotonic()
    response = ask(base, SORTED_SQUARE)
    assert response.status_code == 422 and problem_type(response) == "query-memory", response.text
    assert time.monotonic() - started < TIMEOUT_S  # stopped by memory, not by the clock
    deadline = time.monotonic() + 5
    while len(before - worker_pids(pid)) != 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(before - worker_pids(pid)) == 1  # the worker that ran it, and only that one
    assert count(base) == triples
