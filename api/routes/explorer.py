"""The graph explorer: a page at / (plain HTML, CSS and JavaScript in api/explorer/) that uses the API."""

from __future__ import annotations

from pathlib import Path as FilePath

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse

from api.problems import Problem

router = APIRouter(include_in_schema=False)
ASSETS = FilePath(__file__).resolve().parents[1] / "explorer"
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


def _asset(relative: str) -> FileResponse:
    # Only files that exist under ASSETS with a known type: no path leaves the directory.
    path = (ASSETS / relative).resolve()
    if not path.is_file() or ASSETS not in path.parents or path.suffix not in MEDIA_TYPES:
        raise Problem(404, "not-found", "Not found", f"no explorer file {relative!r}")
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers={"Cache-Control": "no-cache"})


@router.get("/")
def home() -> FileResponse:
    return _asset("index.html")


@router.get("/explorer/{name:path}")
def asset(name: str = Path(...)) -> FileResponse:
    return _asset(name)
