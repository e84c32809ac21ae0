"""A throw-away Neo4j 5 community server for the tests, the benchmarks and a developer (`make neo4j`).

The server is `org.neo4j:neo4j` from Maven Central, started by Launcher.java beside this file: Bolt and HTTP
(with Neo4j Browser) on free ports of 127.0.0.1, auth on with a random password, data in a new temporary
folder that is deleted when it stops. The jars are resolved once into ~/.m2; the Launcher is compiled again only
when pom.xml or Launcher.java change.

    python tools/neo4j/launcher.py                 # start, print the URLs, stop on Ctrl-C
    python tools/neo4j/launcher.py -- CMD ARGS…    # run CMD with NEO4J_URI set, then stop
    python tools/neo4j/launcher.py --build         # only resolve and compile

From Python: `with running() as server: server.url` (bolt://neo4j:PASSWORD@127.0.0.1:PORT).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSPATH_FILE = HERE / "target" / "classpath.txt"
LAUNCHER_JAR = HERE / "target" / "neo4j-launcher-1.jar"
# The classes the server loaded at its first start, as a class-data sharing archive (JDK 13+): later starts
# map them instead of loading and verifying ~15,000 classes, which halves the start's CPU time.
CDS_ARCHIVE = HERE / "target" / "neo4j.jsa"
SOURCES = (HERE / "pom.xml", HERE / "src" / "main" / "java" / "Launcher.java")
USER = "neo4j"  # the built-in user; the community edition has no roles to give another one
HEAP = os.environ.get("IKG_NEO4J_HEAP", "512m")
PAGECACHE = os.environ.get("IKG_NEO4J_PAGECACHE", "256m")


class LauncherError(RuntimeError):
    """The server could not be built or started; the message says why and where its log is."""


def java() -> str | None:
    """The java command (JAVA_HOME first), or None when there is none: then there is no server to start."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def build() -> str:
    """The server's classpath, resolving and compiling with Maven when the launcher is new or changed."""
    stale = not (CLASSPATH_FILE.exists() and LAUNCHER_JAR.exists()) or any(
        source.stat().st_mtime > CLASSPATH_FILE.stat().st_mtime for source in SOURCES
    )
    jars = [] if stale else CLASSPATH_FILE.read_text().strip().split(os.pathsep)
    if stale or not all(Path(jar).exists() for jar in jars):  # ~/.m2 may have been emptied since
        mvn = shutil.which("mvn")
        if not mvn:
            raise LauncherError("Maven (mvn) is needed once to resolve Neo4j from Maven Central")
        done = subprocess.run([mvn, "-q", "-B", "package"], cwd=HERE, capture_output=True, text=True)
        if done.returncode != 0:
            raise LauncherError(f"mvn package failed in {HERE}:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
        CLASSPATH_FILE.touch()  # newer than the sources even when Maven had nothing to do
        CDS_ARCHIVE.unlink(missing_ok=True)  # made for the old classpath
    return os.pathsep.join([str(LAUNCHER_JAR), CLASSPATH_FILE.read_text().strip()])


@dataclass
class Neo4jServer:
    bolt: str  # bolt://127.0.0.1:PORT
    http: str  # http://127.0.0.1:PORT (Neo4j Browser at /browser/)
    import_dir: Path  # LOAD CSV reads file:/// from here
    password: str
    home: Path
    process: subprocess.Popen
    user: str = USER
    archive: Path | None = None  # the class-data archive this JVM writes when it exits, to be moved in place

    @property
    def url(self) -> str:
        """The store URL the project takes (cypher/neo4j_store.py), credentials included."""
        return self.bolt.replace("bolt://", f"bolt://{self.user}:{self.password}@", 1)

    def stop(self, timeout_s: float = 60) -> None:
        """Closing the launcher's standard input stops it (a clean shutdown: checkpoint, then exit)."""
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout_s)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        if self.archive and self.archive.exists():
            if self.process.returncode == 0:
                self.archive.replace(CDS_ARCHIVE)  # whole: a JVM starting meanwhile never maps half a file
            else:
                self.archive.unlink()
        shutil.rmtree(self.home, ignore_errors=True)


