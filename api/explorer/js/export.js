// Files made in the page: CSV (with a byte-order mark, so spreadsheet programs read Chinese as UTF-8) and JSON,
// offered as download links that build their file when clicked (so they hold what the list holds then).

import { h } from "./dom.js";

const cell = (v) => (v === null || v === undefined ? "" : /[",\n\r]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));

/** Rows (arrays) under a header row, as CSV text with CRLF line ends. */
export function csvText(header, rows) {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function csvUrl(header, rows) {
  return URL.createObjectURL(new Blob(["\ufeff", csvText(header, rows)], { type: "text/csv;charset=utf-8" }));
}

export function jsonUrl(value) {
  return URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
}

/** A link that downloads `make()` (an object URL, made at the click) as `fileName`. */
export function downloadLink(text, fileName, make, attrs = {}) {
  const a = h("a", { href: "#", download: fileName, class: "button secondary", ...attrs }, text);
  a.addEventListener("click", () => {
    if (a.dataset.url) URL.revokeObjectURL(a.dataset.url);
    a.href = a.dataset.url = make();
  });
  return a;
}
