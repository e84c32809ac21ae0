"""Every kind of explorer view on the seed corpus, checked in headless Chromium for the mistakes a person notices at
once: "[object HTMLTableElement]" or a stray "null" on the page, a notice id or a code where a title or a name
exists, a page wider than a 390 px phone, Chinese text without lang="zh" in English mode, serious axe-core
violations. Also the skip link, Back keeping the scroll position, department search by short forms, and errors in
the interface language."""

from __future__ import annotations

import math
import statistics

import httpx
import pytest
from graph_page import blocking, graph_nodes, settled
from harness import ARTIFACTS, chromium, explorer_on_generated, serve
from page_checks import AXE_RUN_JS, LANG_JS, OVERFLOW_JS, RAW_ID_JS, STRAY_TEXT_JS, axe_source
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

WAIT_S = 15


def wait(driver, condition, timeout=WAIT_S):
    return WebDriverWait(driver, timeout).until(condition)


@pytest.fixture(scope="module")
def site(seeds_dir, tmp_path_factory):
    with chromium() as driver, serve(seeds_dir, tmp_path_factory.mktemp("views")) as base:
        driver.get(base + "/")
        wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "home")
        yield base, driver


def show(driver, hash_, ready):
    """Go to a view inside the page (a hash change, as a click does) and wait until it has rendered."""
    driver.execute_script(
        "document.body.dataset.ready = '';"
        "if (location.hash === arguments[0]) window.dispatchEvent(new HashChangeEvent('hashchange'));"  # rendered again
        "else location.hash = arguments[0];",
        hash_,
    )
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == ready)


def views(base: str) -> list[tuple[str, str]]:
    """(hash, view name) for every view type, with ids taken from the API: a notice with a title, one without and
    one compared with an earlier notice, a measure, a department, a locality at each level present, a topic, a
    source span, the graph, winners, console."""
    get = lambda path, **params: httpx.get(base + path, params=params, timeout=30).json()  # noqa: E731
    notices = get("/notices", limit=500)["items"]
    titled = next((n for n in notices if n["title"]), notices[0])
    untitled = next((n for n in notices if not n["title"]), titled)
    jurisdictions = [n["jurisdiction"] for n in notices]
    compared = next(n for n in notices if jurisdictions.count(n["jurisdiction"]) > 1)  # its page shows a diff
    measure = get(f"/notices/{titled['id']}")["measure_list"][0]["id"]
    department = get("/departments", limit=1)["items"][0]["id"]
    places = {}
    for level in ("province", "prefecture", "county", "zone", "base", "township", "village"):
        found = get("/localities", level=level, limit=1)["items"]
        places |= {level: found[0]["id"]} if found else {}
    counties = get("/localities", level="county", limit=100)["items"]
    county = max(counties, key=lambda c: c["awards"])["id"] if counties else "500112"  # its graph has measures
    return [
        ("#/", "home"),
        ("#/notices", "notices"),
        (f"#/notice/{titled['id']}", "notice"),
        (f"#/notice/{untitled['id']}", "notice"),
        (f"#/notice/{compared['id']}", "notice"),
        (f"#/measure/{measure}", "measure"),
        (f"#/department/{department}", "department"),
        *[(f"#/locality/{place}", "locality") for place in places.values()],
        ("#/topic/ecology", "topic"),
        (f"#/source/{untitled['id']}", "source"),
        (f"#/graph/locality/{county}", "graph"),
        ("#/winners?topics=ecology,investment&year_from=2020&year_to=2020", "winners"),
        ("#/winners?topics=ecology,investment&year_from=2020&year_to=2020&match=any", "winners"),
        ("#/console?name=localities_ranked", "console"),
        ("#/map", "map"),
        ("#/map?by=amount&level=county", "map"),
    ]


def run_checks(driver, *scripts):
    return [problem for script in scripts for problem in driver.execute_script(script)]


