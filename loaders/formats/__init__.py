"""Text of PDF and DOCX files, extracted in a worker process bounded in time and memory (loaders/formats/worker.py).

A PDF parser can be made to loop, recurse or allocate without end by a crafted file (object streams, page
trees, zip bombs inside a DOCX), and no per-call limit inside pdfminer or lxml covers all of it. A child
process that the parent kills at the time limit, under an address-space limit of its own, bounds every case
with one mechanism; whatever goes wrong in it is the file's DocumentError, never the run's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from loaders.limits import limit
from ontology.errors import ParseFailed, TooLarge, Unreadable

# Suffix → format. A file is read by its suffix; its content must then be of that format (a text file named
# x.pdf is refused as "not a PDF", not guessed at).
FORMATS = {".pdf": "pdf", ".docx": "docx"}


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def extract_text(path: Path, data: bytes, kind: str) -> str:
    """The text of `data` (the bytes of `path`, a `kind` file), tables as `| a | b |` rows; DocumentError
    naming the file when it cannot be read within the limits."""
    seconds = limit("IKG_MAX_EXTRACT_SECONDS")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "loaders.formats.worker", kind],
            input=data,
            capture_output=True,
            timeout=seconds,
            env=_child_env(),
        )
    except subprocess.TimeoutExpired:
        raise TooLarge(
            path, f"could not be read as {kind.upper()} within {seconds} s (IKG_MAX_EXTRACT_SECONDS)"
        ) from None
    except OSError as exc:
        raise ParseFailed(path, f"could not start the {kind.upper()} reader ({exc})") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise Unreadable(path, _died(kind, done))
    if "problem" in answer:
        raise Unreadable(path, answer["problem"])
    return answer["text"]


def _died(kind: str, done: subprocess.CompletedProcess) -> str:
    """The worker ended without an answer: out of memory (MemoryError, or killed) or a crash in a C library."""
    last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1][:200]
    if "MemoryError" in last or done.returncode in (-9, 137):
        most = limit("IKG_MAX_EXTRACT_MB")
        return f"needs more than the {most} MB its {kind.upper()} reader may use (IKG_MAX_EXTRACT_MB)"
    return f"could not be read as {kind.upper()} (the reader stopped with code {done.returncode}: {last})"


def _child_env() -> dict[str, str]:
    """The parent's environment (limits set there hold in the child) with this project importable."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env
