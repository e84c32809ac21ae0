// Profiles: a locality (awards by year and topic, each with its source span), a department, a notice (measures,
// winners, changes against the previous notice), a measure and a topic.

import { get, getAllRows, topics as getTopics } from "../api.js";
import { append, h, link, num, replace, table } from "../dom.js";
import { label, t, topicLabel } from "../i18n.js";
import { fileName, placeLabel, prime } from "../labels.js";
import { listTable } from "../list.js";
import { citeCard } from "../cite.js";
import { departmentTimeline, measureTimeline, noticeTimeline } from "./timeline.js";
import { badge, excerpt, graphHref, levelText, measureName, money, nodeHref, noticeName, sourceLink, topicChips, yearChart } from "./common.js";

const enc = encodeURIComponent;

function header(kind, id, title, sub) {
  return [
    h("p", {}, badge(kind)),
    h("h1", {}, title),
    sub ? h("p", { class: "sub" }, sub) : null,
    h(
      "div",
      { class: "actions" },
      link(graphHref(kind, id), t("show_graph"), { class: "button" }),
      link("#cite-title", t("cite"), { class: "button secondary", onclick: jumpToCite }),
    ),
  ];
}

/** The "cite" button scrolls to the card without changing the route (the hash is the view). */
function jumpToCite(event) {
  event.preventDefault();
  document.getElementById("cite-title")?.scrollIntoView();
  document.getElementById("cite-copy")?.focus({ preventScroll: true });
}

const nodeLinks = (kind, items) =>
  items.length ? h("ul", {}, items.map((x) => h("li", {}, link(nodeHref(kind, x.id), x.name || x.title || x.id)))) : h("p", { class: "empty" }, "—");

export async function localityView(page, [id], params) {
  const [place, topics] = await Promise.all([get(`/localities/${enc(id)}`), getTopics()]);
  await prime({ notices: place.award_history.map((a) => a.notice) });
  const year = params.get("year") || "";
  // A topic narrows the timeline (awards and money by year) to that topic's awards; the lists stay whole.
  const present = [...new Set(place.award_history.flatMap((a) => a.topics))];
  const topic = present.includes(params.get("topic")) ? params.get("topic") : "";
  const history = topic ? place.award_history.filter((a) => a.topics.includes(topic)) : place.award_history;
  const yearHref = (y) => `#/locality/${enc(id)}?year=${y}${topic ? `&topic=${enc(topic)}` : ""}`;
  const counts = new Map();
  const yuan = new Map();
  for (const a of place.award_history) counts.set(a.year, 0); // a topic's chart keeps the place's years
  for (const a of history) {
    counts.set(a.year, (counts.get(a.year) || 0) + 1);
    yuan.set(a.year, (yuan.get(a.year) || 0) + (a.amount_yuan || 0));
  }
  const hasMoney = [...yuan.values()].some(Boolean);
  const shown = year ? place.award_history.filter((a) => String(a.year) === year) : place.award_history;
  const byTopic = new Map();
  for (const row of place.by_year_topic) {
    if (year && String(row.year) !== year) continue;
    if (row.topic) byTopic.set(row.topic, (byTopic.get(row.topic) || 0) + row.awards);
  }
  append(
    page,
    ...header("Locality", id, place.name, [place.full_name, levelText(place.level), place.code].filter(Boolean).join(" · ")),
    h(
      "div",
      { class: "grid2" },
      h(
        "section",
        { class: "card", "aria-labelledby": "by-year" },
        h("h2", { id: "by-year" }, t("awards_by_year")),
        topicPicker(id, year, topic, present, topics),
        yearChart(counts, year, yearHref),
        hasMoney ? [h("h3", {}, t("money_by_year")), yearChart(yuan, year, yearHref, t("money_by_year"), compactYuan)] : null,
        year ? link(`#/locality/${enc(id)}`, t("all_years")) : null,
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "by-topic" },
        h("h2", { id: "by-topic" }, t("awards_by_topic"), year ? ` (${year})` : ""),
        table(
          null,
          [t("topic"), { label: t("awards"), num: true }],
          [...byTopic].sort((a, b) => b[1] - a[1]).map(([topic, n]) => [link(`#/topic/${topic}`, topicLabel(topics, topic)), num(n)]),
        ),
      ),
    ),
    h("h2", {}, t("award_history")),
    h("p", { class: "results-meta", id: "award-count" }, year ? t("awards_in_year", shown.length, year) : t("awards_all", shown.length)),
    await ready(awardList(shown, topics)),
    place.parent ? h("p", {}, `${t("parent")}: `, link(nodeHref("Locality", place.parent.id), place.parent.name)) : null,
    place.children.length ? [h("h2", {}, t("children")), await ready(childList(id))] : null,
    citeCard({ kind: "Locality", id, title: `${place.full_name || place.name}${place.code ? ` (${place.code})` : ""} · ${t("award_history")}` }),
  );
}

