// The Cypher console on the read-only POST /cypher, with the named queries (GET /queries) as examples.
// #/console?name=localities_ranked loads and runs a named query; #/console?q=…&p=…&as=graph runs any query.

import { get, post, topics as getTopics } from "../api.js";
import { append, h, link, replace, table } from "../dom.js";
import { csvUrl, downloadLink, jsonUrl } from "../export.js";
import { errorBox } from "../errors.js";
import { t } from "../i18n.js";
import { GraphExplorer } from "../graph.js";

export async function consoleView(page, _parts, params) {
  const library = await get("/queries");
  const byName = new Map(library.map((q) => [q.name, q]));
  const named = h(
    "select",
    { id: "console-named" },
    h("option", { value: "" }, t("pick_query")),
    library.map((q) => h("option", { value: q.name, selected: q.name === params.get("name") }, q.name)),
  );
  const about = h("p", { class: "sub", id: "console-about" });
  const text = h("textarea", { id: "cypher", class: "code", rows: 10, spellcheck: "false" });
  const paramsBox = h("textarea", { id: "params", class: "code", rows: 3, spellcheck: "false" });
  const mode = (value) =>
    h("label", {}, h("input", { type: "radio", name: "as", value, checked: (params.get("as") || "table") === value }), ` ${t(`as_${value}`)}`);
  const run = h("button", { type: "submit", class: "primary", id: "console-run" }, t("run"));
  const result = h("div", { id: "console-result", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "panel" },
    h("label", { class: "stack", for: "console-named" }, t("named_queries"), named),
    about,
    h("label", { class: "stack", for: "cypher" }, t("query_text"), text),
    h("label", { class: "stack", for: "params" }, t("params"), paramsBox),
    h("div", { class: "row" }, h("fieldset", {}, h("legend", { class: "sr-only" }, t("show_as")), mode("table"), " ", mode("graph")), run),
    h("p", { class: "sub" }, t("console_help")),
  );
  const past = h("div", { id: "console-history" });
  append(page, h("h1", {}, t("console_title")), h("div", { class: "console-grid" }, h("div", {}, form, result), h("aside", { class: "side" }, await schemaPanel(), past)));
  const showHistory = () => replace(past, historyPanel());
  showHistory();

  const execute = async () => {
    replace(result, h("p", { class: "loading" }, t("loading")));
    try {
      const answer = await post("/cypher", { query: text.value, params: JSON.parse(paramsBox.value || "{}") });
      const as = form.elements.as.value;
      remember(text.value, paramsBox.value || "{}", as);
      showHistory();
      replace(
        result,
        h("p", { class: "results-meta", id: "console-count" }, t("rows", answer.count)),
        h("p", { class: "actions" }, exportLinks(answer)),
        await show(answer, as),
      );
    } catch (error) {
      replace(result, errorBox(error, execute, false));
    }
  };
  const load = async (name) => {
    const query = byName.get(name);
    about.textContent = query.description;
    text.value = await get(`/queries/${name}/cypher`);
    paramsBox.value = JSON.stringify(exampleParams(query));
  };

  named.addEventListener("change", async () => {
    if (!named.value) return;
    await load(named.value);
    history.pushState(null, "", `#/console?name=${named.value}`);
    await execute();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ q: text.value, p: paramsBox.value || "{}", as: form.elements.as.value });
    history.pushState(null, "", `#/console?${query}`); // linkable; back/forward re-render from the URL
    execute();
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });

  if (params.get("name") && byName.has(params.get("name"))) {
    await load(params.get("name"));
    await execute();
  } else if (params.get("q")) {
    text.value = params.get("q");
    paramsBox.value = params.get("p") || "{}";
    await execute();
  } else {
    text.value = "MATCH (l:Locality)-[:RECEIVED]->(a:Award)\nRETURN l.name AS name, count(a) AS awards\nORDER BY awards DESC LIMIT 10";
    paramsBox.value = "{}";
  }
}

/** The graph's node kinds and relationship types (GET /schema), with their counts (GET /health). */
async function schemaPanel() {
  const [schema, health] = await Promise.all([get("/schema"), get("/health")]);
  const props = (p) => h("span", { class: "props", "data-raw": "" }, Object.keys(p).join(", ") || "—");
  return h(
    "details",
    { class: "card", id: "console-schema", open: true },
    h("summary", {}, t("schema")),
    h("h3", {}, t("node_kinds")),
    h("ul", { class: "schema-list" }, schema.nodes.map((n) => h("li", {}, h("code", { "data-raw": "" }, `(:${n.label})`), ` ${t("count_of", health.nodes[n.label] ?? 0)} `, props(n.properties)))),
    h("h3", {}, t("rel_types")),
    h("ul", { class: "schema-list" }, schema.relationships.map((r) => h("li", {}, h("code", { "data-raw": "" }, `(:${r.from})-[:${r.type}]->(:${r.to})`), ` ${t("count_of", health.relationships[r.type] ?? 0)}`, Object.keys(r.properties).length ? [" ", props(r.properties)] : null))),
  );
}

