"""The whole graph as RDF triples, the one way every dump is made (`/export`, `ikg export`, `ikg release`, the
SPARQL store, the catalogue's statistics), so they are the same bytes; and the files kept beside a store that
the dump depends on or describes: its VoID statistics, the change feed, the extraction runs."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path

import loaders
from cypher.rdf_source import whole_graph, whole_graph_pages
from cypher.store import Store, redact
from ontology.code_lists import code_list_triples, with_code_lists
from ontology.extraction import SOFTWARE, append_run, read_extractions
from ontology.rdf import RdfMapper, graph_triples
from ontology.rdf_columns import nt_page
from ontology.rdf_terms import Triple, base_uri
from ontology.rdf_writers import write_nt

# What decides what the parser makes of a file: its code and the reference data it resolves names with.
_PARSER_SOURCES = (
    (Path(loaders.__file__).parent, ("**/*.py", "data/*")),
    (Path(__file__).resolve().parents[1] / "ontology" / "data", ("*.csv", "*.toml")),
    (Path(__file__).resolve().parents[1] / "ontology", ("topics.ttl",)),
)


def stats_path(store: Store) -> Path:
    """Next to an embedded store (`data/graph` → `data/graph.void.json`); for a server-based store, in
    $IKG_STATS_DIR (default `data`), one file per store URL."""
    path = getattr(store, "path", None)
    if path is not None:
        return Path(path).with_name(Path(path).name + ".void.json")
    key = hashlib.sha1(redact(store.url).encode()).hexdigest()[:10]
    return Path(os.environ.get("IKG_STATS_DIR", "data")) / f"void-{key}.json"


def _beside_stats(store: Store, suffix: str) -> Path:
    path = stats_path(store)
    return path.with_name(path.name.removesuffix(".void.json") + suffix)


def changes_path(store: Store) -> Path:
    """The change feed's events (JSON lines), beside the statistics."""
    return _beside_stats(store, ".changes.jsonl")


def notices_snapshot_path(store: Store) -> Path:
    """The loaded notices at the last measurement (JSON), which the next one is compared with for the change feed."""
    return _beside_stats(store, ".notices.json")


def extractions_path(store: Store) -> Path:
    """The extraction runs that loaded the store's notices (JSON lines), beside the statistics."""
    return _beside_stats(store, ".extractions.jsonl")


def mapper_for(store: Store, base: str | None = None) -> RdfMapper:
    return RdfMapper(base or base_uri(), read_extractions(extractions_path(store)))


def dump_triples(store: Store, base: str | None = None) -> Iterator[Triple]:
    """Every triple of the dump, streamed: the graph, then the code lists and the topic scheme."""
    return with_code_lists(graph_triples(mapper_for(store, base), whole_graph(store)))


NT_SLICE = 2_000  # rows formatted at once by dump_nt


def dump_nt(store: Store, base: str | None = None) -> Iterator[str]:
    """The dump as N-Triples, a page of rows at a time formatted from Arrow columns: the same text as
    `write_nt(dump_triples(store, base))` (tests/test_rdf_columns.py) for about a quarter of the CPU time
    (benchmarks/README.md, "RDF at national scale")."""
    mapper = mapper_for(store, base)
    for what, name, table in whole_graph_pages(store):
        # Formatted a slice at a time: a page's lines are made in several columns before being joined, and
        # 2,000 rows keep that to a few MB (the slices are views of the page, not copies).
        for start in range(0, table.num_rows, NT_SLICE):
            text = nt_page(mapper, what, name, table.slice(start, NT_SLICE))
            if text:
                yield text
    yield from write_nt(code_list_triples())


@cache
def software() -> str:
    """ "incentive-kg 0.1.0": the name and version of the installed distribution."""
    try:
        return f"{SOFTWARE} {metadata.version(SOFTWARE)}"
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return f"{SOFTWARE} unknown"


@cache
def parser_version() -> str:
    """A digest of the parsing code and its reference data: two runs with the same one read a file the same."""
    digest = hashlib.sha256()
    for folder, patterns in _PARSER_SOURCES:
        files = sorted({f for pattern in patterns for f in folder.glob(pattern) if f.is_file()})
        for file in files:
            digest.update(file.relative_to(folder).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record_run(store: Store, started: str, notices: dict[str, str]) -> int:
    """Note that a run begun at `started` and ending now loaded these notices (id → sha256 of the source)."""
    return append_run(extractions_path(store), software(), parser_version(), started, now(), notices)
