"""SPARQL over the exported graph: the on-disk Oxigraph store built once per graph version, the limits queries run
under, and the SPARQL 1.1 result formats. Queries run in worker processes (`sparql_worker`, `sparql_pool`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ontology.settings import Settings

RESULT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
# Longer texts are refused before they reach a worker (a VALUES list of a few thousand IRIs still fits).
MAX_QUERY_CHARS = 100_000


@dataclass(frozen=True)
class Limits:
    """What one SPARQL query may use, and how many run and wait at once (IKG_SPARQL_*, ontology/settings.py)."""

    timeout_s: float = 10.0
    max_rows: int = 10_000
    memory_mb: int = 1024
    workers: int = 2
    queue: int = 8

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            timeout_s=settings.sparql_timeout_ms / 1000,
            max_rows=settings.sparql_max_rows,
            memory_mb=settings.sparql_memory_mb,
            workers=settings.sparql_workers,
            queue=settings.sparql_queue,
        )


class SparqlFailure(Exception):
    """A query that got no answer, and why: `kind` is the stable problem type (bad-sparql, service-refused,
    row-limit, query-memory, query-timeout, overloaded, sparql-unavailable, not-acceptable)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind, self.detail = kind, detail


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


def build_store(path: Path, nt_chunks: Callable[[], Iterator[str]]) -> int:
    """Bulk-load the N-Triples export into a new on-disk store at `path` and close it; the number of triples.

    On disk, so that a worker killed at a limit is replaced by a process that opens this directory read-only
    (~20 ms) instead of loading the graph again (minutes at national scale), and so that the graph is not held
    in the memory of every worker."""
    store = ox.Store(str(path))
    # A file-like reader (it has .read()): pyoxigraph reads it in parts, so the dump is never whole in memory.
    store.bulk_load(_ChunkReader(nt_chunks()), ox.RdfFormat.N_TRIPLES)  # type: ignore[arg-type]
    store.flush()
    triples = len(store)
    del store  # closes the database: workers open it read-only, and nothing writes to it again
    return triples


@dataclass
class Answer:
    """What a query gave: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    variables: list[str] | None = None
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]] | None = None
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


def collect(result, max_rows: int) -> Answer:
    """The whole result of `Store.query`; more than `max_rows` rows or triples is an error, never a part."""
    if isinstance(result, ox.QueryBoolean):
        return Answer(boolean=bool(result))
    items: list = []
    for item in result:
        if len(items) == max_rows:
            raise SparqlFailure(
                "row-limit", f"the result has more than {max_rows} rows: add a LIMIT (and OFFSET to page through it)"
            )
        items.append(item)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return Answer(variables=names, rows=[[solution[name] for name in names] for solution in items])
    return Answer(triples=items)


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
            {name: _json_term(term) for name, term in zip(answer.variables or [], row) if term is not None}
            for row in answer.rows or []
        ]
        header = {"vars": answer.variables or []}
        return json.dumps({"head": header, "results": {"bindings": bindings}}, ensure_ascii=False)
    if media_type == "application/sparql-results+xml":
        head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
        if answer.boolean is not None:
            return f"{head}<head/><boolean>{str(answer.boolean).lower()}</boolean></sparql>\n"
        variables = "".join(f"<variable name={quoteattr(v)}/>" for v in answer.variables or [])
        results = "".join(
            "<result>"
            + "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(answer.variables or [], row)
                if term is not None
            )
            + "</result>\n"
            for row in answer.rows or []
        )
        return f"{head}<head>{variables}</head>\n<results>\n{results}</results>\n</sparql>\n"
    out = io.StringIO()  # text/csv: values only, as the SPARQL CSV format defines
    writer = csv.writer(out, lineterminator="\r\n")
    if answer.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if answer.boolean else "false"])
        return out.getvalue()
    writer.writerow(answer.variables or [])
    writer.writerows([["" if term is None else term.value for term in row] for row in answer.rows or []])
    return out.getvalue()


def write_graph(answer: Answer, media_type: str) -> bytes:
    return ox.serialize(answer.triples or [], format=GRAPH_TYPES[media_type]) or b""
