"""What the routers share: the store the app was created with, and fetching one resource or a 404."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from api.problems import Problem
from cypher.named_queries import run_named
from cypher.store import Store
from ontology.settings import Settings


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    """The settings the app was created with (read once, when it started)."""
    return request.app.state.settings


def one(store: Store, query: str, resource_id: str, what: str) -> dict[str, Any]:
    """The single row a detail query gives for an id, or a 404 problem naming the resource."""
    found = run_named(store, query, {"id": resource_id}).records()
    if not found:
        raise Problem(404, "not-found", f"{what} not found", f"no {what.lower()} {resource_id!r} in the graph")
    return found[0]
