"""`ikg release`: a versioned, immutable dump set of the whole graph, and the check of one.

A release is a folder `{out}/{version}/` holding the dump in every RDF format (gzip-compressed, byte-for-byte
reproducible: no time stamp in the gzip header), `SHA256SUMS` (the `sha256sum -c` format) and `release.ttl`, its
DCAT/VoID description with each file's size and SHA-256 (ontology/rdf_release.py). The folder is written under
another name and renamed into place at the end, so a release is there whole or not at all; an existing version is
never written again."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyshacl
import rdflib
import typer

from api.cli.output import err, open_or_exit
from api.dump import dump_nt, dump_triples, stats_path
from cypher.store import Store
from ontology.rdf_catalog import LINKSETS
from ontology.rdf_formats import FORMATS
from ontology.rdf_release import ReleaseFile, release_triples
from ontology.rdf_stats import read_stats
from ontology.rdf_terms import base_uri
from ontology.rdf_vocabulary import DOCUMENTS, current_version_iris
from ontology.rdf_writers import WRITERS, write_turtle

SUMS = "SHA256SUMS"
DESCRIPTION = "release.ttl"
# A version is a folder name and part of URIs: letters, digits, dots, dashes (2026.12, 1.4.0, 2026-12-01).
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.-]{0,39}")
_CHUNK = 1 << 20


@dataclass
class _Measured:
    size: int = 0
    sha256: str = ""


def _write_gzip(path: Path, chunks, on_text=None) -> _Measured:
    """Compress text chunks into `path`, measuring the compressed bytes as they are written."""
    digest, measured = hashlib.sha256(), _Measured()

    class _Tee:
        def __init__(self, out):
            self.out = out

        def write(self, data) -> int:
            digest.update(data)
            measured.size += len(data)
            return self.out.write(data)

        def flush(self) -> None:
            self.out.flush()

    with path.open("wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=_Tee(raw), mtime=0) as out:
            for chunk in chunks:
                if on_text is not None:
                    on_text(chunk)
                out.write(chunk.encode("utf-8"))
    measured.sha256 = digest.hexdigest()
    return measured


def _dump(store: Store, folder: Path, version: str) -> tuple[list[ReleaseFile], int, dict[str, int]]:
    """Every format, one pass over the graph each; the triple and link counts from the N-Triples pass."""
    files, lines, links = [], 0, dict.fromkeys(LINKSETS, 0)

    def count(chunk: str) -> None:
        nonlocal lines
        lines += chunk.count("\n")
        for predicate in links:  # N-Triples: a predicate stands between spaces, as <…>
            links[predicate] += chunk.count(f" <{predicate}> ")

    for fmt in FORMATS.values():
        name = f"incentive-kg-{version}.{fmt.extension}.gz"
        on_text = count if fmt.name == "nt" else None
        chunks = dump_nt(store) if fmt.name == "nt" else WRITERS[fmt.name](dump_triples(store))
        measured = _write_gzip(folder / name, chunks, on_text)
        files.append(ReleaseFile(name, fmt.media_type, measured.size, measured.sha256))
    return files, lines, links


def make_release(store: Store, out: Path, version: str, today: date | None = None) -> Path:
    if not VERSION.fullmatch(version):
        raise ValueError(f"version {version!r}: use letters, digits, dots and dashes (e.g. 2026.12 or 1.4.0)")
    final = out / version
    if final.exists():
        raise FileExistsError(f"{final} exists: a release is never written again; choose a new version")
    out.mkdir(parents=True, exist_ok=True)
    partial = out / f".{version}.partial"
    shutil.rmtree(partial, ignore_errors=True)  # left by a release that was stopped
    partial.mkdir()
    try:
        files, triples, links = _dump(store, partial, version)
        stats = read_stats(stats_path(store))
        issued = today or datetime.now(UTC).date()
        modified = stats.modified_at if stats else datetime.now(UTC)
        entities = sum(store.counts()["nodes"].values())
        described = release_triples(
            base_uri(), version, issued, modified, files, triples, entities, links, current_version_iris()
        )
        (partial / DESCRIPTION).write_text("".join(write_turtle(described)), encoding="utf-8")
        sums = [(f.name, f.sha256) for f in files]
        sums.append((DESCRIPTION, _sha256(partial / DESCRIPTION)))
        (partial / SUMS).write_text("".join(f"{sha}  {name}\n" for name, sha in sums), encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while block := data.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def verify_release(folder: Path) -> list[str]:
    """What is wrong with a release folder (nothing: an empty list): every file listed in SHA256SUMS has that
    checksum, release.ttl states each dump's size and checksum as they are, and it conforms to the shapes."""
    problems: list[str] = []
    try:
        lines = (folder / SUMS).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        return [f"{SUMS}: cannot be read ({exc.strerror})"]
    listed = {}
    for line in lines:
        sha, sep, name = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", sha) or "/" in name or name.startswith("."):
            problems.append(f"{SUMS}: not a checksum line: {line[:80]!r}")
            continue
        listed[name] = sha
        if not (folder / name).is_file():
            problems.append(f"{name}: listed in {SUMS} but missing")
        elif _sha256(folder / name) != sha:
            problems.append(f"{name}: its sha256 is not the one in {SUMS}")
    if DESCRIPTION not in listed:
        return problems + [f"{DESCRIPTION}: not listed in {SUMS}"]
    try:
        graph = rdflib.Graph().parse(folder / DESCRIPTION, format="turtle")
    except Exception as exc:  # rdflib raises many kinds for a file that is not Turtle
        return problems + [f"{DESCRIPTION}: not readable Turtle ({exc})"]
    problems += _check_description(folder, graph, listed)
    return problems


