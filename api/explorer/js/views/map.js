// The map: every locality with awards as a dot at its centroid, coloured by its awards or its award money in the
// chosen year (a slider), a click opening its profile. #/map?year=2020&by=amount&level=county
//
// Centroids come from the cpca package (PyPI, MIT), turned into vendor/centroids.json at build time by
// `make vendor`; no boundaries are drawn (no well-licensed boundary package was found), only points.

import { get, getAllRows } from "../api.js";
import { append, h, link, replace, svg } from "../dom.js";
import { t } from "../i18n.js";
import { listTable } from "../list.js";
import { levelText, money, nodeHref, yearChart } from "./common.js";

const CENTROIDS = "/explorer/vendor/centroids.json";
const LEVELS = ["", "province", "prefecture", "county"];
// A plain equirectangular view of mainland China and Hainan, longitude scaled by cos(35°) so shapes are not wide.
const WEST = 73, EAST = 135.5, NORTH = 53.8, SOUTH = 17.8;
const SCALE = 12, ASPECT = Math.cos((35 * Math.PI) / 180);
const WIDTH = Math.round((EAST - WEST) * SCALE * ASPECT), HEIGHT = Math.round((NORTH - SOUTH) * SCALE);
const RADIUS = { province: 9, prefecture: 6, county: 3.5 };
// Light to dark, five steps (ColorBrewer "OrRd"), the darkest for the largest values.
const STEPS = ["#fdd49e", "#fdbb84", "#fc8d59", "#d7301f", "#7f0000"];

let centroidsPromise = null;
function centroids() {
  centroidsPromise ??= fetch(CENTROIDS).then((r) => (r.ok ? r.json() : null));
  return centroidsPromise;
}

const project = ([lon, lat]) => [((lon - WEST) * SCALE * ASPECT).toFixed(1), ((NORTH - lat) * SCALE).toFixed(1)];

export async function mapView(page, _parts, params) {
  const [points, years] = await Promise.all([centroids(), getAllRows("/queries/awards_by_year")]);
  const byYear = years.rows.map((r) => ({ year: r.year, awards: r.awards, amount: r.amount_yuan }));
  // Every year from the first to the last with awards: the slider may stop on a year without any.
  const first = byYear.length ? byYear[0].year : null;
  const known = first === null ? [] : Array.from({ length: byYear[byYear.length - 1].year - first + 1 }, (_, i) => first + i);
  const by = params.get("by") === "amount" ? "amount" : "awards";
  const level = LEVELS.includes(params.get("level")) ? params.get("level") : "";
  const wanted = Number(params.get("year"));
  const year = known.includes(wanted) ? wanted : known.length ? known[known.length - 1] : null;
  const href = (change) => {
    const next = { year, by, level, ...change };
    const query = new URLSearchParams(Object.entries(next).filter(([, v]) => v !== "" && v !== null));
    return `#/map?${query}`;
  };

  append(page, h("h1", {}, t("map_title")), h("p", { class: "sub" }, t("map_intro")));
  if (!points) {
    append(page, h("p", { class: "error", role: "alert" }, t("map_data_missing")));
    return;
  }
  if (year === null) {
    append(page, h("p", { class: "empty" }, t("map_no_awards")));
    return;
  }
  const ranked = await get("/queries/localities_ranked", { year_from: year, year_to: year, level, by, limit: 10000 });
  const rows = ranked.rows.map((r) => ({ id: r.id, name: r.name, level: r.level, awards: r.awards, amount: r.amount_yuan }));
  const placed = rows.filter((r) => points[r.id]);
  const value = (r) => (by === "amount" ? r.amount : r.awards);
  const steps = thresholds(placed.map(value));

  append(
    page,
    controls({ year, by, level, known, href }),
    h(
      "div",
      { class: "map-wrap" },
      h("figure", { class: "map" }, drawing(placed, points, value, steps, by), legend(steps, by)),
      h(
        "section",
        { class: "card", "aria-labelledby": "map-years" },
        h("h2", { id: "map-years" }, by === "amount" ? t("money_by_year") : t("awards_by_year")),
        yearChart(new Map(byYear.map((r) => [r.year, by === "amount" ? r.amount : r.awards])), String(year), (y) => href({ year: y }),
          by === "amount" ? t("money_by_year") : t("awards_by_year"), by === "amount" ? (n) => t("compact_yuan", n) : String),
      ),
    ),
    h("p", { class: "results-meta", id: "map-count" }, t("map_count", placed.length, rows.length, year)),
    rows.length > placed.length ? h("p", { class: "results-meta" }, t("map_unplaced", rows.length - placed.length)) : null,
    h("h2", {}, t("map_table", year)),
    await ready(placeTable(rows, by)),
    h("p", { class: "attribution" }, t("map_attribution")),
  );
}

