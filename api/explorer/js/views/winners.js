// "Won in both": localities awarded under every chosen topic (GET /queries/winners), as a list, a graph and CSV.
// #/winners?topics=ecology,investment&year_from=2020&year_to=2020&jurisdiction=500000&level=county

import { get, topics as getTopics } from "../api.js";
import { append, h, link, replace } from "../dom.js";
import { t, topicLabel } from "../i18n.js";
import { prime } from "../labels.js";
import { GraphExplorer } from "../graph.js";
import { listTable } from "../list.js";
import { csvUrl } from "../export.js";
import { excerpt, levelText, nodeHref, noticeName } from "./common.js";

const LEVELS = ["province", "prefecture", "county", "zone", "base", "township", "village"];
const FIELDS = ["year_from", "year_to", "jurisdiction", "level"];

export async function winnersView(page, _parts, params) {
  const [topics, provinces, prefectures] = await Promise.all([
    getTopics(),
    get("/localities", { level: "province", limit: 200 }),
    get("/localities", { level: "prefecture", limit: 500 }),
  ]);
  const chosen = (params.get("topics") || "").split(",").filter(Boolean);
  append(page, h("h1", {}, t("winners_title")), form(topics, [...provinces.items, ...prefectures.items], chosen, params));
  if (!chosen.length) return;
  const answer = await get("/queries/winners", {
    all_topics: chosen.join(","),
    year_from: params.get("year_from"),
    year_to: params.get("year_to"),
    jurisdiction: params.get("jurisdiction"),
    level: params.get("level"),
  });
  await prime({ notices: answer.localities.flatMap((l) => l.evidence.map((e) => e.notice)) });
  const section = results(answer, topics, chosen, params);
  await section.list.ready;
  append(page, section);
}

function form(topics, places, chosen, params) {
  const filter = h("input", { type: "search", id: "topic-filter", "aria-label": t("filter_topics"), placeholder: t("filter_topics") });
  const boxes = [...topics.values()].map((topic) =>
    h(
      "label",
      { "data-text": `${topic.id} ${topic.label_zh} ${topic.label_en}`.toLowerCase() },
      h("input", { type: "checkbox", name: "topic", value: topic.id, checked: chosen.includes(topic.id) }),
      ` ${topicLabel(topics, topic.id)}`,
    ),
  );
  filter.addEventListener("input", () => {
    const text = filter.value.trim().toLowerCase();
    for (const box of boxes) box.hidden = text && !box.dataset.text.includes(text) && !box.querySelector("input").checked;
  });
  const field = (name, title, control) => h("label", { class: "stack", for: `w-${name}` }, title, control);
  const choice = (name, options) =>
    h(
      "select",
      { id: `w-${name}`, name },
      h("option", { value: "" }, t("any")),
      options.map(([value, text]) => h("option", { value, selected: value === params.get(name) }, text)),
    );
  const year = (name) => h("input", { type: "number", id: `w-${name}`, name, min: 1990, max: 2100, value: params.get(name) || "" });
  const message = h("p", { role: "alert" });
  const element = h(
    "form",
    { class: "panel", id: "winners-form" },
    h("fieldset", {}, h("legend", {}, t("pick_topics")), filter, h("div", { class: "topic-list" }, boxes)),
    h(
      "div",
      { class: "row" },
      field("year_from", t("year_from"), year("year_from")),
      field("year_to", t("year_to"), year("year_to")),
      field("jurisdiction", t("scope"), choice("jurisdiction", places.map((p) => [p.id, `${p.name} (${levelText(p.level)})`]))),
      field("level", t("level"), choice("level", LEVELS.map((lv) => [lv, levelText(lv)]))),
      h("button", { type: "submit", class: "primary" }, t("run")),
    ),
    message,
  );
  element.addEventListener("submit", (event) => {
    event.preventDefault();
    const picked = [...element.querySelectorAll("input[name=topic]:checked")].map((x) => x.value);
    if (!picked.length) return (message.textContent = t("need_topics"));
    const query = new URLSearchParams({ topics: picked.join(",") });
    for (const name of FIELDS) if (element.elements[name].value) query.set(name, element.elements[name].value);
    location.hash = `#/winners?${query}`;
  });
  return element;
}

