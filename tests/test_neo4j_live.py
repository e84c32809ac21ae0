"""What only a live Neo4j server shows: the launcher's server, the schema on the server, the same graph on both
engines after loads and reloads, concurrent loaders and a loader beside the API, the API and `ikg copy` as
commands against Neo4j, and /cypher's read-only enforcement there. Every test here runs on the session's Neo4j
server (tests/conftest.py starts one); those that compare engines build the embedded graph beside it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml
from conftest import PROJECT, SEEDS, open_empty_store, seed, store_url_for

from cypher.ddl import neo4j_schema
from cypher.named_queries import library as query_library
from cypher.rdf_source import whole_graph
from cypher.store import open_store
from loaders.pipeline import load_paths
from ontology.errors import QueryError, StoreError

pytestmark = pytest.mark.usefixtures("neo4j_url")


@pytest.fixture
def neo4j(neo4j_url, tmp_path):
    """The session's Neo4j database, emptied; the seed corpus is loaded again afterwards for the suite's
    `loaded` fixture, which shares the one database."""
    store = open_empty_store("neo4j", tmp_path)
    yield store
    store.clear()
    if SEEDS.is_dir():
        load_paths([SEEDS], store)
    store.close()


def facts(store) -> list[str]:
    """Every node and relationship with its property values, in a stable order: equal on both engines."""
    return sorted(f"{kind} {key} {sorted(props.items())}" for kind, key, props in whole_graph(store))


def ikg(*args: str, store: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "IKG_STORE": store}
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


# -- the launcher's server ---------------------------------------------------------------------------------------


def test_the_server_is_local_needs_the_password_and_serves_the_browser(neo4j_server):
    assert neo4j_server.bolt.startswith("bolt://127.0.0.1:") and neo4j_server.http.startswith("http://127.0.0.1:")
    wrong = neo4j_server.url.replace(neo4j_server.password, "not-the-password")
    with pytest.raises(StoreError, match="authentication failure") as refused:
        open_store(wrong)
    assert "not-the-password" not in str(refused.value)
    # Neo4j Browser connects to the Bolt address the server advertises: it must be the real port, not 7687.
    discovery = httpx.get(neo4j_server.http + "/", timeout=10).json()
    assert discovery["bolt_direct"] == neo4j_server.bolt and discovery["neo4j_version"].startswith("5.26.")
    assert httpx.get(neo4j_server.http + "/browser/", timeout=10).status_code == 200


def test_load_csv_reads_only_the_import_folder(neo4j_server, neo4j):
    (neo4j_server.import_dir / "rows.csv").write_text("id\nx1\n", encoding="utf-8")
    assert neo4j.query("LOAD CSV WITH HEADERS FROM 'file:///rows.csv' AS row RETURN row.id").rows == [["x1"]]
    with pytest.raises(QueryError, match="Couldn't load the external resource"):
        neo4j.query("LOAD CSV FROM 'file:///etc/hostname' AS row RETURN row")  # import/etc/hostname: absent


NEO4J_LOADED = pytest.mark.parametrize("loaded", ["neo4j"], indirect=True)  # the suite's seed graph on Neo4j


@NEO4J_LOADED
def test_a_routing_uri_reads_the_same_graph(loaded, neo4j_url):
    """neo4j:// asks the server for a routing table (what a cluster or Aura needs) and then uses the
    addresses in it: they are the advertised ones."""
    store, _ = loaded
    with open_store(neo4j_url.replace("bolt://", "neo4j://", 1), read_only=True) as routed:
        assert routed.counts() == store.counts() and routed.version == store.version


def test_the_compose_file_runs_the_version_the_tests_run():
    pom = (PROJECT / "tools" / "neo4j" / "pom.xml").read_text(encoding="utf-8")
    tested = re.search(r"<neo4j.version>(.+)</neo4j.version>", pom)[1]
    compose = yaml.safe_load((PROJECT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert compose["services"]["neo4j"]["image"] == f"neo4j:{tested}-community"
    # Its loader and API are this package's commands, which create the schema tested below.
    assert compose["services"]["loader"]["command"][:2] == ["ikg", "load"]
    assert compose["services"]["api"]["command"][:2] == ["ikg", "serve"]


# -- schema ------------------------------------------------------------------------------------------------------


def test_the_server_holds_the_generated_schema(neo4j):
    names = {s.split()[2] for s in neo4j_schema()}
    constraints = neo4j.query("SHOW CONSTRAINTS YIELD name, type RETURN name, type").rows
    indexes = neo4j.query("SHOW INDEXES YIELD name, type, state RETURN name, type, state").rows
    assert {n for n, t in constraints if t == "UNIQUENESS"} | {n for n, t, _ in indexes if t == "RANGE"} == names
    assert all(state == "ONLINE" for _, _, state in indexes)


def test_stores_opened_at_once_on_an_empty_database_create_the_schema_once(neo4j, neo4j_url):
    """The compose loader and API open the same new database together: their schema commands deadlock
    (a transient error) or find the other's rule. Both must open."""
    for (name,) in neo4j.query("SHOW CONSTRAINTS YIELD name RETURN name").rows:
        neo4j.query(f"DROP CONSTRAINT {name}", read_only=False)
    for (name,) in neo4j.query("SHOW INDEXES YIELD name, type WHERE type = 'RANGE' RETURN name").rows:
        neo4j.query(f"DROP INDEX {name}", read_only=False)
    errors = []

    def open_one():
        try:
            open_store(neo4j_url).close()
        except StoreError as exc:
            errors.append(str(exc)[:300])

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rules = neo4j.query("SHOW CONSTRAINTS YIELD name RETURN name").rows
    rules += neo4j.query("SHOW INDEXES YIELD name, type WHERE type = 'RANGE' RETURN name").rows
    assert {name for (name,) in rules} == {s.split()[2] for s in neo4j_schema()}


