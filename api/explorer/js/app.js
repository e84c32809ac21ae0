// The explorer's entry point: hash routes (#/locality/500112) so every view has a URL and back/forward work.

import { h } from "./dom.js";
import { applyStatic, lang, setLang, t } from "./i18n.js";
import { setupSearch } from "./search.js";
import { homeView, noticesView } from "./views/home.js";
import { departmentView, localityView, measureView, noticeView, topicView } from "./views/profiles.js";
import { sourceView } from "./views/source.js";
import { graphView } from "./views/graph.js";
import { winnersView } from "./views/winners.js";
import { consoleView } from "./views/console.js";

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
};

/** "#/graph/locality/500112?year=2020" → {name: "graph", parts: ["locality", "500112"], params}. */
export function parseHash(hash = location.hash) {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const [name = "", ...parts] = path.split("/").map(decodeURIComponent);
  return { name, parts, params: new URLSearchParams(query) };
}

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
    page.replaceChildren(h("h1", {}, t("error")), h("p", { class: "error", role: "alert" }, error.message));
  }
  if (ticket !== rendering) return;
  main.replaceChildren(page);
  const heading = page.querySelector("h1");
  document.title = `${heading ? heading.textContent + " · " : ""}${t("brand")}`;
  // Focus follows navigation (not the first load), so keyboard and screen-reader users land on the new view.
  if (render.done) main.focus({ preventScroll: false });
  render.done = true;
  document.body.dataset.ready = name || "home";
}

applyStatic();
setupSearch(document.getElementById("search-input"), document.getElementById("search-list"));
document.getElementById("lang-toggle").addEventListener("click", () => {
  setLang(lang === "en" ? "zh" : "en");
  render();
});
window.addEventListener("hashchange", render);
render();
