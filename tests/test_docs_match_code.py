"""README says what the code does: its command reference is the one generated from the `ikg` commands, and its
Configuration table lists exactly the IKG_* variables the code reads."""

from __future__ import annotations

import re
from pathlib import Path

from api.cli_reference import BEGIN, END, with_reference

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
VARIABLE = re.compile(r"\bIKG_[A-Z0-9_]+\b")


def _variables_read_by(folders: list[str]) -> set[str]:
    paths = [path for folder in folders for path in (ROOT / folder).rglob("*.py")]
    return {variable for path in paths for variable in VARIABLE.findall(path.read_text(encoding="utf-8"))}


def _configuration_table() -> str:
    section = README.split("## Configuration\n", 1)[1]
    return section.split("\n## ", 1)[0]


def test_the_command_reference_is_current():
    assert BEGIN in README and END in README
    assert with_reference(README) == README, "regenerate: python -m api.cli_reference --write README.md"


def test_every_variable_the_code_reads_is_in_the_configuration_table():
    documented = set(VARIABLE.findall(_configuration_table()))
    read = _variables_read_by(["api", "cypher", "loaders", "ontology", "tools", "tests"])
    assert read - documented == set(), "add them to README's Configuration table"


def test_the_configuration_table_lists_nothing_the_code_does_not_read():
    documented = set(VARIABLE.findall(_configuration_table()))
    read = _variables_read_by(["api", "cypher", "loaders", "ontology", "tools", "tests"])
    assert documented - read == set()