// The last queries run here, newest first, kept in this browser only (localStorage), each a link that runs it again.
const HISTORY_KEY = "ikg-console-history";
const HISTORY_SIZE = 20;

function readHistory() {
  try {
    const list = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
    return Array.isArray(list) ? list.filter((x) => x && typeof x.q === "string") : [];
  } catch {
    return []; // a damaged entry is forgotten, not an error
  }
}

function remember(q, p, as) {
  const list = [{ q, p, as }, ...readHistory().filter((x) => x.q !== q || x.p !== p)].slice(0, HISTORY_SIZE);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(list));
}

function historyPanel() {
  const list = readHistory();
  return h(
    "details",
    { class: "card", open: list.length > 0 },
    h("summary", {}, t("console_history"), ` (${list.length})`),
    list.length
      ? h("ol", { class: "history-list" }, list.map((x) => h("li", {}, link(`#/console?${new URLSearchParams({ q: x.q, p: x.p, as: x.as || "table" })}`, h("code", { "data-raw": "" }, x.q.replace(/\s+/g, " ").slice(0, 90))))))
      : h("p", { class: "empty" }, t("console_history_empty")),
  );
}

/** The result as CSV (one column per result column; nodes and lists as JSON) and as the API's JSON answer. */
function exportLinks(answer) {
  const cell = (v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : v);
  const csv = () => csvUrl(answer.columns, answer.rows.map((r) => r.map(cell)));
  const json = () => jsonUrl(answer);
  return [
    downloadLink("CSV", "cypher-result.csv", csv, { id: "console-csv", "aria-label": t("download_csv") }),
    " ",
    downloadLink("JSON", "cypher-result.json", json, { id: "console-json", "aria-label": t("download_json") }),
  ];
}

/** Parameter values for a named query: its example's --param values, else the declared defaults. */
export function exampleParams(query) {
  const given = Object.fromEntries([...query.example.matchAll(/--param (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const typed = (type, value) => {
    if (type === "int") return Number(value);
    if (type.endsWith("[]")) return String(value).split(",").map((v) => (type === "int[]" ? Number(v) : v));
    return String(value);
  };
  return Object.fromEntries(query.parameters.map((p) => [p.name, p.name in given ? typed(p.type, given[p.name]) : p.default]));
}

async function show(answer, as) {
  if (as !== "graph") {
    return table(null, answer.columns, answer.rows.map((row) => row.map(cellText)));
  }
  const graph = resultGraph(answer, await getTopics());
  return graph ? graph.element : h("p", { class: "empty" }, t("no_graph"));
}

const cellText = (value) => (value !== null && typeof value === "object" ? JSON.stringify(value) : value ?? "—");

/** Nodes are cells holding a node (with _label and id), or columns named id / X_id (named after name / X_name);
 * each row links its nodes in column order, through a relationship cell between them when there is one. */
function resultGraph(answer, topics) {
  const graph = new GraphExplorer({ topics });
  const idColumns = answer.columns.map((c, i) => [c, i]).filter(([c]) => c === "id" || c.endsWith("_id"));
  for (const row of answer.rows) {
    const found = [];
    let rel = null;
    row.forEach((cell, i) => {
      if (cell && typeof cell === "object" && cell._label && cell.id !== undefined) {
        found.push({ node: { id: String(cell.id), kind: cell._label, name: cell.name || cell.title || cell.label_zh || cell.text || String(cell.id), detail: null, year: cell.year ?? cell.work_year ?? null, topics: [] }, rel });
        rel = null;
      } else if (cell && typeof cell === "object" && cell._label) rel = cell._label;
      else if (idColumns.some(([, j]) => j === i) && cell !== null) {
        const prefix = answer.columns[i].replace(/_?id$/, "");
        const nameAt = answer.columns.indexOf(prefix ? `${prefix}_name` : "name");
        found.push({ node: { id: String(cell), kind: guessKind(String(cell)), name: nameAt >= 0 ? row[nameAt] : String(cell), detail: null, year: null, topics: [] }, rel: null });
      }
    });
    found.forEach(({ node, rel: via }, i) => {
      graph.addNode(node);
      if (i) graph.addEdge({ rel: via || "RESULT", source: found[i - 1].node.id, target: node.id });
      else graph.roots.add(node.id);
    });
  }
  if (!graph.nodes.size) return null;
  graph.refresh();
  return graph;
}

/** Ids follow fixed shapes (ARCHITECTURE.md, IDs): enough to colour result nodes that come without a label. */
function guessKind(id) {
  if (/^\d{6}(@\d+)?$|^[ZB]/.test(id)) return "Locality";
  if (/^n[0-9a-f]{12}-m[\d.]+-a/.test(id)) return "Award";
  if (/^n[0-9a-f]{12}-m/.test(id)) return "Measure";
  if (/^n[0-9a-f]{12}$/.test(id)) return "Notice";
  if (/^\d{6}-[0-9a-f]+$/.test(id)) return "Department";
  return "Topic";
}
