"""HEAD and OPTIONS on every route (api/head_options.py)."""

from __future__ import annotations

import pytest
from conftest import seed, store_url_for
from fastapi.testclient import TestClient

from api.app import create_app
from cypher.store import open_store
from loaders.pipeline import load_paths


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = open_store(store_url_for("ladybug", tmp_path_factory.mktemp("head")))
    load_paths([seed("000")], store)
    yield TestClient(create_app(store))
    store.close()


@pytest.mark.parametrize("path", ["/id/locality/500000", "/notices", "/localities/500000", "/export?format=nt"])
def test_head_is_the_get_without_its_body(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("etag") == get.headers.get("etag")


def test_options_says_what_a_path_allows(client):
    read = client.options("/id/locality/500000")
    assert read.status_code == 204 and read.headers["allow"] == "GET, HEAD, OPTIONS" and read.content == b""
    write = client.options("/documents")
    assert write.status_code == 204 and "POST" in write.headers["allow"] and "GET" not in write.headers["allow"]
    assert client.options("/no/such/path").status_code == 404
    assert client.head("/no/such/path").status_code == 404
