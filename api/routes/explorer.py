"""The graph explorer: a page at / (plain HTML, CSS and JavaScript in api/explorer/) that uses the API.

Its one library, Cytoscape.js, is copied into api/explorer/vendor/ at build time (`make vendor`: npm ci in
tools/explorer-vendor). Without it the server still starts, says so once, and the graph view says how to add it."""

from __future__ import annotations

import logging
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
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}
VENDOR = ASSETS / "vendor"
LIBRARY = VENDOR / "cytoscape.esm.min.js"
MISSING_LIBRARY = (
    f"{LIBRARY.relative_to(ASSETS.parents[1])} is missing, so the explorer's graph view cannot draw: "
    "run `make vendor` (npm ci in tools/explorer-vendor); every other view works"
)
if not LIBRARY.is_file():
    logging.getLogger(__name__).warning(MISSING_LIBRARY)


def _asset(relative: str) -> FileResponse:
    # Only files that exist under ASSETS with a known type: no path leaves the directory.
    path = (ASSETS / relative).resolve()
    if not path.is_file() or ASSETS not in path.parents or path.suffix not in MEDIA_TYPES:
        detail = MISSING_LIBRARY if path == LIBRARY else f"no explorer file {relative!r}"
        raise Problem(404, "not-found", "Not found", detail)
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers={"Cache-Control": "no-cache"})


@router.get("/")
def home() -> FileResponse:
    return _asset("index.html")


@router.get("/explorer/{name:path}")
def asset(name: str = Path(...)) -> FileResponse:
    return _asset(name)
