"""The analysts' catalogue of the named queries (cypher/queries/README.md), generated from the query headers so
it cannot drift from them: what each query answers, its parameters, how to run it from the CLI, over HTTP and
in Neo4j Browser (with `:param` lines and the Neo4j text).

Regenerate: python -m cypher.query_catalog > cypher/queries/README.md
"""

from __future__ import annotations

import json

from cypher.named_queries import NamedQuery, library

INTRO = """# Named queries

Generated from the query headers by `python -m cypher.query_catalog > cypher/queries/README.md`; edit the
`.cypher` files, not this page. Every query runs on both engines: the embedded LadybugDB and Neo4j 5. Where
their dialects differ, a variant sits beside the query as `NAME.neo4j.cypher` and is shown below.
Through the CLI and HTTP, a list made by `collect(…)` comes sorted (Cypher gives its items in no set order);
run as text elsewhere, its order may differ from one run to the next.

Run one:
- CLI: `ikg query NAME --param key=value` (lists as `a,b,c`; `--format json`), against `$IKG_STORE`.
- HTTP: `GET /queries/NAME?key=value` or `POST /queries/NAME` with a JSON object of parameters.
- Neo4j Browser: run the `:params` line first, then the query.

Parameters with a default may be left out. Defaults are sentinels rather than nulls (`0`, `9999`, `''`):
LadybugDB cannot bind a null parameter in `$x IS NULL`.
"""


def _browser_value(query: NamedQuery, name: str, text: str) -> str:
    param = next(p for p in query.params if p.name == name)
    return json.dumps(param.coerce(text), ensure_ascii=False).replace('"', "'")


def section(query: NamedQuery) -> str:
    lines = [f"## {query.name}", "", query.description, ""]
    if query.params:
        lines += ["| parameter | type | default | meaning |", "|---|---|---|---|"]
        for p in query.params:
            default = "required" if p.required else f"`{json.dumps(p.default, ensure_ascii=False)}`"
            lines.append(f"| `{p.name}` | {p.type} | {default} | {p.description} |")
        lines.append("")
    examples = query.example_params()
    lines += ["```sh", query.example, "```", ""]
    values = ", ".join(f"{k}: {_browser_value(query, k, v)}" for k, v in examples.items())
    browser = [f":params {{{values}}}"] if values else []
    title = "Neo4j (variant: `" + query.name + ".neo4j.cypher`)" if "neo4j" in query.variants else "Neo4j"
    lines += [f"{title}:", "", "```cypher", *browser, query.text_for("neo4j"), "```", ""]
    if "neo4j" in query.variants:
        lines += ["LadybugDB:", "", "```cypher", query.text, "```", ""]
    return "\n".join(lines)


def catalog() -> str:
    queries = sorted(library().values(), key=lambda q: q.name)
    index = ["| query | what it answers |", "|---|---|"] + [
        f"| [`{q.name}`](#{q.name}) | {q.description} |" for q in queries
    ]
    return "\n".join([INTRO, *index, "", *map(section, queries)]).rstrip() + "\n"


if __name__ == "__main__":
    print(catalog(), end="")
