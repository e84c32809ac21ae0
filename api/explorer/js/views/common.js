// Pieces the views share: links to nodes and source spans, kind badges, the awards-by-year chart.

import { h, link, short, svg } from "../dom.js";
import { label, t, topicLabel } from "../i18n.js";

export const nodeHref = (kind, id) => `#/${kind.toLowerCase()}/${encodeURIComponent(id)}`;
export const graphHref = (kind, id) => `#/graph/${kind.toLowerCase()}/${encodeURIComponent(id)}`;

export const badge = (kind) => h("span", { class: `kind kind-${kind}` }, t(`k_${kind}`));

/** A notice's label (title, else "issuer · date · kind"): see labels.js; ids need labels.prime first. */
export { noticeLabel as noticeName } from "../labels.js";

/** A measure's label: its title, else its text, else "措施 7" by its number (never its id). */
export const measureName = (m) => m.title || m.text || `${t("measure")} ${m.ordinal ?? ""}`.trim();

export function sourceLink(noticeId, start, end) {
  if (!noticeId || start === null || start === undefined) return "—";
  return link(`#/source/${encodeURIComponent(noticeId)}/${start}/${end}`, t("open_source"), {
    title: t("span", start, end),
  });
}

export function topicChips(topics, ids) {
  return h("span", { class: "chips" }, (ids || []).map((id) => link(`#/topic/${id}`, topicLabel(topics, id), { class: "chip" })));
}

export const money = (yuan) => (yuan === null || yuan === undefined ? "—" : Number(yuan).toLocaleString("zh-CN"));

export const levelText = (level) => label("lv", level);

/** Bars of counts per year, every year from the first to the last (a year without any shows 0); each bar is a link
 * that selects that year (keyboard reachable). The chart is a group of links (an "img" may not hold them); a link's
 * text reads "2020 3", as its name says ("2020: 3"). */
export function yearChart(counts, selected, hrefFor, title = t("awards_by_year"), format = String) {
  const years = everyYear([...counts.keys()]);
  const max = Math.max(1, ...counts.values());
  const bar = years.length > 12 ? 24 : 34;
  const gap = years.length > 12 ? 10 : 16;
  const height = 110; // bars start 24 units down, leaving room for the count above the tallest
  const width = Math.max(220, years.length * (bar + gap) + gap);
  return h(
    "figure",
    { class: "chart" },
    svg(
      "svg",
      { viewBox: `0 0 ${width} ${height + 56}`, width, role: "group", "aria-label": title },
      years.map((year, i) => {
        const n = counts.get(year) || 0;
        const barHeight = Math.round((n / max) * height);
        const x = gap + i * (bar + gap);
        return svg(
          year === null ? "g" : "a",
          { href: year === null ? null : hrefFor(year), "aria-label": `${year ?? "?"}: ${format(n)}` },
          svg("rect", { class: `bar${String(year) === selected ? " active" : ""}`, x, y: height - barHeight + 24, width: bar, height: barHeight }),
          svg(
            "text",
            { "text-anchor": "middle" },
            svg("tspan", { x: x + bar / 2, y: height + 44 }, String(year ?? "?")),
            " ",
            svg("tspan", { x: x + bar / 2, y: height - barHeight + 18 }, format(n)),
          ),
        );
      }),
    ),
    h("figcaption", { class: "sr-only" }, years.map((y) => `${y ?? "?"}: ${format(counts.get(y) || 0)}`).join("; ")),
  );
}

/** The years from the first to the last given, none left out; an unknown year (null) last. */
function everyYear(keys) {
  const known = keys.filter((y) => y !== null && y !== undefined).map(Number);
  const years = [];
  if (known.length) for (let y = Math.min(...known); y <= Math.max(...known); y++) years.push(y);
  return keys.some((y) => y === null || y === undefined) ? [...years, null] : years;
}

export const excerpt = (text, n = 60) => h("span", { title: text || "" }, short(text, n));

/** "N of M" (or "a–b of M") above a list that may be a page of a longer one. */
export const countLine = (shown, total, offset = 0) =>
  h("p", { class: "results-meta" }, shown < total && offset ? t("range_of", offset + 1, offset + shown, total) : t("n_of_m", shown, total));

/** Previous and next links for a page of an API list ({total, offset, limit}); hrefFor(offset) is the view's URL. */
export function pager({ total, offset, limit }, hrefFor) {
  if (total <= limit && !offset) return null;
  const prev = offset > 0 ? link(hrefFor(Math.max(0, offset - limit)), t("prev_page"), { rel: "prev", class: "button secondary" }) : null;
  const next = offset + limit < total ? link(hrefFor(offset + limit), t("next_page"), { rel: "next", class: "button secondary" }) : null;
  return h("nav", { class: "pager actions", "aria-label": t("pages") }, prev, next);
}
