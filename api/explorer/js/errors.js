// Errors in the interface language: what went wrong in words, the server's own (technical, English) detail
// folded away, and a button that tries again.

import { ApiError } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

/** A sentence in the interface language for an error: a failed connection, a missing record, a server error. */
export function errorText(error) {
  if (error instanceof ApiError) {
    if (error.status === 404) return t("err_missing");
    return error.status < 500 ? t("err_rejected", error.status) : t("err_server", error.status);
  }
  if (error instanceof TypeError) return t("err_network"); // fetch's "Failed to fetch" and its kin
  return error.message || t("error");
}

/** The technical detail behind an error when it differs from the sentence shown (the API's problem detail). */
const detail = (error) => (error instanceof ApiError && error.message ? error.message : null);

/** An error as a page part: a heading, the sentence, a retry button (when retry is given) and the detail. */
export function errorBox(error, retry, heading = true) {
  const more = detail(error);
  return [
    heading ? h("h1", {}, t("error")) : null,
    h(
      "div",
      { class: "error", role: "alert" },
      h("p", {}, errorText(error)),
      // A refused request's detail says what to change (a Cypher syntax error), so it is shown open.
      more ? h("details", { open: error.status < 500 }, h("summary", {}, t("err_detail")), h("p", { lang: "en" }, more)) : null,
      retry ? h("button", { type: "button", class: "secondary retry", onclick: () => retry() }, t("retry")) : null,
    ),
  ];
}
