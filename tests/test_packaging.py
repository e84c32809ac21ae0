"""The distribution ships every package of the project (a missing one breaks installs that are not editable)."""

from __future__ import annotations

import tomllib

from conftest import PROJECT


def test_every_package_directory_is_listed_in_pyproject():
    listed = set(tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(PROJECT).parts)
        for top in ("ontology", "loaders", "cypher", "api")
        for init in (PROJECT / top).rglob("__init__.py")
    }
    assert on_disk == listed
