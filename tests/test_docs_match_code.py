"""README says what the code does: its command reference is the one generated from the `ikg` commands, its
settings table the one generated from ontology/settings.py, and its Configuration section lists exactly the
IKG_* variables the code reads."""

from __future__ import annotations

import re
from pathlib import Path

from api.cli import reference as cli_reference
from ontology import settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
VARIABLE = re.compile(r"\bIKG_[A-Z0-9_]*[A-Z0-9]\b")  # not IKG_MAX_… (a family named in prose)


def _variables_read() -> set[str]:
    """The settings' variables, and every IKG_* name written in the code (read where it is used)."""
    paths = [
        path
        for folder in ("api", "cypher", "loaders", "ontology", "tools", "tests")
        for path in (ROOT / folder).rglob("*.py")
    ]
    written = {variable for path in paths for variable in VARIABLE.findall(path.read_text(encoding="utf-8"))}
    defined = {settings.variable_of(name) for name in settings.Settings.model_fields}
    return {v for v in written | defined if v.startswith("IKG_")}


def _configuration_section() -> str:
    return README.split("## Configuration\n", 1)[1].split("\n## ", 1)[0]


def test_the_command_reference_is_current():
    assert cli_reference.with_reference(README) == README, "regenerate: python -m api.cli.reference --write README.md"


def test_the_settings_table_is_current():
    assert settings.with_table(README) == README, "regenerate: python -m ontology.settings --write README.md"


def test_every_variable_the_code_reads_is_in_the_configuration_section():
    documented = set(VARIABLE.findall(_configuration_section()))
    assert _variables_read() - documented == set(), "add them to ontology/settings.py (or README's other tables)"


def test_the_configuration_section_lists_nothing_the_code_does_not_read():
    documented = set(VARIABLE.findall(_configuration_section()))
    assert documented - _variables_read() == set()