def test_every_view_is_free_of_stray_text_and_raw_ids(site):
    base, driver = site
    driver.set_window_size(1400, 1000)
    problems = []
    for hash_, ready in views(base):
        show(driver, hash_, ready)
        if ready == "graph":  # the side panel's selected-node card
            driver.find_element(By.CSS_SELECTOR, ".node-list button[data-kind=Measure]").click()
            wait(driver, EC.presence_of_element_located((By.ID, "selected-node")))
        problems += [f"{hash_}: {p}" for p in run_checks(driver, STRAY_TEXT_JS, RAW_ID_JS)]
    assert problems == []


def test_every_view_fits_a_phone(site):
    base, driver = site
    driver.set_window_size(390, 844)
    try:
        problems = []
        for hash_, ready in views(base):
            show(driver, hash_, ready)
            problems += [f"{hash_}: {p}" for p in run_checks(driver, OVERFLOW_JS)]
    finally:
        driver.set_window_size(1400, 1000)
    assert problems == []


def test_chinese_text_is_marked_in_english_mode(site):
    base, driver = site
    driver.execute_script("localStorage.setItem('ikg-lang', 'en');")
    driver.refresh()
    try:
        problems = []
        for hash_, ready in views(base):
            show(driver, hash_, ready)
            problems += [f"{hash_}: {p}" for p in run_checks(driver, LANG_JS)]
    finally:
        driver.execute_script("localStorage.setItem('ikg-lang', 'zh');")
        driver.refresh()
        wait(driver, EC.text_to_be_present_in_element((By.CSS_SELECTOR, "nav"), "通知"))
    assert problems == []


def test_the_checks_find_what_they_look_for(site):
    """Each check reports a planted mistake, so a green run means the pages are clean, not that the checks are blind."""
    base, driver = site
    show(driver, "#/notices", "notices")
    driver.execute_script(
        "const main = document.querySelector('main');"
        "main.append([document.createElement('p'), document.createElement('table')], null);"
        "const a = document.createElement('a'); a.href = '#/locality/500000'; a.textContent = '500000'; main.append(a);"
        "const p = document.createElement('p'); p.textContent = '通知 n2186625d9211'; main.append(p);"
        "const wide = document.createElement('div'); wide.style.cssText = 'width:2000px;height:9px'; main.append(wide);"
    )
    stray, raw, overflow = (driver.execute_script(js) for js in (STRAY_TEXT_JS, RAW_ID_JS, OVERFLOW_JS))
    assert any("[object" in p for p in stray) and any("null" in p for p in stray)
    assert any("500000" in p for p in raw) and any("n2186625d9211" in p for p in raw)
    assert overflow and overflow[0].startswith("page is")  # the page's width, then the culprits
    driver.execute_script("document.documentElement.lang = 'en';")
    assert driver.execute_script(LANG_JS)  # the planted Chinese text has no lang=zh
    driver.execute_script("document.documentElement.lang = 'zh-CN';")


def test_skip_link_focuses_the_content_and_keeps_the_view(site):
    base, driver = site
    show(driver, "#/notices", "notices")
    driver.refresh()  # a fresh load: the skip link is the keyboard's first stop
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "notices")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.get_attribute("class") == "skip"
    skip.send_keys(Keys.ENTER)
    wait(driver, lambda d: d.switch_to.active_element.get_attribute("id") == "main")
    assert driver.current_url.endswith("#/notices")
    assert driver.find_element(By.CSS_SELECTOR, "main .view").get_attribute("data-view") == "notices"


def test_back_returns_to_the_scroll_position(site):
    base, driver = site
    driver.set_window_size(1400, 500)
    try:
        show(driver, "#/locality/500112", "locality")
        driver.execute_script("window.scrollTo(0, 900);")
        wait(driver, lambda d: d.execute_script("return window.scrollY") == 900)
        driver.execute_script("document.body.dataset.ready = '';")
        link = driver.find_element(By.CSS_SELECTOR, "#award-table a[href^='#/measure/']")
        driver.execute_script("arguments[0].click();", link)  # as a person clicks: without scrolling to it first
        wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "measure")
        assert driver.execute_script("return window.scrollY") == 0  # a new view starts at the top
        driver.execute_script("document.body.dataset.ready = '';")
        driver.back()
        wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "locality")
        assert abs(driver.execute_script("return window.scrollY") - 900) <= 2
    finally:
        driver.set_window_size(1400, 1000)