/** A select that narrows the locality's timeline to one topic (kept in the URL: #/locality/ID?topic=ecology). */
function topicPicker(id, year, topic, present, topics) {
  if (present.length < 2) return null;
  const href = (x) => `#/locality/${enc(id)}?${new URLSearchParams(Object.entries({ year, topic: x }).filter(([, v]) => v))}`;
  return h(
    "label",
    { class: "stack", for: "timeline-topic" },
    t("topic_filter"),
    h("select", { id: "timeline-topic", onchange: (e) => (location.hash = href(e.target.value)) },
      h("option", { value: "" }, t("topic_all")),
      present.map((x) => [x, topicLabel(topics, x)]).sort((a, b) => a[1].localeCompare(b[1])).map(([x, text]) => h("option", { value: x, selected: x === topic }, text))),
  );
}

/** 1,500,000 → "150万" (zh) or "1.5M" (en): short enough to stand above a bar. */
const compactYuan = (n) => t("compact_yuan", n);

/** A list's element once its first page is drawn, so the view is whole when it is shown. */
const ready = async (list) => (await list.ready, list);

function awardList(awards, topics) {
  return listTable({
    id: "award-table",
    label: t("award_history"),
    rows: awards,
    text: (a) => [a.year, a.measure_ordinal, a.measure_text, noticeName(a), ...a.topics.map((x) => topicLabel(topics, x)), ...a.implementing_departments].join(" "),
    columns: [
      { label: t("year"), cell: (a) => a.year ?? "—", sort: (a) => a.year },
      { label: t("measure"), cell: (a) => [`${a.measure_ordinal ?? ""} `, link(nodeHref("Measure", a.measure), excerpt(a.measure_text, 48))], sort: (a) => a.measure_text },
      { label: t("notice"), cell: (a) => link(nodeHref("Notice", a.notice), noticeName(a)), sort: (a) => a.notice_date },
      { label: t("amount"), num: true, cell: (a) => money(a.amount_yuan), sort: (a) => a.amount_yuan },
      { label: t("topics"), cell: (a) => topicChips(topics, a.topics) },
      { label: t("departments_impl"), cell: (a) => a.implementing_departments.join("、") || "—" },
      { label: t("source"), cell: (a) => sourceLink(a.source_notice, a.span_start, a.span_end) },
    ],
  });
}

/** A place's children, paged and filtered by the API (GET /localities?parent=…). */
function childList(id) {
  return listTable({
    id: "children-table",
    label: t("children"),
    load: ({ offset, limit, q }) => get("/localities", { parent: id, offset, limit, q }),
    columns: [
      { label: t("k_Locality"), cell: (c) => link(nodeHref("Locality", c.id), c.name) },
      { label: t("level"), cell: (c) => levelText(c.level) },
      { label: t("awards"), num: true, cell: (c) => c.awards ?? 0 },
    ],
  });
}

