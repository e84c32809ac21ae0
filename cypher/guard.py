"""Admit only a single read query through the ad-hoc Cypher endpoint, decided by reading the statement.

The statement is tokenised as the engines do (strings with their escapes, quoted names, comments), then:
one statement only; it opens with a read clause (after an optional EXPLAIN or PROFILE); no word of a write,
file, schema, extension, transaction or administration statement appears anywhere as a keyword (clause
keywords of both dialects are listed in data, `cypher/read_only_keywords.toml`); and CALL names a subquery or
a procedure on the dialect's allow-list. Quoted names (`set`), properties (n.delete) and labels (:Copy) are
names, not keywords. Anything the tokeniser cannot read is refused too.

This is the first wall. The second is the engine's: the embedded store runs ad-hoc queries on a read-only
open of the database in a worker process, Neo4j in READ transactions."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ontology.errors import QueryRefused

KEYWORDS_FILE = Path(__file__).with_name("read_only_keywords.toml")


@dataclass(frozen=True)
class Token:
    kind: str  # 'word', 'name' (quoted), 'string', 'number', 'param', 'symbol'
    text: str
    start: int


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<line_comment>//[^\n\r]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*")
  | (?P<name>`(?:[^`]|``)*`)
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<number>\d[\w.]*)
  | (?P<word>[^\W\d]\w*)
  | (?P<symbol>\.\.|<>|<=|>=|=~|->|<-|(?!/\*)[^\w\s'"`])
    """,
    re.X | re.S,
)
_UNCLOSED = {"'": "string", '"': "string", "`": "quoted name", "/*": "comment"}


def tokens(query: str) -> list[Token]:
    """The query's tokens without spaces and comments; an unclosed string, name or comment is refused."""
    out: list[Token] = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None or match.end() == position:  # only an unclosed quote or comment gets here
            opener = "/*" if query.startswith("/*", position) else query[position]
            what = _UNCLOSED.get(opener, f"character {opener!r}")
            raise QueryRefused(f"unclosed {what} at character {position}")
        kind = match.lastgroup or ""  # every alternative of _TOKEN is a named group
        if kind not in ("space", "line_comment", "block_comment"):
            out.append(Token(kind, match.group(), position))
        position = match.end()
    return out


@dataclass(frozen=True)
class Rules:
    read_starts: frozenset[str]
    refused: frozenset[str]
    procedures: dict[str, frozenset[str]]  # dialect → procedures a read query may CALL


@cache
def rules() -> Rules:
    data = tomllib.loads(KEYWORDS_FILE.read_text(encoding="utf-8"))
    return Rules(
        read_starts=frozenset(data["read_starts"]),
        refused=frozenset(data["refused"]),
        procedures={dialect: frozenset(p.lower() for p in names) for dialect, names in data["procedures"].items()},
    )


def keyword(token: Token) -> str:
    """A bare word as the engine compares keywords: case-folded, and compatibility forms (ＣＯＰＹ) folded too."""
    return unicodedata.normalize("NFKC", token.text).upper()


def check_read_query(query: str, dialect: str) -> None:
    """Raise QueryRefused, saying why, unless the query is a single read query."""
    found = tokens(query)
    found = _single_statement(found)
    the_rules = rules()
    body = found[1:] if found and keyword(found[0]) in ("EXPLAIN", "PROFILE") else found
    if body and body[0].kind == "word" and keyword(body[0]) == "LOGICAL":  # EXPLAIN LOGICAL
        body = body[1:]
    if not body or body[0].kind != "word" or keyword(body[0]) not in the_rules.read_starts:
        first = body[0].text if body else "nothing"
        raise QueryRefused(
            f"a read query starts with {', '.join(sorted(the_rules.read_starts))}; this one starts with {first!r}"
        )
    for index, token in enumerate(body):
        if token.kind != "word" or _is_name_position(body, index):
            continue
        word = keyword(token)
        if word in the_rules.refused:
            raise QueryRefused(
                f"{word} (character {token.start}) is not allowed here: only read queries are; "
                "a property, label or variable of that name can be written in backticks"
            )
        if word == "CALL":
            _check_call(body, index, the_rules.procedures.get(dialect, frozenset()))


def _single_statement(found: list[Token]) -> list[Token]:
    separators = [i for i, t in enumerate(found) if t.kind == "symbol" and t.text == ";"]
    if separators and separators != [len(found) - 1]:
        raise QueryRefused("one statement at a time: the query holds a ';' before its end")
    return found[:-1] if separators else found


def _is_name_position(body: list[Token], index: int) -> bool:
    """A word right after '.', ':' or '$' is a property, label, relationship type or parameter name."""
    return index > 0 and body[index - 1].kind == "symbol" and body[index - 1].text in (".", ":", "$")


def _check_call(body: list[Token], index: int, allowed: frozenset[str]) -> None:
    """CALL { … } and CALL (x) { … } are subqueries; otherwise CALL names a procedure, which must be allowed."""
    following = body[index + 1 : index + 2]
    if following and following[0].kind == "symbol" and following[0].text in ("{", "("):
        return
    name_parts: list[str] = []
    position = index + 1
    while position < len(body):
        token = body[position]
        if token.kind in ("word", "name"):
            name_parts.append(token.text.strip("`"))
        elif not (token.kind == "symbol" and token.text == "."):
            break
        position += 1
    name = ".".join(name_parts).lower()
    called = position < len(body) and body[position].kind == "symbol" and body[position].text == "("
    if not called or name not in allowed:
        offered = ", ".join(sorted(allowed)) or "none"
        raise QueryRefused(f"CALL of {name or 'a setting'!r} is not allowed here; procedures offered: {offered}")
