"""Paged lists: every list endpoint answers {total, offset, limit, items} from a page query and a count query."""

from __future__ import annotations

from typing import Any

from fastapi import Query
from pydantic import BaseModel

from cypher.named_queries import run_named
from cypher.store import Store

MAX_LIMIT = 500


class Page(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[dict[str, Any]]


class PageParams:
    def __init__(
        self,
        offset: int = Query(0, ge=0, description="Items to skip"),
        limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"Items to return (at most {MAX_LIMIT})"),
    ):
        self.offset, self.limit = offset, limit


def paged(store: Store, name: str, filters: dict[str, Any], page: PageParams) -> Page:
    """Run `name_count` for the total and the named query `name` for one page, with the same filters.
    A page past the end is empty without asking the store (an engine may fail on a SKIP past its rows)."""
    total = run_named(store, f"{name}_count", filters).rows[0][0]
    items = []
    if page.offset < total:
        items = run_named(store, name, {**filters, "offset": page.offset, "limit": page.limit}).records()
    return Page(total=total, offset=page.offset, limit=page.limit, items=items)
