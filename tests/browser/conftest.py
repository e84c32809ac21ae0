"""The generated corpus the slow browser tests share: generated and loaded once per session (a minute or more on a
2-core machine), so the view checks, the journeys and the graph trace do not each pay for it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from harness import PROJECT, chromium, ready_view, serve, wait


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory):
    """benchmarks/gen_corpus.py --scale 0.1 (~1,000 notices, ~55,000 awards, localities in every province)."""
    corpus = tmp_path_factory.mktemp("corpus-0.1")
    generate = [sys.executable, str(PROJECT / "benchmarks" / "gen_corpus.py"), "--scale", "0.1", "--seed", "7"]
    subprocess.run([*generate, "--out", str(corpus)], check=True, capture_output=True)
    return corpus


@pytest.fixture(scope="session")
def generated_site(generated_corpus, tmp_path_factory):
    """`ikg serve` over the generated corpus and one Chromium on its home page: (base URL, driver)."""
    with chromium() as driver, serve(generated_corpus, tmp_path_factory.mktemp("generated"), timeout_s=900) as base:
        driver.get(base + "/")
        wait(driver, lambda d: ready_view(d) == "home")
        yield base, driver
