"""Loading documents through the running server (the embedded store allows one read-write process)."""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Header, UploadFile

from api.deps import get_store
from api.problems import Problem
from cypher.store import Store
from loaders.pipeline import load_file

router = APIRouter(tags=["documents"])
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def upload_dir() -> Path:
    """Uploaded files are kept (not put in a temporary folder): every span in the graph points into its
    source file, and GET /notices/{id}/source reads it again."""
    return Path(os.environ.get("IKG_UPLOAD_DIR", "data/uploads"))


def require_api_key(x_api_key: str | None = Header(None, description="The key set as IKG_API_KEY")) -> None:
    """Writes are off unless IKG_API_KEY is set, and then need that key."""
    expected = os.environ.get("IKG_API_KEY")
    if not expected:
        raise Problem(403, "writes-disabled", "Writes are disabled", "set IKG_API_KEY on the server to enable them")
    if not x_api_key or not hmac.compare_digest(x_api_key.encode(), expected.encode()):
        raise Problem(401, "unauthorized", "API key required", "send the key in the X-API-Key header")


@router.post(
    "/documents",
    summary="Upload and load documents",
    description="Each file is read, parsed and loaded in its own transaction; a bad file is reported and changes "
    "nothing. Requires the X-API-Key header matching IKG_API_KEY.",
    dependencies=[Depends(require_api_key)],
    responses={401: {"description": "Missing or wrong key"}, 403: {"description": "Writes disabled"}},
)
async def upload_documents(
    files: list[UploadFile] = File(..., description="Documents (.txt, .html; UTF-8, UTF-16 or GB18030)"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    results = []
    for upload in files:
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        name = Path(upload.filename or "document.txt").name
        if len(data) > MAX_UPLOAD_BYTES:
            results.append({"file": name, "error": f"{name}: larger than {MAX_UPLOAD_BYTES} bytes"})
            continue
        # One folder per content, so two uploads of the same name never overwrite each other's source.
        folder = upload_dir() / hashlib.sha256(data).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        result = load_file(path, store)
        if result.error:
            path.unlink(missing_ok=True)  # nothing of it reached the graph, so nothing points into it
        results.append(_summary(name, result, str(folder)))
    loaded = sum(1 for r in results if "error" not in r)
    return {"loaded": loaded, "failed": len(results) - loaded, "files": results}


def _summary(name: str, result, folder: str) -> dict[str, Any]:
    if result.error:
        return {"file": name, "error": result.error.replace(folder + os.sep, "")}
    return {
        "file": name,
        "documents": [
            {
                "notice": d.notice.id,
                "kind": d.notice.kind,
                "title": d.notice.title,
                "measures": len(d.measures),
                "awards": len(d.awards),
                "warnings": [w.__dict__ for w in d.warnings],
            }
            for d in result.documents
        ],
    }
