// "Cite this" on every entity page: a citation to copy (who, what, number, when, where), the fields it is made of,
// the page's permalink, the node's Linked Data URI with its RDF in each format, and for a notice or a locality the
// RDF of everything that hangs off it; the dataset's DCAT catalogue.

import { announce, h, link } from "./dom.js";
import { t } from "./i18n.js";

// The documents about a node, one a format (/id/… answers 303 to /doc/…, whose data.* files these are).
const FORMATS = [["ttl", "Turtle"], ["jsonld", "JSON-LD"], ["nt", "N-Triples"], ["rdf", "RDF/XML"]];
const EXPORTS = { Notice: ["notice", "export_notice"], Locality: ["locality", "export_locality"] };

/** The citation as one line: issuer. title (document number). date. publisher, URI (accessed today). */
export function citationText({ title, issuer, date, docNumber, uri, today }) {
  return [issuer, docNumber ? `${title}（${docNumber}）` : title, date, `${t("publisher")}, ${uri}`, t("accessed", today)]
    .filter(Boolean)
    .join(". ");
}

/** The card. `quote` (text) and `source` (a link to the span in the original) are for measures and awards. */
export function citeCard({ kind, id, title, issuer = null, date = null, docNumber = null, quote = null, source = null }) {
  const path = `/id/${kind.toLowerCase()}/${encodeURIComponent(id)}`;
  const documentPath = `/doc/${kind.toLowerCase()}/${encodeURIComponent(id)}`;
  const uri = `${location.origin}${path}`;
  const permalink = `${location.origin}/${location.hash.split("?")[0]}`;
  const today = new Date().toISOString().slice(0, 10);
  const text = citationText({ title, issuer, date, docNumber, uri, today });
  // data-raw: URLs hold ids by design (the browser tests' raw-id check leaves these out).
  const line = h("p", { class: "cite-text", id: "cite-text", "data-raw": "" }, text);
  const copy = h("button", { type: "button", class: "secondary", id: "cite-copy" }, t("copy"));
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      copy.textContent = t("copied");
      announce(t("copied"));
    } catch {
      getSelection().selectAllChildren(line); // no clipboard here (a page not served over https): selected to copy by hand
    }
  });
  const fields = [
    [t("title"), title],
    [t("issuer"), issuer],
    [t("doc_number"), docNumber],
    [t("date"), date],
    [t("quoted"), quote ? [h("q", {}, quote), source ? [" ", source] : null] : null],
    [t("permalink"), link(permalink, permalink, { "data-raw": "" })],
    [t("data_uri"), link(path, uri, { "data-raw": "" })],
  ].filter(([, value]) => value);
  const [param, exportLabel] = EXPORTS[kind] || [];
  return h(
    "section",
    { class: "card cite", "aria-labelledby": "cite-title" },
    h("h2", { id: "cite-title" }, t("cite")),
    h("div", { class: "row" }, line, copy),
    h("dl", {}, fields.map(([dt, dd]) => [h("dt", {}, dt), h("dd", {}, dd)])),
    h(
      "p",
      { class: "actions", id: "cite-rdf" },
      `${t("linked_data")}: `,
      FORMATS.map(([extension, name]) => link(`${documentPath}/data.${extension}`, name, { class: "button secondary" })),
      param ? link(`/export?${param}=${encodeURIComponent(id)}&format=ttl`, exportLabel ? t(exportLabel) : "", { class: "button secondary" }) : null,
      link("/catalog", t("catalog"), { class: "button secondary" }),
    ),
  );
}
