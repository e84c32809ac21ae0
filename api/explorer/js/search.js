// Instant suggestions for the search box: debounced, grouped by kind, an ARIA combobox driven by the keyboard.

import { get } from "./api.js";
import { announce, h } from "./dom.js";
import { t } from "./i18n.js";

const DEBOUNCE_MS = 180;
const ROUTE = { locality: "locality", department: "department", notice: "notice", measure: "measure" };
const KIND_LABEL = { locality: "k_Locality", department: "k_Department", notice: "k_Notice", measure: "k_Measure" };

/** Names for a text: localities, departments, notices (GET /search) and measures (the search_measures query). */
export async function suggestions(text) {
  const found = await get("/search", { q: text, limit: 6 });
  const measures = await get("/queries/search_measures", { q: found.simplified, limit: 6 });
  const rows = found.results.map((r) => ({ ...r, name: r.name || r.id }));
  for (const m of measures.rows) rows.push({ kind: "measure", id: m.id, name: m.name, detail: m.notice_title });
  return rows;
}

export function setupSearch(input, list) {
  let timer = null;
  let active = -1;
  let last = "";
  const options = () => [...list.querySelectorAll("[role=option]")];

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach((el, i) => el.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }

  function go(option) {
    location.hash = option.dataset.href;
    input.value = "";
    close();
  }

  function show(rows) {
    list.replaceChildren();
    let kind = null;
    rows.forEach((row, i) => {
      if (row.kind !== kind) {
        kind = row.kind;
        list.append(h("li", { role: "presentation" }, t(KIND_LABEL[kind])));
      }
      const option = h(
        "li",
        { role: "option", id: `suggestion-${i}`, "aria-selected": "false", "data-href": `#/${ROUTE[row.kind]}/${encodeURIComponent(row.id)}` },
        h("span", {}, row.name),
        row.detail ? h("span", { class: "detail" }, row.detail) : null,
      );
      option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
      option.addEventListener("click", () => go(option));
      list.append(option);
    });
    if (!rows.length) list.append(h("li", { role: "presentation" }, t("no_results")));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
    announce(rows.length ? t("results_count", rows.length) : t("no_results"));
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) return close();
    timer = setTimeout(async () => {
      last = text;
      try {
        const rows = await suggestions(text);
        if (last === text && input.value.trim() === text) show(rows);
      } catch (error) {
        announce(error.message);
      }
    }, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") highlight(active + 1);
    else if (event.key === "ArrowUp") highlight(active - 1);
    else if (event.key === "Escape") close();
    else if (event.key === "Enter") {
      const all = options();
      if (all.length && !list.hidden) go(all[Math.max(active, 0)]);
    } else return;
    event.preventDefault();
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}
