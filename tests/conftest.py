"""Shared fixtures: the seed corpus (read from ../shared/corpus, never copied) and loaded stores per backend."""

from __future__ import annotations

import os
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


BACKENDS = [
    pytest.param("ladybug", id="ladybug"),
    pytest.param(
        "neo4j",
        id="neo4j",
        marks=pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI not set: no Neo4j server here"),
    ),
]


def store_url_for(backend: str, tmp: Path) -> str:
    if backend == "ladybug":
        return f"ladybug://{tmp / 'graph'}"
    return os.environ["NEO4J_URI"]


def open_empty_store(backend: str, tmp: Path):
    """A store with nothing in it. The embedded one is a new directory; Neo4j (one database per server in
    the community edition) is cleared, so point NEO4J_URI at a database you can lose."""
    from cypher.store import open_store

    store = open_store(store_url_for(backend, tmp))
    if backend != "ladybug":
        store.clear()
    return store


@pytest.fixture(scope="session", params=BACKENDS)
def loaded(request, seeds_dir, tmp_path_factory):
    """A store with the seed corpus loaded, and the load report: one per available backend."""
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
