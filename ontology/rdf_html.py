"""A plain HTML page of triples for people who open a node URI in a browser: one table per subject, links that
dereference."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from itertools import groupby
from operator import itemgetter

from ontology.rdf_terms import IRI, PREFIXES, RDF_TYPE, Lit, Triple

_BY_NAMESPACE = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_STYLE = (
    "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2rem;max-width:70rem}"
    "table{border-collapse:collapse;margin-bottom:1.5rem;width:100%}"
    "td{border-top:1px solid #ddd;padding:.3rem .6rem;vertical-align:top}td:first-child{width:16rem;color:#555}"
    "h2{font-size:1rem;word-break:break-all}.tag{color:#888;font-size:.8em}"
)


def _short(iri: str) -> str:
    for prefix, namespace in _BY_NAMESPACE:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _cell(term: IRI | Lit) -> str:
    if isinstance(term, Lit):
        tag = term.lang and f"@{term.lang}" or (term.datatype and _short(term.datatype)) or ""
        return f'{escape(term.value)} <span class="tag">{escape(tag)}</span>'
    return f'<a href="{escape(term)}">{escape(_short(term))}</a>'


def render_html(title: str, subject: str, triples: Iterable[Triple], alternates: dict[str, str]) -> str:
    """`subject` is described first; `alternates` maps a media type to a link with the same data in it."""
    ordered = sorted(triples, key=lambda t: (t[0] != subject, t[0]))
    sections = []
    for s, run in groupby(ordered, key=itemgetter(0)):
        rows = "".join(
            f"<tr><td>{'a' if p == RDF_TYPE else escape(_short(p))}</td><td>{_cell(o)}</td></tr>" for _, p, o in run
        )
        sections.append(f'<h2 id="{escape(s)}"><a href="{escape(s)}">{escape(s)}</a></h2><table>{rows}</table>')
    links = " · ".join(f'<a href="{escape(href)}">{escape(media)}</a>' for media, href in alternates.items())
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1><p>Also as: {links}</p>"
        f"{''.join(sections)}</body></html>"
    )
