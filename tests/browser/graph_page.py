"""The graph view as a test sees it. The drawing is a Cytoscape.js canvas, so nodes are read from the node list
beside it (which shows exactly the drawn nodes) and from the Cytoscape instance the canvas element carries."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WAIT_S = 30


def graph_nodes(driver, scope="", kind=None):
    """The node list's entries for drawn nodes ("+K more" entries left out), optionally of one kind."""
    selector = f"[data-kind={kind}]" if kind else "[data-kind]:not([data-kind=More])"
    return driver.find_elements(By.CSS_SELECTOR, f"{scope} .node-list button{selector}")


def settled(driver, scope=""):
    """Until the layout has stopped (the canvas says data-settled="true"); a failure that says so at once when
    the page reports the graph library missing (`make vendor` not run)."""

    def done(d):
        missing = d.find_elements(By.CSS_SELECTOR, f"{scope} .cy .error")
        if missing:
            pytest.fail(f"the graph cannot draw: {missing[0].text}")
        return d.find_element(By.CSS_SELECTOR, f"{scope} .cy[data-settled]").get_attribute("data-settled") == "true"

    WebDriverWait(driver, WAIT_S).until(done)


def drawn_ids(driver, scope=""):
    """Ids of the nodes in the drawing itself (Cytoscape's own elements)."""
    return driver.execute_script(
        "return arguments[0].ikg.cy.nodes().map(n => n.id());", driver.find_element(By.CSS_SELECTOR, f"{scope} .cy")
    )


def click_drawn_node(driver, node_id, scope=""):
    """A real pointer click on the node where the canvas draws it."""
    canvas = driver.find_element(By.CSS_SELECTOR, f"{scope} .cy")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", canvas)
    x, y, width, height = driver.execute_script(
        "const cy = arguments[0].ikg.cy, p = cy.getElementById(arguments[1]).renderedPosition();"
        "return [p.x, p.y, arguments[0].clientWidth, arguments[0].clientHeight];",
        canvas,
        node_id,
    )
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - width / 2), int(y - height / 2)).click().perform()


# Main-thread blocking, measured in the page: every long task (over 50 ms, the Long Tasks API) from the start call
# until the layout has settled. Reported, not asserted (a loaded machine makes any task long).
LONG_TASKS_START_JS = """
window.ikgLongTasks?.observer.disconnect();
const record = { tasks: [], started: performance.now(), observer: null };
record.observer = new PerformanceObserver(list => list.getEntries().forEach(e => record.tasks.push(e.duration)));
record.observer.observe({ type: 'longtask' });
window.ikgLongTasks = record;
"""
LONG_TASKS_REPORT_JS = """
const r = window.ikgLongTasks, t = r.tasks;
r.observer.disconnect();
const canvas = document.querySelector(arguments[0] + ' .cy');
return {
  nodes: Number(canvas.dataset.nodes), long_tasks: t.length, longest_ms: Math.round(Math.max(0, ...t)),
  blocking_ms: Math.round(t.reduce((s, d) => s + Math.max(0, d - 50), 0)),
  settled_after_ms: Math.round(performance.now() - r.started),
};
"""


def blocking(driver, start, scope=""):
    """Run `start` (something that draws a graph) and report the long tasks until the graph has settled."""
    driver.execute_script(LONG_TASKS_START_JS)
    start()
    settled(driver, scope)
    return driver.execute_script(LONG_TASKS_REPORT_JS, scope)
