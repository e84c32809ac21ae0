"""The `ikg` command line: `commands.py` holds the Typer app and the load, parse, stats, query and serve
commands; the others one command (or one concern) each. It uses the packages the way the API does."""

from api.cli.commands import app

__all__ = ["app"]
