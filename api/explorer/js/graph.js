// The graph view component: nodes and edges drawn on SVG with the force layout, expanded on click through
// GET /graph/{kind}/{id}, filtered by relationship type, topic and year; a node list mirrors the drawing for
// keyboard and screen-reader users.

import { get } from "./api.js";
import { append, h, link, replace, short, svg } from "./dom.js";
import { errorText } from "./errors.js";
import { noticeLabel } from "./labels.js";
import { ALPHA_MIN, COOLING, placeAround, tick } from "./force.js";
import { label, t, topicLabel } from "./i18n.js";
import { badge, nodeHref } from "./views/common.js";

const RADIUS = { Locality: 9, Measure: 7, Notice: 9, Department: 7, Topic: 7, Award: 5 };
const KINDS = Object.keys(RADIUS);
const PROFILE_KINDS = new Set(["Locality", "Measure", "Notice", "Department", "Topic"]);

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

/** The whole of what nodeLabel shortens (a measure with its number): a node's accessible name. */
const fullLabel = (n) => (n.kind === "Measure" && n.detail ? `${n.detail} ${n.name ?? n.id}` : n.name ?? n.id);

function nodeLabel(n) {
  if (n.kind === "Award") return ""; // small go-between nodes: their title (hover) says what they are
  if (n.kind === "Measure") return `${n.detail ?? ""} ${short(n.name, 8)}`;
  return short(n.name, 10);
}

export class GraphExplorer {
  constructor({ topics, filters = {}, onState = () => {} }) {
    this.topics = topics;
    this.nodes = new Map();
    this.edges = new Map();
    this.roots = new Set();
    this.expanded = new Set();
    this.filters = { rels: filters.rels || null, topic: filters.topic || "", year: filters.year || "" };
    this.onState = onState;
    this.view = null; // viewBox {x, y, w, h}; null = follow the layout
    this.selected = null;
    this.alpha = 0;
    this.element = this.build();
  }

  // -- data ---------------------------------------------------------------------------------------------------

  addNode(node, near = null, index = 0) {
    if (this.nodes.has(node.id)) return this.nodes.get(node.id);
    const at = placeAround(near, index);
    const n = { ...node, x: at.x, y: at.y, vx: 0, vy: 0 };
    this.nodes.set(n.id, n);
    return n;
  }

  addEdge({ rel, source, target }) {
    const key = `${source}|${rel}|${target}`;
    if (!this.edges.has(key) && this.nodes.has(source) && this.nodes.has(target)) this.edges.set(key, { rel, source, target });
  }

  addRoot(node) {
    this.roots.add(this.addNode(node, { x: this.roots.size * 80, y: 0 }).id);
  }

  /** Add one node's neighbourhood from the API, placing new nodes around it. */
  async expand(kind, id) {
    const hood = await get(`/graph/${kind.toLowerCase()}/${encodeURIComponent(id)}`);
    const center = this.addNode(fromCenter(hood.center));
    if (!this.roots.size) this.roots.add(center.id);
    hood.nodes.forEach((n, i) => this.addNode(n, center, i + 1));
    hood.edges.forEach((e) => this.addEdge(e));
    this.expanded.add(center.id);
    this.refresh();
    return hood;
  }

  // -- filters ------------------------------------------------------------------------------------------------

  passes(n) {
    if (this.roots.has(n.id)) return true;
    const { topic, year } = this.filters;
    if (topic && (n.kind === "Award" || n.kind === "Measure") && !n.topics.includes(topic)) return false;
    if (year && n.year !== null && n.year !== undefined && String(n.year) !== year) return false;
    return true;
  }

  visible() {
    const rels = this.filters.rels;
    const candidates = new Set([...this.nodes.values()].filter((n) => this.passes(n)).map((n) => n.id));
    const edges = [...this.edges.values()].filter(
      (e) => (!rels || rels.includes(e.rel)) && candidates.has(e.source) && candidates.has(e.target),
    );
    const linked = new Set(this.roots);
    for (const e of edges) linked.add(e.source).add(e.target);
    const nodes = [...this.nodes.values()].filter((n) => candidates.has(n.id) && linked.has(n.id));
    return { nodes, edges };
  }

  // -- drawing ------------------------------------------------------------------------------------------------

  build() {
    this.svg = svg("svg", { role: "group", "aria-label": t("graph_title"), "data-settled": "false" });
    this.edgeLayer = svg("g", {});
    this.nodeLayer = svg("g", {});
    append(this.svg, this.edgeLayer, this.nodeLayer);
    this.panZoom();
    const zoom = (factor) => () => this.zoom(factor);
    this.counts = h("p", { class: "results-meta", id: "graph-counts", "aria-live": "polite" });
    this.panel = h("div", { class: "side" });
    return h(
      "div",
      { class: "graph-wrap" },
      h(
        "div",
        {},
        h(
          "div",
          { class: "graph-canvas" },
          this.svg,
          h(
            "div",
            { class: "zoom" },
            h("button", { type: "button", "aria-label": t("zoom_in"), onclick: zoom(0.8) }, "+"),
            h("button", { type: "button", "aria-label": t("zoom_out"), onclick: zoom(1.25) }, "−"),
            h("button", { type: "button", "aria-label": t("zoom_fit"), onclick: () => this.fit(true) }, "⤢"),
          ),
        ),
        this.counts,
        h("p", { class: "sub" }, t("graph_help")),
      ),
      this.panel,
    );
  }

