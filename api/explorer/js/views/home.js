// The start page (graph size, examples, loaded notices) and the list of notices.

import { get } from "../api.js";
import { append, h, link, table } from "../dom.js";
import { label, t } from "../i18n.js";
import { countLine, noticeName, nodeHref, pager } from "./common.js";

const CONSOLE_EXAMPLE = "#/console?name=localities_ranked";

export async function homeView(page) {
  const [health, notices] = await Promise.all([get("/health"), get("/notices", { limit: 20 })]);
  const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
  append(
    page,
    h("h1", {}, t("home_title")),
    h("p", { class: "sub" }, t("home_intro")),
    h("p", {}, t("graph_size", sum(health.nodes), sum(health.relationships))),
    h("h2", {}, t("examples")),
    h(
      "ul",
      {},
      h("li", {}, link("#/locality/500112", t("ex_locality"))),
      h("li", {}, link("#/winners?topics=ecology,investment&year_from=2020&year_to=2020", t("ex_winners"))),
      h("li", {}, link(CONSOLE_EXAMPLE, t("ex_console"))),
    ),
    h("h2", {}, t("latest_notices")),
    countLine(notices.items.length, notices.total),
    noticeTable(notices.items),
    notices.total > notices.items.length ? h("p", {}, link("#/notices", t("all_notices"))) : null,
  );
}

const PAGE = 50;

/** All notices, a page at a time (#/notices?offset=50&limit=50), with "a–b of M" and previous/next. */
export async function noticesView(page, _parts, params) {
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const limit = Math.min(500, Math.max(1, Number(params.get("limit")) || PAGE));
  const notices = await get("/notices", { limit, offset });
  const meta = countLine(notices.items.length, notices.total, offset);
  meta.id = "notices-count";
  append(page, h("h1", {}, t("notices_title")), meta, noticeTable(notices.items), pager(notices, (o) => `#/notices?offset=${o}${limit === PAGE ? "" : `&limit=${limit}`}`));
}

function noticeTable(items) {
  return table(
    null,
    [t("notice"), t("doc_number"), t("kind"), t("date"), t("work_year")],
    items.map((n) => [link(nodeHref("Notice", n.id), noticeName(n)), n.doc_number ?? "—", label("nk", n.kind), n.date ?? "—", n.work_year ?? "—"]),
  );
}
