// The graph view component: what graph-model.js says is visible, drawn by Cytoscape.js (canvas; the cose layout
// runs a few iterations per animation frame, a large drawing is laid out in rings at once, so the page stays
// responsive), expanded on click through
// GET /graph/{kind}/{id}, filtered by relationship type, topic and year. A node list beside the drawing does
// everything a click does, for keyboard and screen-reader users.
//
// Cytoscape.js comes from the npm registry at build time (tools/explorer-vendor, `make vendor`) into
// api/explorer/vendor/; when that file is missing the graph says how to install it and the rest of the page works.

import { get } from "./api.js";
import { append, h, link, replace, short } from "./dom.js";
import { errorText } from "./errors.js";
import { noticeLabel } from "./labels.js";
import { GraphModel } from "./graph-model.js";
import { label, t, topicLabel } from "./i18n.js";
import { badge, nodeHref } from "./views/common.js";

const SIZE = { Locality: 22, Measure: 16, Notice: 20, Department: 16, Topic: 24, Award: 10 };
const KINDS = Object.keys(SIZE);
const PROFILE_KINDS = new Set(["Locality", "Measure", "Notice", "Department", "Topic"]);
const LIBRARY = "../vendor/cytoscape.esm.min.js";
// At most this many relationships of each type per expansion (the API's cap); the model groups what is past a page.
const NEIGHBOUR_LIMIT = 1000;
// Past this many nodes the drawing is laid out in rings (one pass) instead of by cose (iterations of O(n²)).
const LARGE = 120;
// Each ring past the middle holds this many nodes more than the one inside it (so neighbours stay as far apart).
const RING_STEP = 14;

let library = null;
/** Cytoscape.js, loaded once, when a graph is first drawn. */
function loadCytoscape() {
  library ??= import(LIBRARY).then((module) => module.default);
  return library;
}

/** A node as the API's center (a full node with _label) becomes a graph node. */
export function fromCenter(center) {
  return {
    id: center.id,
    kind: center._label,
    name: center._label === "Notice" ? noticeLabel(center) : center.name || center.label_zh || center.text || center.as_written || center.id,
    detail: center.ordinal || center.level || center.kind || null,
    year: center.year ?? center.work_year ?? null,
    topics: [],
  };
}

/** The whole name (a measure with its number): the node list's text and the selected card's. */
function fullLabel(n) {
  if (n.kind === "Measure" && n.detail) return `${n.detail} ${n.name ?? n.id}`;
  if (n.kind === "Award" && n.year) return `${n.year} · ${n.name ?? n.id}`;
  return n.name ?? n.id;
}

/** The text drawn beside a node: short, so labels stay legible; awards show their year. */
function drawnLabel(n) {
  if (n.kind === "More") return t("n_more", n.count, t(`k_${n.of}`));
  if (n.kind === "Award") return n.year ? String(n.year) : "";
  if (n.kind === "Measure") return `${n.detail ?? ""} ${short(n.name, 8)}`.trim();
  return short(n.name, 10);
}

/** Bigger for a larger value (a locality's awards in the winners graph), on a log scale. */
const nodeSize = (n) => Math.round((SIZE[n.kind] || 18) * (n.weight > 1 ? 1 + Math.log2(n.weight) / 4 : 1));

export class GraphExplorer {
  constructor({ topics, filters = {}, onState = () => {} }) {
    this.topics = topics;
    this.model = new GraphModel(filters);
    this.onState = onState;
    this.selected = null;
    this.cy = null;
    this.element = this.build();
  }

  // -- data (the model's, kept under the names the views use) ---------------------------------------------------

  get nodes() { return this.model.nodes; }
  get roots() { return this.model.roots; }
  get expanded() { return this.model.expanded; }
  get filters() { return this.model.filters; }

  addNode(node) { return this.model.addNode(node); }
  addEdge(edge) { this.model.addEdge(edge); }
  addRoot(node) { this.model.roots.add(this.model.addNode(node).id); }

