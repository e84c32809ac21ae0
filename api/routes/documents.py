"""Loading documents through the running server (the embedded store allows one read-write process)."""

from __future__ import annotations

import hmac
import os
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Header, UploadFile

from api.deps import get_store
from api.problems import Problem
from cypher.store import Store
from loaders.pipeline import load_file

router = APIRouter(tags=["documents"])
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


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
    with tempfile.TemporaryDirectory(prefix="ikg-upload-") as tmp:
        for upload in files:
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
            name = Path(upload.filename or "document.txt").name
            if len(data) > MAX_UPLOAD_BYTES:
                results.append({"file": name, "error": f"{name}: larger than {MAX_UPLOAD_BYTES} bytes"})
                continue
            path = Path(tmp) / name
            path.write_bytes(data)
            result = load_file(path, store)
            results.append(_summary(name, result, tmp))
    loaded = sum(1 for r in results if "error" not in r)
    return {"loaded": loaded, "failed": len(results) - loaded, "files": results}


def _summary(name: str, result, tmp: str) -> dict[str, Any]:
    if result.error:
        return {"file": name, "error": result.error.replace(tmp + os.sep, "")}
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