@pytest.mark.parametrize("text", ["发改委", "发展改革委", "重庆 发展改革委"])
def test_search_finds_departments_by_short_forms(site, text):
    base, driver = site
    show(driver, "#/notices", "notices")
    box = driver.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys(text)
    wait(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, "#search-list [role=option]")))
    options = driver.find_elements(By.CSS_SELECTOR, "#search-list [role=option][data-href^='#/department/']")
    labels = [o.text for o in options]
    assert any("发展和改革委员会" in label for label in labels), labels
    if text.startswith("重庆"):
        assert "重庆" in labels[0]  # the place's own department first, told apart by its name, not 500000
    assert not any("500000" in label for label in labels)
    box.send_keys(Keys.ESCAPE)
    box.clear()


def test_errors_are_in_the_interface_language_with_a_retry(site):
    base, driver = site
    show(driver, "#/notices", "notices")
    # The connection fails (as fetch does offline): the message is Chinese, and the retry button renders again.
    driver.execute_script(
        "window.realFetch = window.fetch; window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));"
    )
    show(driver, "#/notice/no-such-notice", "notice")
    alert = driver.find_element(By.CSS_SELECTOR, "main [role=alert]")
    assert "Failed to fetch" not in alert.text and "无法连接" in alert.text
    driver.execute_script("window.fetch = window.realFetch; document.body.dataset.ready = '';")
    alert.find_element(By.CSS_SELECTOR, "button.retry").click()
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "notice")
    assert "没有找到" in driver.find_element(By.CSS_SELECTOR, "main [role=alert]").text  # now the API's 404


def test_notices_list_pages_through_all(site):
    base, driver = site
    total = httpx.get(base + "/notices", params={"limit": 1}).json()["total"]
    show(driver, "#/notices", "notices")
    assert driver.find_element(By.ID, "notices-count").text == f"共 {total} 条，显示 {min(total, 50)} 条"
    assert len(driver.find_elements(By.CSS_SELECTOR, "main tbody tr")) == min(total, 50)


def test_favicon_is_served(site):
    base, driver = site
    href = driver.find_element(By.CSS_SELECTOR, "link[rel=icon]").get_attribute("href")
    response = httpx.get(href)
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"


def test_notices_list_pages_with_previous_and_next(site):
    base, driver = site
    total = httpx.get(base + "/notices", params={"limit": 1}).json()["total"]
    assert total > 3, "the seed corpus has more notices than one page of 3"
    show(driver, "#/notices?limit=3", "notices")
    assert driver.find_element(By.ID, "notices-count").text == f"共 {total} 条，显示 3 条"
    assert not driver.find_elements(By.CSS_SELECTOR, "nav.pager a[rel=prev]")
    driver.execute_script("document.body.dataset.ready = '';")
    driver.find_element(By.CSS_SELECTOR, "nav.pager a[rel=next]").click()
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "notices")
    assert driver.find_element(By.ID, "notices-count").text == f"第 4–6 条，共 {total} 条"
    assert len(driver.find_elements(By.CSS_SELECTOR, "main tbody tr")) == 3
    assert driver.find_elements(By.CSS_SELECTOR, "nav.pager a[rel=prev]")


def test_no_serious_accessibility_violations(site):
    """axe-core run inside each view: no violation of serious or critical impact."""
    base, driver = site
    source = axe_source()
    driver.set_script_timeout(60)
    problems = []
    for hash_, ready in views(base):
        show(driver, hash_, ready)
        problems += [f"{hash_}: {p}" for p in driver.execute_async_script(AXE_RUN_JS, source)]
    assert problems == []


@pytest.fixture(scope="module")
def generated_site():
    with explorer_on_generated() as opened:
        yield opened


@pytest.mark.slow
def test_every_view_is_clean_on_a_generated_corpus(generated_site):
    """The same checks at a larger scale, where lists are long and labels are missing more often."""
    base, driver = generated_site
    source = axe_source()
    driver.set_script_timeout(120)
    problems = []
    for width, scripts in ((1400, [STRAY_TEXT_JS, RAW_ID_JS]), (390, [OVERFLOW_JS])):
        driver.set_window_size(width, 900)
        for hash_, ready in views(base):
            show(driver, hash_, ready)
            problems += [f"{width}px {hash_}: {p}" for p in run_checks(driver, *scripts)]
    driver.set_window_size(1400, 900)
    for hash_, ready in views(base):
        show(driver, hash_, ready)
        problems += [f"axe {hash_}: {p}" for p in driver.execute_async_script(AXE_RUN_JS, source)]
    assert problems == []


