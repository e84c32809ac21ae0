"""Reading an upload: caps checked before and while the body streams, names checked, files staged on disk.

The body is read here rather than by FastAPI's `File(...)`, which reads a whole multipart body before any
dependency runs: an unauthenticated 100 MB body was read in full before its 401. The route checks the key
first, then this module refuses by Content-Length, counts bytes as they arrive (chunked bodies have no
length), and refuses a bad part as soon as its headers are read.
"""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fastapi import Request
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from api.problems import Problem
from cypher.store import Store
from loaders import DOCUMENT_SUFFIXES
from ontology.settings import Settings

if TYPE_CHECKING:  # the package declares its callback types for type checkers only
    from python_multipart.multipart import MultipartCallbacks

MB = 1024 * 1024
MAX_NAME_BYTES = 255  # the longest file name Linux file systems allow
MAX_PART_HEADER_BYTES = 16 * 1024
FORM_FIELD = b"files"


def upload_dir(settings: Settings) -> Path:
    """Uploaded files are kept (not put in a temporary folder): every span in the graph points into its
    source file, and GET /notices/{id}/source reads it again."""
    return Path(settings.upload_dir)


def staging_dir(uploads: Path) -> Path:
    """Where a file waits from its upload until its job runs: inside the upload folder, so keeping it is a
    rename. The dot keeps it out of `ikg load` of that folder."""
    return uploads / ".incoming"


@dataclass(frozen=True)
class UploadLimits:
    max_files: int
    max_file_bytes: int
    max_request_bytes: int

    @classmethod
    def from_settings(cls, settings: Settings) -> UploadLimits:
        return cls(
            max_files=settings.upload_max_files,
            max_file_bytes=settings.upload_max_file_mb * MB,
            max_request_bytes=settings.upload_max_request_mb * MB,
        )

    def too_large(self, what: str) -> Problem:
        return Problem(
            413,
            "upload-too-large",
            "Upload too large",
            f"{what}; this server takes at most {self.max_files} files per request, {_mb(self.max_file_bytes)} "
            f"per file and {_mb(self.max_request_bytes)} per request",
        )


@dataclass(frozen=True)
class StagedFile:
    name: str  # as the client named it, checked by `check_name`
    path: Path  # where it waits, in staging_dir()
    size: int
    sha256: str


def check_name(raw: bytes | None) -> str:
    """The file name a part was sent with, or a 400 problem naming the file and what is wrong with it."""
    if raw is None:
        raise _bad_name("", "the part has no file name")
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad_name(raw.decode("latin-1"), "the name is not UTF-8") from None
    problem = name_problem(name)
    if problem:
        raise _bad_name(name, problem)
    return name


def name_problem(name: str) -> str | None:
    """Why a name cannot be a file in the upload folder as it is, or None. Names are refused, never
    rewritten: a rewritten name would surprise whoever looks for the file by its name."""
    if not name.strip():
        return "the name is empty"
    if "/" in name or "\\" in name:
        return "the name holds a path separator"
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):  # NUL, newlines, direction overrides
        return "the name holds a control character"
    if name.startswith("."):
        return "the name starts with a dot (., .. and hidden files are refused)"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"the name is longer than {MAX_NAME_BYTES} bytes"
    suffix = Path(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        accepted = ", ".join(sorted(s for s in DOCUMENT_SUFFIXES if s))
        return f"documents are {accepted} or no suffix, not {suffix}"
    return None


def shown(name: str, limit: int = 80) -> str:
    """A name safe to put in a message: invisible characters escaped, long names shortened."""
    text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in name[:limit])
    return text + ("…" if len(name) > limit else "")


def refuse_before_reading(request: Request, limits: UploadLimits) -> bytes:
    """The multipart boundary, after refusing what the headers alone show to be wrong."""
    media_type, params = parse_options_header(request.headers.get("content-type"))
    if media_type != b"multipart/form-data" or not params.get(b"boundary"):
        raise Problem(
            415, "unsupported-media-type", "Unsupported request body type", "send documents as multipart/form-data"
        )
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limits.max_request_bytes:
        raise limits.too_large(f"the request is {_mb(int(length))}")
    return params[b"boundary"]


