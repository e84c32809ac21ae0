"""Typed errors of the loaders: each names the file and the problem in one line."""

from __future__ import annotations

from pathlib import Path


class LoaderError(Exception):
    """Base of every error the loaders raise on purpose."""


class DocumentError(LoaderError):
    """A file that cannot be read or parsed as a document of this genre."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
