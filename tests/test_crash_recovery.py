"""A load killed with SIGKILL at any moment leaves a graph that opens read-only, holds no half document, and
converges to the same graph when the load is run again."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from live_server import PROJECT

from cypher.store import open_store
from loaders.pipeline import load_paths

PER_NOTICE = (
    "MATCH (n:Notice) WHERE n.source_sha256 IS NOT NULL "
    "OPTIONAL MATCH (n)-[:HAS_MEASURE]->(m:Measure) OPTIONAL MATCH (m)<-[:UNDER]-(a:Award) "
    "RETURN n.id, count(DISTINCT m), count(DISTINCT a) ORDER BY n.id"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A generated corpus large enough that a load takes seconds (~130 documents, several batches)."""
    out = tmp_path_factory.mktemp("corpus") / "documents"
    generator = [sys.executable, str(PROJECT / "benchmarks" / "gen_corpus.py"), "--scale", "0.015", "--out", str(out)]
    subprocess.run(generator, check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    """What a load that was never interrupted leaves: counts per notice, and the whole census."""
    with open_store(f"ladybug://{tmp_path_factory.mktemp('reference') / 'graph'}") as store:
        load_paths([corpus], store, batch_rows=8_000)
        return {"per_notice": _per_notice(store), "counts": store.counts()}


def _per_notice(store) -> dict[str, tuple[int, int]]:
    return {row[0]: (row[1], row[2]) for row in store.query(PER_NOTICE).rows}


def _kill_load(corpus: Path, url: str, graph: Path, when: str) -> None:
    """Start `ikg load` in its own process and SIGKILL it mid-batch or mid-checkpoint."""
    command = [sys.executable, "-m", "api", "load", str(corpus), "--store", url, "--batch-rows", "8000"]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    marker = graph.with_name(graph.name + (".shadow" if when == "checkpoint" else ".wal"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and not marker.exists():
        time.sleep(0.005)
    if when == "write":
        time.sleep(0.3)  # well inside a batch's transaction
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
@pytest.mark.parametrize("when", ["write", "checkpoint"])
def test_a_killed_load_opens_read_only_holds_whole_documents_and_converges(corpus, reference, tmp_path, when):
    graph = tmp_path / "graph"
    url = f"ladybug://{graph}"
    _kill_load(corpus, url, graph, when)

    with open_store(url, read_only=True) as store:  # recovers a checkpoint cut short, then reads
        survived = _per_notice(store)
    assert len(survived) < len(reference["per_notice"]), "the load finished before it was killed"
    for notice, counts in survived.items():
        assert counts == reference["per_notice"][notice], f"{notice} is half written: {counts}"

    with open_store(url) as store:
        load_paths([corpus], store, batch_rows=8_000)
        assert store.counts() == reference["counts"]
        assert _per_notice(store) == reference["per_notice"]
