"""A Chrome DevTools performance trace of the explorer's winners graph at about 300 localities: every task on the
page's main thread (the trace's RunTask events on CrRendererMain) from the click that draws the graph, through
each "+K more" page until every winner is drawn; tasks over 200 ms are the ones a person feels as a frozen page.
Reported, never asserted (a shared 2-core machine makes any task long now and then).

    python benchmarks/bench_winners_trace.py BASE_URL [--target 300] [--topics ecology,investment] [--out FILE]
    python benchmarks/bench_winners_trace.py --scale 0.1   # generates the corpus, serves it, traces, stops

Against BASE_URL a running `ikg serve`; with --scale it generates a corpus (gen_corpus.py, seed 7), loads and
serves it itself. The period (a first year to the last) is the one whose winners of every topic come closest to
--target localities. Needs
Debian's chromium and chromium-driver, and selenium (pip install -e '.[dev]'). Writes JSON to --out
(default benchmarks/results/winners_trace.json) and prints it."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]  # the tests' server and browser helpers
from live_server import serve  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
LONG_MS = 200
# The timeline categories DevTools' Performance panel records; RunTask is one task of a thread's loop.
CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,toplevel"


def traced_chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": False, "traceCategories": CATEGORIES})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


def trace_events(driver) -> list[dict]:
    """The trace events chromedriver has collected since the last call (it hands them over and starts anew)."""
    events = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Tracing.dataCollected":
            events.append(message["params"])
    return events


def main_thread_tasks(events: list[dict]) -> list[float]:
    """Durations (ms) of the top-level tasks on the renderer's main thread (a RunTask inside another is part of it)."""
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    tasks = sorted(
        (e["ts"], e["dur"])
        for e in events
        if e.get("ph") == "X"
        and e.get("name") in ("RunTask", "ThreadControllerImpl::RunTask")
        and (e["pid"], e["tid"]) in main
    )
    outer: list[tuple[int, int]] = []
    for ts, dur in tasks:
        if outer and ts < outer[-1][0] + outer[-1][1]:
            continue  # nested in the task before
        outer.append((ts, dur))
    return [dur / 1000 for _, dur in outer]


def pick_years(base: str, topics: str, target: int) -> tuple[int, int]:
    """The first year of the period (to the last year) whose winners of every topic come closest to `target`."""
    counts = {}
    for year in range(2013, 2024):
        params = {"all_topics": topics, "year_from": year}
        counts[year] = httpx.get(f"{base}/queries/winners", params=params, timeout=300).json()["count"]
    year = min(counts, key=lambda y: abs(counts[y] - target))
    return year, counts[year]


def ready(view):
    return lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == view


def settled(driver) -> None:
    WebDriverWait(driver, 300).until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "#winners-results .cy[data-settled]").get_attribute("data-settled")
            == "true"
        )
    )


def trace(base: str, topics: str, target: int) -> dict:
    year, winners = pick_years(base, topics, target)
    driver = traced_chromium()
    try:
        driver.get(f"{base}/#/winners?topics={topics}&year_from={year}")
        WebDriverWait(driver, 120).until(ready("winners"))
        trace_events(driver)  # drop what loading the page and the list recorded
        steps = []
        started = time.perf_counter()
        driver.find_element(By.XPATH, "//button[text()='在图谱中查看']").click()
        settled(driver)
        steps.append(("draw", time.perf_counter() - started, trace_events(driver)))
        # "+K more" pages until every winner is drawn (or 40 pages).
        for _ in range(40):
            more = driver.find_elements(By.CSS_SELECTOR, "#winners-results .node-list button[data-kind=More]")
            if not more:
                break
            started = time.perf_counter()
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", more[0])
            more[0].click()
            time.sleep(0.2)
            settled(driver)
            steps.append(("more", time.perf_counter() - started, trace_events(driver)))
        drawn = driver.execute_script("return document.querySelector('#winners-results .cy').ikg.cy.nodes().length")
        localities = driver.execute_script(
            "return document.querySelector('#winners-results .cy').ikg.cy.nodes('[kind = \"Locality\"]').length"
        )
    finally:
        driver.quit()
    # Trace data arrives in batches, not always with the step that made it: the tasks are counted over the whole run.
    tasks = main_thread_tasks([e for _, _, events in steps for e in events])
    return {
        "topics": topics,
        "years": f"{year}-",
        "winners": winners,
        "localities_drawn": localities,
        "nodes_drawn": drawn,
        "pages_drawn": len(steps),
        "main_thread_tasks": len(tasks),
        f"tasks_over_{LONG_MS}_ms": sum(t > LONG_MS for t in tasks),
        "tasks_over_50_ms": sum(t > 50 for t in tasks),
        "longest_tasks_ms": sorted((round(t) for t in tasks), reverse=True)[:10],
        "first_draw_wall_s": round(steps[0][1], 2),
        "median_page_wall_s": round(statistics.median(s[1] for s in steps[1:]), 2) if len(steps) > 1 else None,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", help="a running ikg serve (else --scale)")
    parser.add_argument("--scale", help="generate and serve a corpus of this scale (e.g. 0.1)")
    parser.add_argument("--topics", default="ecology,investment")
    parser.add_argument("--target", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "winners_trace.json")
    args = parser.parse_args()
    if not args.base and not args.scale:
        parser.error("give BASE_URL or --scale")
    with ExitStack() as stack:
        base = args.base
        if not base:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            generate = [
                sys.executable,
                str(ROOT / "benchmarks" / "gen_corpus.py"),
                "--scale",
                args.scale,
                "--seed",
                "7",
            ]
            subprocess.run([*generate, "--out", str(tmp / "corpus")], check=True, capture_output=True)
            base = stack.enter_context(serve(tmp / "corpus", tmp, timeout_s=1800))
        result = trace(base, args.topics, args.target)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