const ready = async (list) => (await list.ready, list);

function controls({ year, by, level, known, href }) {
  const slider = h("input", {
    type: "range", id: "map-year", min: known[0], max: known[known.length - 1], step: 1, value: year,
    "aria-valuetext": String(year), list: "map-years-list",
  });
  const shown = h("output", { for: "map-year", id: "map-year-shown" }, String(year));
  slider.addEventListener("input", () => replace(shown, slider.value));
  slider.addEventListener("change", () => (location.hash = href({ year: Number(slider.value) })));
  const choice = (name, options, current, text) =>
    h("select", { id: `map-${name}`, onchange: (e) => (location.hash = href({ [name]: e.target.value })) },
      options.map((o) => h("option", { value: o, selected: o === current }, text(o))));
  return h(
    "form",
    { class: "panel row map-controls", onsubmit: (e) => e.preventDefault() },
    h("label", { class: "stack", for: "map-year" }, h("span", {}, t("year"), " ", shown), slider),
    h("datalist", { id: "map-years-list" }, known.map((y) => h("option", { value: y }))),
    h("label", { class: "stack", for: "map-by" }, t("map_colour_by"), choice("by", ["awards", "amount"], by, (o) => t(`map_by_${o}`))),
    h("label", { class: "stack", for: "map-level" }, t("level"), choice("level", LEVELS, level, (o) => (o ? levelText(o) : t("map_all_levels")))),
  );
}

/** Quantile breaks over the values (four, so five colours); equal values share a colour. */
function thresholds(values) {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return [...new Set([at(0.2), at(0.4), at(0.6), at(0.8)])];
}

const colour = (v, steps) => STEPS[steps.filter((s) => v > s).length + (STEPS.length - 1 - steps.length)];

function drawing(rows, points, value, steps, by) {
  // Larger (province) dots first, so counties stay clickable on top of them; smaller values below larger.
  const order = [...rows].sort((a, b) => (RADIUS[b.level] || 3.5) - (RADIUS[a.level] || 3.5) || value(a) - value(b));
  const background = Object.entries(points)
    .filter(([code]) => !code.endsWith("00"))
    .map(([, p]) => project(p));
  return svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "group", "aria-labelledby": "map-caption", class: "map-svg" },
    // Every county's point, faint: the shape of the country without boundaries.
    svg("path", { class: "map-ground", d: background.map(([x, y]) => `M${x} ${y}h0`).join(""), "aria-hidden": "true" }),
    order.map((r) => {
      const [x, y] = project(points[r.id]);
      const text = `${r.name} (${levelText(r.level)}): ${by === "amount" ? `${money(r.amount)} ${t("yuan")}` : t("n_awards", r.awards)}`;
      return svg(
        "a",
        { href: nodeHref("Locality", r.id), "aria-label": text, "data-id": r.id },
        svg("circle", { cx: x, cy: y, r: RADIUS[r.level] || 3.5, fill: colour(value(r), steps) }, svg("title", {}, text)),
      );
    }),
  );
}

function legend(steps, by) {
  const fmt = by === "amount" ? (n) => t("compact_yuan", n) : String;
  const lows = [0, ...steps];
  const offset = STEPS.length - 1 - steps.length;
  return h(
    "figcaption",
    { id: "map-caption" },
    h("span", { class: "sr-only" }, t("map_title"), ". "),
    h("span", { class: "map-legend" },
      lows.map((low, i) => h("span", { class: "map-key" },
        h("span", { class: "swatch", style: `background:${STEPS[i + offset]}`, "aria-hidden": "true" }),
        i < steps.length ? `${i ? `> ${fmt(low)} ` : ""}≤ ${fmt(steps[i])}` : `> ${fmt(low)}`))),
  );
}

function placeTable(rows, by) {
  return listTable({
    id: "map-places",
    label: t("map_places"),
    rows,
    text: (r) => `${r.name} ${levelText(r.level)}`,
    columns: [
      { label: t("k_Locality"), cell: (r) => link(nodeHref("Locality", r.id), r.name), sort: (r) => r.name },
      { label: t("level"), cell: (r) => levelText(r.level), sort: (r) => r.level },
      { label: t("awards"), num: true, cell: (r) => r.awards, sort: (r) => r.awards },
      { label: t("amount"), num: true, cell: (r) => money(r.amount), sort: (r) => r.amount },
    ],
  });
}