  /** Add one node's neighbourhood from the API. */
  async expand(kind, id) {
    const hood = await get(`/graph/${kind.toLowerCase()}/${encodeURIComponent(id)}`, { limit: NEIGHBOUR_LIMIT });
    const center = this.model.addNode(fromCenter(hood.center));
    if (!this.roots.size) this.roots.add(center.id);
    this.model.addNeighbourhood(center.id, hood.nodes, hood.edges);
    this.expanded.add(center.id);
    this.refresh();
    return hood;
  }

  // -- page parts ---------------------------------------------------------------------------------------------

  build() {
    const zoom = (factor) => () => this.zoomBy(factor);
    this.canvas = h("div", { class: "cy", role: "img", "aria-label": t("graph_title"), "data-settled": "false", "data-nodes": "0" });
    this.canvas.ikg = this; // for the browser tests: the drawing has no DOM of its own to look into
    this.counts = h("p", { class: "results-meta", id: "graph-counts", "aria-live": "polite" });
    this.panel = h("div", { class: "side" });
    this.resizes = new ResizeObserver(() => this.whenSized());
    this.resizes.observe(this.canvas);
    return h(
      "div",
      { class: "graph-wrap" },
      h(
        "div",
        {},
        h(
          "div",
          { class: "graph-canvas" },
          this.canvas,
          h(
            "div",
            { class: "zoom" },
            h("button", { type: "button", "aria-label": t("zoom_in"), onclick: zoom(1.25) }, "+"),
            h("button", { type: "button", "aria-label": t("zoom_out"), onclick: zoom(0.8) }, "−"),
            h("button", { type: "button", "aria-label": t("zoom_fit"), onclick: () => this.fit() }, "⤢"),
          ),
        ),
        this.counts,
        h("p", { class: "sub" }, t("graph_help")),
      ),
      this.panel,
    );
  }

  /** The drawing starts once the canvas is on the page with a size (Cytoscape measures its container). */
  whenSized() {
    if (this.cy && !this.canvas.isConnected) return this.destroy(); // the view was left
    if (!this.canvas.clientWidth) return;
    if (this.cy) return this.cy.resize();
    if (this.mounting) return;
    this.mounting = loadCytoscape().then(
      (cytoscape) => {
        this.cy = cytoscape({ container: this.canvas, style: STYLE(), minZoom: 0.05, maxZoom: 3, wheelSensitivity: 0.3 });
        this.cy.on("tap", "node", (event) => this.activate(event.target.id()));
        this.cy.on("viewport", () => (this.userView = this.userView || this.laidOut));
        this.draw();
      },
      (error) => {
        console.error(error);
        this.canvas.removeAttribute("role");
        replace(this.canvas, h("p", { class: "error", role: "alert" }, t("graph_library_missing")));
      },
    );
  }

  destroy() {
    clearTimeout(this.layoutTimer);
    this.layoutRun?.stop();
    this.resizes.disconnect();
    this.cy.destroy();
    this.cy = null;
  }

  /** After the data or the filters changed: the side panel now, the drawing when the library is there. */
  refresh() {
    this.shown = this.model.visible();
    const edges = this.shown.edges.length - this.shown.more;
    this.counts.textContent = t("graph_counts", this.shown.nodes.length - this.shown.more, edges);
    this.renderPanel();
    this.onState(this.model.state());
    this.draw();
  }

