"""The API key that every write needs (uploads, deletes, their jobs)."""

from __future__ import annotations

import hmac

from fastapi import Header, Request

from api.deps import get_settings
from api.problems import Problem


def require_api_key(
    request: Request, x_api_key: str | None = Header(None, description="The key set as IKG_API_KEY")
) -> None:
    """Writes are off unless IKG_API_KEY is set, and then need that key. Routes that take a body check it
    before reading any of it (see api/uploads.py)."""
    expected = get_settings(request).api_key
    if not expected:
        raise Problem(403, "writes-disabled", "Writes are disabled", "set IKG_API_KEY on the server to enable them")
    if not x_api_key or not hmac.compare_digest(x_api_key.encode(), expected.encode()):
        raise Problem(401, "unauthorized", "API key required", "send the key in the X-API-Key header")
