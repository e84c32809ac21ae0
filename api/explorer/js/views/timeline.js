// Timelines on the profiles: an issuer's notices along the years with the current notice's lineage (named query
// notice_lineage: cites, supersedes, reports on, previous and next of the same kind), a measure's history across
// the issuer's notices (measure_history, CONTINUES) and the localities that won under it (measure_winners, through
// the award categories that IMPLEMENT it), a department's awards and money by year.

import { get, getAllRows } from "../api.js";
import { append, h, link, svg } from "../dom.js";
import { label, t } from "../i18n.js";
import { listTable } from "../list.js";
import { prime } from "../labels.js";
import { excerpt, money, nodeHref, noticeName, yearChart } from "./common.js";

const YEAR_W = 90; // units per year on the notice timeline
const ROW_H = 22;

/** "2021-03-05" → 2021.17 (a notice without a date sits in the middle of its work year). */
function when(n) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(n.date || "");
  if (m) return Number(m[1]) + (Number(m[2]) - 1) / 12 + (Number(m[3]) - 1) / 366;
  return n.work_year ? n.work_year + 0.5 : null;
}

/** The issuer's notices (`others`, the current one among them) as dots along the years, the current one marked and
 * its lineage listed under the drawing; each dot and entry links to its notice. */
export async function noticeTimeline(notice, others) {
  const lineage = (await getAllRows("/queries/notice_lineage", { id: notice.id })).rows;
  await prime({ notices: lineage.filter((r) => r.loaded).map((r) => r.id) });
  const related = new Map(lineage.map((r) => [r.id, r.relation]));
  const sameIssuer = others.filter((n) => n.issuer && n.issuer === notice.issuer);
  const shown = [...new Map([...sameIssuer, notice, ...lineage.filter((r) => r.loaded)].map((n) => [n.id, n])).values()]
    .filter((n) => when(n) !== null)
    .sort((a, b) => when(a) - when(b));
  const section = h("section", { class: "card timeline", "aria-labelledby": "timeline-title" }, h("h2", { id: "timeline-title" }, t("issuer_timeline", notice.issuer || "—")));
  append(
    section,
    shown.length ? drawTimeline(shown, notice.id, related) : null,
    lineage.length
      ? h("ul", { class: "lineage", id: "lineage" }, lineage.map((r) => h("li", {},
          h("span", { class: `rel rel-${r.relation}` }, t(`lin_${r.relation}`)), " ",
          r.loaded ? link(nodeHref("Notice", r.id), noticeName(r)) : h("span", {}, r.doc_number || noticeName(r), ` (${t("not_loaded")})`),
          r.date ? ` · ${r.date}` : "")))
      : h("p", { class: "empty", id: "lineage" }, t("no_lineage")),
  );
  return section;
}

function drawTimeline(notices, currentId, related) {
  const first = Math.floor(when(notices[0]));
  const last = Math.floor(when(notices[notices.length - 1]));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const x = (n) => 20 + (when(n) - first) * YEAR_W;
  // Dots closer than 16 units go on the next row, so none hides another.
  const rowEnds = [];
  const placed = notices.map((n) => {
    let row = rowEnds.findIndex((end) => x(n) - end >= 16);
    if (row < 0) row = rowEnds.push(-Infinity) - 1;
    rowEnds[row] = x(n);
    return { n, row };
  });
  const height = 34 + Math.max(1, rowEnds.length) * ROW_H;
  const width = 40 + years.length * YEAR_W;
  return h(
    "div",
    { class: "timeline-wrap" },
    svg(
      "svg",
      { viewBox: `0 0 ${width} ${height}`, width, height, role: "group", "aria-label": t("timeline") },
      years.map((y) => [
        svg("line", { x1: 20 + (y - first) * YEAR_W, x2: 20 + (y - first) * YEAR_W, y1: 0, y2: height - 18, class: "year-line" }),
        svg("text", { x: 24 + (y - first) * YEAR_W, y: height - 4, class: "year-text" }, String(y)),
      ]),
      placed.map(({ n, row }) => {
        const current = n.id === currentId;
        const relation = related.get(n.id);
        const text = `${n.date || n.work_year || "?"} · ${noticeName(n)} (${label("nk", n.kind)})${relation ? ` · ${t(`lin_${relation}`)}` : ""}`;
        const dot = svg("circle", { cx: x(n), cy: 14 + row * ROW_H, r: current ? 8 : 6, class: `dot nk-${n.kind}${current ? " current" : ""}${relation ? " related" : ""}` }, svg("title", {}, text));
        return current ? svg("g", { "aria-label": text, role: "img" }, dot) : svg("a", { href: nodeHref("Notice", n.id), "aria-label": text }, dot);
      }),
    ),
    h("p", { class: "legend timeline-legend" },
      ["measures_notice", "award_notice", "news_report"].map((k) => h("span", { class: "map-key" }, h("span", { class: `swatch nk-${k}`, "aria-hidden": "true" }), label("nk", k))),
      h("span", { class: "map-key" }, h("span", { class: "swatch current", "aria-hidden": "true" }), t("this_notice"))),
  );
}

