"""Main-thread long tasks while the explorer's graph view draws and settles, against a running `ikg serve`.

    python tools/browser-tests/graph_longtasks.py http://127.0.0.1:8000 [--county ID] [--winners QUERY] [--runs 3]

Without --county it takes the county with the most awards. It works with the explorer before and after the graph
moved to Cytoscape.js (both mark the drawing with data-settled="true" when the layout stops), which is how the
before/after table in ARCHITECTURE.md (Explorer) was measured: serve the old tree, then the new one, on the same
store. Needs Debian's chromium and chromium-driver, and selenium (pip install -e '.[dev]')."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import httpx

TESTS = Path(__file__).resolve().parents[2] / "tests"
sys.path[:0] = [str(TESTS / "browser"), str(TESTS)]  # harness.py (Chromium under Selenium) and what it imports
from harness import chromium  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

START = """
window.ikgObserver?.disconnect();
window.ikgTasks = []; window.ikgStart = performance.now();
window.ikgObserver = new PerformanceObserver(list => list.getEntries().forEach(e => window.ikgTasks.push(e.duration)));
window.ikgObserver.observe({ type: 'longtask' });
"""
REPORT = """
const t = window.ikgTasks, drawing = document.querySelector('[data-settled]');
return { nodes: Number(drawing.dataset.nodes || drawing.querySelectorAll('g.node').length), long_tasks: t.length,
  longest_ms: Math.round(Math.max(0, ...t)), blocking_ms: Math.round(t.reduce((s, d) => s + Math.max(0, d - 50), 0)),
  settled_after_ms: Math.round(performance.now() - window.ikgStart) };
"""


def ready(view):
    return lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == view


def settled(driver):
    found = driver.find_elements(By.CSS_SELECTOR, "[data-settled]")
    return bool(found) and found[0].get_attribute("data-settled") == "true"


def busiest_county(base: str) -> str:
    counties, total = [], None
    while total is None or len(counties) < total:
        params = {"level": "county", "limit": 500, "offset": len(counties)}
        page = httpx.get(f"{base}/localities", params=params, timeout=60).json()
        total = page["total"]
        counties += page["items"]
    return max(counties, key=lambda c: c["awards"])["id"]


def measure(base: str, county: str, winners: str) -> dict:
    with chromium() as driver:
        driver.get(base + "/")
        WebDriverWait(driver, 60).until(ready("home"))
        driver.execute_script(START + "location.hash = arguments[0];", f"#/graph/locality/{county}")
        WebDriverWait(driver, 120).until(settled)
        result = {"county": driver.execute_script(REPORT)}
        driver.execute_script("document.body.dataset.ready = ''; location.hash = arguments[0];", f"#/winners?{winners}")
        WebDriverWait(driver, 120).until(ready("winners"))
        button = driver.find_element(By.XPATH, "//button[text()='在图谱中查看']")
        driver.execute_script(START)
        button.click()
        time.sleep(0.5)  # the old view marks its drawing only once it exists
        WebDriverWait(driver, 300).until(settled)
        result["winners"] = driver.execute_script(REPORT)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--county")
    parser.add_argument("--winners", default="topics=ecology,investment&year_from=2020")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    county = args.county or busiest_county(args.base)
    for _ in range(args.runs):
        print(json.dumps({"county_id": county, **measure(args.base, county, args.winners)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
