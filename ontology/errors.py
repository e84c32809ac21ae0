"""The project's errors, one hierarchy for every layer: a document that cannot be loaded, a store that refuses,
a query over its limits. The API maps each class to a problem type in one table (api/problems.py); the CLI
prints the message, which names the file or the query and the problem in one line."""

from __future__ import annotations

from pathlib import Path


class IkgError(Exception):
    """Base of every error the project raises on purpose."""


class SettingError(IkgError):
    """An IKG_* setting with a value that cannot be used."""


# -- documents ----------------------------------------------------------------------------------------------


class DocumentError(IkgError):
    """A file that cannot be read or parsed as a document of this genre; the message names the file."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class Unreadable(DocumentError):
    """Not a readable document: missing, a directory, empty, binary, an unreadable PDF or DOCX."""


class TooLarge(DocumentError):
    """Over a stated bound (size, line length, markup depth, measures or awards per document)."""


class NotOfGenre(DocumentError):
    """Readable, but nothing of the genre in it (no measures, no awards, none of its words)."""


class ParseFailed(DocumentError):
    """The reader, parser or resolver failed on this file (a bug): the file's error, not the run's."""


# -- stores and queries -------------------------------------------------------------------------------------


class StoreError(IkgError):
    """Base of the store's errors."""


class StoreLocked(StoreError):
    """Another process holds the database for writing."""


class QueryError(StoreError):
    """A query the engine rejected (syntax, unknown label, type mismatch, …)."""


class QueryTimeout(StoreError):
    """A query stopped by the time limit."""


class UnknownQuery(StoreError):
    """A named query that does not exist."""


class RowLimitExceeded(StoreError):
    """An ad-hoc query that would return more rows than allowed: refused, never truncated."""


class WriteRefused(StoreError):
    """A write attempted through a read-only path; the engine refused it."""


class QueryRefused(StoreError):
    """An ad-hoc statement that is not a single read query, refused before it reached the engine."""


class QueryMemoryExceeded(StoreError):
    """A query stopped because it needed more memory than allowed."""


class Overloaded(StoreError):
    """Every query slot is busy and the queue is full: try again shortly."""

    retry_after_s = 1
