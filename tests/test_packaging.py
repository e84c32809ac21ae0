"""The distribution ships every package of the project (a missing one breaks installs that are not editable)."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import PROJECT


def test_every_package_directory_is_listed_in_pyproject():
    setuptools = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(PROJECT).parts)
        for top in ("ontology", "loaders", "cypher", "api")
        for init in (PROJECT / top).rglob("__init__.py")
    }
    # Folders of data files are listed too, each with its files in package-data.
    data_folders = listed - on_disk
    assert on_disk <= listed and data_folders <= set(setuptools["package-data"])
    assert all((PROJECT / name.replace(".", "/")).is_dir() for name in listed)


def _compose() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((PROJECT / "docker-compose.yml").read_text())


def test_compose_declares_neo4j_loader_and_api():
    """Reviewed as text: no Docker engine runs on the build machines."""
    services = _compose()["services"]
    assert set(services) == {"neo4j", "loader", "api"}
    neo4j = services["neo4j"]
    assert re.fullmatch(r"neo4j:5\.\d+\.\d+-community", neo4j["image"])  # a pinned 5.x release
    assert "healthcheck" in neo4j and "healthcheck" in services["api"]
    for name in ("loader", "api"):
        assert services[name]["build"] == "."
        assert services[name]["depends_on"]["neo4j"]["condition"] == "service_healthy"
        assert services[name]["environment"]["IKG_STORE"].startswith("bolt://neo4j:")
    assert services["loader"]["command"][:2] == ["ikg", "load"] and services["loader"]["restart"] == "no"
    assert "${NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]  # auth from .env, never in the file


def test_compose_volumes_are_named_and_env_example_covers_every_variable():
    compose = _compose()
    named = set(compose["volumes"])
    mounts = [v.split(":")[0] for s in compose["services"].values() for v in s.get("volumes", [])]
    assert {m for m in mounts if not m.startswith(("$", ".", "/"))} <= named and "neo4j-data" in named
    text = (PROJECT / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{(\w+)", text))
    example = (PROJECT / ".env.example").read_text()
    assert used <= set(re.findall(r"^#?\s*(\w+)=", example, re.M)), used


def test_dockerfile_builds_from_pyproject():
    dockerfile = (PROJECT / "Dockerfile").read_text()
    assert "COPY pyproject.toml" in dockerfile and re.search(r"pip install [^\n]*\"\.\[", dockerfile)
    copied = set(re.findall(r"^COPY (\w+) \1$", dockerfile, re.M))
    assert copied == {"ontology", "loaders", "cypher", "api"}


def test_the_image_carries_the_explorers_graph_library():
    """Built in the image from the same lock file and to the same path as `make vendor` (never from a CDN)."""
    dockerfile = (PROJECT / "Dockerfile").read_text()
    vendor = re.search(r"^VENDOR := (\S+)", (PROJECT / "Makefile").read_text(), re.M).group(1)
    assert "COPY tools/explorer-vendor/package.json tools/explorer-vendor/package-lock.json" in dockerfile
    assert "RUN npm ci" in dockerfile and re.search(rf"^COPY --from=vendor \S+ {re.escape(vendor)}$", dockerfile, re.M)