def launch() -> tuple[subprocess.Popen, Path, str, Path | None]:
    """Starts the server and returns at once (the JVM takes ~10-25 s to answer: see wait_ready)."""
    command = java()
    if not command:
        raise LauncherError("no java on PATH (or JAVA_HOME): Neo4j 5 needs Java 17 or 21")
    classpath = build()
    home = Path(tempfile.mkdtemp(prefix="ikg-neo4j-"))
    password = secrets.token_urlsafe(18)
    _remove_orphan_archives()
    archive = None if CDS_ARCHIVE.exists() else CDS_ARCHIVE.with_suffix(f".{os.getpid()}.tmp")
    sharing = f"-XX:ArchiveClassesAtExit={archive}" if archive else f"-XX:SharedArchiveFile={CDS_ARCHIVE}"
    jvm = [command, f"-Xmx{HEAP}", f"-Xms{HEAP}", f"-Dneo4j.pagecache={PAGECACHE}", sharing, "-Xlog:cds=off"]
    with open(home / "launcher.log", "wb") as log:
        process = subprocess.Popen(
            [*jvm, "-cp", classpath, "Launcher", str(home), str(home / "ready.json"), "--stop-on-eof"],
            stdin=subprocess.PIPE,  # held open by this process: when it ends, however it ends, the JVM stops
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NEO4J_PASSWORD": password},
            start_new_session=True,  # a Ctrl-C reaches this process, which then stops the server in order
        )
    return process, home, password, archive


def _remove_orphan_archives() -> None:
    """Archives written for a launcher process that has gone (killed before it could move its archive)."""
    for partial in CDS_ARCHIVE.parent.glob(f"{CDS_ARCHIVE.stem}.*.tmp"):
        pid = int(partial.suffixes[-2][1:])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            partial.unlink(missing_ok=True)


def wait_ready(
    process: subprocess.Popen, home: Path, password: str, archive: Path | None, timeout_s: float = 120
) -> Neo4jServer:
    ready = home / "ready.json"
    deadline = time.monotonic() + timeout_s
    while not ready.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            log = (home / "launcher.log").read_text(errors="replace")[-3000:]
            if process.poll() is None:
                process.kill()
                process.wait()
            if archive:
                archive.unlink(missing_ok=True)
            raise LauncherError(f"Neo4j did not start within {timeout_s:.0f} s; its output:\n{log}")
        time.sleep(0.2)
    where = json.loads(ready.read_text())
    return Neo4jServer(where["bolt"], where["http"], Path(where["import"]), password, home, process, archive=archive)


def start(timeout_s: float = 120) -> Neo4jServer:
    return wait_ready(*launch(), timeout_s=timeout_s)


@contextmanager
def running(timeout_s: float = 120) -> Iterator[Neo4jServer]:
    server = start(timeout_s)
    try:
        yield server
    finally:
        server.stop()


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1 :] if "--" in argv else []
    began = time.monotonic()
    if argv[:1] == ["--build"]:
        build()
        print(f"Neo4j launcher built in {time.monotonic() - began:.1f} s ({CLASSPATH_FILE})")
        return 0
    with running() as server:
        print(f"Neo4j {server.bolt} started in {time.monotonic() - began:.1f} s (data in {server.home})", flush=True)
        if command:
            return subprocess.call(command, env={**os.environ, "NEO4J_URI": server.url})
        print(
            f"  Neo4j Browser: {server.http}/browser/  (connect to {server.bolt}, user {server.user})\n"
            f"  password:      {server.password}\n"
            f"  for ikg:       export IKG_STORE='{server.url}'\n"
            f"  for the tests: export NEO4J_URI='{server.url}'   (the tests clear it)\n"
            "Ctrl-C stops the server and deletes its data.",
            flush=True,
        )
        try:
            return server.process.wait()  # until Ctrl-C, or the JVM ends by itself
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `kill` stops the server in order too (finally)
    sys.exit(main(sys.argv[1:]))
