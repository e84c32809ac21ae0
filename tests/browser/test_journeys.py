"""Three people's walks through the explorer, on the seed corpus and on a generated national-shaped corpus
(benchmarks/gen_corpus.py --scale 0.1), in headless Chromium:

- a journalist finds a place by name, reads its awards by year, opens the source sentence of one, then finds places
  on the map, moves the year slider and clicks a dot through to its profile;
- a policy analyst asks who won under two topics, narrows a winner's timeline to one topic, follows a notice's
  lineage along the issuer's timeline, reads a measure's history and its winners, and a department's awards;
- a data person runs a named query in the console, downloads a list as CSV and follows the cite card's links.

Every page on the way is checked as the view tests check them: no "[object", stray null, raw id, nothing wider
than a 390 px phone, no serious axe-core violation. Screenshots go to
tests/browser/screenshots/<corpus>/ (git-ignored)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import httpx
import pytest
from harness import explorer_on, explorer_on_generated, ready_view, wait
from page_checks import AXE_RUN_JS, OVERFLOW_JS, RAW_ID_JS, STRAY_TEXT_JS, axe_source
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

SHOTS = Path(__file__).resolve().parent / "screenshots"
pytestmark = pytest.mark.slow  # each walk loads pages for a minute; the generated corpus takes minutes to load


@pytest.fixture(scope="module")
def seeds_site(seeds_dir, tmp_path_factory):
    with explorer_on(seeds_dir, tmp_path_factory.mktemp("journeys")) as site:
        yield site


@pytest.fixture(scope="module")
def generated_site():
    with explorer_on_generated() as site:
        yield site


@pytest.fixture(params=["seeds", "generated"])
def walk(request):
    base, driver = request.getfixturevalue("seeds_site" if request.param == "seeds" else "generated_site")
    driver.set_window_size(1400, 1000)
    return Journey(base, driver, request.param)


class Journey:
    """A browser session that checks every page it reaches and remembers them for the phone and axe checks."""

    def __init__(self, base: str, driver, corpus: str):
        self.base, self.driver, self.corpus = base, driver, corpus
        self.visited: list[tuple[str, str]] = []
        self.problems: list[str] = []
        self.shots = SHOTS / corpus
        self.shots.mkdir(parents=True, exist_ok=True)

    def api(self, path: str, **params):
        return httpx.get(self.base + path, params=params, timeout=120).json()

    def arrived(self, view: str, timeout: float = 60) -> None:
        """Wait until the explorer has drawn `view`, then check the page as it is."""
        wait(self.driver, lambda d: ready_view(d) == view, timeout)
        hash_ = self.driver.execute_script("return location.hash")
        self.visited.append((hash_, view))
        for script in (STRAY_TEXT_JS, RAW_ID_JS):
            self.problems += [f"{hash_}: {p}" for p in self.driver.execute_script(script)]

    def go(self, hash_: str, view: str) -> None:
        self.driver.execute_script("document.body.dataset.ready = ''; location.hash = arguments[0];", hash_)
        self.arrived(view)

    def click(self, element, view: str) -> None:
        """A click that moves to another view (or the same view with other parameters)."""
        self.driver.execute_script(
            "document.body.dataset.ready = ''; arguments[0].scrollIntoView({block: 'center'});", element
        )
        element.click()
        self.arrived(view)

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def shot(self, name: str) -> None:
        self.driver.save_screenshot(str(self.shots / f"{name}.png"))

    def check_visited(self) -> None:
        """Every page of the walk again on a phone-wide window, then under axe-core."""
        source = axe_source()
        self.driver.set_script_timeout(120)
        pages = list(dict.fromkeys(self.visited))
        self.driver.set_window_size(390, 844)
        try:
            for hash_, view in pages:
                self.go_quietly(hash_, view)
                self.problems += [f"390px {hash_}: {p}" for p in self.driver.execute_script(OVERFLOW_JS)]
        finally:
            self.driver.set_window_size(1400, 1000)
        for hash_, view in pages:
            self.go_quietly(hash_, view)
            self.problems += [f"axe {hash_}: {p}" for p in self.driver.execute_async_script(AXE_RUN_JS, source)]
        assert self.problems == []

    def go_quietly(self, hash_: str, view: str) -> None:
        self.driver.execute_script(
            "document.body.dataset.ready = '';"
            "if (location.hash === arguments[0]) window.dispatchEvent(new HashChangeEvent('hashchange'));"
            "else location.hash = arguments[0];",
            hash_,
        )
        wait(self.driver, lambda d: ready_view(d) == view, 60)


def test_journalist(walk):
    j = walk
    place = j.api("/queries/localities_ranked", level="county", limit=1)["rows"][0]
    # Search the place by name and pick it from the suggestions.
    j.go("#/", "home")
    box = j.find("#search-input")
    box.send_keys(place["name"])
    option = wait(
        j.driver, EC.element_to_be_clickable((By.CSS_SELECTOR, f"#search-list [data-href='#/locality/{place['id']}']"))
    )
    j.click(option, "locality")
    assert j.find("main h1").text == place["name"]
    j.shot("locality")
    # One year of its awards: the list says how many, and each row leads to its source sentence.
    bar = j.finds(".chart a")[-1]
    year = re.search(r"\d{4}", bar.get_attribute("aria-label")).group()
    awards_that_year = sum(1 for a in j.api(f"/localities/{place['id']}")["award_history"] if str(a["year"]) == year)
    j.click(bar, "locality")
    assert year in j.find("#award-count").text and str(awards_that_year) in j.find("#award-count").text
    j.click(j.find("#award-table a[href^='#/source/']"), "source")
    assert j.find("mark#span").text.strip()
    j.shot("source")
    # The map: as many dots as placed localities, the slider changes the year, a dot opens its profile.
    j.go("#/map", "map")
    years = [r["year"] for r in j.api("/queries/awards_by_year")["rows"]]
    ranked = j.api("/queries/localities_ranked", year_from=years[-1], year_to=years[-1], limit=10000)["rows"]
    dots = j.finds(".map-svg a[data-id]")
    assert 0 < len(dots) <= len(ranked)
    assert {d.get_attribute("data-id") for d in dots} <= {r["id"] for r in ranked}
    j.shot("map")
    j.driver.execute_script("document.body.dataset.ready = '';")
    j.driver.execute_script(
        "const s = document.getElementById('map-year'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
        years[0],
    )
    j.arrived("map")
    assert f"year={years[0]}" in j.driver.current_url and j.find("#map-year-shown").text == str(years[0])
    dot = j.finds(".map-svg a[data-id]")[-1]  # drawn last: on top of the others
    target = dot.get_attribute("data-id")
    j.click(dot.find_element(By.TAG_NAME, "circle"), "locality")
    assert j.driver.current_url.endswith(f"#/locality/{target}")
    j.check_visited()


def test_policy_analyst(walk):
    j = walk
    both = "ecology,investment"
    answer = j.api("/queries/winners", all_topics=both)
    j.go(f"#/winners?topics={both}", "winners")
    assert str(answer["count"]) in j.find("#winners-count").text
    j.shot("winners")
    # A winner's timeline narrowed to one topic: the chart counts only that topic's awards.
    j.click(j.find("#winners-table tbody a[href^='#/locality/']"), "locality")
    picker = j.finds("#timeline-topic")
    if picker:
        choice = picker[0].find_elements(By.TAG_NAME, "option")[1].get_attribute("value")
        j.driver.execute_script("document.body.dataset.ready = '';")
        picker[0].send_keys(Keys.DOWN)  # the first topic after "all topics"
        j.arrived("locality")
        assert f"topic={choice}" in j.driver.current_url
    # A measures notice with the issuer's earlier notice: the timeline marks it, the lineage links it.
    notices = j.api("/notices", kind="measures_notice", limit=200)["items"]
    lineages = {n["id"]: j.api("/queries/notice_lineage", id=n["id"])["rows"] for n in notices[:40]}
    notice = next(
        (n for n in notices if any(r["relation"] == "previous" for r in lineages.get(n["id"], []))), notices[0]
    )
    lineage = lineages[notice["id"]]
    j.go(f"#/notice/{notice['id']}", "notice")
    assert len(j.finds(".timeline circle.current")) == 1
    assert len(j.finds("#lineage li")) == len(lineage)
    previous = [r for r in lineage if r["relation"] == "previous"]
    if previous:
        j.click(j.find(f"#lineage a[href='#/notice/{previous[0]['id']}']"), "notice")
    # A measure's history across the issuer's notices and its winners through IMPLEMENTS.
    measure = j.api(f"/notices/{notice['id']}")["measure_list"][0]["id"]
    history = j.api("/queries/measure_history", id=measure)["rows"]
    winners = j.api("/queries/measure_winners", id=measure, limit=10000)["rows"]
    j.go(f"#/measure/{measure}", "measure")
    assert len(j.finds("ol.history li")) == (len(history) if len(history) > 1 else 0)
    if winners:
        assert j.find("#implemented-table-count").text.startswith(f"共 {len(winners)} 条")
    j.shot("measure")
    # The department leading the most awarded measures (or any): its awards by year.
    ranked = j.api("/queries/departments_by_awards", limit=1)["rows"]
    department = ranked[0]["id"] if ranked else j.api("/departments", limit=1)["items"][0]["id"]
    j.go(f"#/department/{department}", "department")
    assert bool(j.finds("#dept-years ~ .chart")) == bool(ranked)
    j.check_visited()


def test_data_person(walk):
    j = walk
    # A named query in the console, run as it is.
    j.go("#/console?name=localities_ranked", "console")
    j.find("#console-run").click()
    count = wait(j.driver, EC.visibility_of_element_located((By.ID, "console-count")), 60)
    params = json.loads(j.find("#params").get_attribute("value") or "{}")  # the example's parameters
    expected = j.api("/queries/localities_ranked", **params)["count"]
    assert str(expected) in count.text
    # A list downloaded as CSV holds every row of the list (all pages), with its header.
    place = j.api("/queries/localities_ranked", limit=1)["rows"][0]["id"]
    j.go(f"#/locality/{place}", "locality")
    link = j.find("#award-table-csv")
    link.click()
    text = j.driver.execute_async_script(
        "const done = arguments[1]; fetch(arguments[0].href).then(r => r.text()).then(done);", link
    )
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1 + len(j.api(f"/localities/{place}")["award_history"])
    # The cite card: the permalink is this page, its RDF and the catalogue answer.
    assert j.find("#cite-title")
    permalink = j.driver.find_element(By.XPATH, "//dt[text()='本页链接']/following-sibling::dd[1]/a")
    assert permalink.get_attribute("href") == j.driver.current_url
    for a in j.finds("#cite-rdf a")[:1] + [j.find("#cite-rdf a[href='/catalog']")]:
        assert httpx.get(a.get_attribute("href"), timeout=60).status_code == 200
    j.shot("cite")
    j.check_visited()
