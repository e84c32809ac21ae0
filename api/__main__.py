"""`python -m api` runs the `ikg` command line."""

from api.cli import app

app()
