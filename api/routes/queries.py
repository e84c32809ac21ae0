"""Graph questions: the winners of every listed topic, and the named query library."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from pydantic import BaseModel

from api.deps import get_store
from api.problems import Problem
from api.routes.localities import Level
from cypher.named_queries import get_query, library, run_named
from cypher.store import Store
from loaders import load_scheme

router = APIRouter(tags=["queries"])

WINNERS_PAGE = 50  # localities per page unless `limit` says otherwise
WINNERS_MAX_PAGE = 500
EVIDENCE_SHOWN = 3  # pieces of evidence per locality unless `evidence` says otherwise
EVIDENCE_MAX = 1000

WINNERS_EXAMPLE: dict[str, Any] = {
    "topics": ["ecology", "investment"],
    "count": 1,
    "total": 1,
    "offset": 0,
    "limit": WINNERS_PAGE,
    "localities": [
        {
            "id": "500112",
            "name": "渝北区",
            "level": "county",
            "parent_id": "500000",
            "awards": 3,
            "evidence_total": 3,
            "evidence_url": "/queries/winners_evidence?ids=500112&topics=ecology%2Cinvestment"
            "&year_from=2020&year_to=2020",
            "evidence": [
                {
                    "topic": "ecology",
                    "award": "n63fc28038946-m2-a…",
                    "year": 2020,
                    "amount_yuan": None,
                    "measure": "n63fc28038946-m2",
                    "measure_ordinal": "2",
                    "measure_text": "在全面落实…",
                    "notice": "n63fc28038946",
                    "notice_title": None,
                    "notice_kind": "news_report",
                }
            ],
        }
    ],
}


class WinnersAnswer(BaseModel):
    topics: list[str]
    count: int  # the same as total (before paging, `count` was the number of localities returned: all of them)
    total: int
    offset: int
    limit: int
    localities: list[dict[str, Any]]

    model_config = {"json_schema_extra": {"examples": [WINNERS_EXAMPLE]}}


QUERY_PAGE = 100  # rows per page of /queries/{name} unless `limit` says otherwise
QUERY_MAX_PAGE = 1000


class QueryAnswer(BaseModel):
    name: str
    columns: list[str]
    rows: list[dict[str, Any]]
    count: int  # rows in this page
    total: int | None  # rows of the whole answer; None when a query that pages itself has no count query
    offset: int
    limit: int
    next_offset: int | None  # the next page's offset; None on the last page
    next: str | None  # GET: the next page's URL


def page_answer(name: str, given: dict[str, Any], store: Store, next_url) -> QueryAnswer:
    """A named query's answer one page at a time. The route pages the rows (`offset`, `limit`: default
    QUERY_PAGE, at most QUERY_MAX_PAGE) unless the query takes a `limit` of its own (the ranked lists, the
    neighbourhoods, the searches: they page themselves; a `{name}_count` query, where there is one, gives their
    total). `next_url(offset)` makes the link to another page (None for POST)."""
    query = get_query(name)
    own = {p.name for p in query.params}
    given = dict(given)
    if "limit" in own:
        result = run_named(store, name, given)
        bound = query.bind(given)
        offset, limit = int(bound.get("offset") or 0), int(bound["limit"])
        counted = f"{name}_count" in library()
        total = run_named(store, f"{name}_count", _count_params(name, given)).rows[0][0] if counted else None
        records = result.records()
        more = "offset" in own and total is not None and offset + limit < total
    else:
        offset, limit = _page_param(given, "offset", 0, None), _page_param(given, "limit", QUERY_PAGE, QUERY_MAX_PAGE)
        result = run_named(store, name, given)
        everything = result.records()
        total, records = len(everything), everything[offset : offset + limit]
        more = offset + limit < total
    next_offset = offset + limit if more else None
    return QueryAnswer(
        name=name,
        columns=result.columns,
        rows=records,
        count=len(records),
        total=total,
        offset=offset,
        limit=limit,
        next_offset=next_offset,
        next=next_url(next_offset) if next_offset is not None else None,
    )


def _page_param(given: dict[str, Any], key: str, default: int, most: int | None) -> int:
    raw = given.pop(key, None)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise Problem(400, "invalid-request", "Invalid request", f"{key} must be a whole number, got {raw!r}") from None
    if value < (1 if key == "limit" else 0) or (most is not None and value > most):
        bounds = f"between 1 and {most}" if most else "0 or more"
        raise Problem(400, "invalid-request", "Invalid request", f"{key} must be {bounds}, got {value}")
    return value


def _count_params(name: str, given: dict[str, Any]) -> dict[str, Any]:
    """The filters of a paged query that its count query takes too."""
    counted = {p.name for p in get_query(f"{name}_count").params}
    return {k: v for k, v in given.items() if k in counted}


@router.get(
    "/queries/winners",
    response_model=WinnersAnswer,
    summary="Localities that won under measures about every listed topic",
)
def winners(
    all_topics: str = Query(
        ...,
        description="Comma-separated topic ids, e.g. ecology,investment",
        examples=["ecology,investment"],
    ),
    year: int | None = Query(None, description="Award year (the year whose work was judged)", examples=[2020]),
    year_from: int | None = Query(None, description="First award year, inclusive"),
    year_to: int | None = Query(None, description="Last award year, inclusive"),
    jurisdiction: str | None = Query(None, description="Locality id; only places inside it", examples=["500000"]),
    level: Level | None = Query(None, description="Only localities of this level"),
    offset: int = Query(0, ge=0, description="Localities to skip (they come ordered by id)"),
    limit: int = Query(WINNERS_PAGE, ge=1, le=WINNERS_MAX_PAGE, description="Localities to return"),
    evidence: int = Query(
        EVIDENCE_SHOWN,
        ge=0,
        le=EVIDENCE_MAX,
        description="Pieces of evidence shown per locality (each topic's earliest first); `evidence_url` lists all",
    ),
    store: Store = Depends(get_store),
) -> WinnersAnswer:
    topic_ids = list(dict.fromkeys(t.strip() for t in all_topics.split(",") if t.strip()))
    unknown = [t for t in topic_ids if t not in load_scheme()]
    if not topic_ids or unknown:
        raise Problem(
            400,
            "unknown-topic",
            "Unknown topic",
            f"unknown topic id(s): {', '.join(unknown) or '(none given)'}; see GET /topics",
        )
    years = {
        "year_from": year if year is not None else year_from,
        "year_to": year if year is not None else year_to,
    }
    # The localities alone (a few thousand short rows at national scale), then the evidence of one page only:
    # the whole answer with every piece of evidence was 12 MB at national scale.
    found = run_named(
        store, "winners_all_topics_list", {"topics": topic_ids, **years, "jurisdiction": jurisdiction, "level": level}
    ).records()
    page = found[offset : offset + limit]
    pieces: dict[str, list[dict[str, Any]]] = {loc["id"]: [] for loc in page}
    if page:
        params = {"ids": list(pieces), "topics": topic_ids, **years}
        for row in run_named(store, "winners_evidence", params).records():
            pieces[row.pop("locality")].append(row)
    for loc in page:
        shown = one_per_topic_first(pieces[loc["id"]])
        query = {"ids": loc["id"], "topics": ",".join(topic_ids), **{k: v for k, v in years.items() if v is not None}}
        loc.update(
            evidence_total=len(shown),
            evidence_url=f"/queries/winners_evidence?{urlencode(query)}",
            evidence=shown[:evidence],
        )
    return WinnersAnswer(
        topics=topic_ids, count=len(found), total=len(found), offset=offset, limit=limit, localities=page
    )


def one_per_topic_first(pieces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The evidence reordered so that its first pieces are each topic's earliest: a short summary then shows
    a piece for every topic the locality won under (otherwise stable: year, topic, award)."""
    seen: Counter[str] = Counter()
    ranked: list[tuple[int, int, dict[str, Any]]] = []
    for piece in pieces:
        ranked.append((seen[piece["topic"]], len(ranked), piece))
        seen[piece["topic"]] += 1
    return [piece for _, _, piece in sorted(ranked, key=lambda r: r[:2])]


