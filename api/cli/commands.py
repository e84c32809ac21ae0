"""The `ikg` command line: load, parse, stats, query, serve, export, release and copy, over the code the API uses."""

from __future__ import annotations

import json
import signal
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from api.cli.copy import copy_store
from api.cli.export import export
from api.cli.output import err, open_or_exit, progress_bar
from api.cli.release import release
from api.cli.review import review_app
from api.dump import now, record_run
from api.void_stats import measure as measure_dump
from cypher.named_queries import library, run_named
from cypher.store import store_url
from loaders import BATCH_ROWS, DOCUMENT_SUFFIXES, LoadedDocument, find_documents, load_paths, parse_file
from ontology.errors import DocumentError, StoreError

app = typer.Typer(
    help="incentive-kg: a knowledge graph of supervision-incentive policy (督查激励).",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()

StoreOption = typer.Option(None, "--store", help="Store URL (default: $IKG_STORE or ladybug://./data/graph)")


class Output(StrEnum):
    """How a command prints what it found (any other --format is refused)."""

    table = "table"
    json = "json"


FormatOption = typer.Option(Output.table, "--format", "-f", help="table or json")
# The suffixes the readers take, from the readers themselves (a file without a suffix is read as text).
SUFFIXES = " ".join(sorted(s for s in DOCUMENT_SUFFIXES if s)) + ", or none"


@app.command()
def load(
    paths: list[Path] = typer.Argument(..., help=f"Files or directories of documents ({SUFFIXES})"),
    store: str = StoreOption,
    fmt: Output = FormatOption,
    batch_rows: int = typer.Option(BATCH_ROWS, "--batch-rows", min=1, help="Rows written per transaction"),
):
    """Load documents into the graph, in batches of about --batch-rows rows, each batch in one transaction (a
    batch that fails is written again file by file); bad files are reported and skipped."""
    graph = open_or_exit(store)
    with progress_bar(hidden=fmt == "json") as progress:
        task = progress.add_task("loading", total=None)

        def show(path: Path, index: int, total: int) -> None:
            progress.update(task, description=f"loading {path.name}", completed=index, total=total)

        started = now()
        report = load_paths(paths, graph, on_file=show, batch_rows=batch_rows)
        try:  # the provenance of what was loaded, for the RDF export (ontology/extraction.py)
            loaded = {doc.notice_id: doc.sha256 for doc in report.documents}
            if loaded:
                record_run(graph, started, loaded)
        except OSError as exc:
            err.print(f"[yellow]warning:[/yellow] the extraction run was not recorded ({exc})")
        # The catalogue's VoID statistics are measured here, at load time, not when it is asked for.
        progress.update(task, description="measuring the RDF dump for the catalogue")
        try:
            measure_dump(graph)
        except (OSError, StoreError) as exc:  # the documents are loaded; a server measures again when asked
            err.print(f"[yellow]warning:[/yellow] the catalogue's statistics were not measured ({exc})")
    graph.close()
    summary = report.summary()
    if fmt == "json":
        print(
            json.dumps(
                {
                    "summary": summary,
                    "errors": report.errors + ([report.link_error] if report.link_error else []),
                    "links": _link_summary(report.links),
                    "documents": [_doc_summary(d) for d in report.documents],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for error in report.errors + ([report.link_error] if report.link_error else []):
            err.print(f"[red]error:[/red] {error}")
        table = Table("", "count", title=f"Loaded into {graph.url}")
        for key, value in {**summary, **_link_summary(report.links)}.items():
            table.add_row(key, str(value))
        console.print(table)
    if summary["documents"] == 0:
        raise typer.Exit(1)


def _link_summary(links) -> dict:
    """What linking (loaders.linking) did after the load."""
    if links is None:
        return {}
    return {"implements_links": links.linked, "links_to_review": links.pending, "reports_on_links": links.reports_on}


def _doc_summary(doc: LoadedDocument) -> dict:
    return {
        "path": doc.path,
        "part": doc.part,
        "notice": doc.notice_id,
        "kind": doc.kind,
        "measures": doc.measures,
        "awards": doc.awards,
        "warnings": [w.__dict__ for w in doc.warnings],
    }


@app.command()
def parse(
    paths: list[Path] = typer.Argument(..., help=f"Files or directories of documents ({SUFFIXES})"),
    fmt: Output = typer.Option(Output.json, "--format", "-f", help="json (the records) or table"),
):
    """Parse documents without touching any store and print the records."""
    files, missing = find_documents(paths)
    docs, errors = [], [str(e) for e in missing]
    for path in files:
        try:
            docs.extend(parse_file(path)[1])
        except DocumentError as exc:
            errors.append(str(exc))
    for error in errors:
        err.print(f"[red]error:[/red] {error}")
    if fmt == "json":
        print(json.dumps([d.to_json() for d in docs], ensure_ascii=False, indent=2))
    else:
        table = Table("path", "part", "kind", "文号", "measures", "awards", "warnings")
        for d in docs:
            table.add_row(
                Path(d.source.path).name,
                str(d.source.part),
                d.notice.kind,
                d.notice.doc_number or "",
                str(len(d.measures)),
                str(len(d.awards)),
                str(len(d.warnings)),
            )
        console.print(table)
    if not docs:
        raise typer.Exit(1)


@app.command()
def stats(store: str = StoreOption, fmt: Output = FormatOption):
    """Node and relationship counts per kind."""
    graph = open_or_exit(store, read_only=True)
    counts = graph.counts()
    graph.close()
    if fmt == "json":
        print(json.dumps(counts, indent=2))
        return
    for section, values in counts.items():
        table = Table("kind", "count", title=section)
        for kind, n in values.items():
            table.add_row(kind, str(n))
        console.print(table)


@app.command()
def query(
    name: str = typer.Argument(None, help="Named query (omit to list them)"),
    param: list[str] = typer.Option([], "--param", "-p", help="k=v; lists as a,b,c"),
    store: str = StoreOption,
    fmt: Output = FormatOption,
):
    """Run a named query from cypher/queries/ with parameters."""
    if not name:
        table = Table("name", "parameters", "description")
        for q in library().values():
            table.add_row(q.name, ", ".join(f"{p.name}:{p.type}" for p in q.params), q.description)
        console.print(table)
        return
    params = dict(p.split("=", 1) for p in param if "=" in p)
    graph = open_or_exit(store, read_only=True)
    try:
        result = run_named(graph, name, params)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    finally:
        graph.close()
    if fmt == "json":
        print(json.dumps(result.records(), ensure_ascii=False, indent=2, default=str))
        return
    table = Table(*result.columns)
    for row in result.rows:
        table.add_row(
            *(json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, list | dict) else str(v) for v in row)
        )
    console.print(table)


@app.command()
def serve(
    documents: list[Path] = typer.Option([], "--load", help="Load these documents first"),
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port"),
    store: str = StoreOption,
):
    """Serve the graph over HTTP (FastAPI; docs at /docs), optionally loading documents first."""
    import uvicorn

    from api.app import create_app

    url = store or store_url()
    graph = open_or_exit(url)
    if documents:
        report = load_paths(documents, graph)
        for error in report.errors:
            err.print(f"[yellow]skipped:[/yellow] {error}")
        loaded = len(report.files) - len(report.errors)
        err.print(f"loaded {loaded} of {len(report.files)} file(s) into {graph.url}")
    graph.warm_up()  # the first ad-hoc query should not wait for worker processes to start
    graph.prefer_readers()  # uploads loaded while serving leave a core to the requests
    # Ctrl-C or SIGTERM is how a server is stopped: after uvicorn's graceful shutdown it raises the signal again,
    # which here ends the command with status 0 (`make run` then stops without an error line).
    signal.signal(signal.SIGTERM, _stopped)
    try:
        uvicorn.run(create_app(graph), host=host, port=port, log_level="info")
    except KeyboardInterrupt:
        return


def _stopped(signum, frame) -> None:
    raise KeyboardInterrupt


app.command("export")(export)
app.command("release")(release)
app.command("copy")(copy_store)
app.add_typer(review_app, name="review")


def main() -> None:  # pragma: no cover - console entry
    sys.exit(app())