  /** Bring the drawing in line with `this.shown`: remove what went, add what came (beside a node it touches),
   * update labels and classes, then let the layout run from where the nodes are. */
  draw() {
    const cy = this.cy;
    if (!cy || !this.shown) return;
    const { nodes, edges } = this.shown;
    const ids = new Set([...nodes.map((n) => n.id), ...edges.map(edgeId)]);
    cy.batch(() => {
      cy.elements().filter((el) => !ids.has(el.id())).remove();
      const near = anchors(cy, edges);
      const added = nodes.filter((n) => !cy.hasElementWithId(n.id));
      cy.add(added.map((n, i) => ({ group: "nodes", data: { id: n.id }, position: around(near.get(n.id), i) })));
      for (const n of nodes) {
        const node = cy.getElementById(n.id);
        node.data({ label: drawnLabel(n), size: nodeSize(n), kind: n.kind });
        node.classes([n.kind, this.roots.has(n.id) && "root", this.expanded.has(n.id) && "expanded", this.selected === n.id && "chosen"].filter(Boolean));
      }
      cy.add(edges.filter((e) => !cy.hasElementWithId(edgeId(e))).map((e) => ({ group: "edges", data: { id: edgeId(e), source: e.source, target: e.target }, classes: [`rel-${e.rel}`] })));
    });
    this.canvas.dataset.nodes = String(nodes.length);
    this.canvas.setAttribute("aria-label", `${t("graph_title")}: ${this.counts.textContent}`);
    this.layout();
  }

  /** The layout runs in a task of its own, not in the click's: each stays shorter (at ~300 nodes the click's
   * side panel and the layout together came near 200 ms on a busy machine). */
  layout() {
    this.layoutRun?.stop();
    this.layoutRun = null;
    this.canvas.dataset.settled = "false";
    this.laidOut = false;
    clearTimeout(this.layoutTimer);
    this.layoutTimer = setTimeout(() => this.runLayout());
  }

  runLayout() {
    if (!this.cy) return;
    const run = this.cy.layout(this.cy.nodes().length > LARGE ? this.ringsLayout() : this.forceLayout());
    run.one("layoutstop", () => {
      if (this.layoutRun !== run) return;
      if (!this.userView) this.cy.fit(undefined, 30);
      this.laidOut = true;
      this.canvas.dataset.settled = "true";
    });
    this.layoutRun = run;
    run.run();
  }

  /** cose, from where the nodes are: clusters show which nodes belong together. */
  forceLayout() {
    // Laid out in a box of the canvas's shape (larger for more nodes), so the drawing fills the canvas at about
    // 1:1 and labels keep their size.
    const k = Math.max(1, Math.sqrt(this.cy.nodes().length / 40));
    const box = { x1: 0, y1: 0, w: this.canvas.clientWidth * k, h: this.canvas.clientHeight * k };
    return {
      name: "cose",
      boundingBox: box,
      animate: true, // a few iterations per frame, not one long task
      refresh: 4,
      animationThreshold: 0,
      randomize: false,
      fit: !this.userView,
      padding: 30,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 28,
      nodeRepulsion: () => 2500,
      gravity: 80,
      numIter: 400,
      coolingFactor: 0.97,
    };
  }

  /** Past LARGE nodes, rings in one pass: roots and expanded nodes in the middle, then the rest by weight and
   * number of links, each ring holding more than the one inside it. cose's repulsion costs O(n²) per iteration:
   * at ~300 nodes (the winners graph paged to the end) one animation frame of it took over 200 ms. */
  ringsLayout() {
    const rank = (node) => [this.roots.has(node.id()) ? 1 : 0, this.expanded.has(node.id()) ? 1 : 0, node.data("size"), node.degree(false)];
    const byRank = this.cy.nodes().map((node) => ({ node, key: rank(node) }));
    byRank.sort((a, b) => compareKeys(b.key, a.key)); // most important first
    const ring = new Map();
    let index = 0;
    let capacity = Math.max(1, byRank.filter(({ key }) => key[0] || key[1]).length); // the middle: roots, expanded
    let level = 0;
    for (const { node } of byRank) {
      if (index === capacity) {
        level += 1;
        index = 0;
        capacity = RING_STEP * level;
      }
      ring.set(node.id(), -level);
      index += 1;
    }
    return {
      name: "concentric",
      animate: false, // one pass, no frames to spread
      fit: false, // fitted once when it stops (layout())
      padding: 30,
      minNodeSpacing: 12,
      nodeDimensionsIncludeLabels: false,
      concentric: (node) => ring.get(node.id()),
      levelWidth: () => 1,
    };
  }