def _check_description(folder: Path, graph: rdflib.Graph, listed: dict[str, str]) -> list[str]:
    problems = []
    dcat, spdx = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace("http://spdx.org/rdf/terms#")
    described = set()
    for dist in graph.subjects(rdflib.RDF.type, dcat.Distribution):
        name = str(dist).rsplit("/", 1)[-1]
        described.add(name)
        checksum = graph.value(graph.value(dist, spdx.checksum), spdx.checksumValue)
        if name not in listed:
            problems.append(f"{DESCRIPTION}: describes {name}, which {SUMS} does not list")
        elif str(checksum) != listed[name]:
            problems.append(f"{DESCRIPTION}: the sha256 of {name} is not the one in {SUMS}")
        elif (folder / name).is_file() and str(graph.value(dist, dcat.byteSize)) != str((folder / name).stat().st_size):
            problems.append(f"{DESCRIPTION}: the byte size of {name} is not the file's")
    if described != set(listed) - {DESCRIPTION}:
        problems.append(f"{DESCRIPTION}: does not describe every dump file of {SUMS}")
    shapes = rdflib.Graph().parse(next(d.file for d in DOCUMENTS if d.path == "shapes"))
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes)
    if not conforms:
        problems.append(f"{DESCRIPTION}: does not conform to the application profile:\n{text}")
    return problems


def release(
    out: Path = typer.Argument(None, help="The folder releases are kept in (each version in its own folder)"),
    version: str = typer.Option(None, "--version", help="The release's version, e.g. 2026.12 (required)"),
    verify: Path = typer.Option(None, "--verify", help="Check this release folder instead of writing one"),
    store: str = typer.Option(None, "--store", help="Store URL (default: $IKG_STORE or ladybug://./data/graph)"),
):
    """Write a versioned, immutable release: the whole graph in every RDF format (gzip), SHA256SUMS and its
    DCAT/VoID description (release.ttl); or, with --verify, check one (checksums, sizes, shapes)."""
    if verify is not None:
        problems = verify_release(verify)
        for problem in problems:
            err.print(f"[red]error:[/red] {problem}")
        if problems:
            raise typer.Exit(1)
        print(f"{verify}: checksums verify and the description conforms")
        return
    if out is None or version is None:
        err.print("[red]error:[/red] give the releases folder and --version (or --verify FOLDER)")
        raise typer.Exit(2)
    graph = open_or_exit(store, read_only=True)
    try:
        folder = make_release(graph, out, version)
    except (ValueError, FileExistsError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    finally:
        graph.close()
    print(folder)  # on stdout, for scripts: folder=$(ikg release …)
