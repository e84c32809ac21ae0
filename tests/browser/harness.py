"""A real `ikg serve` with the seed corpus and a headless Chromium driven by Selenium, for the explorer tests.

Chromium comes from Debian (`chromium`, `chromium-driver`); the driver is named explicitly so Selenium never
tries to download one. Without them the tests skip, unless IKG_REQUIRE_BROWSER=1 (set by .ci/run) makes that
a failure. Screenshots go to test-artifacts/browser/."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from live_server import serve

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
ARTIFACTS = PROJECT / "test-artifacts" / "browser"


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    absent = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if absent:
        return f"{' and '.join(absent)} not found: apt-get install chromium chromium-driver"
    return None


@contextmanager
def chromium() -> Iterator:
    """Headless Chromium under Selenium, or a skip (a failure when IKG_REQUIRE_BROWSER=1) when it is absent."""
    reason = _missing()
    if reason:
        if os.environ.get("IKG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required here (IKG_REQUIRE_BROWSER=1) but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def fresh_artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    print(f"\nscreenshots: {ARTIFACTS}")
    return ARTIFACTS


def wait(driver, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def ready_view(driver) -> str | None:
    """The view the explorer says it has finished drawing (body[data-ready])."""
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready")


def show(driver, hash_: str, ready: str, timeout: float = 20) -> None:
    """Go to a view by its hash and wait until the explorer has drawn it."""
    driver.execute_script("document.body.dataset.ready = ''; location.hash = arguments[0];", hash_)
    wait(driver, lambda d: ready_view(d) == ready, timeout)


@contextmanager
def explorer_on(documents: Path, tmp: Path, timeout: float = 20) -> Iterator[tuple[str, object]]:
    """`ikg serve` over `documents` and Chromium on its explorer's home page: (base URL, driver)."""
    with chromium() as driver, serve(documents, tmp) as base:
        driver.get(base + "/")
        wait(driver, lambda d: ready_view(d) == "home", timeout)
        yield base, driver


_generated: dict[str, object] = {}


def generated_base(timeout_s: float = 900) -> str:
    """The base URL of one `ikg serve` over a generated national-shaped corpus (benchmarks/gen_corpus.py --scale
    0.1 --seed 7: ~1,000 notices, ~55,000 awards), started on first use and shared by every module of this test
    run (generating and loading it takes minutes on a 2-core machine); stopped when the run ends. Not a session
    fixture because a conftest.py here would shadow tests/conftest.py for the modules importing from it."""
    if "base" not in _generated:
        stack = ExitStack()
        atexit.register(stack.close)
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ikg-generated-")))
        generate = [sys.executable, str(PROJECT / "benchmarks" / "gen_corpus.py"), "--scale", "0.1", "--seed", "7"]
        subprocess.run([*generate, "--out", str(tmp / "corpus")], check=True, capture_output=True)
        _generated["base"] = stack.enter_context(serve(tmp / "corpus", tmp, timeout_s=timeout_s))
    return str(_generated["base"])


@contextmanager
def explorer_on_generated(timeout: float = 60) -> Iterator[tuple[str, object]]:
    """Chromium on the generated corpus' explorer home page: (base URL, driver)."""
    with chromium() as driver:
        base = generated_base()
        driver.get(base + "/")
        wait(driver, lambda d: ready_view(d) == "home", timeout)
        yield base, driver
