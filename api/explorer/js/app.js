// The explorer's entry point: hash routes (#/locality/500112) so every view has a URL and back/forward work.

import { h, replace } from "./dom.js";
import { applyStatic, lang, markChinese, setLang, t } from "./i18n.js";
import { errorBox } from "./errors.js";
import { restoreScroll, setupScrollMemory } from "./scroll.js";
import { setupSearch } from "./search.js";
import { homeView, noticesView } from "./views/home.js";
import { departmentView, localityView, measureView, noticeView, topicView } from "./views/profiles.js";
import { sourceView } from "./views/source.js";
import { graphView } from "./views/graph.js";
import { winnersView } from "./views/winners.js";
import { consoleView } from "./views/console.js";
import { mapView } from "./views/map.js";

const ROUTES = {
  "": homeView,
  notices: noticesView,
  locality: localityView,
  department: departmentView,
  notice: noticeView,
  measure: measureView,
  topic: topicView,
  source: sourceView,
  graph: graphView,
  winners: winnersView,
  console: consoleView,
  map: mapView,
};

/** "#/graph/locality/500112?year=2020" → {name: "graph", parts: ["locality", "500112"], params}. */
export function parseHash(hash = location.hash) {
  if (!isRoute(hash)) hash = "";
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const [name = "", ...parts] = path.split("/").map(decodeURIComponent);
  return { name, parts, params: new URLSearchParams(query) };
}

/** Routes are "#/…" (or nothing); any other hash ("#main") is an anchor in the page, not a view. */
const isRoute = (hash) => hash === "" || hash === "#" || hash.startsWith("#/");

let rendering = 0;
async function render() {
  const main = document.getElementById("main");
  const { name, parts, params } = parseHash();
  const view = ROUTES[name];
  const ticket = ++rendering; // a slow view must not overwrite a later one
  const page = h("div", { class: "view", "data-view": name || "home" });
  try {
    if (!view) throw new Error(t("not_found"));
    await view(page, parts, params);
  } catch (error) {
    console.error(error);
    replace(page, errorBox(error, render));
  }
  if (ticket !== rendering) return;
  replace(main, page);
  const heading = page.querySelector("h1");
  document.title = `${heading ? heading.textContent + " · " : ""}${t("brand")}`;
  // Focus follows navigation (not the first load), so keyboard and screen-reader users land on the new view;
  // Back and Forward return to where the page was scrolled, a new view starts at the top.
  if (render.done) main.focus({ preventScroll: true });
  restoreScroll();
  render.done = true;
  document.body.dataset.ready = name || "home";
}

applyStatic();
setupScrollMemory();
setupSearch(document.getElementById("search-input"), document.getElementById("search-list"));
document.getElementById("lang-toggle").addEventListener("click", () => {
  setLang(lang === "en" ? "zh" : "en");
  markChinese(document.body);
  render();
});
// The skip link moves focus to the content without changing the route.
document.querySelector("a.skip").addEventListener("click", (event) => {
  event.preventDefault();
  document.getElementById("main").focus();
});
window.addEventListener("hashchange", () => {
  if (isRoute(location.hash)) render();
});
// In English mode Chinese data is marked lang="zh" wherever it appears, also in parts drawn after a view (graphs).
new MutationObserver(() => markChinese(document.body)).observe(document.body, { childList: true, subtree: true, characterData: true });
markChinese(document.body);
render();
