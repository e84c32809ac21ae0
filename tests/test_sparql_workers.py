"""SPARQL's moving parts without HTTP: the SERVICE/update check, the network sandbox of the worker processes,
workers outliving no server, and the on-disk store that follows the graph's version. Real processes throughout."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import PROJECT
from sparql_probe import Listener, alive

from ontology.rdf_sparql import Limits, SparqlFailure, build_store
from ontology.sparql_check import check_query
from ontology.sparql_pool import SparqlService, Worker, WorkerPool

SERVICE_FORMS = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service silent <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z OPTIONAL { ?x ?q ?r MINUS { SeRvIcE <{url}> { ?s ?p ?o } } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { { ?s ?p ?o } UNION { SERVICE <{url}> { ?s ?p ?o } } } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { VALUES ?endpoint { <{url}> } SERVICE ?endpoint { ?s ?p ?o } }",
    "ASK { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { S\\u0045RVICE <{url}> { ?s ?p ?o } }",
    # Beyond SPARQL 1.1 (Oxigraph runs these, rdflib cannot parse them): refused by the mention of SERVICE.
    "SELECT * WHERE { { BIND(<<( <x:a> <x:b> <x:c> )>> AS ?t) } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?a ?b ?c LATERAL { SERVICE <{url}> { ?s ?p ?o } } }",
    'VERSION "1.2" SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }',
]
UPDATES = [
    "INSERT DATA { <x:a> <x:b> <x:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT { ?s <x:b> ?o } WHERE { ?s ?p ?o }",
    "WITH <x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <{url}>",
    "LOAD SILENT <{url}> INTO GRAPH <x:g>",
    "CLEAR ALL",
    "DROP GRAPH <x:g>",
    "CREATE GRAPH <x:g>",
    "ADD DEFAULT TO <x:g>",
    "MOVE <x:g> TO DEFAULT",
    "COPY DEFAULT TO <x:g> ; CLEAR DEFAULT",
]
URL = "http://127.0.0.1:9/sparql"


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_is_refused_in_every_form(form):
    refusal = check_query(form.replace("{url}", URL))
    assert refusal is not None and refusal.kind == "service-refused"


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused(update):
    refusal = check_query(update.replace("{url}", URL))
    assert refusal is not None and refusal.kind == "bad-sparql" and "read-only" in refusal.detail


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s WHERE { ?s ?p <http://127.0.0.1:8000/id/topic/services> }",  # a topic named services
        "SELECT ?service WHERE { ?service a ?c } # federated service? no",
        "ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label> 'service' }",
        "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:p ?o }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) } ORDER BY ?s",
        "not sparql at all",  # Oxigraph's syntax error is the better message
    ],
)
def test_other_queries_pass_the_check(query):
    assert check_query(query) is None


SANDBOXED_SERVICE = textwrap.dedent(
    """
    import sys
    from ontology.sparql_sandbox import deny_network, network_denied
    if sys.argv[1] == "sandbox":
        deny_network()
    import pyoxigraph as ox
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("x:a"), ox.NamedNode("x:b"), ox.NamedNode("x:c")))
    print("sandboxed" if network_denied() else "open", flush=True)
    list(store.query("SELECT * WHERE { ?x ?y ?z SERVICE SILENT <" + sys.argv[2] + "> { ?s ?p ?o } }"))
    print("queried", flush=True)
    """
)


def test_the_sandbox_stops_oxigraph_before_it_connects():
    """The engine does send SERVICE requests when it can (the control); under the sandbox it dies of SIGSYS at
    the socket call, and the listener is never reached."""
    listener = Listener()
    try:
        control = subprocess.run(
            [sys.executable, "-c", SANDBOXED_SERVICE, "open", listener.url], cwd=PROJECT, capture_output=True, text=True
        )
        assert control.stdout.split() == ["open", "queried"], control.stderr
        deadline = time.monotonic() + 5
        while not listener.connections and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(listener.connections) == 1 and listener.connections[0].startswith(b"POST /sparql")

        sandboxed = subprocess.run(
            [sys.executable, "-c", SANDBOXED_SERVICE, "sandbox", listener.url],
            cwd=PROJECT,
            capture_output=True,
            text=True,
        )
        assert sandboxed.returncode == -signal.SIGSYS and sandboxed.stdout.split() == ["sandboxed"]
        time.sleep(0.5)
        assert len(listener.connections) == 1
    finally:
        listener.close()


NT = "".join(f"<x:s{i}> <x:p{i % 7}> <x:o{i % 13}> .\n" for i in range(300))


def test_a_worker_stops_when_its_server_dies(tmp_path):
    build_store(tmp_path / "store", lambda: iter([NT]))
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom ontology.sparql_pool import Worker\n"
            "w = Worker(sys.argv[1], 256)\nw.wait_ready(60)\nprint(w.pid, flush=True)\ntime.sleep(60)",
            str(tmp_path / "store"),
        ],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        text=True,
    )
    worker = int(parent.stdout.readline())
    assert alive(worker)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(worker)


def test_a_worker_runs_sandboxed_and_answers(tmp_path):
    build_store(tmp_path / "store", lambda: iter([NT]))
    worker = Worker(tmp_path / "store", 256)
    try:
        worker.wait_ready(60)
        status = open(f"/proc/{worker.pid}/status").read()
        assert "\nSeccomp:\t2\n" in status and "\nNoNewPrivs:\t1\n" in status
    finally:
        worker.kill()


def test_the_store_follows_the_graph_version(tmp_path):
    service = SparqlService(Limits(timeout_s=20, max_rows=300, workers=1, queue=0), str(tmp_path))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    try:
        media, body = service.query("v1", lambda: iter([NT]), count, "text/csv")
        assert media == "text/csv" and body.split() == [b"n", b"300"]
        [first] = (tmp_path).glob("ikg-sparql-*/graph-*")
        old_workers = service.pool.pids()

        _, body = service.query("v2", lambda: iter([NT, "<x:new> <x:p> <x:o> .\n"]), count, "text/csv")
        assert body.split() == [b"n", b"301"] and service.triples == 301
        assert not first.exists()  # no worker has it open any more
        assert not old_workers & service.pool.pids()
        everything = "SELECT * WHERE { ?s ?p ?o }"
        with pytest.raises(SparqlFailure) as refused:  # 301 rows, one past the cap: an error, not 300 of them
            service.query("v2", lambda: iter([NT]), everything, "text/csv")
        assert refused.value.kind == "row-limit"
        _, body = service.query("v2", lambda: iter([NT]), everything + " LIMIT 300", "text/csv")
        assert len(body.splitlines()) == 301
    finally:
        service.close()
    assert not list(tmp_path.glob("ikg-sparql-*"))
    assert not any(alive(pid) for pid in old_workers)


def test_no_worker_means_unavailable_not_a_hang(tmp_path):
    pool = WorkerPool(Limits(timeout_s=30, workers=1, queue=0))
    pool.use(tmp_path / "no-store-here")  # every worker fails to open it and exits
    started = time.monotonic()
    try:
        with pool.admission(), pytest.raises(SparqlFailure) as failed:
            pool.run("ASK {}", None)
    finally:
        pool.close()
    assert failed.value.kind == "sparql-unavailable" and "could not start" in failed.value.detail
    assert time.monotonic() - started < 30  # told as soon as the start failed, not at the time limit
