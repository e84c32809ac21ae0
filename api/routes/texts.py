"""Source texts: the original text a notice was read from (so a span can be shown), the Cypher of a named query.

For a PDF or DOCX the file is read again and its text extracted again (the same extraction gives the same
text), so the spans of the graph point into what this serves; the sha256 is of the file's bytes."""

from __future__ import annotations

from pathlib import Path as FilePath

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from api.deps import get_store, one
from api.problems import Problem
from cypher.named_queries import get_query
from cypher.store import Store
from loaders import read_document
from ontology.errors import DocumentError

router = APIRouter()


class SourceText(BaseModel):
    notice: str
    source_path: str
    source_sha256: str
    span_start: int | None = Field(description="Where this notice's own text starts (a file may hold several)")
    span_end: int | None
    text: str = Field(
        description="The original text of the whole file (markup stripped; for a PDF or DOCX, the text extracted "
        "from it, tables as `| a | b |` rows): every span points into it"
    )


@router.get(
    "/notices/{notice_id}/source",
    response_model=SourceText,
    summary="The original text a notice was read from",
    description="Read again from the file the notice was loaded from (for a PDF or DOCX: the text extracted from "
    "it, which is what spans point into), and refused when that file is gone or "
    "changed since loading (its sha256 differs), since the graph's spans would then point at other text.",
    tags=["notices"],
    responses={404: {"description": "No such notice, or its file is not available"}, 409: {"description": "Changed"}},
)
def notice_source(notice_id: str = Path(..., description="Notice id"), store: Store = Depends(get_store)):
    notice, text = _source_text(notice_id, store)
    return SourceText(
        notice=notice_id,
        source_path=notice["source_path"],
        source_sha256=notice["source_sha256"],
        span_start=notice["span_start"],
        span_end=notice["span_end"],
        text=text,
    )


@router.get(
    "/notices/{notice_id}/source/text",
    response_class=PlainTextResponse,
    summary="A span of the original text a notice was read from, as plain text",
    description="Characters [start, end) of the text `/notices/{id}/source` serves (both default to the whole "
    "text): what the RDF export's evidence selectors (oa:TextPositionSelector) point at, and what their "
    "rdfs:seeAlso links ask for. Offsets count characters (Unicode code points), as the graph's spans do.",
    tags=["notices"],
    responses={
        200: {"content": {"text/plain": {}}},
        404: {"description": "No such notice, or its file is not available"},
        409: {"description": "Changed"},
        416: {"description": "The span is not within the text"},
    },
)
def notice_source_span(
    notice_id: str = Path(..., description="Notice id"),
    start: int = Query(0, ge=0, description="First character"),
    end: int | None = Query(None, ge=0, description="One past the last character (default: the end)"),
    store: Store = Depends(get_store),
) -> PlainTextResponse:
    _, text = _source_text(notice_id, store)
    end = len(text) if end is None else end
    if not start <= end <= len(text):
        raise Problem(416, "bad-span", "Span not within the text", f"[{start}, {end}) is not within [0, {len(text)}]")
    return PlainTextResponse(text[start:end])


def _source_text(notice_id: str, store: Store) -> tuple[dict, str]:
    """The notice and its source's original text, read again and refused when the file is gone or changed."""
    notice = one(store, "notice", notice_id, "Notice")
    path = notice.get("source_path")
    if not path:
        raise Problem(404, "source-unavailable", "No source text", f"notice {notice_id!r} is only known as cited")
    # Problems name the file, never the folder it is in on this server.
    name = FilePath(path).name
    try:
        document = read_document(FilePath(path))
    except DocumentError as exc:
        detail = f"{name}: {exc.problem}" if FilePath(path).exists() else f"{name} is no longer on this server"
        raise Problem(404, "source-unavailable", "Source text not available", detail) from None
    if document.sha256 != notice["source_sha256"]:
        raise Problem(409, "source-changed", "Source file changed", f"{name} changed since it was loaded")
    return notice, document.original


@router.get(
    "/queries/{name}/cypher",
    response_class=PlainTextResponse,
    summary="The Cypher text of a named query, without its header",
    tags=["queries"],
    responses={200: {"content": {"text/plain": {}}}, 404: {"description": "No such named query"}},
)
def query_text(name: str = Path(..., examples=["locality_awards"]), store: Store = Depends(get_store)) -> str:
    """In the dialect of the store this server uses, so that it runs as given through POST /cypher."""
    return get_query(name).text_for(store.dialect) + "\n"
