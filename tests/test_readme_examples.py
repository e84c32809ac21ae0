"""README.md's examples, run as a newcomer runs them after `make run` without a corpus: each answers, non-empty.

The server is started the way the Makefile's `run` recipe starts it when no corpus is given: the sample is
generated into `data/sample` and `ikg serve --load data/sample` serves it, both in a fresh directory (so the
default store `./data/graph` is a new one, and the README's relative paths resolve there), on a free port.
Every `curl` and `ikg` line of the README's ```sh blocks is then run: curl as an HTTP request to that server,
ikg as a subprocess in that directory. An example added to the README that the sample does not answer fails
here; so does one this file does not know how to run (teach it, don't skip it).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
import rdflib
from conftest import PROJECT
from live_server import wait_for_health

README = (PROJECT / "README.md").read_text(encoding="utf-8")
README_BASE = "http://127.0.0.1:8000"
# Sections whose examples need more than `make run` gives, and the tests that run them instead.
NOT_HERE = {"Running on Neo4j": "needs a Neo4j server: tests/test_neo4j_live.py loads, serves and copies on one"}
# ikg commands that need the store to themselves (the README says to stop `make run` first).
WRITERS = {"load", "serve"}


@dataclass(frozen=True)
class Example:
    section: str
    line: str

    def __str__(self) -> str:
        return self.line


def sh_examples(readme: str) -> list[Example]:
    """The `curl …` and `ikg …` lines of the ```sh blocks, with the heading they stand under."""
    found, section, block = [], "", None
    for line in readme.splitlines():
        if block is None and line.startswith("#"):
            section = line.lstrip("#").strip()
        elif line.startswith("```"):
            block = line[3:].strip() if block is None else None
        elif block == "sh" and re.match(r"(curl|\.venv/bin/ikg|ikg) ", line.strip()):
            found.append(Example(section, line.strip()))
    return found


def prose(readme: str) -> str:
    """The README without its code blocks and inline code."""
    return re.sub(r"`[^`]*`", "", re.sub(r"^```.*?^```", "", readme, flags=re.S | re.M))


EXAMPLES = sh_examples(README)
RUN_HERE = [e for e in EXAMPLES if e.section not in NOT_HERE]
SERVING = [e for e in RUN_HERE if e.line.startswith("curl") or shlex.split(e.line)[1] not in WRITERS]
STOPPED = [e for e in RUN_HERE if e not in SERVING]
DEEP_LINKS = re.findall(r"`(/#/[^`]+)`", README)
CYPHER = re.findall(r"`((?:MATCH|OPTIONAL MATCH) [^`]+)`", README)
PAGES = sorted({url.rstrip(".") for url in re.findall(rf"{re.escape(README_BASE)}/[^\s`'\"),]*", prose(README))})


def test_the_readme_examples_are_found():
    """So that extraction cannot quietly find nothing and let every test below pass by running none."""
    assert len(RUN_HERE) >= 12 and len(STOPPED) >= 3
    assert {e.line.split()[0] for e in RUN_HERE} == {"curl", ".venv/bin/ikg"}
    assert len(DEEP_LINKS) >= 2 and CYPHER and f"{README_BASE}/docs" in PAGES


