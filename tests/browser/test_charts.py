"""Charts on profiles, in headless Chromium on the seeds: a locality's awards per year with every year between the
first and the last (empty years show 0), its award money per year when amounts are known, and a topic's winning
localities per year, each bar a link."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from harness import explorer_on, show
from selenium.webdriver.common.by import By


@pytest.fixture(scope="module")
def site(seeds_dir, tmp_path_factory):
    with explorer_on(seeds_dir, tmp_path_factory.mktemp("charts")) as opened:
        yield opened


def bars(driver, chart):
    """{year: text} from a chart's links' accessible names ("2020: 3")."""
    links = chart.find_elements(By.CSS_SELECTOR, "a")
    return dict(a.get_attribute("aria-label").split(": ") for a in links)


def test_locality_awards_per_year_show_every_year(site):
    base, driver = site
    place = httpx.get(f"{base}/localities/500112").json()
    counts = Counter(a["year"] for a in place["award_history"])
    show(driver, "#/locality/500112", "locality")
    chart = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=by-year] figure.chart")
    shown = bars(driver, chart)
    years = range(min(counts), max(counts) + 1)
    assert shown == {str(y): str(counts.get(y, 0)) for y in years}
    money = [a["amount_yuan"] for a in place["award_history"] if a["amount_yuan"]]
    charts = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=by-year] figure.chart")
    assert len(charts) == (2 if money else 1)


def test_a_years_with_gaps_chart_draws_zero_bars(site):
    """The chart itself, given counts for 2018 and 2021: 2019 and 2020 are drawn as 0."""
    base, driver = site
    labels = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "import('/explorer/js/views/common.js').then(({ yearChart }) => {"
        "  const chart = yearChart(new Map([[2018, 2], [2021, 5]]), '', (y) => `#/x?year=${y}`);"
        "  done([...chart.querySelectorAll('a')].map(a => a.getAttribute('aria-label')));"
        "});"
    )
    assert labels == ["2018: 2", "2019: 0", "2020: 0", "2021: 5"]


def test_topic_winners_per_year(site):
    base, driver = site
    answer = httpx.get(f"{base}/queries/winners", params={"all_topics": "ecology"}).json()
    per_year = Counter(y for loc in answer["localities"] for y in {e["year"] for e in loc["evidence"]})
    show(driver, "#/topic/ecology", "topic")
    chart = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=winners-by-year] figure.chart")
    shown = bars(driver, chart)
    assert {y: n for y, n in shown.items() if n != "0"} == {str(y): str(n) for y, n in per_year.items()}
    first = chart.find_element(By.CSS_SELECTOR, "a")
    assert "#/winners?topics=ecology&year_from=" in first.get_dom_attribute("href")
    assert f"共 {answer['count']} 条" in driver.find_element(By.ID, "topic-winners-count").text
