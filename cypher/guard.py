"""A second line of defence for ad-hoc Cypher: refuse clauses that reach files or the engine's extensions.

The first line is the engine's read-only mode, which refuses every write. Reading files (LOAD FROM 'path')
is a read to the engine, so it passes read-only mode; it must not be open to API users."""

from __future__ import annotations

import re

from cypher.store import WriteRefused

# String literals and comments are removed first, so a name like 'COPY shop' in a string is no match.
_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_FORBIDDEN = re.compile(
    r"\b(LOAD\s+(?:WITH\s+HEADERS\s*\([^)]*\)\s+)?FROM|LOAD\s+EXTENSION|LOAD\s+CSV)\b"
    r"|(?:^|;)\s*(COPY|INSTALL|ATTACH|DETACH|EXPORT|IMPORT|USE)\b",
    re.I,
)


def refuse_file_access(query: str) -> None:
    found = _FORBIDDEN.search(_LITERALS.sub(" ", query))
    if found:
        clause = " ".join((found.group(1) or found.group(2)).upper().split())
        raise WriteRefused(f"{clause} is not allowed through the read-only endpoint")


# Neo4j runs procedures (CALL dbms.listConfig(), CALL apoc.load.json(url)) and administration commands
# (SHOW TRANSACTIONS, TERMINATE TRANSACTIONS) inside a READ transaction too. Subqueries (CALL { … },
# CALL (x) { … }) stay allowed.
_SERVER_COMMANDS = re.compile(r"\bCALL\s+(?![({])[\w.`]+|(?:^|;)\s*(SHOW|TERMINATE)\b", re.I)


def refuse_server_commands(query: str) -> None:
    found = _SERVER_COMMANDS.search(_LITERALS.sub(" ", query))
    if found:
        what = found.group(1).upper() if found.group(1) else "CALL of a procedure"
        raise WriteRefused(f"{what} is not allowed through the read-only endpoint")
