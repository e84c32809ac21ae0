// A long list as a table that pages, sorts and filters, with "N of M" above it. Rows come either from an array
// (sorted and filtered here) or from a paged API list (`load({offset, limit, q})` → {total, items}: the server
// pages and filters; no sorting then, the API's order stands).
//
// columns: [{label, num, cell: (row) => content, sort: (row) => value (sortable when given), value: (row) => text
// for CSV (else the cell's text)}]. CSV and JSON links download the list as it is filtered and sorted (every
// row of an array; the page shown of an API list); JSON holds the rows as the API gave them.

import { h, replace } from "./dom.js";
import { csvUrl, downloadLink, jsonUrl } from "./export.js";
import { t } from "./i18n.js";

const PAGE_SIZE = 25;

export function listTable({ id, columns, rows = null, load = null, text = null, pageSize = PAGE_SIZE, label = null, fileName = id }) {
  const state = { offset: 0, q: "", sortBy: -1, descending: false, kept: [] };
  const count = h("p", { class: "results-meta", id: `${id}-count`, "aria-live": "polite" });
  const body = h("div", { class: "table-wrap", id });
  const pager = h("nav", { class: "pager actions", "aria-label": t("pages") });
  const filterable = load || text;
  const filter = filterable
    ? h("input", { type: "search", id: `${id}-filter`, placeholder: t("filter_list"), "aria-label": `${t("filter_list")}${label ? ` · ${label}` : ""}` })
    : null;

  async function page() {
    if (load) {
      const answer = await load({ offset: state.offset, limit: pageSize, q: state.q });
      state.kept = answer.items;
      return { total: answer.total, all: answer.total, items: answer.items };
    }
    const needle = state.q.trim().toLowerCase();
    let kept = needle ? rows.filter((row) => text(row).toLowerCase().includes(needle)) : [...rows];
    const column = columns[state.sortBy];
    if (column?.sort) kept.sort(compareBy(column.sort, state.descending));
    state.kept = kept;
    return { total: kept.length, all: rows.length, items: kept.slice(state.offset, state.offset + pageSize) };
  }

  async function render() {
    const { total, all, items } = await page();
    const shown = items.length;
    const range = shown < total ? t("range_of", state.offset + 1, state.offset + shown, total) : t("n_of_m", shown, total);
    count.textContent = total < all ? `${range}${t("filtered_from", all)}` : range;
    replace(body, h("table", {}, h("thead", {}, h("tr", {}, columns.map(header))), h("tbody", {}, items.map(rowOf))));
    const move = (to) => () => { state.offset = to; render(); };
    replace(
      pager,
      state.offset > 0 ? h("button", { type: "button", class: "secondary", "data-rel": "prev", onclick: move(Math.max(0, state.offset - pageSize)) }, t("prev_page")) : null,
      state.offset + pageSize < total ? h("button", { type: "button", class: "secondary", "data-rel": "next", onclick: move(state.offset + pageSize) }, t("next_page")) : null,
    );
    pager.hidden = total <= pageSize;
  }

  function header(column, index) {
    const attrs = { scope: "col", class: column.num ? "num" : null };
    if (!column.sort || load) return h("th", attrs, column.label);
    const active = state.sortBy === index;
    const arrow = active ? (state.descending ? " ↓" : " ↑") : "";
    const sortButton = h("button", { type: "button", class: "sort", onclick: () => sortBy(index) }, column.label, arrow);
    return h("th", { ...attrs, "aria-sort": active ? (state.descending ? "descending" : "ascending") : null }, sortButton);
  }

  function sortBy(index) {
    state.descending = state.sortBy === index ? !state.descending : Boolean(columns[index].num);
    state.sortBy = index;
    state.offset = 0;
    render();
  }

  const rowOf = (row) => h("tr", {}, columns.map((c) => cellOf(c, row)));
  const cellOf = (column, row) => {
    const content = column.cell(row);
    return content instanceof Node && content.tagName === "TD" ? content : h("td", { class: column.num ? "num" : null }, content);
  };

  if (filter) {
    let timer = null;
    filter.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.q = filter.value; state.offset = 0; render(); }, load ? 250 : 0);
    });
  }
  const csv = () => csvUrl(columns.map((c) => c.label), state.kept.map((row) => columns.map((c) => plain(c, row))));
  const exports = [
    downloadLink("CSV", `${fileName}.csv`, csv, { id: `${id}-csv`, "aria-label": `${t("download_csv")}${label ? ` · ${label}` : ""}` }),
    downloadLink("JSON", `${fileName}.json`, () => jsonUrl(state.kept), { id: `${id}-json`, "aria-label": `${t("download_json")}${label ? ` · ${label}` : ""}` }),
  ];
  const element = h("div", { class: "list" }, h("div", { class: "row list-tools" }, filter, exports), count, body, pager);
  element.ready = render();
  return element;
}

/** A cell as text for CSV: the column's value, else the text the cell shows. */
const plain = (column, row) => (column.value ? column.value(row) : h("td", {}, column.cell(row)).textContent);

/** Numbers and years as numbers, text in Chinese collation; empty values last either way. */
function compareBy(key, descending) {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    const empty = (v) => v === null || v === undefined || v === "";
    if (empty(x) || empty(y)) return empty(x) - empty(y);
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
    return descending ? -order : order;
  };
}
