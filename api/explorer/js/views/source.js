// A notice's original text with one span [start, end) marked: the place a fact was read from.

import { get } from "../api.js";
import { append, h, link } from "../dom.js";
import { t } from "../i18n.js";
import { fileName, noticeLabel, prime } from "../labels.js";
import { nodeHref } from "./common.js";

export async function sourceView(page, [noticeId, start, end]) {
  const [source] = await Promise.all([get(`/notices/${encodeURIComponent(noticeId)}/source`), prime({ notices: [noticeId] })]);
  const text = source.text;
  // Without a span, mark the notice's own part of the file (a file may hold several documents).
  const from = clamp(start ?? source.span_start ?? 0, text.length);
  const to = clamp(end ?? source.span_end ?? text.length, text.length);
  const mark = h("mark", { id: "span", tabindex: "-1" }, text.slice(from, to));
  append(
    page,
    h("h1", {}, t("source_title")),
    h("p", { class: "sub" }, link(nodeHref("Notice", noticeId), noticeLabel(noticeId)), " · ", fileName(source.source_path), " · ", t("span", from, to)),
    h("p", {}, h("q", { id: "quoted" }, text.slice(from, to))),
    h("pre", { class: "source-text", "aria-label": t("source_title") }, text.slice(0, from), mark, text.slice(to)),
  );
  requestAnimationFrame(() => {
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  });
}

const clamp = (value, length) => Math.min(Math.max(Number(value) || 0, 0), length);