def test_counts_name_every_kind_even_on_an_empty_graph(neo4j, tmp_path):
    with open_store(store_url_for("ladybug", tmp_path)) as embedded:
        assert neo4j.counts() == embedded.counts()
    assert set(neo4j.counts()["relationships"].values()) == {0}


# -- the same graph on both engines ------------------------------------------------------------------------------


@pytest.mark.slow  # ~10 s: loads, reloads and replaces the seeds on each engine; keeps `make test` near 10 min
def test_loads_and_reloads_leave_the_same_graph_on_both_engines(neo4j, tmp_path):
    changed = tmp_path / "changed" / seed("003").name
    changed.parent.mkdir()
    text = seed("003").read_text(encoding="utf-8")
    lines = text.splitlines()
    # A new version of the document: the last third of its lines gone (awards and measures with them).
    changed.write_text("\n".join(lines[: len(lines) * 2 // 3]) + "\n", encoding="utf-8")
    with open_store(store_url_for("ladybug", tmp_path)) as embedded:
        for step in ([SEEDS], [SEEDS], [changed], [seed("003")]):  # load, reload, replace, replace back
            for store in (embedded, neo4j):
                assert load_paths(step, store).errors == []
            assert neo4j.counts() == embedded.counts()
            assert facts(neo4j) == facts(embedded)
        shrunk = load_paths([changed], embedded), load_paths([changed], neo4j)
    assert shrunk[0].summary()["awards"] < load_paths([seed("003")], neo4j).summary()["awards"]


def test_a_notice_twice_in_one_batch_is_replaced_in_order(neo4j, tmp_path):
    copy = tmp_path / "gb18030.txt"
    copy.write_bytes(seed("000").read_text(encoding="utf-8").encode("gb18030"))
    with open_store(store_url_for("ladybug", tmp_path)) as embedded:
        load_paths([seed("000")], embedded)
        assert load_paths([seed("000"), copy], neo4j).errors == []
        assert neo4j.counts() == embedded.counts()
    sources = neo4j.query("MATCH (n:Notice) WHERE n.source_path IS NOT NULL RETURN n.source_path").rows
    assert sources == [[str(copy)]]


# -- concurrency -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """~20 generated documents (one province-year): more shared places and departments than the seeds."""
    out = tmp_path_factory.mktemp("generated")
    command = [sys.executable, "benchmarks/gen_corpus.py", "--scale", "0.003", "--seed", "3", "--out", str(out)]
    subprocess.run(command, cwd=PROJECT, check=True, capture_output=True)
    return out


def _start_load(path: Path, store_url: str) -> subprocess.Popen:
    """`ikg load PATH` in its own process, writing to `store_url`; its output is kept for the test's messages.
    Its catalogue statistics go beside the documents, not into the project's data/."""
    return subprocess.Popen(
        [sys.executable, "-m", "api", "load", str(path)],
        cwd=PROJECT,
        env={**os.environ, "IKG_STORE": store_url, "IKG_STATS_DIR": str(path.parent / "stats")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
def test_two_loaders_at_once_leave_the_graph_one_loader_leaves(neo4j, neo4j_url, generated, tmp_path):
    """Both write the same shared nodes (places, departments, topics): Neo4j's deadlock detection aborts one
    transaction and the driver retries it. Loading is idempotent, so the graph is the one load's."""
    runs = [_start_load(path, neo4j_url) for path in (generated, generated)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with open_store(store_url_for("ladybug", tmp_path)) as embedded:
        load_paths([generated], embedded)
        assert facts(neo4j) == facts(embedded)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def api_on_neo4j(neo4j, neo4j_url):
    """A real `ikg serve` (uvicorn) on the Neo4j database, over HTTP."""
    port = _free_port()
    command = [sys.executable, "-m", "api", "serve", "--port", str(port), "--store", neo4j_url]
    server = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "ikg serve did not answer within 120 s"
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
def test_the_api_answers_while_a_loader_writes(neo4j, neo4j_url, api_on_neo4j, generated):
    load = _start_load(generated, neo4j_url)
    answers = []
    with httpx.Client(base_url=api_on_neo4j, timeout=30) as client:
        while load.poll() is None:
            for path in ("/health", "/notices?limit=5", "/localities?limit=5"):
                answers.append((path, client.get(path).status_code))
        output = load.communicate()[0]
        assert load.returncode == 0, output
        assert len(answers) >= 3 and {status for _, status in answers} == {200}, answers
        health = client.get("/health").json()
    assert health["nodes"] == neo4j.counts()["nodes"] and health["nodes"]["Notice"] > 10
    assert health["store"].startswith("bolt://neo4j:***@127.0.0.1:")


# -- the API and commands on Neo4j -------------------------------------------------------------------------------


def test_the_api_over_http_on_neo4j(neo4j, api_on_neo4j):
    load_paths([SEEDS], neo4j)
    with httpx.Client(base_url=api_on_neo4j, timeout=30) as client:
        winners = client.get("/queries/winners", params={"all_topics": "ecology,investment", "year": 2020}).json()
        assert {"渝北区", "武隆区"} <= {loc["name"] for loc in winners["localities"]}
        turtle = client.get("/export", params={"format": "nt"})
        assert turtle.status_code == 200 and turtle.text.count("\n") > 3000
        write = client.post("/cypher", json={"query": "MATCH (t:Topic) SET t.label_en = 'x' RETURN t"})
        assert write.status_code == 400 and write.json()["type"].endswith("/query-refused")


@pytest.mark.slow  # over 5 s: make test-all (CI) runs it, make test leaves it out
def test_copy_command_embedded_to_neo4j_and_back(neo4j, neo4j_url, tmp_path):
    source = store_url_for("ladybug", tmp_path / "source")
    with open_store(source) as embedded:
        load_paths([SEEDS], embedded)
        expected = facts(embedded)
    there = ikg("copy", "--from", source, "--to", neo4j_url, store=source)
    assert there.returncode == 0, there.stdout + there.stderr
    assert "every node, relationship and property count matches" in there.stdout + there.stderr
    assert facts(neo4j) == expected
    refused = ikg("copy", "--from", source, "--to", neo4j_url, store=source)
    assert refused.returncode == 2 and "--replace" in refused.stdout + refused.stderr
    back_url = store_url_for("ladybug", tmp_path / "back")
    back = ikg("copy", "--from", neo4j_url, "--to", back_url, store=source)
    assert back.returncode == 0, back.stdout + back.stderr
    with open_store(back_url) as returned:
        assert facts(returned) == expected
    password = neo4j_url.split("@")[0].split(":")[-1]
    assert password not in there.stdout + there.stderr + back.stdout + back.stderr


@NEO4J_LOADED
def test_export_command_on_neo4j_gives_the_embedded_triples(loaded, tmp_path):
    with open_store(store_url_for("ladybug", tmp_path)) as embedded:
        load_paths([SEEDS], embedded)
    outputs = {}
    for name, url in (("neo4j", os.environ["NEO4J_URI"]), ("embedded", store_url_for("ladybug", tmp_path))):
        done = ikg("export", "--format", "nt", "--out", str(tmp_path / f"{name}.nt"), "--store", url, store=url)
        assert done.returncode == 0, done.stderr
        outputs[name] = sorted((tmp_path / f"{name}.nt").read_text(encoding="utf-8").splitlines())
    assert outputs["neo4j"] == outputs["embedded"] and len(outputs["neo4j"]) > 3000


# -- /cypher on Neo4j --------------------------------------------------------------------------------------------


@pytest.fixture
def cypher_client(loaded):
    from fastapi.testclient import TestClient

    from api.app import create_app

    store, _ = loaded
    return TestClient(create_app(store)), store


@pytest.mark.parametrize(
    "query",
    [
        "CALL { CREATE (:Topic {id: 'x'}) } RETURN 1",  # a write inside a subquery
        "FOREACH (x IN [1] | CREATE (:Topic {id: 'y'}))",
        "MATCH (t:Topic) CALL (t) { SET t.x = 1 } IN TRANSACTIONS RETURN 1",
        "CREATE INDEX evil IF NOT EXISTS FOR (n:Topic) ON (n.evil)",
        "ALTER CURRENT USER SET PASSWORD FROM 'x' TO 'yyyyyyyyyy'",
        "CREATE DATABASE evil",
        "LOAD CSV FROM 'file:///rows.csv' AS row RETURN row",  # files on the server
        "LOAD CSV FROM 'http://127.0.0.1:1/' AS row RETURN row",  # the server's network
        "CALL dbms.components()",
        "SHOW TRANSACTIONS",
        "SHOW SETTINGS YIELD name, value RETURN name, value",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    ],
)
@NEO4J_LOADED
def test_cypher_refuses_what_is_not_a_read_of_the_graph(cypher_client, query):
    client, store = cypher_client
    before = store.counts(), store.query("SHOW INDEXES YIELD name RETURN name ORDER BY name").rows
    response = client.post("/cypher", json={"query": query})
    assert response.status_code in (400, 403), response.text
    assert (store.counts(), store.query("SHOW INDEXES YIELD name RETURN name ORDER BY name").rows) == before


@pytest.mark.parametrize(
    "query",
    [
        "CYPHER 5 SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery",
        "CYPHER 5 SHOW SETTINGS YIELD name, value RETURN name, value",
        "CYPHER 5 TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "EXPLAIN SHOW USERS",
    ],
)
@NEO4J_LOADED
def test_cypher_refuses_server_commands_behind_a_prefix(cypher_client, query):
    """Found on the live server with the first guard (which looked at the start of the query only)."""
    client, _ = cypher_client
    assert client.post("/cypher", json={"query": query}).status_code in (400, 403)


@NEO4J_LOADED
def test_the_read_transaction_refuses_writes_even_without_the_guard(cypher_client, monkeypatch):
    """The second wall: with the guard out of the way, Neo4j's READ transaction still refuses the write."""
    import cypher.neo4j_store
    from ontology.errors import WriteRefused

    _, store = cypher_client
    before = store.counts()
    monkeypatch.setattr(cypher.neo4j_store, "check_read_query", lambda query, dialect: None)
    with pytest.raises(WriteRefused):
        store.query_read_only("MATCH (t:Topic) SET t.label_en = 'x' RETURN t", timeout_ms=5000, max_rows=10)
    assert store.counts() == before


@NEO4J_LOADED
def test_cypher_admits_the_allow_listed_schema_procedures(cypher_client):
    client, _ = cypher_client
    answer = client.post("/cypher", json={"query": "call db.labels() yield label return label"})
    assert answer.status_code == 200 and ["Locality"] in answer.json()["rows"]


# -- the named queries give the same answers on both engines -----------------------------------------------------


@pytest.fixture(scope="module")
def seeds_embedded(tmp_path_factory):
    with open_store(store_url_for("ladybug", tmp_path_factory.mktemp("seeds"))) as store:
        load_paths([SEEDS], store)
        yield store


def _comparable(value):
    """Lists from collect() come in no set order on either engine, nor do a map's keys: compared sorted."""
    if isinstance(value, list):
        return sorted(map(repr, map(_comparable, value)))
    if isinstance(value, dict):
        return {k: _comparable(value[k]) for k in sorted(value)}
    return value


QUERY_NAMES = sorted(p.stem for p in (PROJECT / "cypher" / "queries").glob("*.cypher") if "." not in p.stem)


@NEO4J_LOADED
@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_named_query_answers_alike_on_both_engines(loaded, seeds_embedded, name):
    """Each query's Neo4j text (its variant, if it has one) against the shared text on LadybugDB, on the
    seed corpus with the header's example parameters."""
    from cypher.named_queries import library, run_named

    store, _ = loaded
    real = store.query("MATCH (n:Notice) WHERE n.kind = 'measures_notice' RETURN n.id ORDER BY n.id LIMIT 1").rows[0][0]
    params = {k: v.replace("n0123456789ab", real) for k, v in library()[name].example_params().items()}
    answers = [run_named(s, name, params) for s in (seeds_embedded, store)]
    assert answers[0].columns == answers[1].columns
    embedded, neo4j = ([[_comparable(v) for v in row] for row in a.rows] for a in answers)
    assert sorted(map(repr, neo4j)) == sorted(map(repr, embedded))  # the same rows
    if name not in UNORDERED:
        assert neo4j == embedded  # in the same order


# Queries whose rows come in the engine's own order (Neo4j's differs from LadybugDB's, and LadybugDB's varies):
# no ORDER BY after the last RETURN, or a UNION (an ORDER BY orders only its own part). The API does not depend
# on their order.
UNORDERED = {
    name
    for name, query in query_library().items()
    if re.search(r"\bUNION\b", query.text, re.I)
    or not re.search(r"\bORDER\s+BY\b", re.split(r"\bRETURN\b", query.text, flags=re.I)[-1], re.I)
}