def test_the_server_is_started_as_make_run_starts_it():
    recipe = (PROJECT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "benchmarks/gen_corpus.py --scale sample --out data/sample" in recipe
    assert "ikg serve --load data/sample --host $(HOST) --port $(PORT)" in recipe


# ------------------------------------------------------------------------------------------ the server


@dataclass
class Server:
    directory: Path
    base: str
    process: subprocess.Popen

    def stop(self) -> None:
        """Ctrl-C, as a newcomer stops `make run`: the server ends quietly, with status 0."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            _, stderr = self.process.communicate(timeout=30)
            assert self.process.returncode == 0, stderr
            assert "Traceback" not in stderr, stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment() -> dict[str, str]:
    """The caller's environment without the store and base settings a newcomer does not have."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IKG_", "NEO4J_"))}
    # This checkout's code, wherever the test runs it from (in another git worktree, the installed package is
    # the main checkout's).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH", "")]))
    return {**env, "COLUMNS": "200"}  # rich tables as wide as the README's lines


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("newcomer")
    generate = [sys.executable, str(PROJECT / "benchmarks" / "gen_corpus.py"), "--scale", "sample"]
    subprocess.run([*generate, "--out", "data/sample"], cwd=directory, env=environment(), check=True)
    port = free_port()
    command = [sys.executable, "-m", "api", "serve", "--load", "data/sample", "--host", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=directory,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    running = Server(directory, f"http://127.0.0.1:{port}", process)
    try:
        wait_for_health(running.base, process)
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def stopped(server: Server) -> Server:
    server.stop()
    return server


# ------------------------------------------------------------------------------------------ running examples


def curl(line: str, base: str) -> httpx.Response:
    """curl's options as the README uses them, as one HTTP request to the test's server."""
    words = shlex.split(line, comments=True)
    method, headers, form, url, follow = "GET", {}, [], None, False
    args = iter(words[1:])
    for word in args:
        if word in ("-H", "--header"):
            name, value = next(args).split(":", 1)
            headers[name.strip()] = value.strip()
        elif word == "--data-urlencode":
            name, value = next(args).split("=", 1)
            form.append((name, value))
            method = "POST"
        elif word == "-L":
            follow = True
        elif word == ">":  # the body saved to a file: here it is read instead
            next(args)
        elif word.startswith(README_BASE):
            url = base + word.removeprefix(README_BASE)
        else:
            pytest.fail(f"this test does not know curl's {word!r}: teach curl() in {Path(__file__).name}")
    assert url, f"no {README_BASE} URL in {line!r}"
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return httpx.post(url, headers=headers, content=urlencode(form), timeout=60)
    return httpx.get(url, headers=headers, timeout=60, follow_redirects=follow)


def ikg(line: str, directory: Path, timeout_s: float = 120) -> subprocess.CompletedProcess:
    words = shlex.split(line, comments=True)
    command = [sys.executable, "-m", "api", *words[1:]]
    return subprocess.run(command, cwd=directory, env=environment(), capture_output=True, text=True, timeout=timeout_s)


def assert_answers(answer: httpx.Response) -> None:
    assert answer.status_code == 200, answer.text[:500]
    assert answer.content.strip(), "empty body"
    kind = answer.headers["content-type"].split(";")[0]
    if kind.endswith("json"):
        assert_not_empty(answer.json())
    elif kind in ("text/turtle", "application/n-triples"):
        graph = rdflib.Graph().parse(data=answer.text, format="turtle" if kind == "text/turtle" else "nt")
        assert len(graph) > 0


def assert_not_empty(body) -> None:
    """No answer of the README's examples is an empty list, a zero count or SPARQL's empty bindings."""
    assert body not in ({}, [], None)
    if isinstance(body, dict):
        for key in ("count", "total"):
            assert body.get(key, 1) != 0, body
        for key in ("items", "rows", "localities"):
            assert body.get(key, [1]) != [], body
        if "results" in body and isinstance(body["results"], dict):
            assert body["results"].get("bindings"), body


def assert_ikg_answers(line: str, run: subprocess.CompletedProcess, directory: Path) -> None:
    assert run.returncode == 0, run.stdout + run.stderr
    words = shlex.split(line, comments=True)
    if "--out" in words:
        written = directory / words[words.index("--out") + 1]
        assert written.is_file() and written.stat().st_size > 0
        return
    assert run.stdout.strip(), f"no output; stderr: {run.stderr}"
    if "--format" in words and words[words.index("--format") + 1] == "json":
        body = json.loads(run.stdout)
        assert_not_empty(body)
        if isinstance(body, dict) and "summary" in body:  # ikg load
            assert body["summary"]["failed"] == 0 and not body["errors"], body
    elif "┏" in run.stdout:  # rich tables: at least one row under the header
        assert re.search(r"^│", run.stdout, re.M), run.stdout


# ------------------------------------------------------------------------------------------ the tests


@pytest.mark.parametrize("example", SERVING, ids=str)
def test_example_answers_while_serving(example: Example, server: Server):
    if example.line.startswith("curl"):
        assert_answers(curl(example.line, server.base))
    else:
        assert_ikg_answers(example.line, ikg(example.line, server.directory), server.directory)


@pytest.mark.parametrize("link", DEEP_LINKS)
def test_explorer_deep_link_has_something_to_show(link: str, server: Server):
    """What the explorer fetches for the view (api/explorer/js/views/)."""
    page = httpx.get(f"{server.base}/", timeout=30)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    route = urlsplit(link.removeprefix("/#"))
    params = {k: v[0] for k, v in parse_qs(route.query).items()}
    kind, _, ident = route.path.strip("/").partition("/")
    if kind == "locality":
        profile = httpx.get(f"{server.base}/localities/{ident}", timeout=30)
        assert profile.status_code == 200 and profile.json()["award_history"], profile.text[:500]
    elif kind == "winners":
        params["all_topics"] = params.pop("topics")
        assert_answers(httpx.get(f"{server.base}/queries/winners", params=params, timeout=30))
    elif kind == "map":  # the years with awards, then the places awarded in the chosen (else the last) one
        years = httpx.get(f"{server.base}/queries/awards_by_year", timeout=30)
        assert_answers(years)
        year = params.get("year", years.json()["rows"][-1]["year"])
        ranked = {"year_from": year, "year_to": year, "limit": 10000}
        assert_answers(httpx.get(f"{server.base}/queries/localities_ranked", params=ranked, timeout=30))
    else:
        pytest.fail(f"no check for the explorer's {kind!r} view: teach {Path(__file__).name}")


@pytest.mark.parametrize("query", CYPHER)
def test_cypher_example_has_rows(query: str, server: Server):
    answer = httpx.post(f"{server.base}/cypher", json={"query": query}, timeout=60)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.json()["rows"], answer.text[:500]


@pytest.mark.parametrize("url", PAGES)
def test_page_named_in_the_prose_opens(url: str, server: Server):
    answer = httpx.get(server.base + url.removeprefix(README_BASE), timeout=30)
    assert answer.status_code == 200 and answer.content.strip()


def test_winners_answer_is_the_one_the_readme_shows(server: Server):
    """The first question's answer: the README's JSON (its count and the localities it shows), 2020 evidence
    under both topics for each."""
    shown = json.loads(re.search(r"```json\n(.*?)```", README, re.S).group(1))
    question = next(e.line for e in EXAMPLES if "/queries/winners" in e.line)
    answer = curl(question, server.base).json()
    assert answer["count"] == shown["count"] and answer["topics"] == shown["topics"]
    places = {place["id"]: place for place in answer["localities"]}
    assert {place["id"] for place in shown["localities"]} <= set(places)
    for place in places.values():
        assert {e["topic"] for e in place["evidence"]} == set(shown["topics"])
        assert {e["year"] for e in place["evidence"]} == {2020}
    question_section = README.split("## Ask a question")[1].split("\n## ")[0].split("```json")[0]
    assert all(place["name"] in question_section for place in places.values())


def test_sample_is_marked_as_sample_data(server: Server):
    notices = httpx.get(f"{server.base}/notices", timeout=30).json()["items"]
    assert notices and all("示例数据" in n["title"] for n in notices)


@pytest.mark.parametrize("example", STOPPED, ids=str)
def test_example_answers_once_make_run_is_stopped(example: Example, stopped: Server):
    words = shlex.split(example.line, comments=True)
    if words[1] != "serve":
        assert_ikg_answers(example.line, ikg(example.line, stopped.directory), stopped.directory)
        return
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "api", *words[1:], "--port", str(port)],
        cwd=stopped.directory,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process)
        assert_answers(httpx.get(f"http://127.0.0.1:{port}/notices", timeout=30))
        Server(stopped.directory, "", process).stop()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
