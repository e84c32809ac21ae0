"""The map and the timelines, in headless Chromium on the seeds: one dot per awarded locality with a centroid in the
chosen year, coloured by the chosen value, the places without a point said and listed; a locality's timeline by
topic; a notice's place on its issuer's timeline; a measure's history and a department's awards by year."""

from __future__ import annotations

import json
import os

import httpx
import pytest
from harness import PROJECT, explorer_on, show
from selenium.webdriver.common.by import By

CENTROIDS = PROJECT / "api" / "explorer" / "vendor" / "centroids.json"


@pytest.fixture(scope="module")
def site(seeds_dir, tmp_path_factory):
    if not CENTROIDS.is_file():
        reason = f"{CENTROIDS} is missing: run make vendor"
        if os.environ.get("IKG_REQUIRE_BROWSER") == "1":  # CI: the map must be tested there
            pytest.fail(reason)
        pytest.skip(reason)
    with explorer_on(seeds_dir, tmp_path_factory.mktemp("map")) as opened:
        yield opened


def ranked(base, **params):
    answer = httpx.get(f"{base}/queries/localities_ranked", params={"limit": 10000, **params}, timeout=60).json()
    return answer["rows"]


def test_map_draws_a_dot_per_awarded_place_of_the_year(site):
    base, driver = site
    points = json.loads(CENTROIDS.read_text(encoding="utf-8"))
    years = [r["year"] for r in httpx.get(f"{base}/queries/awards_by_year").json()["rows"]]
    for year in years:
        show(driver, f"#/map?year={year}", "map")
        rows = ranked(base, year_from=year, year_to=year)
        drawn = [a.get_attribute("data-id") for a in driver.find_elements(By.CSS_SELECTOR, ".map-svg a[data-id]")]
        assert sorted(drawn) == sorted(r["id"] for r in rows if r["id"] in points)
        assert driver.find_element(By.ID, "map-year").get_attribute("value") == str(year)
        unplaced = [r for r in rows if r["id"] not in points]
        notes = driver.find_elements(By.XPATH, "//p[contains(., '没有坐标')]")
        assert bool(notes) == bool(unplaced)
        assert driver.find_element(By.ID, "map-places-count").text.endswith(f"共 {len(rows)} 条")


def test_map_colours_by_money_darker_for_more(site):
    base, driver = site
    year = httpx.get(f"{base}/queries/awards_by_year").json()["rows"][-1]["year"]
    show(driver, f"#/map?year={year}&by=amount&level=prefecture", "map")
    rows = {r["id"]: r["amount_yuan"] for r in ranked(base, year_from=year, year_to=year, level="prefecture")}
    fills = {
        a.get_attribute("data-id"): a.find_element(By.TAG_NAME, "circle").get_attribute("fill")
        for a in driver.find_elements(By.CSS_SELECTOR, ".map-svg a[data-id]")
    }
    assert fills and set(fills) <= set(rows)
    steps = ["#fdd49e", "#fdbb84", "#fc8d59", "#d7301f", "#7f0000"]  # light to dark, as views/map.js
    by_value = sorted(fills, key=lambda place: rows[place])
    shades = [steps.index(fills[place]) for place in by_value]
    assert shades == sorted(shades)  # never lighter for more money
    assert len(set(shades)) > 1 or len({rows[p] for p in fills}) == 1


def test_locality_timeline_by_topic(site):
    base, driver = site
    place = httpx.get(f"{base}/localities/500112").json()
    topic = place["award_history"][0]["topics"][0]
    show(driver, f"#/locality/500112?topic={topic}", "locality")
    chart = driver.find_element(By.CSS_SELECTOR, "#by-year ~ .chart")
    bars = dict(a.get_attribute("aria-label").split(": ") for a in chart.find_elements(By.CSS_SELECTOR, "a"))
    expected = {}
    for award in place["award_history"]:
        expected.setdefault(str(award["year"]), 0)
        expected[str(award["year"])] += topic in award["topics"]
    assert {y: int(n) for y, n in bars.items()} == expected  # every year of the place, this topic's counts


def test_notice_on_its_issuers_timeline(site):
    base, driver = site
    notices = httpx.get(f"{base}/notices", params={"limit": 500}).json()["items"]
    notice = notices[0]
    show(driver, f"#/notice/{notice['id']}", "notice")
    lineage = httpx.get(f"{base}/queries/notice_lineage", params={"id": notice["id"]}).json()["rows"]
    same = {n["id"] for n in notices if n["issuer"] == notice["issuer"] and (n["date"] or n["work_year"])}
    same |= {r["id"] for r in lineage if r["loaded"] and r["date"]}
    assert len(driver.find_elements(By.CSS_SELECTOR, ".timeline circle")) == len(same)
    assert len(driver.find_elements(By.CSS_SELECTOR, "#lineage li")) == len(lineage)
    assert len(driver.find_elements(By.CSS_SELECTOR, ".timeline circle.current")) == 1
    assert notice["issuer"] in driver.find_element(By.ID, "timeline-title").text


def test_measure_and_department_say_when_nothing_is_linked(site):
    """The seeds hold no award notice linked to its measures notice: both pages say so instead of an empty chart."""
    base, driver = site
    notice = httpx.get(f"{base}/notices", params={"kind": "measures_notice", "limit": 1}).json()["items"][0]
    measure = httpx.get(f"{base}/notices/{notice['id']}").json()["measure_list"][0]["id"]
    show(driver, f"#/measure/{measure}", "measure")
    assert "还没有激励通报中的奖项与此措施关联" in driver.find_element(By.TAG_NAME, "main").text
    department = httpx.get(f"{base}/departments", params={"limit": 1}).json()["items"][0]["id"]
    show(driver, f"#/department/{department}", "department")
    assert "还没有通过其牵头措施获奖的记录" in driver.find_element(By.TAG_NAME, "main").text
