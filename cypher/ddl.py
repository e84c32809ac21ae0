"""Schema statements for each backend, generated from ontology/model.py."""

from __future__ import annotations

from ontology.model import INT, INT_LIST, LOOKUP_PROPERTIES, STORED_KINDS, STORED_RELATIONSHIPS, STRING, STRING_LIST

_LADYBUG_TYPES = {STRING: "STRING", INT: "INT64", STRING_LIST: "STRING[]", INT_LIST: "INT64[]"}


def ladybug_ddl() -> list[str]:
    statements = []
    for kind in STORED_KINDS:
        columns = [
            f"{name} {_LADYBUG_TYPES[typ]}{' PRIMARY KEY' if name == kind.key else ''}"
            for name, typ in kind.all_properties.items()
        ]
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {kind.label}({', '.join(columns)})")
    for rel in STORED_RELATIONSHIPS:
        columns = [f"FROM {rel.source} TO {rel.target}"] + [
            f"{name} {_LADYBUG_TYPES[typ]}" for name, typ in rel.all_properties.items()
        ]
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel.name}({', '.join(columns)})")
    return statements


def ladybug_added_columns(existing: dict[str, set[str]]) -> list[str]:
    """ALTER statements for properties the model has gained since a table was created (an older graph),
    given each table's existing column names."""
    tables = [(k.label, k.all_properties) for k in STORED_KINDS] + [
        (r.name, r.all_properties) for r in STORED_RELATIONSHIPS
    ]
    return [
        f"ALTER TABLE {table} ADD {name} {_LADYBUG_TYPES[typ]}"
        for table, props in tables
        for name, typ in props.items()
        if table in existing and name not in existing[table]
    ]


def neo4j_schema() -> list[str]:
    """For Neo4j: uniqueness of each node kind's key (which also indexes it), and a range index on every
    lookup property. Names are stable, so running these again changes nothing (IF NOT EXISTS)."""
    constraints = [
        f"CREATE CONSTRAINT {kind.label.lower()}_{kind.key} IF NOT EXISTS "
        f"FOR (n:{kind.label}) REQUIRE n.{kind.key} IS UNIQUE"
        for kind in STORED_KINDS
    ]
    indexes = [
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, props in LOOKUP_PROPERTIES.items()
        for prop in props
    ]
    return constraints + indexes
