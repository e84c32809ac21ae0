"""A SPARQL worker process: `python -m ontology.sparql_worker FD STORE_DIR MEMORY_MB`.

The server (`sparql_pool`) starts it, sends it one query at a time over the socket FD, and kills it when a query
runs past its time or memory limit: Oxigraph cannot be interrupted, but a process can. Before it opens anything
the worker denies itself the network (`sparql_sandbox`), then it opens the graph's on-disk store read-only.

Messages are length-prefixed (multiprocessing's Connection): the server sends a JSON request
{"query", "accept", "max_rows"}; the worker answers with a JSON header ({"media_type"} or {"kind", "detail"}) and
then the body. Only JSON and bytes cross, so neither side unpickles what the other sends.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from multiprocessing.connection import Connection

import pyoxigraph as ox

from ontology.rdf_formats import negotiate
from ontology.rdf_sparql import GRAPH_TYPES, RESULT_TYPES, SparqlFailure, collect, write_graph, write_results
from ontology.sparql_check import check_query
from ontology.sparql_sandbox import deny_network


def answer(store: ox.Store, query: str, accept: str | None, max_rows: int) -> tuple[str, bytes]:
    """The media type and body of a query's answer; SparqlFailure when there is none."""
    refusal = check_query(query)
    if refusal is not None:
        raise SparqlFailure(refusal.kind, refusal.detail)
    try:
        result = collect(store.query(query), max_rows)
    except SyntaxError as exc:
        raise SparqlFailure("bad-sparql", str(exc)) from None
    except (OSError, ValueError, RuntimeError) as exc:  # what the engine raises while evaluating
        raise SparqlFailure("bad-sparql", f"the engine stopped the query: {exc}") from None
    offered = list(GRAPH_TYPES) if result.triples is not None else [*RESULT_TYPES, "application/json"]
    media = negotiate(accept, offered)
    if media is None:
        raise SparqlFailure("not-acceptable", f"this result is available as {', '.join(offered)}")
    if result.triples is not None:
        return media, write_graph(result, media)
    body = write_results(result, "application/sparql-results+json" if media == "application/json" else media)
    return media, body.encode("utf-8")


def _cap_address_space(memory_mb: int) -> None:
    """A backstop under the server's watch of resident memory (every 50 ms): an allocation so large or fast that
    the process would pass twice the limit fails at once, and the engine aborts (SIGABRT). The store is read
    with pread, not mapped, so the address space grows little as queries read it."""
    with open("/proc/self/statm") as statm:
        reserved = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    cap = reserved + 2 * memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def serve(conn: Connection, store_dir: str, memory_mb: int) -> None:
    store = ox.Store.read_only(store_dir)
    check_query("ASK {}")  # rdflib builds its parser on first use: pay for that before saying ready
    _cap_address_space(memory_mb)
    conn.send_bytes(json.dumps({"ready": os.getpid()}).encode())
    while True:
        try:
            request = json.loads(conn.recv_bytes())
        except EOFError:  # the server closed its end
            return
        try:
            media, body = answer(store, request["query"], request.get("accept"), request["max_rows"])
            header = {"media_type": media}
        except SparqlFailure as failure:
            header, body = {"kind": failure.kind, "detail": failure.detail}, b""
        conn.send_bytes(json.dumps(header).encode())
        conn.send_bytes(body)


def _exit_with_parent(parent: int) -> None:
    """A worker whose server died (even by SIGKILL) stops within a second, whatever query it is running."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main() -> None:
    fd, store_dir, memory_mb = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    try:
        deny_network()  # before the store is opened; covers every thread, those there already and those to come
    except Exception as exc:
        print(f"sparql worker: cannot deny itself the network, so it runs no queries: {exc}", file=sys.stderr)
        sys.exit(3)
    os.nice(10)  # a runaway query shares the CPU with the server: let the server (and /health) go first
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    serve(Connection(fd), store_dir, memory_mb)


if __name__ == "__main__":
    main()
