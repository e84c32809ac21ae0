"""The graph view at scale, in headless Chromium on the seeds: Cytoscape.js draws what graph-model.js makes
visible; a large neighbourhood shows one page per group and a "+K more" node; the node list beside the canvas
does what a click does (keyboard); nodes can be hidden and shown again."""

from __future__ import annotations

import httpx
import pytest
from graph_page import click_drawn_node, drawn_ids, graph_nodes, settled
from harness import explorer_on
from harness import show as harness_show
from harness import wait as harness_wait
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

WAIT_S = 30


def wait(driver, condition, timeout=WAIT_S):
    return harness_wait(driver, condition, timeout)


@pytest.fixture(scope="module")
def site(seeds_dir, tmp_path_factory):
    with explorer_on(seeds_dir, tmp_path_factory.mktemp("graph"), WAIT_S) as opened:
        yield opened


def show_graph(driver, hash_):
    harness_show(driver, hash_, "graph", WAIT_S)
    settled(driver)


# graph-model.js alone, imported into the page: 40 awards of one place, 20 of them in 2020.
MODEL_JS = """
const done = arguments[arguments.length - 1];
import('/explorer/js/graph-model.js').then(({ GraphModel, GROUP_PAGE }) => {
  const m = new GraphModel();
  const awards = Array.from({ length: 40 }, (_, i) =>
    ({ id: `a${i}`, kind: 'Award', name: 'X', year: 2000 + (i % 2) * 20, topics: [] }));
  m.addNode({ id: 'p', kind: 'Locality', name: 'P' });
  m.roots.add('p');
  m.addNeighbourhood('p', awards, awards.map(a => ({ rel: 'RECEIVED', source: 'p', target: a.id })));
  const count = () => {
    const v = m.visible();
    return [v.nodes.length, v.nodes.filter(n => n.kind === 'More').map(n => n.count)];
  };
  const out = { page: GROUP_PAGE, first: count(), firstIds: m.visible().nodes.slice(1, 3).map(n => n.year) };
  m.showMore([...m.groups.keys()][0]); out.second = count();
  m.filters.year = '2000'; out.filtered = count();
  m.filters.year = ''; m.showMore([...m.groups.keys()][0]); out.all = count();
  m.dismissed.add('a0'); out.dismissed = count();
  done(out);
});
"""


def test_the_model_pages_groups_and_counts_what_the_filters_leave(site):
    base, driver = site
    out = driver.execute_async_script(MODEL_JS)
    assert out["page"] == 15
    assert out["first"] == [1 + 15 + 1, [25]]  # the place, a page of awards, "+25"
    assert out["firstIds"] == [2020, 2020]  # newest first
    assert out["second"] == [1 + 30 + 1, [10]]
    assert out["filtered"] == [1 + 20, []]  # 20 awards of 2000: 30 shown is more than that, so no "+K"
    assert out["all"] == [1 + 40, []]
    assert out["dismissed"] == [40, []]


def test_a_large_neighbourhood_is_one_page_per_group_and_more_on_click(site):
    base, driver = site
    hood = httpx.get(f"{base}/graph/locality/500000", params={"limit": 1000}).json()
    children = [e for e in hood["edges"] if e["rel"] == "PART_OF" and e["target"] == "500000"]
    departments = [e for e in hood["edges"] if e["rel"] == "OF"]
    assert len(children) > 15 and len(departments) > 15, "重庆市 has more than a page of districts and departments"
    show_graph(driver, "#/graph/locality/500000")
    more = driver.find_elements(By.CSS_SELECTOR, ".node-list button[data-kind=More]")
    assert sorted(b.text.split(" ")[0] for b in more) == sorted([f"+{len(children) - 15}", f"+{len(departments) - 15}"])
    assert len(graph_nodes(driver, kind="Locality")) == 1 + 15
    assert len(drawn_ids(driver)) == 1 + 15 + 15 + 2
    # A click on the drawn "+K 个地区" node draws the next page of districts.
    places = next(b for b in more if "地区" in b.text).get_attribute("data-id")
    click_drawn_node(driver, places)
    wait(driver, lambda d: len(graph_nodes(d, kind="Locality")) == 1 + min(30, len(children)))
    settled(driver)
    counts = driver.find_element(By.ID, "graph-counts").text
    assert counts.startswith(f"显示 {1 + min(30, len(children)) + 15} 个节点")


def test_the_node_list_expands_from_the_keyboard(site):
    base, driver = site
    show_graph(driver, "#/graph/topic/ecology")
    before = len(graph_nodes(driver))
    button = graph_nodes(driver, kind="Measure")[0]
    measure = button.get_attribute("data-id")
    button.send_keys(Keys.ENTER)
    wait(driver, lambda d: len(graph_nodes(d)) > before)
    assert measure in driver.current_url
    entry = driver.find_element(By.CSS_SELECTOR, f".node-list button[data-id='{measure}']")
    assert "expanded" in entry.get_attribute("class")


def test_a_node_can_be_hidden_and_shown_again(site):
    base, driver = site
    show_graph(driver, "#/graph/topic/ecology")
    button = graph_nodes(driver, kind="Measure")[0]
    measure = button.get_attribute("data-id")
    button.click()
    wait(driver, lambda d: d.find_elements(By.ID, "graph-hide"))
    settled(driver)
    driver.find_element(By.ID, "graph-hide").click()
    wait(driver, lambda d: measure not in drawn_ids(d))
    assert not driver.find_elements(By.CSS_SELECTOR, f".node-list button[data-id='{measure}']")
    driver.find_element(By.ID, "graph-restore").click()
    wait(driver, lambda d: measure in drawn_ids(d))
