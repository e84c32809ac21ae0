"""Check every Cypher text meant for Neo4j with a real parser, without a server.

The parser is graphglot (PyPI, Apache-2.0), which parses and validates Neo4j Cypher and passes the openCypher
TCK; it also rejects functions Neo4j lacks (LadybugDB's label(), cast(… AS INT64)). Checked: each named
query's Neo4j text (its name.neo4j.cypher variant, else the shared text) and every statement the Neo4j
backend sends itself.

Run: python -m cypher.dialect_check   (exit 1 and one line per problem when a text does not parse)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from cypher.named_queries import library

# graphglot 0.14 treats keywords as reserved in parameter names ($limit fails: "Expected parameter name"),
# which Neo4j does not. Quoting the name ($`limit`) means the same parameter to Neo4j, so every parameter
# is quoted before parsing. Our query texts hold no '$' inside string literals.
_PARAMETER = re.compile(r"\$(\w+)")


@dataclass(frozen=True)
class Problem:
    source: str  # file or statement name
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def check_neo4j(text: str, source: str) -> list[Problem]:
    from graphglot.dialect import Dialect

    neo4j = Dialect.get_or_raise("neo4j")
    quoted = _PARAMETER.sub(r"$`\1`", text)
    try:
        result = neo4j.validate(quoted)
    except Exception:  # noqa: BLE001 - graphglot 0.14's analyser crashes on some valid UNION ALL queries
        # (AttributeError in its scope walk), after parsing succeeded: fall back to the parser alone.
        try:
            neo4j.parse(quoted)
        except Exception as exc:  # noqa: BLE001 - whatever the parser raises is the problem to report
            return [Problem(source, _plain(str(exc)))]
        return []
    if result.success:
        return []
    if result.error is not None:
        return [Problem(source, _plain(str(result.error)))]
    return [Problem(source, d.message) for d in result.diagnostics] or [Problem(source, f"failed at {result.stage}")]


def neo4j_texts() -> list[tuple[str, str]]:
    """(source, text) for everything the Neo4j backend runs."""
    from cypher.neo4j_store import backend_statements

    queries = [
        (q.path.replace(".cypher", ".neo4j.cypher") if "neo4j" in q.variants else q.path, q.text_for("neo4j"))
        for q in library().values()
    ]
    statements = [(f"Neo4j backend statement {i}: {s[:60]}", s) for i, s in enumerate(backend_statements())]
    return queries + statements


def check_all() -> list[Problem]:
    return [problem for source, text in neo4j_texts() for problem in check_neo4j(text, source)]


def _plain(message: str) -> str:
    """graphglot underlines the offending token with terminal escapes; keep the text on one line."""
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", message).split())


if __name__ == "__main__":
    problems = check_all()
    for problem in problems:
        print(problem)
    print(f"{len(neo4j_texts())} Neo4j texts checked, {len(problems)} problem(s)", file=sys.stderr)
    sys.exit(1 if problems else 0)
