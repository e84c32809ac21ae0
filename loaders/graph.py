"""Turn resolved records into graph rows (nodes and relationships with provenance) for any store."""

from __future__ import annotations

import hashlib

from loaders.gazetteer import Gazetteer, Place
from loaders.records import DepartmentRef, ParsedDocument, Span
from loaders.topics import load_scheme
from ontology.rows import GraphRows


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def cited_notice_id(doc_number: str) -> str:
    """The id a notice with this 文号 gets when loaded (see loaders.parse.document.notice_id)."""
    return "n" + hashlib.sha1(f"doc:{doc_number}".encode()).hexdigest()[:12]


def graph_rows(doc: ParsedDocument, gazetteer: Gazetteer) -> GraphRows:
    rows = GraphRows()
    notice_span = doc.source.span
    notice = doc.notice
    nid = notice.id

    def prov(span: Span | None) -> dict:
        return {
            "source_notice": nid,
            "span_start": span[0] if span else None,
            "span_end": span[1] if span else None,
        }

    rows.add_node(
        "Notice",
        {
            "id": nid,
            "title": notice.title,
            "doc_number": notice.doc_number,
            "issuer": notice.issuer,
            "jurisdiction_id": notice.jurisdiction.id,
            "date": notice.date,
            "work_year": notice.work_year,
            "kind": notice.kind,
            "source_path": doc.source.path,
            "source_sha256": doc.source.sha256,
            "source_part": doc.source.part,
            "script": notice.script,
            "cites": notice.cites,
            "supersedes": notice.supersedes,
            "cited_titles": notice.cited_titles,
            "superseded_titles": notice.superseded_titles,
            "caps": notice.caps,
            **prov(notice_span),
        },
    )
    _add_places(rows, gazetteer, [notice.jurisdiction.id])
    for number, rel in [(n, "CITES") for n in notice.cites] + [(n, "SUPERSEDES") for n in notice.supersedes]:
        # The cited notice may not be loaded (yet): a node with just its 文号 stands for it until it is.
        target = cited_notice_id(number)
        rows.add_node("Notice", {"id": target, "doc_number": number})
        rows.add_rel(rel, nid, target, **prov(notice_span))

    topics = load_scheme()
    for topic in topics.values():
        rows.add_node("Topic", {"id": topic.id, "label_zh": topic.label_zh, "label_en": topic.label_en})

    measure_ids = {}
    for m in doc.measures:
        mid = f"{nid}-m{m.ordinal}"
        measure_ids[m.ordinal] = mid
        rows.add_node(
            "Measure",
            {
                "id": mid,
                "notice_id": nid,
                "ordinal": m.ordinal,
                "parent_ordinal": m.parent,
                "title": m.title,
                "text": m.text,
                "target_levels": m.target_levels,
                "incentive_types": m.incentive_types,
                "amounts_yuan": m.amounts_yuan,
                "amount_bases": m.amount_bases,
                "caps": m.caps,
                **prov(m.span),
            },
        )
        rows.add_rel("HAS_MEASURE", nid, mid, **prov(m.span))
        for rel, refs in (("LED_BY", m.lead_departments), ("SUPPORTED_BY", m.supporting_departments)):
            for position, ref in enumerate(refs, 1):
                _add_department(rows, ref, notice.jurisdiction.id, prov)
                rows.add_rel(rel, mid, _resolved(ref), position=position, **prov(ref.span))
        for topic_id in m.topics:
            rows.add_rel("ABOUT", mid, topic_id, **prov(m.span))

    for a in doc.awards:
        mid = measure_ids[a.measure_ordinal]
        recipient_key = a.recipient.id or a.recipient.as_written
        aid = f"{mid}-a{_hash(f'{recipient_key}|{a.rank_note}')}"
        rows.add_node(
            "Award",
            {
                "id": aid,
                "notice_id": nid,
                "measure_id": mid,
                "year": notice.work_year,
                "amount_yuan": a.amount_yuan,
                "rank_note": a.rank_note,
                "as_written": a.recipient.as_written,
                **prov(a.span),
            },
        )
        rows.add_rel("UNDER", aid, mid, **prov(a.span))
        rows.add_rel("ANNOUNCED_IN", aid, nid, **prov(a.span))
        if a.recipient.id:
            _add_places(rows, gazetteer, [a.recipient.id])
            rows.add_rel("RECEIVED", a.recipient.id, aid, **prov(a.span))
        for ref in a.implementing_departments:
            _add_department(rows, ref, notice.jurisdiction.id, prov)
            rows.add_rel("IMPLEMENTED_BY", aid, _resolved(ref), **prov(ref.span))
    return rows.deduplicated()


def _add_department(rows: GraphRows, ref: DepartmentRef, jurisdiction_id: str | None, prov) -> None:
    rows.add_node(
        "Department",
        {
            "id": ref.id,
            "name": ref.name,
            "jurisdiction_id": jurisdiction_id,
            **prov(ref.span),
        },
    )
    if jurisdiction_id:
        rows.add_rel("OF", _resolved(ref), jurisdiction_id, **prov(ref.span))


def _add_places(rows: GraphRows, gazetteer: Gazetteer, place_ids: list[str | None]) -> None:
    """A place and its ancestors, linked by PART_OF, so queries can scope by province or prefecture."""
    for place_id in filter(None, place_ids):
        place = gazetteer.get(place_id)
        chain: list[Place] = [place] + gazetteer.ancestors(place_id) if place else []
        for node in chain:
            rows.add_node(
                "Locality",
                {
                    "id": node.id,
                    "code": node.code,
                    "name": node.name,
                    "full_name": node.full_name,
                    "level": node.level,
                    "parent_id": node.parent_id,
                    "valid_from": node.valid_from,
                    "valid_to": node.valid_to,
                },
            )
        for child, parent in zip(chain, chain[1:]):
            rows.add_rel("PART_OF", child.id, parent.id)


def _resolved(ref: DepartmentRef) -> str:
    """A department's id, which resolving gives every reference before rows are made."""
    if ref.id is None:
        raise ValueError(f"department {ref.as_written!r} reached the graph unresolved")
    return ref.id