export async function departmentView(page, [id]) {
  const dept = await get(`/departments/${enc(id)}`);
  await prime({ notices: [...dept.leads, ...dept.supports].map((m) => m.notice), places: [dept.jurisdiction] });
  const measures = (listId, title, rows) =>
    listTable({
      id: listId,
      label: title,
      rows,
      text: (m) => `${m.ordinal ?? ""} ${measureName(m)} ${noticeName(m.notice)}`,
      columns: [
        { label: t("ordinal"), cell: (m) => m.ordinal ?? "—" },
        { label: t("measure"), cell: (m) => link(nodeHref("Measure", m.id), excerpt(measureName(m), 50)), sort: measureName },
        { label: t("notice"), cell: (m) => link(nodeHref("Notice", m.notice), noticeName(m.notice)), sort: (m) => noticeName(m.notice) },
      ],
    });
  append(
    page,
    ...header("Department", id, dept.name, null),
    dept.jurisdiction ? h("p", {}, `${t("jurisdiction")}: `, link(nodeHref("Locality", dept.jurisdiction), placeLabel(dept.jurisdiction))) : null,
    await departmentTimeline(id),
    h("h2", {}, t("leads"), ` (${dept.leads.length})`),
    await ready(measures("leads-table", t("leads"), dept.leads)),
    h("h2", {}, t("supports"), ` (${dept.supports.length})`),
    await ready(measures("supports-table", t("supports"), dept.supports)),
    h("h2", {}, t("co_leads")),
    nodeLinks("Department", dept.co_leads),
    citeCard({ kind: "Department", id, title: dept.jurisdiction ? `${placeLabel(dept.jurisdiction)} · ${dept.name}` : dept.name }),
  );
}

export async function measureView(page, [id]) {
  const [m, topics] = await Promise.all([get(`/measures/${enc(id)}`), getTopics()]);
  await prime({ notices: [m.notice.id] });
  const deps = (list) => (list.length ? list.map((d, i) => [i ? "、" : "", link(nodeHref("Department", d.id), d.name)]) : "—");
  append(
    page,
    ...header("Measure", id, m.title ? `${m.ordinal ?? ""} ${m.title}`.trim() : `${t("measure")} ${m.ordinal ?? ""}`.trim()),
    h("p", {}, m.text),
    h(
      "dl",
      {},
      h("dt", {}, t("notice")),
      h("dd", {}, link(nodeHref("Notice", m.notice.id), noticeName(m.notice))),
      h("dt", {}, t("lead_departments")),
      h("dd", {}, deps(m.lead_departments)),
      h("dt", {}, t("supporting_departments")),
      h("dd", {}, deps(m.supporting_departments)),
      h("dt", {}, t("topics")),
      h("dd", {}, topicChips(topics, m.topics)),
      h("dt", {}, t("source")),
      h("dd", {}, sourceLink(m.source_notice, m.span_start, m.span_end)),
    ),
    h("h2", {}, t("winners"), ` (${m.winners.length})`),
    await ready(
      listTable({
        id: "winners-table",
        label: t("winners"),
        rows: m.winners,
        text: (w) => w.name,
        columns: [
          { label: t("k_Locality"), cell: (w) => link(nodeHref("Locality", w.id), w.name), sort: (w) => w.name },
          { label: t("amount"), num: true, cell: (w) => money(w.amount_yuan), sort: (w) => w.amount_yuan },
        ],
      }),
    ),
    await measureTimeline(id),
    citeCard({
      kind: "Measure",
      id,
      title: `${noticeName(m.notice)} · ${t("measure")} ${m.ordinal ?? ""}`.trim(),
      docNumber: m.notice.doc_number,
      quote: m.text,
      source: sourceLink(m.source_notice, m.span_start, m.span_end),
    }),
  );
}

/** A topic with every measure about it: GET /topics/{id} gives its measures a page at a time. */
async function topicWithEveryMeasure(id) {
  const topic = await get(`/topics/${enc(id)}`, { limit: 1000 });
  for (let next = topic.measure_list_next; next; ) {
    const more = await get(next);
    topic.measure_list.push(...more.measure_list);
    next = more.measure_list_next;
  }
  return topic;
}