  zoomBy(factor) {
    if (!this.cy) return;
    this.userView = true;
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: this.canvas.clientWidth / 2, y: this.canvas.clientHeight / 2 } });
  }

  fit() {
    this.userView = false;
    this.cy?.fit(undefined, 30);
  }

  /** A click (or the node list's button): "+K more" shows the next page; a node is selected and expanded once. */
  async activate(id) {
    const n = this.nodes.get(id) || this.shown.nodes.find((x) => x.id === id);
    if (!n) return;
    if (n.kind === "More") {
      this.model.showMore(n.group);
      return this.refresh();
    }
    this.selected = id;
    if (this.expanded.has(id)) return this.refresh();
    try {
      await this.expand(n.kind, id);
    } catch (error) {
      this.refresh();
      this.counts.textContent = errorText(error);
    }
  }

  dismiss(id) {
    this.model.dismissed.add(id);
    if (this.selected === id) this.selected = null;
    this.refresh();
  }

  // -- side panel ---------------------------------------------------------------------------------------------

  renderPanel() {
    const model = this.model;
    const rels = [...new Set([...model.edges.values()].map((e) => e.rel))].sort();
    const topicIds = [...new Set([...model.nodes.values()].flatMap((n) => n.topics || []))].sort();
    const years = [...new Set([...model.nodes.values()].map((n) => n.year).filter((y) => y !== null && y !== undefined))].sort();
    const relBoxes = rels.map((rel) =>
      h(
        "label",
        { style: "display:block" },
        h("input", {
          type: "checkbox",
          name: "rel",
          value: rel,
          checked: model.relShown(rel),
          onchange: (e) => {
            const checked = [...e.target.form.querySelectorAll("input[name=rel]:checked")].map((x) => x.value);
            model.filters.rels = checked.length === rels.length ? null : checked;
            this.refresh();
          },
        }),
        ` ${label("r", rel)}`,
      ),
    );
    const choose = (key, id, title, values, text) =>
      h(
        "label",
        { class: "stack", for: id },
        title,
        h(
          "select",
          { id, onchange: (e) => { model.filters[key] = e.target.value; this.refresh(); } },
          h("option", { value: "" }, key === "topic" ? t("all_topics") : t("all_years")),
          values.map((v) => h("option", { value: String(v), selected: String(v) === model.filters[key] }, text(v))),
        ),
      );
    const sel = this.selected && model.nodes.get(this.selected);
    replace(
      this.panel,
      h(
        "form",
        { class: "card", "aria-labelledby": "filters-title", onsubmit: (e) => e.preventDefault() },
        h("h2", { id: "filters-title" }, t("filters")),
        h("fieldset", {}, h("legend", {}, t("rel_types")), relBoxes),
        choose("topic", "graph-topic", t("topic"), topicIds, (id) => topicLabel(this.topics, id)),
        choose("year", "graph-year", t("year"), years, String),
        model.dismissed.size
          ? h("button", { type: "button", class: "secondary", id: "graph-restore", onclick: () => { model.dismissed.clear(); this.refresh(); } }, t("restore_hidden", model.dismissed.size))
          : null,
      ),
      sel ? this.selectedCard(sel) : null,
      h("div", { class: "card" }, h("h2", {}, t("legend")), h("div", { class: "legend" }, KINDS.map(badge))),
      h(
        "details",
        { class: "card", open: true },
        h("summary", {}, `${t("node_list")} (${this.shown.nodes.length - this.shown.more})`),
        h("ul", { class: "node-list" }, this.shown.nodes.map((n) => this.listItem(n))),
      ),
    );
  }

  listItem(n) {
    const state = this.expanded.has(n.id) ? ` (${t("expanded")})` : "";
    if (n.kind === "More") {
      return h("li", {}, h("button", { type: "button", class: "secondary more", "data-id": n.id, "data-kind": "More", onclick: () => this.activate(n.id) }, `${drawnLabel(n)} · ${t("show_more")}`));
    }
    return h(
      "li",
      {},
      badge(n.kind),
      " ",
      h(
        "button",
        {
          type: "button",
          class: ["secondary", this.expanded.has(n.id) && "expanded", this.roots.has(n.id) && "root"].filter(Boolean).join(" "),
          "data-id": n.id,
          "data-kind": n.kind,
          title: `${t(`k_${n.kind}`)}: ${fullLabel(n)}`,
          onclick: () => this.activate(n.id),
        },
        `${short(fullLabel(n), 24)}${state}`,
      ),
    );
  }

  selectedCard(n) {
    return h(
      "div",
      { class: "card", id: "selected-node" },
      h("h2", {}, t("selected")),
      h("p", {}, badge(n.kind), " ", fullLabel(n)),
      n.year ? h("p", {}, `${t("year")}: ${n.year}`) : null,
      n.topics?.length ? h("p", {}, n.topics.map((id) => topicLabel(this.topics, id)).join("、")) : null,
      h(
        "p",
        { class: "actions" },
        PROFILE_KINDS.has(n.kind) ? link(nodeHref(n.kind, n.id), t("open_profile")) : null,
        this.roots.has(n.id) ? null : h("button", { type: "button", class: "secondary", id: "graph-hide", onclick: () => this.dismiss(n.id) }, t("hide_node")),
      ),
    );
  }
}

