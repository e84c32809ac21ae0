"""The winners view's two questions (awarded under every chosen topic, or under any) and topics in the search box,
in headless Chromium on the seeds."""

from __future__ import annotations

import httpx
import pytest
from graph_page import drawn_ids, settled
from harness import explorer_on, show, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

QUESTION = "topics=ecology,investment&year_from=2020&year_to=2020"


@pytest.fixture(scope="module")
def site(seeds_dir, tmp_path_factory):
    with explorer_on(seeds_dir, tmp_path_factory.mktemp("winners")) as opened:
        yield opened


def names(driver):
    return {a.text for a in driver.find_elements(By.CSS_SELECTOR, "#winners-table tbody tr td:first-child a")}


def test_any_topic_finds_more_than_all_topics(site):
    base, driver = site
    params = {"topics": "ecology,investment", "year_from": 2020, "year_to": 2020}
    both = httpx.get(f"{base}/queries/winners", params={**params, "all_topics": params.pop("topics")}).json()
    either = httpx.get(f"{base}/queries/winners_any_topic", params={"topics": "ecology,investment", **params}).json()
    assert either["count"] > both["count"]

    show(driver, f"#/winners?{QUESTION}", "winners")
    assert driver.find_element(By.CSS_SELECTOR, "input[name=match][value=all]").is_selected()
    assert "黔江区" not in names(driver)  # won under ecology only
    # The form asks the other question: the URL says so, and the list is the any-topic answer.
    driver.find_element(By.CSS_SELECTOR, "input[name=match][value=any]").click()
    driver.execute_script("document.body.dataset.ready = '';")
    driver.find_element(By.CSS_SELECTOR, "#winners-form button[type=submit]").click()
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "winners")
    assert "match=any" in driver.current_url
    assert "任一" in driver.find_element(By.TAG_NAME, "h1").text
    assert names(driver) == {row["name"] for row in either["rows"][:25]}  # the first page, in the API's order
    assert "黔江区" in {row["name"] for row in either["rows"]}
    assert driver.find_element(By.ID, "winners-count").text.startswith(f"{either['count']} 个地区")
    assert not driver.find_elements(By.ID, "winners-csv")  # no evidence rows in this answer; the list's CSV stays
    assert driver.find_element(By.ID, "winners-table-csv")
    driver.find_element(By.XPATH, "//button[text()='在图谱中查看']").click()
    settled(driver, "#winners-results")
    assert {"ecology", "investment"} <= set(drawn_ids(driver, "#winners-results"))


@pytest.mark.parametrize("text", ["生态环境", "ecolog"])
def test_search_suggests_topics(site, text):
    base, driver = site
    show(driver, "#/notices", "notices")
    box = driver.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys(text)
    topic = (By.CSS_SELECTOR, "#search-list [data-href='#/topic/ecology']")
    option = wait(driver, EC.visibility_of_element_located(topic))
    assert "生态环境保护" in option.text
    driver.execute_script("document.body.dataset.ready = '';")
    option.click()
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "topic")
    assert driver.current_url.endswith("#/topic/ecology")
    box.send_keys(Keys.ESCAPE)
