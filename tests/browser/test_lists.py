"""Long lists in the explorer (list.js), in headless Chromium on the seeds: pages of 25 with "N of M", sorting by
a column header, a filter box that says what it filtered from, and a locality's children paged by the API."""

from __future__ import annotations

import httpx
import pytest
from harness import explorer_on, show, wait
from selenium.webdriver.common.by import By


@pytest.fixture(scope="module")
def site(seeds_dir, tmp_path_factory):
    with explorer_on(seeds_dir, tmp_path_factory.mktemp("lists")) as opened:
        yield opened


def rows(driver, table):
    return driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")


def count(driver, table):
    return driver.find_element(By.ID, f"{table}-count").text


def test_award_history_sorts_and_filters(site):
    base, driver = site
    history = httpx.get(f"{base}/localities/500112").json()["award_history"]
    show(driver, "#/locality/500112", "locality")
    total = len(history)
    assert count(driver, "award-table") == f"共 {total} 条，显示 {total} 条"
    # Sorting by year: a click sorts ascending, a second descending, and the header says which.
    years = sorted(a["year"] for a in history)
    sort = driver.find_element(By.XPATH, "//table//th/button[contains(., '年份')]")
    sort.click()
    assert rows(driver, "award-table")[0].find_element(By.TAG_NAME, "td").text == str(years[0])
    driver.find_element(By.XPATH, "//table//th/button[contains(., '年份')]").click()
    assert rows(driver, "award-table")[0].find_element(By.TAG_NAME, "td").text == str(years[-1])
    header = driver.find_element(By.XPATH, "//table//th[button[contains(., '年份')]]")
    assert header.get_attribute("aria-sort") == "descending"
    # The filter keeps rows whose text holds the words, and says what it filtered from.
    word = history[0]["measure_text"][:4]
    expected = sum(word in (a["measure_text"] or "") for a in history)
    driver.find_element(By.ID, "award-table-filter").send_keys(word)
    wait(driver, lambda d: len(rows(d, "award-table")) == expected)
    if expected < total:
        assert count(driver, "award-table").endswith(f"（筛选自 {total} 条）")


def test_children_are_paged_by_the_api(site):
    base, driver = site
    children = httpx.get(f"{base}/localities", params={"parent": "500000", "limit": 1}).json()["total"]
    assert children > 25, "重庆市 has more than a page of districts"
    show(driver, "#/locality/500000", "locality")
    assert count(driver, "children-table") == f"第 1–25 条，共 {children} 条"
    driver.find_element(By.CSS_SELECTOR, "#children-table ~ nav button[data-rel=next]").click()
    wait(driver, lambda d: count(d, "children-table") == f"第 26–{children} 条，共 {children} 条")
    assert len(rows(driver, "children-table")) == children - 25
    # The API filters: a name narrows the list to its matches.
    driver.find_element(By.ID, "children-table-filter").send_keys("渝北")
    wait(driver, lambda d: count(d, "children-table") == "共 1 条，显示 1 条")
    assert rows(driver, "children-table")[0].text.startswith("渝北区")


def test_winners_list_pages_and_sorts(site):
    base, driver = site
    answer = httpx.get(f"{base}/queries/winners", params={"all_topics": "ecology"}).json()
    show(driver, "#/winners?topics=ecology", "winners")
    shown = min(25, answer["count"])
    assert len(rows(driver, "winners-table")) == shown
    driver.find_element(By.XPATH, "//table//th/button[contains(., '获奖次数')]").click()
    most = max(len(loc["evidence"]) for loc in answer["localities"])
    assert rows(driver, "winners-table")[0].find_elements(By.TAG_NAME, "td")[2].text == str(most)
