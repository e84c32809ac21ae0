"""`ikg review`: the IMPLEMENTS links waiting for a reviewer, and the reviewer's decisions (loaders.linking_review)."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from api.cli.output import err, open_or_exit
from cypher.store import Store
from loaders import ReviewBook, relink, review_path

review_app = typer.Typer(help="Review links across notices: list, accept, reject, relink.", no_args_is_help=True)
console = Console()
StoreOption = typer.Option(None, "--store", help="Store URL (default: $IKG_STORE or ladybug://./data/graph)")
CATEGORY_JURISDICTION = (
    "MATCH (n:Notice)-[:HAS_MEASURE]->(c:Measure {id: $id}) WHERE n.kind = 'award_notice' RETURN n.jurisdiction_id"
)


@review_app.command("list")
def list_links(store: str = StoreOption, fmt: str = typer.Option("table", "--format", "-f", help="table or json")):
    """Links waiting for a decision (best first), then the decisions taken."""
    graph = open_or_exit(store, read_only=True)
    book = ReviewBook(review_path(graph.url)).read()
    graph.close()
    pending = sorted(book["pending"].values(), key=lambda p: (-p["score"], p["category"]))
    citations = [book["citations"][key] for key in sorted(book["citations"])]
    if fmt == "json":
        decisions = [{"category": c, **d} for c, d in sorted(book["decisions"].items())]
        answer = {"pending": pending, "decisions": decisions, "citations": citations}
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    if citations:
        cited = Table("notice", "relation", "title", "candidates", title="Citations by title with no clear notice")
        for c in citations:
            names = "; ".join(f"{x['id']} ({x['score']})" for x in c["candidates"])
            cited.add_row(c["notice"], c["relation"], c["title"][:40], names)
        console.print(cited)
    if not pending and not book["decisions"]:
        console.print("No link waits for review, and no decision has been taken.")
        return
    table = Table("category", "measure", "score", "category text", "measure text", title="Waiting for review")
    for p in pending:
        table.add_row(p["category"], p["measure"], str(p["score"]), p["category_text"][:40], p["measure_text"][:40])
    if pending:
        console.print(table)
    decided = Table("category", "action", "measure", "at", title="Decisions")
    for category, d in sorted(book["decisions"].items()):
        decided.add_row(category, d["action"], d["measure"], d["at"])
    if book["decisions"]:
        console.print(decided)


def _decide(store_url: str | None, category: str, action: str, measure: str | None) -> None:
    graph = open_or_exit(store_url)
    try:
        rows = graph.query(CATEGORY_JURISDICTION, {"id": category}).rows
        if not rows:
            err.print(f"[red]error:[/red] no award category {category!r} in {graph.url}")
            raise typer.Exit(1)
        try:
            decision = ReviewBook(review_path(graph.url)).decide(category, action, measure)
        except (LookupError, ValueError) as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from None
        report = relink(graph, [rows[0][0]])
        console.print(f"{action}: {category} → {decision['measure']} ({report.linked} links in its jurisdiction)")
    finally:
        graph.close()


@review_app.command()
def accept(
    category: str = typer.Argument(..., help="Award category (Measure id of an award notice)"),
    measure: str = typer.Option(None, "--measure", help="The measure to accept (default: the pending one)"),
    store: str = StoreOption,
):
    """Link the category to its pending measure (or the one named), whatever the score."""
    _decide(store, category, "accept", measure)


@review_app.command()
def reject(
    category: str = typer.Argument(..., help="Award category (Measure id of an award notice)"),
    measure: str = typer.Option(None, "--measure", help="The measure to reject (default: the pending one)"),
    store: str = StoreOption,
):
    """Never link the category to that measure."""
    _decide(store, category, "reject", measure)


@review_app.command("relink")
def relink_category(
    category: str = typer.Argument(..., help="Award category (Measure id of an award notice)"),
    measure: str = typer.Argument(..., help="The policy measure it implements"),
    store: str = StoreOption,
):
    """Link the category to this measure instead of what the scores chose."""
    _decide(store, category, "relink", measure)


@review_app.command()
def recompute(store: str = StoreOption):
    """Recompute every link across notices (as loading does for the jurisdictions it touches)."""
    graph: Store = open_or_exit(store)
    try:
        report = relink(graph)
    finally:
        graph.close()
    console.print(
        f"{report.jurisdictions} jurisdictions: {report.linked} IMPLEMENTS links ({report.decided} by reviewers), "
        f"{report.pending} waiting for review, {report.reports_on} REPORTS_ON links"
    )
