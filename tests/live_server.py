"""A real `ikg serve` (uvicorn) in its own process on a free port, with documents loaded, for tests over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

PROJECT = Path(__file__).resolve().parents[1]


def wait_for_health(base: str, process: subprocess.Popen, timeout_s: float = 120) -> None:
    """Until the server at `base` answers /health; a failure if its process ends or the time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {process.communicate()[1]}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    pytest.fail(f"server did not answer /health within {timeout_s:.0f} s")


@contextmanager
def serve(documents: Path, tmp: Path, timeout_s: float = 120, env: dict[str, str] | None = None) -> Iterator[str]:
    """Yields the server's base URL once /health answers; stops the server afterwards. `env` adds to the
    server's environment (limits, keys)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = f"ladybug://{tmp / 'graph'}"
    command = [sys.executable, "-m", "api", "serve", "--load", str(documents), "--port", str(port), "--store", store]
    process = subprocess.Popen(
        command,
        cwd=PROJECT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, process, timeout_s)
        yield base
    finally:
        # A graceful stop closes the store, which writes its checkpoint: on a busy 2-core machine that took
        # more than 10 s for the 0.1 corpus. A server that never stops is killed rather than left behind.
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
