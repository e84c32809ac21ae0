"""Shared fixtures: the seed corpus (read from ../shared/corpus, never copied) and loaded stores per backend.

The Neo4j leg runs on a real Neo4j 5 server. Unless NEO4J_URI names one (it is cleared: use a database you can
lose), the session starts its own with tools/neo4j/launcher.py: a throw-away server on a free port of 127.0.0.1,
launched as soon as the collected tests are known to need it (it starts while the embedded leg runs) and
stopped when the session ends. Only without Java does the Neo4j leg skip, and not when IKG_REQUIRE_NEO4J=1
(.ci/run): there that is a failure too."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT.parent / "shared" / "corpus" / "seeds"


def seed(prefix: str) -> Path:
    """A seed document by its number prefix ('000' … '004'); skips the test when the corpus is absent."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return matches[0]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return SEEDS


BACKENDS = [pytest.param("ladybug", id="ladybug"), pytest.param("neo4j", id="neo4j")]
# The heaviest checks run on Neo4j with the slow suite (CI runs both suites), to keep `make test` within ~10 minutes.
BACKENDS_NEO4J_SLOW = [BACKENDS[0], pytest.param("neo4j", id="neo4j", marks=pytest.mark.slow)]


def _load_launcher():
    spec = importlib.util.spec_from_file_location("neo4j_launcher", PROJECT / "tools" / "neo4j" / "launcher.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


launcher = _load_launcher()


class _Neo4jLeg:
    """The session's Neo4j server: launched once, waited for on first use, stopped at the end."""

    def __init__(self):
        self.pending = None  # what launcher.launch() returned, until the server answers
        self.server = None
        self.problem = None  # why there is no server (no Java, failed to start)

    def launch(self) -> None:
        if os.environ.get("NEO4J_URI") or self.pending or self.server or self.problem:
            return
        try:
            self.pending = launcher.launch()
        except launcher.LauncherError as exc:
            self.problem = str(exc)

    def url(self) -> str:
        if os.environ.get("NEO4J_URI") and not self.server:
            return os.environ["NEO4J_URI"]
        self.launch()
        if self.pending:
            pending, self.pending = self.pending, None
            try:
                self.server = launcher.wait_ready(*pending)
            except launcher.LauncherError as exc:
                self.problem = str(exc)
        if self.server:
            os.environ["NEO4J_URI"] = self.server.url  # for the commands the tests start, too
            return self.server.url
        if launcher.java() is None and os.environ.get("IKG_REQUIRE_NEO4J") != "1":
            pytest.skip(f"no Neo4j server: {self.problem}")
        pytest.fail(f"no Neo4j server: {self.problem}")  # Java is here (or required): a failure to fix

    def stop(self) -> None:
        if self.pending:  # launched, never used
            self.server = launcher.wait_ready(*self.pending)
            self.pending = None
        if self.server:
            self.server.stop()


NEO4J = _Neo4jLeg()


def _needs_neo4j(item) -> bool:
    params = getattr(item, "callspec", None)
    return "neo4j_server" in item.fixturenames or bool(params and "neo4j" in params.params.values())


def pytest_collection_modifyitems(session, config, items):
    if any(_needs_neo4j(item) for item in items):
        NEO4J.launch()  # returns at once: the JVM starts while the first tests run


def pytest_sessionfinish(session, exitstatus):
    NEO4J.stop()


@pytest.fixture(scope="session")
def neo4j_url() -> str:
    """The Neo4j store URL (credentials included) of the session's server."""
    return NEO4J.url()


@pytest.fixture(scope="session")
def neo4j_server(neo4j_url):
    """The server the session started (its HTTP port, import folder, process); skips when NEO4J_URI named one."""
    if NEO4J.server is None:
        pytest.skip("NEO4J_URI names a server this session did not start")
    return NEO4J.server


def store_url_for(backend: str, tmp: Path) -> str:
    if backend == "ladybug":
        return f"ladybug://{tmp / 'graph'}"
    return NEO4J.url()


def open_empty_store(backend: str, tmp: Path):
    """A store with nothing in it. The embedded one is a new directory; Neo4j (one database per server in
    the community edition) is cleared."""
    from cypher.store import open_store

    store = open_store(store_url_for(backend, tmp))
    if backend != "ladybug":
        store.clear()
    return store


@pytest.fixture(scope="session", params=BACKENDS)
def loaded(request, seeds_dir, tmp_path_factory):
    """A store with the seed corpus loaded, and the load report: one per backend."""
    from loaders.pipeline import load_paths

    store = open_empty_store(request.param, tmp_path_factory.mktemp(request.param))
    report = load_paths([seeds_dir], store)
    yield store, report
    store.close()


@pytest.fixture
def scratch_store(request, tmp_path):
    """An empty store of the test's `backend` parameter. On Neo4j it shares the one database with `loaded`,
    so afterwards the seed corpus is loaded again for the tests that follow."""
    from loaders.pipeline import load_paths

    backend = request.node.callspec.params["backend"]
    store = open_empty_store(backend, tmp_path)
    yield store
    if backend != "ladybug" and SEEDS.is_dir():
        store.clear()
        load_paths([SEEDS], store)
    store.close()