  /** Redraw elements after the data or the filters changed, then let the layout run. */
  refresh() {
    const { nodes, edges } = this.visible();
    this.shown = { nodes, edges: edges.map((e) => ({ ...e, s: this.nodes.get(e.source), t: this.nodes.get(e.target) })) };
    replace(
      this.edgeLayer,
      ...this.shown.edges.map((e) => (e.line = svg("line", { class: `edge rel-${e.rel}` }, svg("title", {}, label("r", e.rel))))),
    );
    replace(this.nodeLayer, ...nodes.map((n) => this.drawNode(n)));
    this.counts.textContent = t("graph_counts", nodes.length, edges.length);
    this.renderPanel();
    this.onState(this.state());
    this.start();
  }

  drawNode(n) {
    const classes = ["node", this.roots.has(n.id) && "root", this.expanded.has(n.id) && "expanded", this.selected === n.id && "selected"];
    const g = svg(
      "g",
      {
        class: classes.filter(Boolean).join(" "),
        tabindex: "0",
        role: "button",
        "data-id": n.id,
        "data-kind": n.kind,
        "aria-label": `${t(`k_${n.kind}`)} ${fullLabel(n)}${this.expanded.has(n.id) ? ` (${t("expanded")})` : ""}`,
      },
      svg("circle", { r: (RADIUS[n.kind] || 7) + (this.roots.has(n.id) ? 4 : 0), class: `n-${n.kind}` }),
      svg("text", { x: 11, y: 4 }, nodeLabel(n)),
      svg("title", {}, `${t(`k_${n.kind}`)}: ${n.name ?? n.id}`),
    );
    g.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        this.activate(n);
      }
    });
    this.dragNode(g, n);
    n.el = g;
    return g;
  }

  /** Select a node and expand it (once). */
  async activate(n) {
    this.selected = n.id;
    if (this.expanded.has(n.id)) return this.refresh();
    try {
      await this.expand(n.kind, n.id);
    } catch (error) {
      this.counts.textContent = errorText(error);
    }
    this.nodes.get(n.id)?.el?.focus({ preventScroll: true });
  }

  start() {
    this.alpha = Math.max(this.alpha, 0.8);
    this.svg.dataset.settled = "false";
    if (this.running) return;
    this.running = true;
    const frame = () => {
      if (!this.svg.isConnected && this.started) {
        this.running = false;
        return;
      }
      this.started = true;
      for (let i = 0; i < 3 && this.alpha > ALPHA_MIN; i++) {
        tick(this.shown.nodes, this.shown.edges, this.alpha);
        this.alpha *= COOLING;
      }
      this.paint();
      if (this.alpha > ALPHA_MIN) requestAnimationFrame(frame);
      else {
        this.running = false;
        this.svg.dataset.settled = "true";
      }
    };
    requestAnimationFrame(frame);
  }

  paint() {
    for (const e of this.shown.edges) {
      e.line.setAttribute("x1", e.s.x.toFixed(1));
      e.line.setAttribute("y1", e.s.y.toFixed(1));
      e.line.setAttribute("x2", e.t.x.toFixed(1));
      e.line.setAttribute("y2", e.t.y.toFixed(1));
    }
    for (const n of this.shown.nodes) n.el.setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
    if (!this.view) this.fit(false);
  }

  fit(reset) {
    if (reset) this.view = null;
    const nodes = this.shown?.nodes || [];
    if (!nodes.length) return;
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const pad = 40;
    const box = { x: Math.min(...xs) - pad, y: Math.min(...ys) - pad, w: Math.max(...xs) - Math.min(...xs) + 2 * pad + 60, h: Math.max(...ys) - Math.min(...ys) + 2 * pad };
    this.setViewBox(box);
  }

  setViewBox(box) {
    this.svg.setAttribute("viewBox", `${box.x} ${box.y} ${Math.max(box.w, 200)} ${Math.max(box.h, 150)}`);
  }

  currentBox() {
    const [x, y, w, hgt] = (this.svg.getAttribute("viewBox") || "0 0 800 500").split(" ").map(Number);
    return { x, y, w, h: hgt };
  }

  zoom(factor, cx = 0.5, cy = 0.5) {
    const b = this.currentBox();
    const w = b.w * factor;
    const hgt = b.h * factor;
    this.view = { x: b.x + (b.w - w) * cx, y: b.y + (b.h - hgt) * cy, w, h: hgt };
    this.setViewBox(this.view);
  }

  /** Screen pixels → graph units, for panning and dragging. */
  scale() {
    const rect = this.svg.getBoundingClientRect();
    const b = this.currentBox();
    return Math.max(b.w / rect.width, b.h / rect.height);
  }

  panZoom() {
    this.svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const rect = this.svg.getBoundingClientRect();
      this.zoom(event.deltaY > 0 ? 1.15 : 0.87, (event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    }, { passive: false });
    this.svg.addEventListener("pointerdown", (event) => {
      if (event.target !== this.svg) return;
      const start = { x: event.clientX, y: event.clientY, box: this.currentBox(), k: this.scale() };
      const move = (e) => {
        this.view = { ...start.box, x: start.box.x - (e.clientX - start.x) * start.k, y: start.box.y - (e.clientY - start.y) * start.k };
        this.setViewBox(this.view);
      };
      const up = () => window.removeEventListener("pointermove", move);
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up, { once: true });
    });
  }

  dragNode(g, n) {
    g.addEventListener("pointerdown", (event) => {
      event.stopPropagation();
      const start = { x: event.clientX, y: event.clientY, nx: n.x, ny: n.y, k: this.scale() };
      let moved = false;
      const move = (e) => {
        const dx = e.clientX - start.x;
        const dy = e.clientY - start.y;
        if (!moved && Math.hypot(dx, dy) < 4) return;
        moved = n.fixed = true;
        n.x = start.nx + dx * start.k;
        n.y = start.ny + dy * start.k;
        this.view ??= this.currentBox();
        this.paint();
      };
      const up = () => {
        window.removeEventListener("pointermove", move);
        if (!moved) this.activate(n);
      };
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up, { once: true });
    });
  }

  // -- side panel ---------------------------------------------------------------------------------------------

  renderPanel() {
    const rels = [...new Set([...this.edges.values()].map((e) => e.rel))].sort();
    const topicIds = [...new Set([...this.nodes.values()].flatMap((n) => n.topics || []))].sort();
    const years = [...new Set([...this.nodes.values()].map((n) => n.year).filter((y) => y !== null && y !== undefined))].sort();
    const relBoxes = rels.map((rel) =>
      h(
        "label",
        { style: "display:block" },
        h("input", {
          type: "checkbox",
          name: "rel",
          value: rel,
          checked: !this.filters.rels || this.filters.rels.includes(rel),
          onchange: (e) => {
            const checked = [...e.target.form.querySelectorAll("input[name=rel]:checked")].map((x) => x.value);
            this.filters.rels = checked.length === rels.length ? null : checked;
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
          { id, onchange: (e) => { this.filters[key] = e.target.value; this.refresh(); } },
          h("option", { value: "" }, key === "topic" ? t("all_topics") : t("all_years")),
          values.map((v) => h("option", { value: String(v), selected: String(v) === this.filters[key] }, text(v))),
        ),
      );
    const sel = this.selected && this.nodes.get(this.selected);
    replace(
      this.panel,
      h(
        "form",
        { class: "card", "aria-labelledby": "filters-title", onsubmit: (e) => e.preventDefault() },
        h("h2", { id: "filters-title" }, t("filters")),
        h("fieldset", {}, h("legend", {}, t("rel_types")), relBoxes),
        choose("topic", "graph-topic", t("topic"), topicIds, (id) => topicLabel(this.topics, id)),
        choose("year", "graph-year", t("year"), years, String),
      ),
      sel ? this.selectedCard(sel) : null,
      h("div", { class: "card" }, h("h2", {}, t("legend")), h("div", { class: "legend" }, KINDS.map(badge))),
      h(
        "details",
        { class: "card" },
        h("summary", {}, `${t("node_list")} (${this.shown.nodes.length})`),
        h(
          "ul",
          { class: "node-list" },
          this.shown.nodes.map((n) =>
            h("li", {}, badge(n.kind), " ", h("button", { type: "button", class: "secondary", onclick: () => this.activate(n) }, short(n.name ?? n.id, 24))),
          ),
        ),
      ),
    );
  }

  selectedCard(n) {
    return h(
      "div",
      { class: "card", id: "selected-node" },
      h("h2", {}, t("selected")),
      h("p", {}, badge(n.kind), " ", n.name ?? n.id),
      n.year ? h("p", {}, `${t("year")}: ${n.year}`) : null,
      n.topics?.length ? h("p", {}, n.topics.map((id) => topicLabel(this.topics, id)).join("、")) : null,
      PROFILE_KINDS.has(n.kind) ? link(nodeHref(n.kind, n.id), t("open_profile")) : null,
    );
  }

  state() {
    return { expanded: [...this.expanded], ...this.filters };
  }
}
