// Instant suggestions for the search box: debounced, grouped by kind, an ARIA combobox driven by the keyboard.

import { get, topics as getTopics } from "./api.js";
import { announce, append, h, replace } from "./dom.js";
import { errorText } from "./errors.js";
import { label, t, topicLabel } from "./i18n.js";
import { noticeLabel, placeLabel, prime } from "./labels.js";
import { levelText } from "./views/common.js";

const DEBOUNCE_MS = 180;
const ROUTE = { locality: "locality", topic: "topic", department: "department", notice: "notice", measure: "measure" };
const KIND_LABEL = { locality: "k_Locality", topic: "k_Topic", department: "k_Department", notice: "k_Notice", measure: "k_Measure" };

/** Suggestions for a text: localities, departments and notices (GET /search), topics by their Chinese or English
 * label or id (the topic scheme, fetched once), departments also by short form and by "place department"
 * (GET /departments, which reads 发改委 as 发展和改革委员会), and measures. */
export async function suggestions(text) {
  const [found, departments, scheme] = await Promise.all([get("/search", { q: text, limit: 6 }), departmentsFor(text), getTopics()]);
  const topics = topicsFor([text, found.simplified], scheme);
  const measures = await get("/queries/search_measures", { q: found.simplified, limit: 6 });
  const byKind = (kind) => found.results.filter((r) => r.kind === kind);
  const seen = new Set(departments.map((d) => d.id));
  const depts = [...departments, ...byKind("department").filter((d) => !seen.has(d.id)).map((d) => ({ ...d, jurisdiction: d.detail }))];
  await prime({ places: depts.map((d) => d.jurisdiction), notices: byKind("notice").filter((n) => !n.name).map((n) => n.id) });
  return [
    ...byKind("locality").map((r) => ({ kind: "locality", id: r.id, name: r.name, detail: levelText(r.detail) })),
    ...topics.map((topic) => ({ kind: "topic", id: topic.id, name: topicLabel(scheme, topic.id), detail: null })),
    ...depts.slice(0, 6).map((d) => ({ kind: "department", id: d.id, name: d.name, detail: d.jurisdiction ? placeLabel(d.jurisdiction) : null })),
    ...byKind("notice").map((r) => ({ kind: "notice", id: r.id, name: r.name || noticeLabel(r.id), detail: label("nk", r.detail) })),
    ...measures.rows.map((m) => ({ kind: "measure", id: m.id, name: m.name, detail: m.notice_title })),
  ];
}

/** Topics whose label (zh or en) or id holds the text (as typed, or made simplified by the API), at most 6. */
function topicsFor(texts, scheme) {
  const needles = [...new Set(texts.filter(Boolean).map((x) => x.toLowerCase()))];
  const matches = (topic) => [topic.id, topic.label_zh, topic.label_en].some((v) => v && needles.some((n) => v.toLowerCase().includes(n)));
  return [...scheme.values()].filter(matches).slice(0, 6);
}

/** Departments for the whole text, and for "重庆 发展改革委" those of the place named first. */
async function departmentsFor(text) {
  const [first, ...rest] = text.split(/\s+/);
  const whole = get("/departments", { q: text, limit: 6 }).then((p) => p.items);
  if (!rest.length) return whole;
  const place = (await get("/search", { q: first, limit: 1 })).results.find((r) => r.kind === "locality");
  const scoped = place ? (await get("/departments", { q: rest.join(" "), jurisdiction: place.id, limit: 6 })).items : [];
  return [...scoped, ...(await whole)];
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
    replace(list);
    let kind = null;
    rows.forEach((row, i) => {
      if (row.kind !== kind) {
        kind = row.kind;
        append(list, h("li", { role: "presentation" }, t(KIND_LABEL[kind])));
      }
      const option = h(
        "li",
        { role: "option", id: `suggestion-${i}`, "aria-selected": "false", "data-href": `#/${ROUTE[row.kind]}/${encodeURIComponent(row.id)}` },
        h("span", {}, row.name),
        row.detail ? h("span", { class: "detail" }, row.detail) : null,
      );
      option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
      option.addEventListener("click", () => go(option));
      append(list, option);
    });
    if (!rows.length) append(list, h("li", { role: "presentation" }, t("no_results")));
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
        replace(list, h("li", { role: "presentation", class: "error" }, errorText(error)));
        list.hidden = false;
        announce(errorText(error));
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
