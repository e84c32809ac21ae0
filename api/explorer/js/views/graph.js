// The graph view of one node: #/graph/locality/500112?expand=ID,ID&rels=RECEIVED,UNDER&topic=ecology&year=2020.

import { topics as getTopics } from "../api.js";
import { append, h, link } from "../dom.js";
import { t } from "../i18n.js";
import { GraphExplorer } from "../graph.js";
import { badge, nodeHref } from "./common.js";

export async function graphView(page, [kind, id], params) {
  const list = (key) => (params.get(key) ? params.get(key).split(",").filter(Boolean) : null);
  const graph = new GraphExplorer({
    topics: await getTopics(),
    filters: { rels: list("rels"), topic: params.get("topic") || "", year: params.get("year") || "" },
    onState: (state) => keepInUrl(kind, id, state),
  });
  const hood = await graph.expand(kind, id);
  for (const more of list("expand") || []) {
    const node = graph.nodes.get(more);
    if (node && !graph.expanded.has(more)) await graph.expand(node.kind, more);
  }
  const center = graph.nodes.get(hood.center.id);
  append(
    page,
    h("h1", {}, t("graph_title"), " · ", center.name ?? id),
    h("p", { class: "sub" }, badge(center.kind), " ", link(nodeHref(center.kind, id), t("open_profile"))),
    graph.element,
  );
}

/** Expansions and filters go into the URL without a new history entry, so the view can be linked as it is. */
function keepInUrl(kind, id, state) {
  const params = new URLSearchParams();
  const extra = state.expanded.filter((x) => x !== id);
  if (extra.length) params.set("expand", extra.join(","));
  if (state.rels) params.set("rels", state.rels.join(","));
  if (state.topic) params.set("topic", state.topic);
  if (state.year) params.set("year", state.year);
  const query = params.toString();
  const hash = `#/graph/${kind}/${encodeURIComponent(id)}${query ? `?${query}` : ""}`;
  if (location.hash.startsWith(`#/graph/${kind}/`)) history.replaceState(history.state, "", hash); // keeps scroll.js's key
}
