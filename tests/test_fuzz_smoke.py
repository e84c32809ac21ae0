"""A seconds-long run of the fuzz harness (benchmarks/fuzz.py; `make fuzz` runs 10,000 inputs): every generated
input ends in success or a DocumentError naming the file, none crashes and none outlives the watchdog."""

from __future__ import annotations

import sys

import pytest
from conftest import PROJECT

sys.path.insert(0, str(PROJECT / "benchmarks"))

import fuzz  # noqa: E402
from fuzz_inputs import make_input  # noqa: E402


def test_inputs_are_deterministic() -> None:
    assert [make_input(7, i) for i in range(40)] == [make_input(7, i) for i in range(40)]
    assert make_input(7, 3) != make_input(8, 3)


@pytest.mark.slow  # 200 inputs in worker processes: ~10 s
def test_a_few_hundred_hostile_inputs_neither_crash_nor_hang() -> None:
    summary = fuzz.run(seed=fuzz.DEFAULT_SEED, count=200, jobs=2, timeout=20.0, load_every=100)
    assert len(summary.results) == 200
    failures = [f"{r.outcome} {r.name}: {r.detail[:500]}" for r in summary.failures]
    assert not failures, "\n".join(failures)
    # Both outcomes occur, so the harness tells them apart (and a run where everything failed would show).
    assert summary.count("ok") > 40 and summary.count("error") > 40
    families = {"mutate_bytes", "encodings", "deep_html", "long_line", "binary", "office"}
    assert {r.family for r in summary.results} >= families
