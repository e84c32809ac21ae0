"""Helpers for the SPARQL tests: a local listener that records connections, and the processes of a server."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path


class Listener:
    """A TCP listener on a free local port that records every connection made to it."""

    def __init__(self):
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(1)
                try:
                    self.connections.append(connection.recv(4096))
                except OSError:
                    self.connections.append(b"")

    def close(self) -> None:
        self._socket.close()


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def server_pid(port: int) -> int:
    """The process of the `ikg serve` listening on `port`."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        words = _cmdline(pid).split()
        if "serve" in words and "--port" in words and words[words.index("--port") + 1] == str(port):
            return int(pid)
    raise LookupError(f"no ikg serve on port {port}")


def worker_pids(parent: int) -> set[int]:
    """The SPARQL worker processes of a server that are alive (not zombies)."""
    found = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == parent and state != "Z" and "ontology.sparql_worker" in _cmdline(pid):
            found.add(int(pid))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