/** Awards and money per year (every year from the first to the last, empty ones shown as 0). */
export function awardsAndMoney(rows, hrefFor = () => null) {
  const awards = new Map(rows.map((r) => [r.year, r.awards]));
  const yuan = new Map(rows.map((r) => [r.year, r.amount_yuan || 0]));
  const hasMoney = [...yuan.values()].some(Boolean);
  return [
    yearChart(awards, "", hrefFor, t("awards_by_year")),
    hasMoney ? [h("h3", {}, t("money_by_year")), yearChart(yuan, "", hrefFor, t("money_by_year"), (n) => t("compact_yuan", n))] : null,
  ];
}

/** A department's awards and money by year, through the measures it leads. */
export async function departmentTimeline(id) {
  const rows = (await getAllRows("/queries/department_awards_by_year", { id })).rows;
  return h(
    "section",
    { class: "card", "aria-labelledby": "dept-years" },
    h("h2", { id: "dept-years" }, t("dept_awards_by_year")),
    rows.length ? awardsAndMoney(rows) : h("p", { class: "empty" }, t("dept_no_awards")),
  );
}

/** A measure across the issuer's notices (earlier ones it continues, later ones continuing it) and the localities
 * that won under it through the award categories implementing it, by year. */
export async function measureTimeline(id) {
  const [history, winners] = await Promise.all([
    getAllRows("/queries/measure_history", { id }),
    get("/queries/measure_winners", { id, limit: 10000 }),
  ]);
  const steps = [...history.rows].sort((a, b) => a.step - b.step);
  await prime({ notices: [...steps.map((s) => s.notice), ...winners.rows.map((w) => w.award_notice)] });
  const perYear = new Map();
  for (const w of winners.rows) {
    const row = perYear.get(w.year) || { year: w.year, awards: 0, amount_yuan: 0 };
    row.awards += 1;
    row.amount_yuan += w.amount_yuan || 0;
    perYear.set(w.year, row);
  }
  const ready = async (list) => (await list.ready, list);
  return [
    h("h2", { id: "measure-history" }, t("measure_history")),
    steps.length > 1
      ? h("ol", { class: "history" }, steps.map((s) => h("li", { class: s.step === 0 ? "current" : null },
          h("strong", {}, s.year ?? "—"), " · ",
          s.step === 0 ? h("span", {}, excerpt(s.measure, 60), ` (${t("this_measure")})`) : link(nodeHref("Measure", s.id), excerpt(s.measure, 60)),
          " · ", link(nodeHref("Notice", s.notice), noticeName({ id: s.notice, title: s.notice_title })),
          " · ", t("n_winners", s.winners))))
      : h("p", { class: "empty" }, t("no_history")),
    h("h2", { id: "implemented-winners" }, t("implemented_winners"), ` (${winners.rows.length})`),
    winners.rows.length
      ? [
          h("section", { class: "card" }, awardsAndMoney([...perYear.values()])),
          await ready(listTable({
            id: "implemented-table",
            label: t("implemented_winners"),
            rows: winners.rows,
            text: (w) => `${w.year} ${w.locality} ${w.category_text} ${w.award_notice_title ?? ""}`,
            columns: [
              { label: t("year"), cell: (w) => w.year ?? "—", sort: (w) => w.year },
              { label: t("k_Locality"), cell: (w) => link(nodeHref("Locality", w.locality_id), w.locality), sort: (w) => w.locality },
              { label: t("category"), cell: (w) => link(nodeHref("Measure", w.category), excerpt(w.category_text, 40)) },
              { label: t("notice"), cell: (w) => link(nodeHref("Notice", w.award_notice), noticeName({ id: w.award_notice, title: w.award_notice_title })) },
              { label: t("amount"), num: true, cell: (w) => money(w.amount_yuan), sort: (w) => w.amount_yuan },
            ],
          })),
        ]
      : h("p", { class: "empty" }, t("no_implemented_winners")),
  ];
}
