"""Graph → RDF: the triples of one node row or one relationship row, in ELI, ORG, SKOS, PROV, schema.org and OA.

Rows are the plain dicts the stores return (every property of the node kind, None when unset), so this
module needs no store. Every subject is a node URI `{base}/id/{kind}/{id}` or a fragment of one (`#span`,
`#amount-1`, `#government`), or for a topic the concept of the published scheme (`{DEF}topic/{id}`): no blank
nodes, so exports of the same graph are identical and streamable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import PurePath
from urllib.parse import quote

from ontology.code_lists import TOPIC_SCHEME, topic_details
from ontology.extraction import Extraction
from ontology.model import AWARD, DEPARTMENT, LOCALITY, MEASURE, NOTICE, TOPIC, NodeKind, rel_type
from ontology.rdf_eli import eli_uri
from ontology.rdf_government import government_name, government_uri, has_government, is_government_name
from ontology.rdf_terms import (
    DCTERMS,
    ELI,
    IKG,
    INCENTIVE_TYPE,
    IRI,
    LEVEL,
    NOTICE_KIND,
    OA,
    ORG,
    OWL,
    PROV,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    Lit,
    Triple,
    node_uri,
)
from ontology.rdf_terms import (
    TOPIC as TOPIC_NS,
)

CURRENCY = "CNY"
ZH = "zh"
# The EU Publications Office authority tables, which ELI points to: the country a notice's law is of, and the
# language of its text (ELI wants IRIs for both, not strings).
COUNTRY_CHN = IRI("http://publications.europa.eu/resource/authority/country/CHN")
LANGUAGE_ZHO = IRI("http://publications.europa.eu/resource/authority/language/ZHO")

# Relationship type → (predicate, written from the target's side?). RECEIVED is written award → locality so an
# award carries everything about itself; HAS_MEASURE is written both ways, as ELI expects.
REL_PREDICATES: dict[str, tuple[str, bool]] = {
    "HAS_MEASURE": (ELI + "has_part", False),
    "LED_BY": (IKG + "leadDepartment", False),
    "SUPPORTED_BY": (IKG + "supportingDepartment", False),
    "ABOUT": (ELI + "is_about", False),
    "RECEIVED": (IKG + "recipient", True),
    "UNDER": (IKG + "underMeasure", False),
    "ANNOUNCED_IN": (IKG + "announcedIn", False),
    "IMPLEMENTED_BY": (IKG + "implementingDepartment", False),
    "PART_OF": (SCHEMA + "containedInPlace", False),
    "OF": (SCHEMA + "areaServed", False),
    "ISSUED_BY": (ELI + "passed_by", False),
    "CITES": (ELI + "cites", False),
    "SUPERSEDES": (DCTERMS + "replaces", False),  # 停止执行: replaced, not a legal repeal (eli:repeals)
    "IMPLEMENTS": (ELI + "applies", False),
    "REPORTS_ON": (SCHEMA + "about", False),  # a news report about a notice (loaders/linking.py)
    "CONTINUES": (PROV + "wasRevisionOf", False),  # a measure and its earlier version (loaders/linking.py)
}
INVERSES = {"HAS_MEASURE": ELI + "is_part_of"}


def zh(value: str) -> Lit:
    return Lit(value, ZH)


def typed(value: object, datatype: str) -> Lit:
    return Lit(str(value), None, XSD + datatype)


def year(value: int) -> Lit:
    return Lit(f"{value:04d}", None, XSD + "gYear")


class RdfMapper:
    """Turns rows into triples for one base URI; `extractions` (notice id → the run that loaded it, from
    ontology/extraction.py) say how each notice was made, where known."""

    def __init__(self, base: str, extractions: Mapping[str, Extraction] | None = None):
        self.base = base
        self.extractions = extractions or {}
        self._node: dict[str, Callable[[IRI, dict], list[Triple]]] = {
            NOTICE.label: self._notice,
            MEASURE.label: self._measure,
            DEPARTMENT.label: self._department,
            LOCALITY.label: self._locality,
            AWARD.label: self._award,
            TOPIC.label: self._topic,
        }
        self._kind_path = {k.label: k.path for k in (NOTICE, MEASURE, DEPARTMENT, LOCALITY, AWARD, TOPIC)}

    def kind_path(self, label: str) -> str:
        """The URI path segment of a node kind: {base}/id/{path}/{id}."""
        return self._kind_path[label]

    def uri(self, kind: NodeKind | str, node_id: str) -> IRI:
        path = kind.path if isinstance(kind, NodeKind) else self._kind_path[kind]
        if path == TOPIC.path:
            # A topic is a concept of the published scheme (ontology/topics.ttl): the graph's node is that concept,
            # under its one IRI, not a copy of it under the base with an exactMatch to the original.
            return IRI(TOPIC_NS + quote(node_id, safe="@-._~"))
        return node_uri(self.base, path, node_id)

    def node_triples(self, label: str, row: dict) -> list[Triple]:
        subject = self.uri(label, row["id"])
        triples = self._node[label](subject, row)
        if row.get("source_notice") and row.get("span_start") is not None:
            triples += self._evidence(subject, row)
        # A list property may repeat a value; duplicates would make a streamed dump longer than its graph.
        return list(dict.fromkeys(triples))

    def rel_triples(self, name: str, row: dict) -> list[Triple]:
        rel = rel_type(name)
        source, target = self.uri(rel.source, row["from"]), self.uri(rel.target, row["to"])
        predicate, reverse = REL_PREDICATES[name]
        triples: list[Triple] = [(target, predicate, source) if reverse else (source, predicate, target)]
        if name in INVERSES:
            triples.append((target, INVERSES[name], source))
        return triples

    # -- provenance ------------------------------------------------------------------------------------------

    def source_document(self, notice_id: str) -> IRI:
        """The text file a notice was read from; spans are character offsets into it."""
        return IRI(self.uri(NOTICE, notice_id) + "#source")

    def _evidence(self, subject: IRI, row: dict) -> list[Triple]:
        evidence, span = IRI(subject + "#evidence"), IRI(subject + "#span")
        notice = self.uri(NOTICE, row["source_notice"])
        triples: list[Triple] = []
        if notice != subject:
            triples.append((subject, PROV + "wasDerivedFrom", notice))
        triples += [
            (subject, IKG + "evidence", evidence),
            (evidence, RDF_TYPE, IRI(OA + "SpecificResource")),
            (evidence, OA + "hasSource", self.source_document(row["source_notice"])),
            (evidence, OA + "hasSelector", span),
            (span, RDF_TYPE, IRI(OA + "TextPositionSelector")),
            (span, OA + "start", typed(row["span_start"], "nonNegativeInteger")),
            (span, OA + "end", typed(row["span_end"], "nonNegativeInteger")),
            # The span's text itself, served by the API (api/routes/texts.py): evidence a reader can follow.
            (evidence, RDFS + "seeAlso", IRI(self._span_url(row))),
        ]
        return triples

    def _span_url(self, row: dict) -> str:
        notice = quote(row["source_notice"], safe="@-._~")
        return f"{self.base}/notices/{notice}/source/text?start={row['span_start']}&end={row['span_end']}"

    # -- node kinds --------------------------------------------------------------------------------------------

    def _notice(self, s: IRI, row: dict) -> list[Triple]:
        t: list[Triple] = [(s, RDF_TYPE, IRI(ELI + "LegalResource"))]
        if row.get("doc_number"):
            t.append((s, ELI + "id_local", Lit(row["doc_number"])))
            eli = eli_uri(self.base, row["doc_number"])
            if eli:
                t.append((s, OWL + "sameAs", eli))
        if not row.get("source_path"):
            return t  # a cited notice not loaded yet: known only by its 文号
        if row.get("title"):
            t.append((s, DCTERMS + "title", zh(row["title"])))
        if row.get("issuer"):
            t.append((s, ELI + "responsibility_of", zh(row["issuer"])))
            t += self._issuer(s, row)
        t.append((s, ELI + "jurisdiction", COUNTRY_CHN))
        if row.get("jurisdiction_id"):
            t.append((s, DCTERMS + "spatial", self.uri(LOCALITY, row["jurisdiction_id"])))
        if row.get("date"):
            t.append((s, ELI + "date_document", typed(row["date"], "date")))
        if row.get("work_year") is not None:
            t.append((s, IKG + "workYear", year(row["work_year"])))
        if row.get("kind"):
            t.append((s, ELI + "type_document", IRI(NOTICE_KIND + row["kind"])))
        t.append((s, DCTERMS + "language", LANGUAGE_ZHO))
        if row.get("script"):
            t.append((s, IKG + "script", Lit("Hant" if row["script"] == "traditional" else "Hans")))
        t += [(s, IKG + "cap", zh(c)) for c in row.get("caps") or ()]
        source = self.source_document(row["id"])
        t += [
            (s, PROV + "wasDerivedFrom", source),
            (source, RDF_TYPE, IRI(IKG + "SourceDocument")),
            (source, RDF_TYPE, IRI(PROV + "Entity")),
            (source, DCTERMS + "identifier", Lit(PurePath(row["source_path"]).name)),
            # Evidence spans are offsets into this text: the API serves it (api/routes/texts.py).
            (source, RDFS + "seeAlso", IRI(f"{self.base}/notices/{row['id']}/source")),
        ]
        if row.get("source_sha256"):
            t.append((source, IKG + "sha256", Lit(row["source_sha256"])))
        return t + self._extraction(s, source, row)

    def _extraction(self, s: IRI, source: IRI, row: dict) -> list[Triple]:
        """The run that read the notice from its source, if it is known and read this very file."""
        run = self.extractions.get(row["id"])
        if run is None or run.sha256 != row.get("source_sha256"):
            return []
        activity = IRI(s + "#extraction")
        return [
            (s, PROV + "wasGeneratedBy", activity),
            (activity, RDF_TYPE, IRI(PROV + "Activity")),
            (activity, PROV + "used", source),
            (activity, PROV + "wasAssociatedWith", IRI(IKG + "software")),
            (activity, PROV + "startedAtTime", typed(run.started, "dateTime")),
            (activity, PROV + "endedAtTime", typed(run.ended, "dateTime")),
            (activity, IKG + "softwareVersion", Lit(run.software)),
            (activity, IKG + "parserVersion", Lit(run.parser)),
            (activity, IKG + "run", typed(run.run, "positiveInteger")),
        ]

    def _issuer(self, s: IRI, row: dict) -> list[Triple]:
        """The issuing body as an organisation (eli:passed_by), described with the notice: the loader keeps the
        issuer as written, not as a Department node, so it is a fragment of the notice's URI. Unless it names a
        government itself, it is a body of the government of the notice's jurisdiction."""
        issuer = IRI(s + "#issuer")
        t: list[Triple] = [
            (s, ELI + "passed_by", issuer),
            (issuer, RDF_TYPE, IRI(ORG + "Organization")),
            (issuer, SKOS + "prefLabel", zh(row["issuer"])),
        ]
        jurisdiction = row.get("jurisdiction_id")
        if not jurisdiction:
            return t
        t.append((issuer, SCHEMA + "areaServed", self.uri(LOCALITY, jurisdiction)))
        if has_government(jurisdiction) and not is_government_name(row["issuer"]):
            t.append((issuer, ORG + "subOrganizationOf", government_uri(self.uri(LOCALITY, jurisdiction))))
        return t

    def _measure(self, s: IRI, row: dict) -> list[Triple]:
        t: list[Triple] = [(s, RDF_TYPE, IRI(ELI + "LegalResourceSubdivision"))]
        if row.get("ordinal"):
            t.append((s, ELI + "number", Lit(row["ordinal"])))
        if row.get("title"):
            t.append((s, DCTERMS + "title", zh(row["title"])))
        if row.get("text"):
            t.append((s, SCHEMA + "text", zh(row["text"])))
        t += [(s, IKG + "targetLevel", zh(level)) for level in row.get("target_levels") or ()]
        t += [(s, IKG + "incentiveType", IRI(INCENTIVE_TYPE + code)) for code in row.get("incentive_types") or ()]
        bases = row.get("amount_bases") or []
        for i, amount in enumerate(row.get("amounts_yuan") or (), 1):
            basis = bases[i - 1] if i <= len(bases) else None
            t += self._amount(s, f"amount-{i}", amount, basis)
        t += [(s, IKG + "cap", zh(c)) for c in row.get("caps") or ()]
        return t

    def _amount(self, s: IRI, fragment: str, yuan: int, basis: str | None) -> list[Triple]:
        amount = IRI(f"{s}#{fragment}")
        t: list[Triple] = [
            (s, SCHEMA + "amount", amount),
            (amount, RDF_TYPE, IRI(SCHEMA + "MonetaryAmount")),
            # The canonical xsd:decimal form keeps a point, as rdflib writes it back: "10000000.0".
            (amount, SCHEMA + "value", typed(f"{yuan}.0", "decimal")),
            (amount, SCHEMA + "currency", Lit(CURRENCY)),
        ]
        if basis:
            t.append((amount, IKG + "amountBasis", Lit(basis)))
        return t

    def _department(self, s: IRI, row: dict) -> list[Triple]:
        t: list[Triple] = [(s, RDF_TYPE, IRI(ORG + "Organization"))]
        if row.get("name"):
            t.append((s, SKOS + "prefLabel", zh(row["name"])))
        if has_government(row.get("jurisdiction_id")):
            t.append((s, ORG + "subOrganizationOf", government_uri(self.uri(LOCALITY, row["jurisdiction_id"]))))
        return t

    def _locality(self, s: IRI, row: dict) -> list[Triple]:
        t: list[Triple] = [(s, RDF_TYPE, IRI(SCHEMA + "AdministrativeArea"))]
        if row.get("name"):
            t.append((s, SCHEMA + "name", zh(row["name"])))
        if row.get("full_name") and row["full_name"] != row.get("name"):
            t.append((s, SCHEMA + "alternateName", zh(row["full_name"])))
        if row.get("code"):
            t.append((s, DCTERMS + "identifier", Lit(row["code"])))
        if row.get("level"):
            t.append((s, IKG + "level", IRI(LEVEL + row["level"])))
        if row.get("valid_from") is not None:
            t.append((s, IKG + "validFrom", year(row["valid_from"])))
        if row.get("valid_to") is not None:
            t.append((s, IKG + "validTo", year(row["valid_to"])))
        if has_government(row["id"]):
            government = government_uri(s)
            name = government_name(row["id"], row.get("full_name") or row.get("name") or "")
            t += [
                (government, RDF_TYPE, IRI(ORG + "Organization")),
                (government, SKOS + "prefLabel", zh(name)),
                (government, SCHEMA + "areaServed", s),
            ]
        return t

    def _award(self, s: IRI, row: dict) -> list[Triple]:
        t: list[Triple] = [(s, RDF_TYPE, IRI(IKG + "Award"))]
        if row.get("year") is not None:
            t.append((s, IKG + "workYear", year(row["year"])))
        if row.get("amount_yuan") is not None:
            t += self._amount(s, "amount", row["amount_yuan"], None)
        if row.get("rank_note"):
            t.append((s, IKG + "rankNote", zh(row["rank_note"])))
        if row.get("as_written"):
            t.append((s, IKG + "recipientAsWritten", zh(row["as_written"])))
        return t

    def _topic(self, s: IRI, row: dict) -> list[Triple]:
        t: list[Triple] = [(s, RDF_TYPE, IRI(SKOS + "Concept")), (s, SKOS + "inScheme", IRI(TOPIC_SCHEME))]
        if row.get("label_zh"):
            t.append((s, SKOS + "prefLabel", zh(row["label_zh"])))
        if row.get("label_en"):
            t.append((s, SKOS + "prefLabel", Lit(row["label_en"], "en")))
        return t + list(topic_details(s))


def graph_triples(mapper: RdfMapper, items: Iterable[tuple[str, str, dict]]) -> Iterable[Triple]:
    """("node", label, row) and ("rel", type, row) items → triples, lazily."""
    for what, name, row in items:
        yield from mapper.node_triples(name, row) if what == "node" else mapper.rel_triples(name, row)
