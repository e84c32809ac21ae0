"""Shared by the `ikg` command modules: opening a store or exiting with its error, and stderr output."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from cypher.store import Store, open_store
from ontology.errors import SettingError, StoreError

err = Console(stderr=True, soft_wrap=True)  # an error stays on one line, whatever the terminal width


def open_or_exit(url: str | None, read_only: bool = False) -> Store:
    """The store, or its error on one line and exit status 2."""
    try:
        return open_store(url, read_only=read_only)
    except (StoreError, SettingError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def progress_bar(hidden: bool = False) -> Progress:
    """A bar with a count, on stderr, gone when done; hidden off a terminal (logs, pipes) or when asked."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=hidden or not err.is_terminal,
    )