async def receive_files(request: Request, boundary: bytes, limits: UploadLimits, staging: Path) -> list[StagedFile]:
    """Every file part, written to staging_dir() as it arrives. On any refusal (or a client that goes away)
    what was written is removed, so a refused request leaves nothing behind."""
    reader = _PartReader(limits, staging)
    parser = MultipartParser(boundary, reader.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limits.max_request_bytes:
                raise limits.too_large(f"the request is over {_mb(limits.max_request_bytes)}")
            parser.write(chunk)
        parser.finalize()
        return reader.finish()
    except MultipartParseError as exc:
        reader.discard()
        raise Problem(400, "bad-upload", "Unreadable upload", f"the multipart body could not be read ({exc})") from None
    except BaseException:
        reader.discard()
        raise


def discard(files: list[StagedFile]) -> None:
    for file in files:
        file.path.unlink(missing_ok=True)


def remove_unused_source(store: Store, path: str | None, uploads: Path) -> None:
    """Remove an uploaded source file once no notice points into it. Only files in the upload folder: a
    notice loaded with `ikg load` points at the user's own file."""
    if not path:
        return
    file = Path(path).resolve()
    if not file.is_relative_to(uploads.resolve()) or not file.is_file():
        return
    still_used = store.query("MATCH (n:Notice) WHERE n.source_path = $path RETURN count(n)", {"path": path})
    if still_used.rows[0][0]:
        return
    file.unlink(missing_ok=True)
    try:
        file.parent.rmdir()  # the folder of that content, when nothing else is in it
    except OSError:
        pass


class _PartReader:
    """python-multipart callbacks that write each file part to its own staging file."""

    def __init__(self, limits: UploadLimits, staging: Path):
        self.limits, self.staging = limits, staging
        self.files: list[StagedFile] = []
        self._headers: dict[bytes, bytes] = {}
        self._field = bytearray()
        self._value = bytearray()
        self._header_bytes = 0
        self._name = ""
        self._path: Path | None = None
        self._out: BinaryIO | None = None
        self._hash = hashlib.sha256()
        self._size = 0

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self._begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_part_end": self._end,
        }

    def _begin(self) -> None:
        self._headers, self._header_bytes = {}, 0

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]
        self._count_header(end - start)

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]
        self._count_header(end - start)

    def _count_header(self, n: int) -> None:
        self._header_bytes += n
        if self._header_bytes > MAX_PART_HEADER_BYTES:
            detail = f"a part's headers are over {MAX_PART_HEADER_BYTES} bytes"
            raise Problem(400, "bad-upload", "Unreadable upload", detail)

    def _header_end(self) -> None:
        self._headers[bytes(self._field).lower()] = bytes(self._value)
        self._field, self._value = bytearray(), bytearray()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition"))
        field = options.get(b"name")
        if field != FORM_FIELD:
            detail = f"unexpected form field '{shown((field or b'').decode('latin-1'))}': send each document as 'files'"
            raise Problem(400, "bad-upload", "Unexpected form field", detail)
        self._name = check_name(options.get(b"filename"))
        if len(self.files) >= self.limits.max_files:
            raise self.limits.too_large(f"the request has more than {self.limits.max_files} files")
        self.staging.mkdir(parents=True, exist_ok=True)
        self._path = self.staging / f"{uuid.uuid4().hex}.part"
        self._out = self._path.open("xb")
        self._hash, self._size = hashlib.sha256(), 0

    def _open(self) -> tuple[Path, BinaryIO]:
        """The file part being written: python-multipart reports data only after a part's headers."""
        if self._path is None or self._out is None:
            raise Problem(400, "bad-upload", "Malformed upload", "a part without headers")
        return self._path, self._out

    def _data(self, data: bytes, start: int, end: int) -> None:
        self._size += end - start
        if self._size > self.limits.max_file_bytes:
            raise self.limits.too_large(f"{shown(self._name)} is over {_mb(self.limits.max_file_bytes)}")
        chunk = data[start:end]
        self._open()[1].write(chunk)
        self._hash.update(chunk)

    def _end(self) -> None:
        path, out = self._open()
        out.close()
        self.files.append(StagedFile(self._name, path, self._size, self._hash.hexdigest()))
        self._out, self._path = None, None

    def finish(self) -> list[StagedFile]:
        if self._out is not None or not self.files:
            self.discard()
            raise Problem(400, "bad-upload", "No documents", "the request holds no complete part named 'files'")
        return self.files

    def discard(self) -> None:
        if self._out is not None and self._path is not None:
            self._out.close()
            self._path.unlink(missing_ok=True)
            self._out = None
        discard(self.files)
        self.files = []


def _bad_name(name: str, problem: str) -> Problem:
    return Problem(400, "bad-file-name", "File name refused", f"file '{shown(name)}': {problem}")


def _mb(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB else f"{n} bytes"
