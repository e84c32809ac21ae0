"""The parts of the Neo4j backend that need no server: URLs, credentials, errors. Everything that needs one
runs in the backend-parameterised suite when NEO4J_URI is set."""

from __future__ import annotations

import pytest

from cypher.ddl import neo4j_schema
from cypher.neo4j_store import parse_url
from cypher.store import open_store, redact
from ontology.errors import StoreError
from ontology.model import LOOKUP_PROPERTIES, NODE_KINDS


def test_url_gives_address_credentials_and_database():
    target = parse_url("neo4j://reader:p%40ss@db.example.org:7687/incentives")
    assert target.uri == "neo4j://db.example.org:7687"
    assert target.auth == ("reader", "p@ss") and target.database == "incentives"
    assert parse_url("bolt+s://u:p@host").database is None


def test_credentials_may_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    assert parse_url("bolt://localhost:7687").auth == ("neo4j", "from-env")
    assert parse_url("bolt://other:secret@localhost:7687").auth == ("other", "secret")


def test_passwords_never_appear_in_messages():
    assert redact("neo4j://neo4j:s3cret@h:7687/db") == "neo4j://neo4j:***@h:7687/db"
    assert redact("ladybug://./data/graph") == "ladybug://./data/graph"
    with pytest.raises(StoreError) as caught:
        open_store("bolt://neo4j:s3cret@127.0.0.1:1")  # nothing listens on port 1
    assert "s3cret" not in str(caught.value) and "bolt://neo4j:***@127.0.0.1:1: cannot use Neo4j" in str(caught.value)


def test_unknown_scheme_is_named():
    with pytest.raises(StoreError, match="unknown store URL scheme"):
        open_store("postgres://u:secret@h/db")


def test_schema_is_generated_from_the_model():
    statements = neo4j_schema()
    for kind in NODE_KINDS:
        assert f"FOR (n:{kind.label}) REQUIRE n.{kind.key} IS UNIQUE" in " ".join(statements)
    indexed = [s for s in statements if s.startswith("CREATE INDEX")]
    assert len(indexed) == sum(len(p) for p in LOOKUP_PROPERTIES.values())
    assert all("IF NOT EXISTS" in s for s in statements)
