// Profiles: a locality (awards by year and topic, each with its source span), a department, a notice (measures,
// winners, changes against the previous notice), a measure and a topic.

import { get, topics as getTopics } from "../api.js";
import { append, h, link, num, replace, table } from "../dom.js";
import { label, t, topicLabel } from "../i18n.js";
import { fileName, placeLabel, prime } from "../labels.js";
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
      link(`/id/${kind.toLowerCase()}/${enc(id)}?format=ttl`, t("rdf"), { class: "button secondary" }),
    ),
  ];
}

const nodeLinks = (kind, items) =>
  items.length ? h("ul", {}, items.map((x) => h("li", {}, link(nodeHref(kind, x.id), x.name || x.title || x.id)))) : h("p", { class: "empty" }, "—");

export async function localityView(page, [id], params) {
  const [place, topics] = await Promise.all([get(`/localities/${enc(id)}`), getTopics()]);
  await prime({ notices: place.award_history.map((a) => a.notice) });
  const year = params.get("year") || "";
  const history = place.award_history;
  const counts = new Map();
  for (const a of history) counts.set(a.year, (counts.get(a.year) || 0) + 1);
  const shown = year ? history.filter((a) => String(a.year) === year) : history;
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
        yearChart(counts, year, (y) => `#/locality/${enc(id)}?year=${y}`),
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
    awardTable(shown, topics),
    place.parent ? h("p", {}, `${t("parent")}: `, link(nodeHref("Locality", place.parent.id), place.parent.name)) : null,
    place.children.length ? [h("h2", {}, t("children")), nodeLinks("Locality", place.children)] : null,
  );
}

function awardTable(awards, topics) {
  const result = table(
    null,
    [t("year"), t("measure"), t("notice"), { label: t("amount"), num: true }, t("topics"), t("departments_impl"), t("source")],
    awards.map((a) => [
      a.year ?? "—",
      [`${a.measure_ordinal ?? ""} `, link(nodeHref("Measure", a.measure), excerpt(a.measure_text, 48))],
      link(nodeHref("Notice", a.notice), noticeName(a)),
      num(money(a.amount_yuan)),
      topicChips(topics, a.topics),
      a.implementing_departments.join("、") || "—",
      sourceLink(a.source_notice, a.span_start, a.span_end),
    ]),
  );
  result.id = "award-table";
  return result;
}

export async function departmentView(page, [id]) {
  const dept = await get(`/departments/${enc(id)}`);
  await prime({ notices: [...dept.leads, ...dept.supports].map((m) => m.notice), places: [dept.jurisdiction] });
  const measureRows = (list) =>
    list.map((m) => [m.ordinal ?? "—", link(nodeHref("Measure", m.id), excerpt(measureName(m), 50)), link(nodeHref("Notice", m.notice), noticeName(m.notice))]);
  const heads = [t("ordinal"), t("measure"), t("notice")];
  append(
    page,
    ...header("Department", id, dept.name, null),
    dept.jurisdiction ? h("p", {}, `${t("jurisdiction")}: `, link(nodeHref("Locality", dept.jurisdiction), placeLabel(dept.jurisdiction))) : null,
    h("h2", {}, t("leads"), ` (${dept.leads.length})`),
    table(null, heads, measureRows(dept.leads)),
    h("h2", {}, t("supports"), ` (${dept.supports.length})`),
    table(null, heads, measureRows(dept.supports)),
    h("h2", {}, t("co_leads")),
    nodeLinks("Department", dept.co_leads),
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
    table(
      null,
      [t("k_Locality"), { label: t("amount"), num: true }],
      m.winners.map((w) => [link(nodeHref("Locality", w.id), w.name), num(money(w.amount_yuan))]),
    ),
  );
}

export async function topicView(page, [id]) {
  const topic = await get(`/topics/${enc(id)}`);
  await prime({ notices: topic.measure_list.map((m) => m.notice) });
  append(
    page,
    ...header("Topic", id, topicLabel(new Map([[id, topic]]), id), topic.definition_en),
    h("p", {}, `${t("measures")}: ${topic.measures} · ${t("winners")}: ${topic.winners}`),
    h("h2", {}, t("topic_measures")),
    table(
      null,
      [t("ordinal"), t("measure"), t("notice")],
      topic.measure_list.map((m) => [m.ordinal ?? "—", link(nodeHref("Measure", m.id), excerpt(measureName(m), 60)), link(nodeHref("Notice", m.notice), noticeName(m.notice))]),
    ),
  );
}

export async function noticeView(page, [id]) {
  const [notice, topics] = await Promise.all([get(`/notices/${enc(id)}`), getTopics()]);
  await prime({ notices: [...notice.cites, ...notice.supersedes].map((c) => c.id), places: [notice.jurisdiction] });
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
    measuresTable(notice.measure_list, topics),
    h("h2", {}, t("diff")),
    await diffSection(notice),
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
  return table(
    null,
    [t("ordinal"), t("measure"), t("lead_departments"), t("supporting_departments"), t("topics"), { label: t("winners"), num: true }],
    measures.map((m) => [
      m.ordinal ?? "—",
      link(nodeHref("Measure", m.id), excerpt(measureName(m), 50)),
      m.lead_departments.join("、") || "—",
      m.supporting_departments.join("、") || "—",
      topicChips(topics, m.topics),
      winnersCell(m),
    ]),
  );
}

const when = (n) => n.date || (n.work_year ? String(n.work_year) : "");

/** The issuer's previous notice (else the jurisdiction's), preferring one of the same kind; and a picker for any. */
async function diffSection(notice) {
  const section = h("section", { "aria-live": "polite" });
  const others = notice.jurisdiction ? (await get("/notices", { jurisdiction: notice.jurisdiction, limit: 200 })).items : [];
  const candidates = others.filter((n) => n.id !== notice.id);
  const earlier = candidates
    .filter((n) => when(n) && when(notice) && when(n) < when(notice))
    .sort((a, b) => score(b, notice) - score(a, notice) || when(b).localeCompare(when(a)));
  if (!candidates.length) return h("p", { class: "empty" }, t("diff_none"));
  const select = h("select", { id: "diff-old" }, candidates.map((n) => h("option", { value: n.id }, `${when(n) || "?"} · ${noticeName(n)} (${label("nk", n.kind)})`)));
  const result = h("div", {});
  const show = async () => {
    const diff = await get("/queries/notice_diff", { old: select.value, new: notice.id });
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

function diffTable(rows) {
  const tally = new Map();
  for (const r of rows) tally.set(r.change, (tally.get(r.change) || 0) + 1);
  const order = { reworded: 0, added: 1, dropped: 2, unchanged: 3 };
  return [
    h("p", {}, [...tally].map(([c, n]) => `${label("ch", c)} ${n}`).join(" · ")),
    table(
      null,
      [t("change"), t("old_ordinal"), t("new_ordinal"), t("measure")],
      [...rows]
        .sort((a, b) => order[a.change] - order[b.change])
        .map((r) => [h("span", { class: `diff-${r.change}` }, label("ch", r.change)), r.old_ordinal ?? "—", r.new_ordinal ?? "—", excerpt(r.measure, 70)]),
    ),
  ];
}
