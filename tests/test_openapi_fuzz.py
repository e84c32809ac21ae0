"""Schemathesis against the live OpenAPI: no server error, and every response matches what the schema says
(status codes, content types, bodies). Request-side checks (valid data that is rejected, e.g. an unknown
topic id) are left out: the schema cannot express which ids exist."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from cypher.store import open_store
from loaders.pipeline import load_paths

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# The whole-graph export and SPARQL are exercised in test_rdf; here they would only repeat slow work.
SKIPPED = ("/export", "/sparql")


@pytest.fixture(scope="module")
def api_schema(seeds_dir, tmp_path_factory):
    store = open_store(f"ladybug://{tmp_path_factory.mktemp('fuzz') / 'graph'}")
    load_paths([seeds_dir], store)
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store))
    store.close()


def test_every_operation_answers_as_documented(api_schema):
    # schemathesis' own pytest plugin does not run under this pytest, so operations are driven directly.
    operations = [r.ok() for r in api_schema.get_all_operations() if r.ok().path not in SKIPPED]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def answers_as_documented(case):
            case.call_and_validate(checks=CHECKS)

        answers_as_documented()


def test_redirects_promise_no_body(api_schema):
    """A 303 has no body, so its documented response has no media type (random ids above reach an existing node
    only now and then: a 303 documented as JSON failed one run in several)."""
    documented = api_schema.raw_schema["paths"]
    redirects = {
        (path, code): answer
        for path, methods in documented.items()
        for operation in methods.values()
        if isinstance(operation, dict)
        for code, answer in operation.get("responses", {}).items()
        if code.startswith("3")
    }
    assert redirects, "the /id and /eli routes document their 303"
    assert {key: answer["content"] for key, answer in redirects.items() if answer.get("content")} == {}