export async function topicView(page, [id]) {
  const [topic, winners] = await Promise.all([topicWithEveryMeasure(id), get("/queries/winners", { all_topics: id, limit: 500, evidence: 1000 })]);
  await prime({ notices: topic.measure_list.map((m) => m.notice) });
  const perYear = new Map();
  for (const place of winners.localities) {
    for (const year of new Set(place.evidence.map((e) => e.year))) perYear.set(year, (perYear.get(year) || 0) + 1);
  }
  const both = (y) => `#/winners?topics=${enc(id)}&year_from=${y}&year_to=${y}`;
  append(
    page,
    ...header("Topic", id, topicLabel(new Map([[id, topic]]), id), topic.definition_en),
    h("p", {}, `${t("measures")}: ${topic.measures} · ${t("winners")}: ${topic.winners}`),
    h("section", { class: "card", "aria-labelledby": "winners-by-year" }, h("h2", { id: "winners-by-year" }, t("winners_by_year")), yearChart(perYear, "", both, t("winners_by_year"))),
    h("h2", {}, t("winners")),
    await ready(
      listTable({
        id: "topic-winners",
        label: t("winners"),
        rows: winners.localities,
        text: (loc) => `${loc.name} ${levelText(loc.level)}`,
        columns: [
          { label: t("k_Locality"), cell: (loc) => link(nodeHref("Locality", loc.id), loc.name), sort: (loc) => loc.name },
          { label: t("level"), cell: (loc) => levelText(loc.level), sort: (loc) => loc.level },
          { label: t("awards"), num: true, cell: (loc) => loc.evidence.length, sort: (loc) => loc.evidence.length },
          { label: t("years"), cell: (loc) => yearsText(loc.evidence), sort: (loc) => Math.max(...loc.evidence.map((e) => e.year ?? 0)) },
        ],
      }),
    ),
    h("h2", {}, t("topic_measures")),
    await ready(
      listTable({
        id: "topic-measures",
        label: t("topic_measures"),
        rows: topic.measure_list,
        text: (m) => `${measureName(m)} ${noticeName(m.notice)}`,
        columns: [
          { label: t("ordinal"), cell: (m) => m.ordinal ?? "—" },
          { label: t("measure"), cell: (m) => link(nodeHref("Measure", m.id), excerpt(measureName(m), 60)), sort: measureName },
          { label: t("notice"), cell: (m) => link(nodeHref("Notice", m.notice), noticeName(m.notice)), sort: (m) => noticeName(m.notice) },
        ],
      }),
    ),
    citeCard({ kind: "Topic", id, title: topicLabel(new Map([[id, topic]]), id) }),
  );
}

