"""Loading documents through the running server (the embedded store allows one read-write process), as jobs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.auth import require_api_key
from api.deps import get_settings, get_store
from api.jobs import JobQueue, QueueFull
from api.problems import Problem, problem_response
from api.uploads import UploadLimits, discard, receive_files, refuse_before_reading, staging_dir, upload_dir

RETRY_AFTER_S = 10


@asynccontextmanager
async def _stop_jobs(app: FastAPI) -> AsyncIterator[None]:
    yield
    jobs = getattr(app.state, "jobs", None)
    if jobs is not None:
        await asyncio.to_thread(jobs.close)


router = APIRouter(tags=["documents"], lifespan=_stop_jobs)


def job_queue(request: Request) -> JobQueue:
    """One queue per app, started by the first upload (its worker process only when a job needs it)."""
    state = request.app.state
    if getattr(state, "jobs", None) is None:
        state.jobs = JobQueue.from_settings(get_store(request), get_settings(request))
    return state.jobs


class FileResult(BaseModel):
    file: str = Field(description="The name the file was uploaded with")
    state: str = Field(description="queued, parsing, writing, done or failed")
    documents: list[dict[str, Any]] | None = Field(
        None, description="Per document: notice, kind, title, measures, awards, warnings, warnings_total"
    )
    error: str | None = Field(None, description="Why this file was not loaded (it changed nothing)")


class JobStatus(BaseModel):
    id: str
    state: str = Field(description="queued, running, done (every file loaded) or failed (some file was not)")
    progress: dict[str, int] = Field(description="Files done of total")
    loaded: int
    failed: int
    created: str
    started: str | None
    finished: str | None
    files: list[FileResult]


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Documents (.txt, .text, .md, .html, .htm or no suffix; UTF-8, UTF-16 "
                            "or GB18030; or .pdf, .docx, whose extracted text is what spans point into)",
                        }
                    },
                }
            }
        },
    }
}


@router.post(
    "/documents",
    status_code=202,
    summary="Upload documents and load them as a job",
    description="The files are kept, then parsed and loaded in the background, each in its own transaction; a bad "
    "file is reported in the job and changes nothing. Answers 202 with the job and `Location: /jobs/{id}`; with "
    "`wait=true`, answers 200 with the finished job. Requires the X-API-Key header matching IKG_API_KEY, checked "
    "before the body is read. Limits: IKG_UPLOAD_MAX_FILES files, IKG_UPLOAD_MAX_FILE_MB per file, "
    "IKG_UPLOAD_MAX_REQUEST_MB per request (413); IKG_UPLOAD_QUEUE jobs waiting (503 with Retry-After).",
    openapi_extra=_UPLOAD_BODY,
    responses={
        200: {"model": JobStatus, "description": "With wait=true: the finished job"},
        202: {"model": JobStatus, "description": "The job, queued"},
        400: {"description": "A refused file name, or a body that is not the expected form"},
        401: {"description": "Missing or wrong key"},
        403: {"description": "Writes disabled"},
        413: {"description": "Too many files, a file too large, or the request too large"},
        415: {"description": "Not multipart/form-data"},
        503: {"description": "Too many jobs waiting; retry after the Retry-After seconds"},
    },
)
async def upload_documents(
    request: Request,
    wait: bool = Query(False, description="Answer when the job is over (for scripts) instead of at once"),
    x_api_key: str | None = Header(None, description="The key set as IKG_API_KEY"),
) -> JSONResponse:
    try:
        # The key is checked here, not as a dependency, so that a refusal can close the connection too.
        require_api_key(request, x_api_key)
        settings = get_settings(request)
        limits = UploadLimits.from_settings(settings)
        boundary = refuse_before_reading(request, limits)
        jobs = job_queue(request)
        if not jobs.has_room():
            raise _busy()
        uploads = await receive_files(request, boundary, limits, staging_dir(upload_dir(settings)))
    except Problem as problem:
        return _refused(problem, request)
    try:
        job = jobs.submit(uploads)
    except QueueFull:  # filled while this body was arriving
        discard(uploads)
        return _refused(_busy(), request)
    if wait:
        loop = asyncio.get_running_loop()
        over = loop.create_future()
        jobs.when_over(job, lambda: loop.call_soon_threadsafe(_settle, over))
        await over  # a client that goes away stops waiting; the job goes on
        return JSONResponse(job.as_json())
    return JSONResponse(job.as_json(), status_code=202, headers={"Location": f"/jobs/{job.id}"})


@router.get(
    "/jobs/{job_id}",
    response_model=JobStatus,
    summary="An upload job: its state, progress and the result per file",
    description="Jobs are kept in memory (the newest IKG_JOBS_KEPT); a restart forgets them. Requires the key.",
    dependencies=[Depends(require_api_key)],
    responses={401: {"description": "Missing or wrong key"}, 404: {"description": "No such job (or forgotten)"}},
)
def job_status(request: Request, job_id: str = Path(..., description="The id POST /documents gave")) -> JSONResponse:
    jobs = getattr(request.app.state, "jobs", None)
    job = jobs.get(job_id) if jobs is not None else None
    if job is None:
        raise Problem(404, "not-found", "Job not found", f"no job {job_id!r} (finished jobs are kept for a while)")
    return JSONResponse(job.as_json())


def _settle(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


def _busy() -> Problem:
    return Problem(503, "upload-queue-full", "Too many uploads waiting", "the server is loading other uploads")


def _refused(problem: Problem, request: Request) -> JSONResponse:
    """A refused upload closes the connection: otherwise the server would go on receiving (and dropping) the
    rest of a body it has refused, however large, to keep the connection open."""
    response = problem_response(problem, request)
    response.headers["Connection"] = "close"
    if problem.status == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response
