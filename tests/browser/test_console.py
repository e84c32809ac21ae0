"""The Cypher console's side panels, in headless Chromium on the seeds: the schema (every node kind and
relationship type with its count in the graph), the history of queries run (newest first, each a link that runs
it again) and the result's CSV export (every row, nodes as JSON)."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from harness import explorer_on, ready_view, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from ontology.model import NODE_KINDS, RELATIONSHIPS


@pytest.fixture(scope="module")
def site(seeds_dir, tmp_path_factory):
    with explorer_on(seeds_dir, tmp_path_factory.mktemp("console")) as opened:
        yield opened


def open_console(driver) -> None:
    """The console drawn anew (also when it is the current view)."""
    driver.execute_script(
        "document.body.dataset.ready = '';"
        "if (location.hash === '#/console') window.dispatchEvent(new HashChangeEvent('hashchange'));"
        "else location.hash = '#/console';"
    )
    wait(driver, lambda d: ready_view(d) == "console")


def run(driver, query: str) -> None:
    box = driver.find_element(By.ID, "cypher")
    box.clear()
    box.send_keys(query)
    driver.execute_script("document.getElementById('console-result').replaceChildren();")
    driver.find_element(By.ID, "console-run").click()
    wait(driver, EC.visibility_of_element_located((By.ID, "console-count")))


def test_schema_lists_kinds_and_types_with_their_counts(site):
    base, driver = site
    health = httpx.get(f"{base}/health").json()
    open_console(driver)
    items = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#console-schema li")]
    assert len(items) == len(NODE_KINDS) + len(RELATIONSHIPS)
    for kind in NODE_KINDS:
        line = next(i for i in items if i.startswith(f"(:{kind.label})"))
        assert f" {health['nodes'][kind.label]} " in line and kind.key in line
    for rel in RELATIONSHIPS:
        assert any(i.startswith(f"(:{rel.source})-[:{rel.name}]->(:{rel.target})") for i in items)


def test_history_keeps_the_queries_run_newest_first_and_runs_them_again(site):
    base, driver = site
    open_console(driver)
    driver.execute_script("localStorage.removeItem('ikg-console-history');")
    first = "MATCH (t:Topic) RETURN t.id AS id ORDER BY id LIMIT 3"
    second = "MATCH (n:Notice) RETURN n.kind AS kind, count(n) AS notices ORDER BY kind"
    for query in (first, second):
        open_console(driver)
        run(driver, query)
    open_console(driver)
    links = driver.find_elements(By.CSS_SELECTOR, "#console-history li a")
    assert [a.text for a in links[:2]] == [second, first]
    driver.execute_script("document.body.dataset.ready = '';")
    links[1].click()
    wait(driver, lambda d: ready_view(d) == "console")
    assert driver.find_element(By.ID, "cypher").get_attribute("value") == first
    assert driver.find_element(By.ID, "console-count").text == "3 行"


def test_results_export_as_csv_with_every_row(site):
    base, driver = site
    open_console(driver)
    query = (
        "MATCH (l:Locality)-[:RECEIVED]->(a:Award) RETURN l.name AS name, count(a) AS awards, l AS node "
        "ORDER BY awards DESC, name"
    )
    run(driver, query)
    expected = httpx.post(f"{base}/cypher", json={"query": query, "params": {}}).json()
    link = driver.find_element(By.ID, "console-csv")
    link.click()
    text = driver.execute_async_script(
        "const done = arguments[1]; fetch(arguments[0].href).then(r => r.text()).then(done);", link
    )
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["name", "awards", "node"]
    assert len(rows) == 1 + expected["count"]
    assert rows[1][:2] == [expected["rows"][0][0], str(expected["rows"][0][1])]
    assert rows[1][2].startswith("{")  # a node as JSON
