"""`ikg copy`: move a graph between stores, e.g. from the embedded default into Neo4j."""

from __future__ import annotations

import typer
from rich.table import Table

from api.cli.output import err, open_or_exit, progress_bar
from cypher.copy import copy_graph
from ontology.errors import StoreError


def copy_store(
    source_url: str = typer.Option(..., "--from", help="Store to read, e.g. ladybug://./data/graph"),
    target_url: str = typer.Option(..., "--to", help="Store to write, e.g. neo4j://neo4j:secret@localhost:7687"),
    replace: bool = typer.Option(False, "--replace", help="Clear the target first (it must be empty otherwise)"),
):
    """Copy every node and relationship with its properties, then compare counts per kind and property."""
    source = open_or_exit(source_url, read_only=True)
    try:
        target = open_or_exit(target_url)
    except typer.Exit:
        source.close()
        raise
    progress = progress_bar()
    try:
        counts = source.counts()
        total = sum(counts["nodes"].values()) + sum(counts["relationships"].values())
        with progress:
            task = progress.add_task("copying", total=total)
            report = copy_graph(
                source,
                target,
                replace=replace,
                on_batch=lambda kind, n: progress.update(task, advance=n, description=f"copying {kind}"),
            )
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    finally:
        source.close()
        target.close()
    table = Table("kind", "in source", "in target", title=f"{source.url} → {target.url}")
    for kind, props in report.source.items():
        table.add_row(kind, str(props[""]), str(report.target.get(kind, {}).get("", 0)))
    err.print(table)
    for difference in report.differences:
        err.print(f"[red]differs:[/red] {difference}")
    if report.differences:
        raise typer.Exit(1)
    err.print("copied: every node, relationship and property count matches")
