// Building elements without innerHTML, so text from the graph is never parsed as markup.
// Content goes in only through h, append and replace below (tests/test_explorer.py checks it).

export function h(tag, attrs = {}, ...children) {
  const el = document.createElementNS(tag.startsWith("svg:") ? SVG : HTML, tag.replace("svg:", ""));
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

/** The one way content goes into an element: nodes, strings, numbers and (nested) arrays of them; null, undefined
 * and false are skipped. The DOM's own append and replaceChildren would write an array as "[object …],[object …]"
 * and null as "null", so the views never call them. */
export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** The element's children replaced by the given content (same rules as append). */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, ...children);
}

/** Put `node` inside `wrapper`, where `node` was. */
export function wrap(node, wrapper) {
  node.replaceWith(wrapper);
  return append(wrapper, node);
}

export const svg = (tag, attrs, ...children) => h(`svg:${tag}`, attrs, ...children);
export const link = (href, text, attrs = {}) => h("a", { href, ...attrs }, text);
const HTML = "http://www.w3.org/1999/xhtml";
const SVG = "http://www.w3.org/2000/svg";

export function short(text, n = 40) {
  if (!text) return "";
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

/** A table in a box that scrolls sideways on a narrow screen, so the page itself never does. */
export function table(caption, headers, rows) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      caption ? h("caption", {}, caption) : null,
      h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col", class: x.num ? "num" : null }, x.label ?? x)))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => (c instanceof Node && c.tagName === "TD" ? c : h("td", {}, c)))))),
    ),
  );
}

export const num = (value) => h("td", { class: "num" }, value ?? "—");

export function announce(message) {
  document.getElementById("status").textContent = message;
}