@router.get("/queries", summary="The named query library")
def queries() -> list[dict[str, Any]]:
    return [
        {
            "name": q.name,
            "description": q.description,
            "example": q.example,
            "parameters": [
                {
                    "name": p.name,
                    "type": p.type,
                    "required": p.required,
                    "default": p.default,
                    "description": p.description,
                }
                for p in q.params
            ],
        }
        for q in library().values()
    ]


@router.get("/queries/{name}", response_model=QueryAnswer, summary="Run a named query; parameters as query string")
def named_query(
    request: Request,
    name: str = Path(..., examples=["locality_awards"]),
    store: Store = Depends(get_store),
) -> QueryAnswer:
    get_query(name)  # 404 before binding parameters
    given = dict(request.query_params)
    return page_answer(name, given, store, lambda at: f"{request.url.path}?{urlencode({**given, 'offset': at})}")


@router.post("/queries/{name}", response_model=QueryAnswer, summary="Run a named query; parameters as a JSON object")
def named_query_post(
    params: dict[str, Any] = Body(default_factory=dict, examples=[{"id": "500112"}]),
    name: str = Path(..., examples=["locality_awards"]),
    store: Store = Depends(get_store),
) -> QueryAnswer:
    get_query(name)
    return page_answer(name, params, store, lambda offset: None)