function results(answer, topics, chosen, params) {
  const section = h("section", { id: "winners-results", "aria-labelledby": "winners-count" });
  const list = winnersList(answer, topics);
  const graphSlot = h("div", {});
  const showGraph = h("button", { type: "button", class: "secondary", "aria-expanded": "false" }, t("show_graph"));
  showGraph.addEventListener("click", () => {
    showGraph.setAttribute("aria-expanded", "true");
    showGraph.disabled = true;
    replace(graphSlot, winnersGraph(answer, topics).element);
  });
  append(
    section,
    h("h2", { id: "winners-count" }, t("n_winners", answer.count), " · ", chosen.map((id) => topicLabel(topics, id)).join(" + ")),
    h(
      "div",
      { class: "actions" },
      link(csvHref(answer, topics), t("download_evidence"), { class: "button", id: "winners-csv", download: csvName(chosen, params) }),
      showGraph,
    ),
    graphSlot,
    list,
  );
  section.list = list;
  return section;
}

function winnersList(answer, topics) {
  return listTable({
    id: "winners-table",
    label: t("winners"),
    fileName: "winners-localities",
    rows: answer.localities,
    text: (loc) => `${loc.name} ${levelText(loc.level)}`,
    columns: [
      { label: t("k_Locality"), cell: (loc) => link(nodeHref("Locality", loc.id), loc.name), sort: (loc) => loc.name },
      { label: t("level"), cell: (loc) => levelText(loc.level), sort: (loc) => loc.level },
      { label: t("awards"), num: true, cell: (loc) => loc.evidence.length, sort: (loc) => loc.evidence.length },
      {
        label: t("evidence"),
        cell: (loc) =>
          h(
            "ul",
            {},
            loc.evidence.map((e) =>
              h(
                "li",
                {},
                `${topicLabel(topics, e.topic)} · ${e.year ?? "?"} · `,
                link(nodeHref("Measure", e.measure), [`${e.measure_ordinal ?? ""} `, excerpt(e.measure_text, 36)]),
                " · ",
                link(nodeHref("Notice", e.notice), noticeName(e)),
              ),
            ),
          ),
      },
    ],
  });
}

/** Localities linked to the topics they won under, sized by their number of awards; the most awarded first, the
 * rest behind one "+K more" node (graph-model.js). Clicking a locality expands its awards and their measures. */
function winnersGraph(answer, topics) {
  const graph = new GraphExplorer({ topics });
  const places = [...answer.localities].sort((a, b) => b.evidence.length - a.evidence.length);
  const topicIds = [...new Set(places.flatMap((l) => l.evidence.map((e) => e.topic)))];
  for (const id of topicIds) graph.addRoot({ id, kind: "Topic", name: topicLabel(topics, id), detail: null, year: null, topics: [id] });
  const nodes = places.map((loc) => ({ id: loc.id, kind: "Locality", name: loc.name, detail: loc.level, year: null, topics: [], weight: loc.evidence.length }));
  const edges = places.flatMap((loc) => [...new Set(loc.evidence.map((e) => e.topic))].map((id) => ({ rel: "AWARDED_UNDER", source: loc.id, target: id })));
  // Every winner won under every chosen topic, so one group (around the first topic) pages them all.
  graph.model.addNeighbourhood(topicIds[0], nodes, edges, { sort: false });
  graph.refresh();
  return graph;
}

const CSV_COLUMNS = ["locality_id", "locality", "level", "topic", "topic_zh", "year", "amount_yuan", "measure", "measure_ordinal", "measure_text", "notice", "notice_title", "notice_kind", "award"];

/** Every piece of evidence, one row each (the list's own CSV has one row per locality). */
function csvHref(answer, topics) {
  const rows = answer.localities.flatMap((loc) =>
    loc.evidence.map((e) => [loc.id, loc.name, loc.level, e.topic, topics?.get(e.topic)?.label_zh ?? "", e.year, e.amount_yuan, e.measure, e.measure_ordinal, e.measure_text, e.notice, e.notice_title, e.notice_kind, e.award]),
  );
  return csvUrl(CSV_COLUMNS, rows);
}

function csvName(chosen, params) {
  const years = [params.get("year_from"), params.get("year_to")].filter(Boolean).join("-");
  return `winners-${chosen.join("+")}${years ? `-${years}` : ""}.csv`;
}