@pytest.mark.slow
def test_graph_performance_on_a_generated_corpus(generated_site):
    """The county with the most awards and a winners graph of about 300 localities: how many nodes are drawn and
    how long the main thread is blocked until the layout settles (written to graph-performance.txt; reported,
    not asserted). Asserted: a neighbourhood is cut to a legible page per group, with "+K more"; the winners graph
    paged to the end draws every winner with no node on another and the topics in the middle."""
    base, driver = generated_site
    driver.set_window_size(1400, 1000)
    get = lambda path, **params: httpx.get(base + path, params=params, timeout=120).json()  # noqa: E731
    counties = []
    while len(counties) < get("/localities", level="county", limit=1)["total"]:
        counties += get("/localities", level="county", limit=500, offset=len(counties))["items"]
    county = max(counties, key=lambda c: c["awards"])
    both = "ecology,investment"
    winners = {y: get("/queries/winners", all_topics=both, year_from=y)["count"] for y in range(2016, 2024)}
    year = min(winners, key=lambda y: abs(winners[y] - 300))

    show(driver, "#/notices", "notices")
    county_graph = blocking(driver, lambda: show(driver, f"#/graph/locality/{county['id']}", "graph"))
    assert len(graph_nodes(driver, kind="Award")) == min(15, county["awards"])
    if county["awards"] > 15:
        more = driver.find_element(By.CSS_SELECTOR, ".node-list button[data-kind=More]").text
        assert more.startswith(f"+{county['awards'] - 15} ")

    show(driver, f"#/winners?topics=ecology,investment&year_from={year}", "winners")
    button = driver.find_element(By.XPATH, "//button[text()='在图谱中查看']")
    winners_graph = blocking(driver, button.click, "#winners-results")
    drawing = driver.find_element(By.CSS_SELECTOR, "#winners-results .graph-wrap")
    drawing.screenshot(str(ARTIFACTS / "winners-graph-0.1.png"))

    report = (
        f"county graph, {county['name']} ({county['id']}, {county['awards']} awards): {county_graph}\n"
        f"winners graph, ecology + investment from {year} ({winners[year]} localities): {winners_graph}\n"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "graph-performance.txt").write_text(report, encoding="utf-8")
    print(f"\n{report}")
    assert winners_graph["nodes"] <= 2 + 15 + 1  # two topics, a page of localities, "+K more"

    # Paged to the end (past 120 nodes the drawing is laid out in rings): every winner drawn, no two nodes on top
    # of each other, the topics in the middle.
    while more := driver.find_elements(By.CSS_SELECTOR, "#winners-results .node-list button[data-kind=More]"):
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", more[0])
        more[0].click()
        settled(driver, "#winners-results")
    nodes = driver.execute_script(
        "return document.querySelector('#winners-results .cy').ikg.cy.nodes()"
        ".map(n => ({kind: n.data('kind'), x: n.position('x'), y: n.position('y'), size: n.data('size')}));"
    )
    assert sum(n["kind"] == "Locality" for n in nodes) == winners[year]
    overlapping = [
        (a, b)
        for i, a in enumerate(nodes)
        for b in nodes[i + 1 :]
        if math.dist((a["x"], a["y"]), (b["x"], b["y"])) < (a["size"] + b["size"]) / 2
    ]
    assert overlapping == []
    middle = (statistics.fmean(n["x"] for n in nodes), statistics.fmean(n["y"] for n in nodes))
    by_distance = sorted(nodes, key=lambda n: math.dist((n["x"], n["y"]), middle))
    assert {n["kind"] for n in by_distance[:2]} == {"Topic"}
    driver.execute_script("arguments[0].scrollIntoView();", drawing)
    drawing.screenshot(str(ARTIFACTS / "winners-graph-0.1-all.png"))
