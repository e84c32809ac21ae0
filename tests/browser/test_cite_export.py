"""Cite and export, in headless Chromium on the seeds: every entity page ends with a "cite" card (a citation with
the document number, issuer and date, the permalink, the Linked Data URI and links to its RDF, which the server
answers), and every list downloads as CSV and JSON holding what the list holds."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from harness import explorer_on, show, wait
from selenium.webdriver.common.by import By


@pytest.fixture(scope="module")
def site(seeds_dir, tmp_path_factory):
    with explorer_on(seeds_dir, tmp_path_factory.mktemp("cite")) as opened:
        yield opened


# Click a download link without downloading (the page's own handler makes the file first), then read the file.
DOWNLOAD_JS = """
const done = arguments[arguments.length - 1];
const a = document.getElementById(arguments[0]);
a.addEventListener('click', e => e.preventDefault(), { once: true });
a.click();
fetch(a.href).then(r => r.text()).then(text => done([a.getAttribute('download'), text]));
"""


def test_a_notice_page_cites_it_and_links_its_rdf(site):
    base, driver = site
    notice = next(n for n in httpx.get(f"{base}/notices", params={"limit": 100}).json()["items"] if n["doc_number"])
    detail = httpx.get(f"{base}/notices/{notice['id']}").json()
    show(driver, f"#/notice/{notice['id']}", "notice")
    text = driver.find_element(By.ID, "cite-text").text
    assert detail["doc_number"] in text and f"/id/notice/{notice['id']}" in text
    assert all(part in text for part in (detail["issuer"], detail["date"]) if part)
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#cite-rdf a")]
    assert any(href.endswith(f"/doc/notice/{notice['id']}/data.ttl") for href in links)
    assert any(f"/export?notice={notice['id']}" in href for href in links)
    assert any(href.endswith("/catalog") for href in links)
    for href in links:
        response = httpx.get(href, timeout=60)
        assert response.status_code == 200, href
    driver.find_element(By.ID, "cite-copy").click()  # copied, or (no clipboard) the citation selected to copy
    wait(
        driver,
        lambda d: (
            d.find_element(By.ID, "cite-copy").text == "已复制"
            or d.execute_script("return String(getSelection())") == text
        ),
    )


@pytest.mark.parametrize(
    "hash_, ready",
    [("#/locality/500112", "locality"), ("#/topic/ecology", "topic"), ("#/department/{department}", "department")],
)
def test_every_entity_page_has_a_cite_card(site, hash_, ready):
    base, driver = site
    department = httpx.get(f"{base}/departments", params={"limit": 1}).json()["items"][0]["id"]
    show(driver, hash_.format(department=department), ready)
    text = driver.find_element(By.ID, "cite-text").text
    assert "/id/" in text and "访问日期" in text
    assert driver.find_elements(By.CSS_SELECTOR, "#cite-rdf a[href$='/data.jsonld']")


def test_a_list_downloads_as_csv_and_json_as_filtered(site):
    base, driver = site
    history = httpx.get(f"{base}/localities/500112").json()["award_history"]
    show(driver, "#/locality/500112", "locality")
    name, text = driver.execute_async_script(DOWNLOAD_JS, "award-table-csv")
    assert name == "award-table.csv"
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0][:2] == ["年份", "措施"] and len(table) == 1 + len(history)
    word = history[0]["measure_text"][:4]
    driver.find_element(By.ID, "award-table-filter").send_keys(word)
    expected = [a for a in history if word in (a["measure_text"] or "")]
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#award-table tbody tr")) == len(expected))
    name, text = driver.execute_async_script(DOWNLOAD_JS, "award-table-json")
    assert name == "award-table.json"
    assert sorted(a["award"] for a in json.loads(text)) == sorted(a["award"] for a in expected)
