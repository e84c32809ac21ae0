"""The named query library: cypher/queries/*.cypher, each with a documented, typed header."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from cypher.store import QueryResult, Store
from ontology.errors import QueryError, UnknownQuery

QUERY_DIR = Path(__file__).parent / "queries"
_COLLECTED = re.compile(r"\bcollect\s*\(.*?\)\s+AS\s+(\w+)", re.I | re.S)
MAX_LIMIT = 10_000  # the most rows a named query's `limit` may ask for: answers stay a few MB at most
_PARAM = re.compile(
    r"^(?P<name>\w+):\s*(?P<type>string\[\]|int\[\]|string|int)(?:\s*=\s*(?P<default>\S+))?"
    r"\s*(?:—|--|-)?\s*(?P<doc>.*)$"
)


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # string | int | string[] | int[]
    required: bool
    default: Any
    description: str

    def coerce(self, value: Any) -> Any:
        """Turn a value from the CLI or a query string (text) into the declared type."""
        if self.type.endswith("[]"):
            items = value if isinstance(value, list) else [v for v in str(value).split(",") if v.strip()]
            return [self._scalar(v, self.type[:-2]) for v in items]
        return self._scalar(value, self.type)

    def _scalar(self, value: Any, typ: str) -> Any:
        if typ == "int":
            try:
                return int(value)
            except (TypeError, ValueError):
                raise QueryError(f"parameter {self.name!r} must be an integer, got {value!r}") from None
        return str(value).strip()


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    example: str
    text: str
    path: str = field(compare=False)
    # Texts for engines whose dialect differs here: {dialect: text}, from name.<dialect>.cypher beside this file.
    variants: dict[str, str] = field(default_factory=dict, compare=False)

    def text_for(self, dialect: str) -> str:
        return self.variants.get(dialect, self.text)

    @cached_property  # asked on every run of the query
    def collected_columns(self) -> frozenset[str]:
        """The names given to `collect(…)`: lists whose items come in no set order (see run_named)."""
        return collected_columns(self.text)

    def example_params(self) -> dict[str, str]:
        """The parameters of the header's example (`ikg query NAME --param k=v …`), as written."""
        words = shlex.split(self.example)
        return dict(w.split("=", 1) for w, prev in zip(words[1:], words) if prev in ("--param", "-p"))

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        unknown = set(given) - {p.name for p in self.params}
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter(s) {', '.join(sorted(unknown))}")
        bound = {}
        for p in self.params:
            if given.get(p.name) not in (None, ""):
                bound[p.name] = p.coerce(given[p.name])
                if p.name == "limit" and not 0 <= bound[p.name] <= MAX_LIMIT:
                    raise QueryError(f"parameter 'limit' must be between 0 and {MAX_LIMIT}, got {bound[p.name]}")
            elif p.required:
                raise QueryError(f"query {self.name!r} needs parameter {p.name!r} ({p.type})")
            else:
                bound[p.name] = p.default
        return bound


def parse_query_file(path: Path) -> NamedQuery:
    """A query file; its variants for other dialects (name.neo4j.cypher) must declare the same parameters."""
    query = _parse_one(path)
    for variant_path in sorted(path.parent.glob(f"{path.stem}.*.cypher")):
        variant = _parse_one(variant_path)
        if variant.params != query.params:
            raise ValueError(f"{variant_path}: parameters differ from {path.name}; a variant must take the same ones")
        query.variants[variant_path.stem.split(".", 1)[1]] = variant.text
    return query


def _parse_one(path: Path) -> NamedQuery:
    header: dict[str, str] = {}
    params = []
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("//"):
            key, _, value = line[2:].strip().partition(":")
            if key.startswith("param "):
                params.append(_param(f"{key[6:]}:{value}", path))
            else:
                header[key.strip()] = value.strip()
        else:
            body.append(line)
    if header.get("name") != path.stem.split(".")[0]:
        raise ValueError(f"{path}: header name {header.get('name')!r} must equal the file name")
    return NamedQuery(
        name=path.stem.split(".")[0],
        description=header.get("description", ""),
        params=tuple(params),
        example=header.get("example", ""),
        text="\n".join(body).strip(),
        path=str(path),
    )


def _param(spec: str, path: Path) -> Param:
    m = _PARAM.match(spec.strip())
    if not m:
        raise ValueError(f"{path}: cannot read parameter line {spec!r}")
    default = m["default"]
    typ = m["type"]
    value = json.loads(default) if default is not None else None
    return Param(m["name"], typ, default is None, value, m["doc"].strip())


@lru_cache(maxsize=1)
def library() -> dict[str, NamedQuery]:
    """Every named query, by name (variants for another dialect carry a suffix: name.neo4j.cypher)."""
    files = sorted(p for p in QUERY_DIR.glob("*.cypher") if "." not in p.stem)
    return {q.name: q for q in map(parse_query_file, files)}


def get_query(name: str) -> NamedQuery:
    try:
        return library()[name]
    except KeyError:
        raise UnknownQuery(f"no named query {name!r}; known: {', '.join(sorted(library()))}") from None


def run_named(store: Store, name: str, params: dict[str, Any] | None = None) -> QueryResult:
    query = get_query(name)
    result = store.query(query.text_for(store.dialect), query.bind(params or {}))
    return sort_collected(result, query.collected_columns)


def collected_columns(text: str) -> frozenset[str]:
    """The names a query text gives to `collect(…)`."""
    return frozenset(_COLLECTED.findall(text))


def sort_collected(result: QueryResult, columns: frozenset[str]) -> QueryResult:
    """`collect()` gives its items in no set order: LadybugDB's differed from one run to the next on the same
    graph, so the pages of one answer disagreed and an unchanged graph gave new ETags. Collected lists are
    sorted; other lists (a measure's amounts and their bases, side by side) keep their order."""
    collected = [i for i, column in enumerate(result.columns) if column in columns]
    if not collected:
        return result
    rows = [list(row) for row in result.rows]
    for row in rows:
        for i in collected:
            if isinstance(row[i], list):
                row[i] = sorted(row[i], key=_order_key)
    return QueryResult(result.columns, rows)


def _order_key(value: Any) -> tuple:
    if isinstance(value, bool) or value is None:
        return (0, str(value))
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
