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


@pytest.fixture(scope="session", params=BACKENDS)
def loaded(request, seeds_dir, tmp_path_factory):
    """A store with the seed corpus loaded, and the load report: one per available backend."""
    from cypher.store import open_store
    from loaders.pipeline import load_paths

    store = open_store(store_url_for(request.param, tmp_path_factory.mktemp(request.param)))
    report = load_paths([seeds_dir], store)
    yield store, report
    store.close()
