"""The launcher's promise that no Neo4j JVM outlives the process that started it, however that process ends."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import PROJECT, launcher

CHILD = """
import sys
sys.path.insert(0, "tools/neo4j")
import launcher
server = launcher.start()
print(server.process.pid, server.home, flush=True)
sys.stdin.read()  # until the test kills this process
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent (the killed child, now gone) could reap it.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
@pytest.mark.skipif(launcher.java() is None and os.environ.get("IKG_REQUIRE_NEO4J") != "1", reason="no Java")
def test_the_server_stops_when_its_parent_is_killed():
    parent = subprocess.Popen(
        [sys.executable, "-c", CHILD], cwd=PROJECT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        jvm, home = parent.stdout.readline().split()
        assert _alive(int(jvm))
        parent.send_signal(signal.SIGKILL)  # no finally, no atexit: only the closed pipe tells the JVM
        parent.wait()
        deadline = time.monotonic() + 120  # a first start writes its class archive on the way out
        while _alive(int(jvm)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _alive(int(jvm)), f"Neo4j (pid {jvm}) outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
        parent.stdin.close()
        parent.stdout.close()
    shutil.rmtree(home, ignore_errors=True)  # the parent that would have removed it was killed
