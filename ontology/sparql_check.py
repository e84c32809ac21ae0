"""What a SPARQL request may not do, decided on its parse tree: federated queries (SERVICE) and updates.

rdflib's parser gives the tree (pyoxigraph exposes no parser of its own). SERVICE is refused wherever it sits in
the tree — nested groups, OPTIONAL, MINUS, FILTER EXISTS, subqueries — since the walk visits every node. Oxigraph
also accepts SPARQL 1.2 forms rdflib cannot parse (triple terms, LATERAL, VERSION, ADJUST); for those there is no
tree, so any mention of the word SERVICE is refused. The two parsers are different programs, so this is the
first line only: the worker that runs the query cannot open a socket (`sparql_sandbox`). Parsing costs 2–50 ms
and rdflib's pure-Python parser can be slow on crafted input, so this runs in the worker, under the query's time
and memory limits, never in the server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue


@dataclass(frozen=True)
class Refusal:
    kind: str  # "service-refused" or "bad-sparql"
    detail: str


SERVICE_REFUSED = (
    "SERVICE (federated query) is not allowed: this endpoint answers from its own graph and sends no requests "
    "to other addresses"
)
UNPARSED_SERVICE = " (the query uses syntax beyond SPARQL 1.1, so any mention of SERVICE is refused)"
UPDATE_REFUSED = "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, …) is refused: this endpoint is read-only"


def _names(tree) -> set[str]:
    """The names of every node of rdflib's parse tree (an explicit stack: trees of crafted queries are deep)."""
    names, stack = set(), [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            names.add(node.name)
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return names


def _mentions_service(text: str) -> bool:
    r"""The word anywhere, also written with codepoint escapes (S\u0045RVICE), which SPARQL 1.1 allows."""

    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else ""

    unescaped = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", char, text)
    return any(re.search("service", t, re.IGNORECASE) for t in (text, unescaped))


def check_query(text: str) -> Refusal | None:
    try:
        tree = parseQuery(text)
    except Exception:  # ParseException, RecursionError, or rdflib's own checks
        try:
            update = parseUpdate(text)
        except Exception:  # not SPARQL 1.1 to rdflib: Oxigraph decides, in the sandbox
            return Refusal("service-refused", SERVICE_REFUSED + UNPARSED_SERVICE) if _mentions_service(text) else None
        return Refusal("bad-sparql", UPDATE_REFUSED) if "request" in update else None
    if "ServiceGraphPattern" in _names(tree):
        return Refusal("service-refused", SERVICE_REFUSED)
    return None
