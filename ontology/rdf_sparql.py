"""SPARQL over the exported graph: an in-memory Oxigraph store, rebuilt when the graph changes, queried read-only
with a time limit and a row cap, results written in the SPARQL 1.1 result formats."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

TIMEOUT_S = 10.0
ROW_CAP = 10_000
# Queries run in worker threads (Oxigraph releases the GIL), so a request can give up on a slow one; the
# query itself cannot be interrupted and finishes in the background, so the pool is small.
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sparql")

RESULT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


class SparqlError(Exception):
    """A query Oxigraph refused (syntax, an update sent as a query)."""


class SparqlTimeout(Exception):
    """A query that did not finish within the time limit."""


class _ChunkReader(io.RawIOBase):
    """Text chunks from a generator as a binary file, so Oxigraph parses a dump without it being in memory."""

    def __init__(self, chunks: Iterable[str]):
        self._chunks = iter(chunks)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = chunk.encode("utf-8")
        n = min(len(target), len(self._buffer))
        target[:n], self._buffer = self._buffer[:n], self._buffer[n:]
        return n


class SparqlIndex:
    """Keeps one Oxigraph store per graph version; `version` is anything that changes when the graph does
    (the node and relationship counts: cheap to ask, and every load changes them in practice)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._store: ox.Store | None = None
        self._version: object = None
        self.triples = 0
        self.built_at: datetime | None = None

    def current(self, version: object, nt_chunks: Callable[[], Iterator[str]]) -> ox.Store:
        with self._lock:
            if self._store is None or version != self._version:
                store = ox.Store()  # no path: in memory, so no second process opens anything on disk
                store.bulk_load(_ChunkReader(nt_chunks()), ox.RdfFormat.N_TRIPLES)
                self._store, self._version, self.triples = store, version, len(store)
                self.built_at = datetime.now(UTC)
            return self._store


@dataclass
class Answer:
    """What a query gave: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    variables: list[str] | None = None
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]] | None = None
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None
    truncated: bool = False


def run_query(store: ox.Store, query: str, timeout_s: float = TIMEOUT_S, row_cap: int = ROW_CAP) -> Answer:
    def work() -> Answer:
        try:
            result = store.query(query)
        except SyntaxError as exc:
            raise SparqlError(str(exc)) from None
        if isinstance(result, ox.QueryBoolean):
            return Answer(boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if len(rows) == row_cap:
                    return Answer(variables=names, rows=rows, truncated=True)
                rows.append([solution[name] for name in names])
            return Answer(variables=names, rows=rows)
        triples = []
        for triple in result:
            if len(triples) == row_cap:
                return Answer(triples=triples, truncated=True)
            triples.append(triple)
        return Answer(triples=triples)

    future = _POOL.submit(work)
    try:
        return future.result(timeout=timeout_s)
    except FutureTimeout:
        raise SparqlTimeout(f"the query did not finish within {timeout_s:g} s") from None


# -- result formats ----------------------------------------------------------------------------------------------


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"


def write_results(answer: Answer, media_type: str) -> str:
    if media_type == "application/sparql-results+json":
        if answer.boolean is not None:
            return json.dumps({"head": {}, "boolean": answer.boolean})
        bindings = [
            {name: _json_term(term) for name, term in zip(answer.variables, row) if term is not None}
            for row in answer.rows
        ]
        return json.dumps({"head": {"vars": answer.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if media_type == "application/sparql-results+xml":
        head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
        if answer.boolean is not None:
            return f"{head}<head/><boolean>{str(answer.boolean).lower()}</boolean></sparql>\n"
        variables = "".join(f"<variable name={quoteattr(v)}/>" for v in answer.variables)
        results = "".join(
            "<result>"
            + "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(answer.variables, row)
                if term is not None
            )
            + "</result>\n"
            for row in answer.rows
        )
        return f"{head}<head>{variables}</head>\n<results>\n{results}</results>\n</sparql>\n"
    out = io.StringIO()  # text/csv: values only, as the SPARQL CSV format defines
    writer = csv.writer(out, lineterminator="\r\n")
    if answer.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if answer.boolean else "false"])
        return out.getvalue()
    writer.writerow(answer.variables)
    writer.writerows([["" if term is None else term.value for term in row] for row in answer.rows])
    return out.getvalue()


def write_graph(answer: Answer, media_type: str) -> bytes:
    return ox.serialize(answer.triples, format=GRAPH_TYPES[media_type]) or b""