/** Keys compared element by element: the first element that differs decides. */
function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const edgeId = (e) => `${e.source}|${e.rel}|${e.target}`;

/** For each node not yet drawn, the position of a drawn node it is linked to (where it should appear). */
function anchors(cy, edges) {
  const near = new Map();
  for (const e of edges) {
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
      if (!near.has(a) && !cy.hasElementWithId(a) && cy.hasElementWithId(b)) near.set(a, cy.getElementById(b).position());
    }
  }
  return near;
}

/** A start on a ring around `p` (golden angle, so no two coincide). */
function around(p = { x: 0, y: 0 }, i) {
  const angle = i * 2.39996;
  const radius = 40 + 8 * Math.sqrt(i);
  return { x: p.x + radius * Math.cos(angle), y: p.y + radius * Math.sin(angle) };
}

/** Colours from the page's CSS (the kinds' legend colours), so drawing and legend agree. */
function STYLE() {
  const css = getComputedStyle(document.documentElement);
  const colour = (name) => css.getPropertyValue(name).trim() || "#666";
  const kind = (k) => ({ selector: `node.${k}`, style: { "background-color": colour(`--k-${k.toLowerCase()}`) } });
  return [
    {
      selector: "node",
      style: {
        width: "data(size)",
        height: "data(size)",
        label: "data(label)",
        "font-family": getComputedStyle(document.body).fontFamily,
        "font-size": 14,
        color: colour("--ink"),
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 1,
        "min-zoomed-font-size": 10, // a label that would be drawn smaller is left out, not shown illegibly
        "border-color": "#ffffff",
        "border-width": 1.5,
      },
    },
    ...KINDS.map(kind),
    { selector: "node.root", style: { "border-color": colour("--ink"), "border-width": 3 } },
    { selector: "node.expanded", style: { "border-color": "#222222", "border-style": "dashed", "border-width": 2 } },
    { selector: "node.chosen", style: { "border-color": colour("--focus"), "border-width": 4 } },
    {
      selector: "node.More",
      style: {
        shape: "round-rectangle",
        width: "label",
        height: 22,
        padding: 6,
        "background-color": "#ffffff",
        "border-color": colour("--muted"),
        "border-style": "dashed",
        "border-width": 1.5,
        "text-valign": "center",
        "text-margin-y": 0,
        "text-background-opacity": 0,
        color: colour("--link"),
      },
    },
    { selector: "edge", style: { width: 1.2, "line-color": "#a09a8c", "curve-style": "haystack" } },
    { selector: "edge.rel-RECEIVED, edge.rel-UNDER", style: { "line-color": "#c07a3a" } },
  ];
}
