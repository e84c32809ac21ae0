"""Graph → RDF: the triples of one node row or one relationship row, in ELI, ORG, SKOS, PROV, schema.org and OA.

Rows are the plain dicts the stores return (every property of the node kind, None when unset), so this
module needs no store. Every subject is a node URI `{base}/id/{kind}/{id}` or a fragment of one (`#span`,
`#amount-1`): no blank nodes, so exports of the same graph are identical and streamable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath

from ontology.model import AWARD, DEPARTMENT, LOCALITY, MEASURE, NOTICE, TOPIC, NodeKind, rel_type
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
    PROV,
    RDF_TYPE,
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
    "SUPERSEDES": (ELI + "repeals", False),
    "IMPLEMENTS": (ELI + "applies", False),
}
INVERSES = {"HAS_MEASURE": ELI + "is_part_of"}


def zh(value: str) -> Lit:
    return Lit(value, ZH)


def typed(value: object, datatype: str) -> Lit:
    return Lit(str(value), None, XSD + datatype)


def year(value: int) -> Lit:
    return Lit(f"{value:04d}", None, XSD + "gYear")


class RdfMapper:
    """Turns rows into triples for one base URI."""

    def __init__(self, base: str):
        self.base = base
        self._node: dict[str, Callable[[IRI, dict], list[Triple]]] = {
            NOTICE.label: self._notice,
            MEASURE.label: self._measure,
            DEPARTMENT.label: self._department,
            LOCALITY.label: self._locality,
            AWARD.label: self._award,
            TOPIC.label: self._topic,
        }
        self._kind_path = {k.label: k.path for k in (NOTICE, MEASURE, DEPARTMENT, LOCALITY, AWARD, TOPIC)}

    def uri(self, kind: NodeKind | str, node_id: str) -> IRI:
        path = kind.path if isinstance(kind, NodeKind) else self._kind_path[kind]
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
        triples = [(target, predicate, source) if reverse else (source, predicate, target)]
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
        ]
        return triples

    # -- node kinds --------------------------------------------------------------------------------------------

    def _notice(self, s: IRI, row: dict) -> list[Triple]:
        t: list[Triple] = [(s, RDF_TYPE, IRI(ELI + "LegalResource"))]
        if row.get("doc_number"):
            t.append((s, ELI + "id_local", Lit(row["doc_number"])))
        if not row.get("source_path"):
            return t  # a cited notice not loaded yet: known only by its 文号
        if row.get("title"):
            t.append((s, DCTERMS + "title", zh(row["title"])))
        if row.get("issuer"):
            t.append((s, ELI + "responsibility_of", zh(row["issuer"])))
        if row.get("jurisdiction_id"):
            t.append((s, ELI + "jurisdiction", self.uri(LOCALITY, row["jurisdiction_id"])))
        if row.get("date"):
            t.append((s, ELI + "date_document", typed(row["date"], "date")))
        if row.get("work_year") is not None:
            t.append((s, IKG + "workYear", year(row["work_year"])))
        if row.get("kind"):
            t.append((s, ELI + "type_document", IRI(NOTICE_KIND + row["kind"])))
        if row.get("script"):
            t.append((s, DCTERMS + "language", Lit("zh-Hant" if row["script"] == "traditional" else "zh-Hans")))
        t += [(s, IKG + "cap", zh(c)) for c in row.get("caps") or ()]
        source = self.source_document(row["id"])
        t += [
            (s, PROV + "wasDerivedFrom", source),
            (source, RDF_TYPE, IRI(IKG + "SourceDocument")),
            (source, RDF_TYPE, IRI(PROV + "Entity")),
            (source, DCTERMS + "identifier", Lit(PurePath(row["source_path"]).name)),
        ]
        if row.get("source_sha256"):
            t.append((source, IKG + "sha256", Lit(row["source_sha256"])))
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
        t: list[Triple] = [
            (s, RDF_TYPE, IRI(SKOS + "Concept")),
            (s, SKOS + "inScheme", IRI(TOPIC_NS + "scheme")),
            (s, SKOS + "exactMatch", IRI(TOPIC_NS + row["id"])),
        ]
        if row.get("label_zh"):
            t.append((s, SKOS + "prefLabel", zh(row["label_zh"])))
        if row.get("label_en"):
            t.append((s, SKOS + "prefLabel", Lit(row["label_en"], "en")))
        return t


def graph_triples(mapper: RdfMapper, items: Iterable[tuple[str, str, dict]]) -> Iterable[Triple]:
    """("node", label, row) and ("rel", type, row) items → triples, lazily."""
    for what, name, row in items:
        yield from mapper.node_triples(name, row) if what == "node" else mapper.rel_triples(name, row)
