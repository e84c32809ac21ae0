"""Checks run inside a rendered explorer page (JavaScript for Selenium's execute_script), each returning a list of
problems: text a program wrote by mistake ([object …], null, undefined), raw ids where a label exists, horizontal
overflow, Chinese text without lang="zh" in English mode."""

from __future__ import annotations

import os

import pytest
from harness import PROJECT

# Text nodes and the attributes people hear or see (aria-label, title, alt, placeholder). The Cypher console's
# query and results, and a source document's text, are data as written, so they are left out.
COMMON_JS = """
const skip = el => !el || el.closest('script, style, textarea, pre.source-text, #console-result, [data-raw]');
const where = el => {
  const cls = typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '';
  return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}`;
};
const texts = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (!skip(n.parentElement)) texts.push([n.data, n.parentElement]);
}
for (const el of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
  if (skip(el)) continue;
  for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
    if (el.hasAttribute(name)) texts.push([el.getAttribute(name), el, name]);
  }
}
"""

# [object …] anywhere; null / undefined / NaN as a word (lower case: Cypher's NULL is not a program's slip).
STRAY_TEXT_JS = (
    COMMON_JS
    + r"""
const problems = [];
for (const [text, el] of texts) {
  if (text.includes('[object')) problems.push(`"[object" in ${where(el)}: ${text.slice(0, 60)}`);
  if (/(^|[^A-Za-z_])(null|undefined|NaN)([^A-Za-z_]|$)/.test(text))
    problems.push(`stray null/undefined/NaN in ${where(el)}: ${text.slice(0, 60)}`);
}
return problems;
"""
)

# A notice id (n + 12 hex digits) in text; a link whose whole text is a locality code or a department id; a path
# to a corpus file. Each has a label: a title (or issuer · date · kind), a name, a file name.
RAW_ID_JS = (
    COMMON_JS
    + r"""
const problems = [];
for (const [text, el] of texts) {
  if (/(^|[^0-9a-z])n[0-9a-f]{12}([^0-9a-f]|$)/.test(text))
    problems.push(`notice id in ${where(el)}: ${text.slice(0, 60)}`);
  if (/(\.\.\/|\/work\/|corpus\/)/.test(text)) problems.push(`file path in ${where(el)}: ${text.slice(0, 60)}`);
}
for (const a of document.body.querySelectorAll('a')) {
  if (skip(a)) continue;
  const text = a.textContent.trim();
  if (/^[0-9]{6}$/.test(text) || /^[0-9A-Za-z]+-[0-9a-f]{10}$/.test(text)) problems.push(`id as link text: ${text}`);
}
return problems;
"""
)

# The page must not scroll sideways (wide tables scroll inside their own box).
OVERFLOW_JS = """
const doc = document.documentElement;
const problems = [];
if (doc.scrollWidth > doc.clientWidth + 1) {
  problems.push(`page is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px window`);
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.table-wrap, .sr-only, .skip') || el.getBoundingClientRect().right <= doc.clientWidth + 1) continue;
    problems.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${el.getAttribute('class') || ''}`);
    if (problems.length > 6) break;
  }
}
return problems;
"""

# In English mode, Chinese text (from the data) sits under an element with lang="zh…". Only text: an attribute
# mixing both ("Locality 渝北区") cannot mark a part of itself.
LANG_JS = (
    COMMON_JS
    + r"""
const problems = [];
const han = /[\u3400-\u9fff]/;
for (const [text, el, attribute] of texts) {
  if (!attribute && han.test(text) && !(el.closest('[lang]')?.getAttribute('lang') || '').startsWith('zh'))
    problems.push(`Chinese text without lang=zh in ${where(el)}: ${text.slice(0, 30)}`);
}
return problems.slice(0, 10);
"""
)


# axe-core (npm registry, installed by `make` into tools/browser-tests/node_modules; nothing fetched at run time)
AXE = PROJECT / "tools" / "browser-tests" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN_JS = """
const done = arguments[arguments.length - 1];
if (!window.axe) {
  const script = document.createElement('script');
  script.textContent = arguments[0];
  document.head.appendChild(script);
}
axe.run(document, { resultTypes: ['violations'] }).then(result => done(result.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)));
"""


def axe_source() -> str:
    if not AXE.is_file():
        reason = f"{AXE} is missing: run make (npm ci in tools/browser-tests)"
        if os.environ.get("IKG_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")
