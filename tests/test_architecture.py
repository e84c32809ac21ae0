"""The structure ARCHITECTURE.md describes, checked: imports go one way (ontology ← loaders ← cypher ← api),
other packages use the loaders only through `loaders/__init__.py`, no module imports another package's
private names, and rows that do not fit the model fail where they are written."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ontology.rows import GraphRows, SchemaMismatch

ROOT = Path(__file__).resolve().parents[1]
# A package may import the packages before it, never those after it.
LAYERS = ("ontology", "loaders", "cypher", "api")


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, imported names, line) of every import in a file, function-level imports included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
    return found


def _project_imports() -> list[tuple[str, str, str, list[str], int]]:
    """(importing package, file, imported module, names, line) for imports of the project's own packages."""
    out = []
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            for module, names, line in _imports(path):
                if module.split(".")[0] in LAYERS:
                    out.append((package, str(path.relative_to(ROOT)), module, names, line))
    return out


def test_imports_go_one_way():
    wrong = [
        f"{file}:{line} imports {module}"
        for package, file, module, _, line in _project_imports()
        if LAYERS.index(module.split(".")[0]) > LAYERS.index(package)
    ]
    assert wrong == []


def test_other_packages_use_the_loaders_through_their_public_face():
    wrong = [
        f"{file}:{line} imports {module}"
        for package, file, module, _, line in _project_imports()
        if package != "loaders" and module.startswith("loaders.")
    ]
    assert wrong == []


def test_no_private_names_cross_packages():
    wrong = [
        f"{file}:{line} imports {name} from {module}"
        for package, file, module, names, line in _project_imports()
        if module.split(".")[0] != package
        for name in names
        if name.startswith("_")
    ]
    assert wrong == []


def test_the_checks_see_a_wrong_import(tmp_path):
    """The scan itself finds imports anywhere in a file (not only at the top)."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from api.app import create_app\n    import cypher.store\n", encoding="utf-8")
    assert [m for m, _, _ in _imports(sample)] == ["api.app", "cypher.store"]


def test_a_misspelt_node_property_fails_where_it_is_written():
    rows = GraphRows()
    rows.add_node("Notice", {"id": "n1", "title": "关于…的通知"})
    with pytest.raises(SchemaMismatch, match="'Notice' has no property titel"):
        rows.add_node("Notice", {"id": "n1", "titel": "关于…的通知"})
    assert rows.nodes == {"Notice": [{"id": "n1", "title": "关于…的通知"}]}


def test_a_misspelt_relationship_property_fails():
    rows = GraphRows()
    with pytest.raises(SchemaMismatch, match="'RECEIVED' has no property amount_yaun"):
        rows.add_rel("RECEIVED", "500112", "a1", amount_yaun=10_000_000)


def test_unknown_labels_and_types_fail():
    with pytest.raises(SchemaMismatch, match="unknown node label 'Notise'"):
        GraphRows().add_node("Notise", {"id": "n1"})
    with pytest.raises(SchemaMismatch, match="unknown relationship type 'RECIEVED'"):
        GraphRows().add_rel("RECIEVED", "500112", "a1")


def test_named_queries_read_only_properties_of_the_model():
    """A property a named query reads (`n.titel`) must exist on the label its variable is bound to: the stores
    would answer a misspelt one with nulls."""
    from cypher.named_queries import QUERY_DIR
    from ontology.model import NODE_KINDS, RELATIONSHIPS

    properties = {k.label: set(k.all_properties) for k in NODE_KINDS}
    properties |= {r.name: set(r.all_properties) for r in RELATIONSHIPS}
    binding = re.compile(r"[(\[](\w+):(\w+)")
    access = re.compile(r"\b([a-z_]\w*)\.(\w+)\b")
    wrong, checked = [], 0
    for path in sorted(QUERY_DIR.glob("*.cypher")):
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("//"))
        labels = {}
        for variable, label in binding.findall(text):
            labels.setdefault(variable, set()).add(label)
        for variable, prop in access.findall(text):
            for label in labels.get(variable, ()):
                if label in properties:
                    checked += 1
                    if prop not in properties[label]:
                        wrong.append(f"{path.name}: {variable}.{prop} ({label} has no {prop})")
    assert checked > 200  # the scan reads the queries
    assert wrong == []
