// Winners: localities awarded under every chosen topic (GET /queries/winners, with the evidence) or under any of
// them (&match=any: the named query winners_any_topic, with the topics each won in and its number of awards), as
// a list, a graph and CSV.
// #/winners?topics=ecology,investment&year_from=2020&year_to=2020&jurisdiction=500000&level=county[&match=any]

import { get, getAllRows, topics as getTopics } from "../api.js";
import { append, h, link, replace } from "../dom.js";
import { t, topicLabel } from "../i18n.js";
import { prime } from "../labels.js";
import { GraphExplorer } from "../graph.js";
import { listTable } from "../list.js";
import { csvUrl } from "../export.js";
import { excerpt, levelText, nodeHref, noticeName, topicChips } from "./common.js";

const LEVELS = ["province", "prefecture", "county", "zone", "base", "township", "village"];
const FIELDS = ["year_from", "year_to", "jurisdiction", "level"];
const MODES = ["all", "any"];

export async function winnersView(page, _parts, params) {
  const [topics, provinces, prefectures] = await Promise.all([
    getTopics(),
    get("/localities", { level: "province", limit: 200 }),
    get("/localities", { level: "prefecture", limit: 500 }),
  ]);
  const chosen = (params.get("topics") || "").split(",").filter(Boolean);
  const mode = params.get("match") === "any" ? "any" : "all";
  append(page, h("h1", {}, t(`winners_title_${mode}`)), form(topics, [...provinces.items, ...prefectures.items], chosen, params, mode));
  if (!chosen.length) return;
  const filters = Object.fromEntries(FIELDS.map((name) => [name, params.get(name)]));
  const answer = mode === "all" ? await get("/queries/winners", { all_topics: chosen.join(","), ...filters, limit: 500, evidence: 1000 }) : await anyTopic(chosen, filters);
  await prime({ notices: answer.localities.flatMap((l) => (l.evidence || []).map((e) => e.notice)) });
  const section = results(answer, topics, chosen, params, mode);
  await section.list.ready;
  append(page, section);
}

/** The any-topic answer in the shape of the all-topics one (without evidence). */
async function anyTopic(chosen, filters) {
  const answer = await getAllRows("/queries/winners_any_topic", { topics: chosen.join(","), ...filters });
  return { topics: chosen, count: answer.count, localities: answer.rows };
}

/** A winner's topics and number of awards, from its evidence (all topics) or as the query gave them (any topic). */
const wonIn = (loc) => loc.topics ?? [...new Set(loc.evidence.map((e) => e.topic))];
const awardCount = (loc) => loc.awards ?? loc.evidence.length;

function form(topics, places, chosen, params, mode) {
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
      "fieldset",
      { class: "row" },
      h("legend", {}, t("match")),
      MODES.map((m) => h("label", {}, h("input", { type: "radio", name: "match", value: m, checked: m === mode }), ` ${t(`match_${m}`)}`)),
    ),
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
    if (element.elements.match.value === "any") query.set("match", "any");
    location.hash = `#/winners?${query}`;
  });
  return element;
}

function results(answer, topics, chosen, params, mode) {
  const section = h("section", { id: "winners-results", "aria-labelledby": "winners-count" });
  const list = winnersList(answer, topics, mode);
  const graphSlot = h("div", {});
  const showGraph = h("button", { type: "button", class: "secondary", "aria-expanded": "false" }, t("show_graph"));
  showGraph.addEventListener("click", () => {
    showGraph.setAttribute("aria-expanded", "true");
    showGraph.disabled = true;
    replace(graphSlot, winnersGraph(answer, topics, mode).element);
  });
  append(
    section,
    h("h2", { id: "winners-count" }, t("n_winners", answer.count), " · ", chosen.map((id) => topicLabel(topics, id)).join(mode === "all" ? " + " : ` ${t("or")} `)),
    h(
      "div",
      { class: "actions" },
      mode === "all" ? link(csvHref(answer, topics), t("download_evidence"), { class: "button", id: "winners-csv", download: csvName(chosen, params) }) : null,
      showGraph,
    ),
    graphSlot,
    list,
  );
  section.list = list;
  return section;
}

function winnersList(answer, topics, mode) {
  const evidence = {
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
  };
  const wonUnder = { label: t("topics"), cell: (loc) => topicChips(topics, wonIn(loc)), value: (loc) => wonIn(loc).map((id) => topicLabel(topics, id)).join("、") };
  return listTable({
    id: "winners-table",
    label: t("winners"),
    fileName: `winners-localities-${mode}`,
    rows: answer.localities,
    text: (loc) => `${loc.name} ${levelText(loc.level)}`,
    columns: [
      { label: t("k_Locality"), cell: (loc) => link(nodeHref("Locality", loc.id), loc.name), sort: (loc) => loc.name },
      { label: t("level"), cell: (loc) => levelText(loc.level), sort: (loc) => loc.level },
      { label: t("awards"), num: true, cell: awardCount, sort: awardCount },
      mode === "all" ? evidence : wonUnder,
    ],
  });
}

/** Localities linked to the topics they won under, sized by their number of awards; the most awarded first, the
 * rest behind "+K more" (graph-model.js): one group when every winner won under every topic, else one per topic.
 * Clicking a locality expands its awards and their measures. */
function winnersGraph(answer, topics, mode) {
  const graph = new GraphExplorer({ topics });
  const places = [...answer.localities].sort((a, b) => awardCount(b) - awardCount(a));
  const topicIds = answer.topics.filter((id) => places.some((loc) => wonIn(loc).includes(id)));
  for (const id of topicIds) graph.addRoot({ id, kind: "Topic", name: topicLabel(topics, id), detail: null, year: null, topics: [id] });
  const nodes = places.map((loc) => ({ id: loc.id, kind: "Locality", name: loc.name, detail: loc.level, year: null, topics: [], weight: awardCount(loc) }));
  const edges = places.flatMap((loc) => wonIn(loc).map((id) => ({ rel: "AWARDED_UNDER", source: loc.id, target: id })));
  for (const id of mode === "all" ? topicIds.slice(0, 1) : topicIds) {
    graph.model.addNeighbourhood(id, nodes, edges.filter((e) => mode === "all" || e.target === id), { sort: false });
  }
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

