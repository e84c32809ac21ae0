"""Dependencies shared by the routers: the store the app was created with."""

from __future__ import annotations

from fastapi import Request

from cypher.store import Store


def get_store(request: Request) -> Store:
    return request.app.state.store