/** "2018–2020, 2022": the years of a place's awards, runs joined. */
function yearsText(evidence) {
  const years = [...new Set(evidence.map((e) => e.year).filter((y) => y !== null && y !== undefined))].sort((a, b) => a - b);
  const runs = [];
  for (const y of years) {
    const last = runs[runs.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(", ") || "—";
}

export async function noticeView(page, [id]) {
  const [notice, topics] = await Promise.all([get(`/notices/${enc(id)}`), getTopics()]);
  await prime({ notices: [...notice.cites, ...notice.supersedes].map((c) => c.id), places: [notice.jurisdiction] });
  const others = notice.jurisdiction ? (await get("/notices", { jurisdiction: notice.jurisdiction, limit: 500 })).items : [];
  const refs = (list) => (list.length ? list.map((c, i) => [i ? "、" : "", link(nodeHref("Notice", c.id), c.doc_number || noticeName(c.id))]) : "—");
  append(
    page,
    ...header("Notice", id, noticeName(notice), label("nk", notice.kind)),
    h(
      "dl",
      {},
      [
        [t("doc_number"), notice.doc_number ?? "—"],
        [t("issuer"), notice.issuer ?? "—"],
        [t("date"), notice.date ?? "—"],
        [t("work_year"), notice.work_year ?? "—"],
        [t("jurisdiction"), notice.jurisdiction ? link(nodeHref("Locality", notice.jurisdiction), placeLabel(notice.jurisdiction)) : "—"],
        [t("cites"), refs(notice.cites)],
        [t("supersedes"), refs(notice.supersedes)],
        [t("source"), notice.source_path ? link(`#/source/${enc(id)}`, fileName(notice.source_path)) : "—"],
      ].map(([dt, dd]) => [h("dt", {}, dt), h("dd", {}, dd)]),
    ),
    h("h2", {}, t("measures"), ` (${notice.measure_list.length})`),
    await ready(measuresTable(notice.measure_list, topics)),
    await noticeTimeline(notice, others),
    h("h2", {}, t("diff")),
    await diffSection(notice, others),
    citeCard({ kind: "Notice", id, title: noticeName(notice), issuer: notice.issuer, date: notice.date, docNumber: notice.doc_number }),
  );
}

function measuresTable(measures, topics) {
  const winnersCell = (m) => {
    if (!m.winners) return num(0);
    const cell = h("td", { class: "num" });
    const button = h("button", { type: "button", class: "secondary", "aria-expanded": "false" }, `${m.winners} · ${t("show_winners")}`);
    button.addEventListener("click", async () => {
      button.disabled = true;
      const detail = await get(`/measures/${enc(m.id)}`);
      const names = detail.winners.map((w, i) => [i ? "、" : "", link(nodeHref("Locality", w.id), w.name)]);
      replace(cell, h("div", { class: "winners" }, names));
    });
    append(cell, button);
    return cell;
  };
  return listTable({
    id: "measures-table",
    label: t("measures"),
    rows: measures,
    text: (m) => [m.ordinal, measureName(m), ...m.lead_departments, ...m.supporting_departments, ...m.topics.map((x) => topicLabel(topics, x))].join(" "),
    columns: [
      { label: t("ordinal"), cell: (m) => m.ordinal ?? "—" },
      { label: t("measure"), cell: (m) => link(nodeHref("Measure", m.id), excerpt(measureName(m), 50)), sort: measureName },
      { label: t("lead_departments"), cell: (m) => m.lead_departments.join("、") || "—" },
      { label: t("supporting_departments"), cell: (m) => m.supporting_departments.join("、") || "—" },
      { label: t("topics"), cell: (m) => topicChips(topics, m.topics) },
      { label: t("winners"), num: true, cell: winnersCell, sort: (m) => m.winners ?? 0, value: (m) => m.winners ?? 0 },
    ],
  });
}

const when = (n) => n.date || (n.work_year ? String(n.work_year) : "");

/** The issuer's previous notice of the same kind (as the notice_diff query takes it); and a picker for any. */
async function diffSection(notice, others) {
  const section = h("section", { "aria-live": "polite" });
  const candidates = others.filter((n) => n.id !== notice.id);
  const earlier = candidates
    .filter((n) => when(n) && when(notice) && when(n) < when(notice) && score(n, notice) === 3)
    .sort((a, b) => score(b, notice) - score(a, notice) || when(b).localeCompare(when(a)));
  if (!candidates.length) return h("p", { class: "empty" }, t("diff_none"));
  const select = h("select", { id: "diff-old" }, candidates.map((n) => h("option", { value: n.id }, `${when(n) || "?"} · ${noticeName(n)} (${label("nk", n.kind)})`)));
  const result = h("div", {});
  const show = async () => {
    const diff = await getAllRows("/queries/notice_diff", { old: select.value, new: notice.id });
    replace(result, diffTable(diff.rows));
  };
  select.addEventListener("change", show);
  if (earlier.length) select.value = earlier[0].id;
  else append(section, h("p", { class: "empty" }, t("diff_none")));
  append(section, h("label", { for: "diff-old" }, `${t("diff_against")}: `), select, result);
  await show();
  return section;
}

const score = (n, notice) => (n.issuer && n.issuer === notice.issuer ? 2 : 0) + (n.kind === notice.kind ? 1 : 0);

/** Lead (and supporting) departments before → after, for a measure whose departments changed. */
function departmentsCell(r) {
  if (r.change !== "departments_changed") return "";
  const side = (leads, supports) => [(leads || []).join("、"), (supports || []).join("、")].filter(Boolean).join(" / ") || "—";
  return `${side(r.leads_before, r.supports_before)} → ${side(r.leads_after, r.supports_after)}`;
}

function diffTable(rows) {
  const tally = new Map();
  for (const r of rows) tally.set(r.change, (tally.get(r.change) || 0) + 1);
  const order = { departments_changed: 0, reworded: 1, added: 2, dropped: 3, unchanged: 4 };
  return [
    h("p", {}, [...tally].map(([c, n]) => `${label("ch", c)} ${n}`).join(" · ")),
    table(
      null,
      [t("change"), t("old_ordinal"), t("new_ordinal"), t("measure"), t("departments")],
      [...rows]
        .sort((a, b) => order[a.change] - order[b.change])
        .map((r) => [h("span", { class: `diff-${r.change}` }, label("ch", r.change)), r.old_ordinal ?? "—", r.new_ordinal ?? "—", excerpt(r.measure, 70), departmentsCell(r)]),
    ),
  ];
}
