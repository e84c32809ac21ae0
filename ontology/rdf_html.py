"""A plain HTML page of triples for people who open a node URI in a browser: one table per subject, links that
a browser can follow, the resource's name as the title and the same data as JSON-LD in the head."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from itertools import groupby
from operator import itemgetter

from ontology.rdf_terms import DCTERMS, ELI, IRI, PREFIXES, RDF_TYPE, SCHEMA, SKOS, Lit, Triple

_BY_NAMESPACE = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
# What a resource is called, best first; Chinese before English where a name has both.
_NAMES = (SKOS + "prefLabel", SCHEMA + "name", DCTERMS + "title", ELI + "id_local")
_STYLE = (
    "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2rem;max-width:70rem}"
    "table{border-collapse:collapse;margin-bottom:1.5rem;width:100%}"
    "td{border-top:1px solid #ddd;padding:.3rem .6rem;vertical-align:top}td:first-child{width:16rem;color:#555}"
    "h2{font-size:1rem;word-break:break-all}.tag{color:#888;font-size:.8em}.iri{color:#555;word-break:break-all}"
)


def _short(iri: str) -> str:
    for prefix, namespace in _BY_NAMESPACE:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def local_href(iri: str, local: Mapping[str, str]) -> str:
    """Where a browser finds `iri` on this server: the URIs are names under the publisher's base (or the
    vocabulary's domain), which need not be the address this page was served from."""
    for prefix, path in local.items():
        if iri.startswith(prefix):
            return path + iri[len(prefix) :]
    return iri


def human_name(subject: str, triples: Iterable[Triple], fallback: str) -> str:
    names: dict[str, list[Lit]] = {p: [] for p in _NAMES}
    for s, p, o in triples:
        if s == subject and p in names and isinstance(o, Lit):
            names[p].append(o)
    for p in _NAMES:
        if names[p]:
            return min(names[p], key=lambda lit: (lit.lang not in (None, "zh"), lit.value)).value
    return fallback


def _eli_meta(subject: str, triples: list[Triple]) -> str:
    """The subject's ELI properties as RDFa in the head, as ELI asks of a legal resource's web page."""
    tags = []
    for s, p, o in triples:
        if s != subject or not p.startswith(ELI):
            continue
        about, prop = escape(subject), escape(_short(p))
        if isinstance(o, Lit):
            lang = f' lang="{escape(o.lang)}"' if o.lang else ""
            datatype = f' datatype="{escape(_short(o.datatype))}"' if o.datatype else ""
            tags.append(f'<meta about="{about}" property="{prop}" content="{escape(o.value)}"{lang}{datatype}>')
        else:
            tags.append(f'<link about="{about}" property="{prop}" href="{escape(o)}">')
    return "".join(tags)


def render_html(
    title: str,
    subject: str,
    triples: Iterable[Triple],
    alternates: dict[str, str],
    local: Mapping[str, str] | None = None,
    jsonld: str | None = None,
) -> str:
    """`subject` is described first; `alternates` maps a media type to a link with the same data in it; `local`
    maps IRI prefixes to the paths this server answers them at; `jsonld` is embedded in the head."""
    local = local or {}
    triples = list(triples)
    title = human_name(subject, triples, title)

    def cell(term: IRI | Lit) -> str:
        if isinstance(term, Lit):
            tag = term.lang and f"@{term.lang}" or (term.datatype and _short(term.datatype)) or ""
            return f'{escape(term.value)} <span class="tag">{escape(tag)}</span>'
        return f'<a href="{escape(local_href(term, local))}">{escape(_short(term))}</a>'

    ordered = sorted(triples, key=lambda t: (t[0] != subject, t[0]))
    sections = []
    for s, run in groupby(ordered, key=itemgetter(0)):
        rows = "".join(
            f"<tr><td>{'a' if p == RDF_TYPE else escape(_short(p))}</td><td>{cell(o)}</td></tr>" for _, p, o in run
        )
        href = escape(local_href(s, local))
        sections.append(f'<h2 id="{escape(s)}"><a href="{href}">{escape(s)}</a></h2><table>{rows}</table>')
    links = " · ".join(f'<a href="{escape(href)}">{escape(media)}</a>' for media, href in alternates.items())
    head_links = "".join(
        f'<link rel="alternate" type="{escape(media)}" href="{escape(href)}">' for media, href in alternates.items()
    )
    # "</" would end the script element early; JSON reads "<\/" as "</".
    script = '<script type="application/ld+json">' + jsonld.replace("</", "<\\/") + "</script>" if jsonld else ""
    return (
        f'<!doctype html><html lang="zh" prefix="eli: {ELI}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"{_eli_meta(subject, triples)}{head_links}{script}"
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>"
        f'<p class="iri">{escape(subject)}</p><p>Also as: {links}</p>'
        f"{''.join(sections)}</body></html>"
    )
