"""`ikg export`: the graph (or one notice's or one locality's part of it) as RDF, to a file or stdout."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from api.cli.output import err, open_or_exit
from api.dump import dump_nt, dump_triples, mapper_for
from cypher.rdf_source import locality_items, notice_items
from ontology.rdf import graph_triples
from ontology.rdf_formats import FORMATS, serialize_small
from ontology.rdf_writers import WRITERS


def export(
    fmt: str = typer.Option("ttl", "--format", "-f", help="ttl, jsonld, nt or xml"),
    notice: str = typer.Option(None, "--notice", help="Only this notice and what hangs off it"),
    locality: str = typer.Option(None, "--locality", help="Only this locality and its awards"),
    out: Path = typer.Option(None, "--out", "-o", help="Write here instead of stdout"),
    store: str = typer.Option(None, "--store", help="Store URL (default: $IKG_STORE or ladybug://./data/graph)"),
):
    """Export the graph as RDF (ELI, ORG, SKOS, PROV-O, schema.org); the whole graph streams in constant memory.
    URIs use $IKG_BASE_URI (default https://incentive-kg.example, a placeholder)."""
    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if notice and locality:
        err.print("[red]error:[/red] give --notice or --locality, not both")
        raise typer.Exit(2)
    graph = open_or_exit(store, read_only=True)
    try:
        if notice or locality:
            items = notice_items(graph, notice) if notice else locality_items(graph, locality)
            if items is None:
                what = f"notice {notice!r}" if notice else f"locality {locality!r}"
                err.print(f"[red]error:[/red] no {what} in the graph")
                raise typer.Exit(1)
            chunks = iter([serialize_small(graph_triples(mapper_for(graph), items), FORMATS[fmt])])
        else:
            chunks = dump_nt(graph) if fmt == "nt" else WRITERS[fmt](dump_triples(graph))
        target = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            for chunk in chunks:
                target.write(chunk)
        finally:
            if out:
                target.close()
    finally:
        graph.close()
    if out:
        err.print(f"wrote {out}")
