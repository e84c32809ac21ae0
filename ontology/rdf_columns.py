"""N-Triples of whole-graph pages formatted from Arrow columns: the same lines in the same order as `write_nt` of
the mapper's triples (tests/test_rdf_columns.py compares the bytes), in Arrow's compute kernels instead of one
Python call per term.

The mapper (`ontology/rdf.py`) stays the definition of the mapping. This module repeats its rules as whole-column
operations for the tables that make nearly all of a dump: awards, measures and every relationship (at national
scale 95% of the triples). The other kinds (notices, departments, localities, topics: a few percent of the rows,
with rules per row such as ELI URIs and government names) go through the mapper row by row. A change to
`RdfMapper._award`, `_measure`, `_amount`, `_evidence` or `rel_triples` must be made here too: the byte
comparison on the seeds and a generated corpus fails until it is.

How: each triple of the mapper's rules is a column of whole lines, one per row; a missing value makes a null line
(Arrow's string joins give null when a part is null), written as nothing, as the mapper's `if row.get(...)` leaves
the triple out. A list property's lines are made per value and joined per row. A row's text is its lines joined
in the mapper's order, and a page's text is its rows' texts joined: no sorting, no Python object per value.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pyarrow as pa
import pyarrow.compute as pc

from ontology.model import AWARD, MEASURE, rel_type
from ontology.rdf import CURRENCY, INVERSES, REL_PREDICATES, ZH, RdfMapper
from ontology.rdf_terms import DCTERMS, ELI, IKG, INCENTIVE_TYPE, OA, PROV, RDF_TYPE, RDFS, SCHEMA, XSD
from ontology.rdf_terms import TOPIC as TOPIC_NS
from ontology.rdf_writers import IRI_BAD, nt_iri, write_nt

_UNRESERVED_RE2 = r"^[A-Za-z0-9@._~-]*$"  # ids that node_uri leaves unquoted (ontology/rdf_terms._UNRESERVED)
_IRI_BAD_RE2 = IRI_BAD.pattern  # the same class in RE2, Arrow's regex engine


def _escaped_iri_text(values: pa.Array) -> pa.Array:
    """IRIs' text with what N-Triples forbids in an IRI escaped (rare: only values outside the usual ids)."""
    if not pc.any(pc.match_substring_regex(values, _IRI_BAD_RE2)).as_py():
        return values
    return pa.array([None if v is None else nt_iri(v)[1:-1] for v in values.to_pylist()], pa.string())


def _escaped_literal(values: pa.Array) -> pa.Array:
    # The four characters N-Triples forbids raw in a quoted literal, as write_nt escapes them (backslash first,
    # so the backslashes the others add are not doubled).
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
        values = pc.replace_substring(values, raw, escaped)
    return values


def _truthy(values: pa.Array) -> pa.Array:
    """Null where the mapper's `if row.get(...)` is false for a string: null or empty."""
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)


def _join(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def literal(values: pa.Array, suffix: str = "") -> pa.Array:
    """Literals in N-Triples: `"…"` plus a suffix (`@zh`, `^^<datatype>`)."""
    return _join('"', _escaped_literal(values), '"' + suffix)


def typed(values: pa.Array, datatype: str) -> pa.Array:
    return literal(pc.cast(values, pa.string()), "^^" + nt_iri(XSD + datatype))


def gyear(values: pa.Array) -> pa.Array:
    # f"{year:04d}" for the years a graph holds (0–9999)
    return literal(pc.utf8_lpad(pc.cast(values, pa.string()), 4, "0"), "^^" + nt_iri(XSD + "gYear"))


def zh(values: pa.Array) -> pa.Array:
    return literal(values, "@" + ZH)


def node_iris(mapper: RdfMapper, label: str, ids: pa.Array) -> pa.Array:
    """`mapper.uri(label, id)` for a column of ids, as IRI text without the angle brackets."""
    prefix = TOPIC_NS if label == "Topic" else f"{mapper.base}/id/{mapper.kind_path(label)}/"
    if not pc.all(pc.match_substring_regex(ids, _UNRESERVED_RE2)).as_py():
        ids = pa.array([None if i is None else quote(i, safe="@-._~") for i in ids.to_pylist()], pa.string())
    # Quoted ids hold nothing an IRI must escape; only the base might.
    return _join(nt_iri(prefix)[1:-1], ids)


def _col(table: pa.Table, name: str) -> pa.Array:
    return table[name].combine_chunks()


_NO_LINE = pa.scalar(None, pa.string())


def line(subject: pa.Array, predicate: str, obj) -> pa.Array:
    """N-Triples lines `<subject> <predicate> obj .` (subject: IRI text; obj: formatted terms or one term)."""
    return _join("<", subject, "> " + nt_iri(predicate) + " ", obj, " .\n")


def _concat(*lines: pa.Array) -> pa.Array:
    """Several line columns joined row by row; a null line is written as nothing."""
    return pc.binary_join_element_wise(*lines, "", null_handling="replace", null_replacement="")


def _per_row(lists: pa.ListArray, item_text: pa.Array) -> pa.Array:
    """The texts made for each value of a list column, joined per row (in the list's order)."""
    offsets = pc.subtract(lists.offsets, lists.offsets[0])
    return pc.binary_join(pa.ListArray.from_arrays(offsets, item_text), "")


def _unique_lists(lists: pa.ListArray) -> pa.ListArray:
    """Each list with a repeated value kept at its first place only: the mapper drops a node's duplicate triples.
    Repeats are rare, so rows are looked at in Python only when a page has one."""
    values, row = pc.list_flatten(lists), pc.list_parent_indices(lists)
    if not len(values):
        return lists
    pairs = pa.table({"row": row, "value": values}).group_by(["row", "value"], use_threads=False).aggregate([])
    if pairs.num_rows == len(values):
        return lists
    return pa.array([None if v is None else list(dict.fromkeys(v)) for v in lists.to_pylist()], lists.type)


def _list_lines(subject: pa.Array, predicate: str, lists: pa.ListArray, term) -> pa.Array:
    """One line per value of each row's list, joined per row."""
    lists = _unique_lists(lists)
    values = pc.list_flatten(lists)
    owners = subject.take(pc.list_parent_indices(lists))
    return _per_row(lists, line(owners, predicate, term(values)))


def _evidence(mapper: RdfMapper, subject: pa.Array, table: pa.Table) -> list[pa.Array]:
    """`RdfMapper._evidence` for the rows that have a source notice and a span."""
    source = _truthy(_col(table, "source_notice"))
    source = pc.if_else(pc.is_valid(_col(table, "span_start")), source, _NO_LINE)
    notice = node_iris(mapper, "Notice", source)
    subject = pc.if_else(pc.is_valid(source), subject, _NO_LINE)
    evidence, span = _join(subject, "#evidence"), _join(subject, "#span")
    start, end = pc.cast(_col(table, "span_start"), pa.string()), pc.cast(_col(table, "span_end"), pa.string())
    if not pc.all(pc.match_substring_regex(source, _UNRESERVED_RE2)).as_py():
        source = pa.array([None if s is None else quote(s, safe="@-._~") for s in source.to_pylist()], pa.string())
    url = _join(f"{mapper.base}/notices/", source, "/source/text?start=", start, "&end=", end)
    return [
        line(
            subject, PROV + "wasDerivedFrom", _join("<", pc.if_else(pc.equal(notice, subject), _NO_LINE, notice), ">")
        ),
        line(subject, IKG + "evidence", _join("<", evidence, ">")),
        line(evidence, RDF_TYPE, nt_iri(OA + "SpecificResource")),
        line(evidence, OA + "hasSource", _join("<", notice, "#source>")),
        line(evidence, OA + "hasSelector", _join("<", span, ">")),
        line(span, RDF_TYPE, nt_iri(OA + "TextPositionSelector")),
        line(span, OA + "start", typed(start, "nonNegativeInteger")),
        line(span, OA + "end", typed(end, "nonNegativeInteger")),
        line(evidence, RDFS + "seeAlso", _join("<", _escaped_iri_text(url), ">")),
    ]


def _amount(owner: pa.Array, fragment, yuan: pa.Array, basis: pa.Array | None) -> pa.Array:
    """`RdfMapper._amount`, joined: the lines of one amount per row (null owner or yuan: none)."""
    owner = pc.if_else(pc.is_valid(yuan), owner, _NO_LINE)
    amount = _join(owner, "#", fragment)
    value = literal(_join(pc.cast(yuan, pa.string()), ".0"), "^^" + nt_iri(XSD + "decimal"))
    lines = [
        line(owner, SCHEMA + "amount", _join("<", amount, ">")),
        line(amount, RDF_TYPE, nt_iri(SCHEMA + "MonetaryAmount")),
        line(amount, SCHEMA + "value", value),
        line(amount, SCHEMA + "currency", f'"{CURRENCY}"'),
    ]
    if basis is not None:
        lines.append(line(amount, IKG + "amountBasis", literal(_truthy(basis))))
    return _concat(*lines)


def _measure_amounts(s: pa.Array, table: pa.Table) -> pa.Array:
    """Amount i of a measure is `#amount-i`, its basis the i-th of amount_bases when there is one."""
    amounts, bases = _col(table, "amounts_yuan"), _col(table, "amount_bases")
    row = pc.list_parent_indices(amounts)
    first_of_row = pc.take(amounts.offsets, row)
    position = pc.subtract(pc.add(pa.array(range(len(row)), pa.int32()), amounts.offsets[0]), first_of_row)
    base_index = pc.add(pc.take(bases.offsets, row), position)
    has_basis = pc.less(position, pc.take(pc.list_value_length(bases), row))
    basis = pc.list_flatten(bases).take(pc.subtract(pc.if_else(has_basis, base_index, None), bases.offsets[0]))
    fragment = _join("amount-", pc.cast(pc.add(position, 1), pa.string()))
    return _per_row(amounts, _amount(s.take(row), fragment, pc.list_flatten(amounts), basis))


def _award(mapper: RdfMapper, table: pa.Table) -> pa.Array:
    s = node_iris(mapper, "Award", _col(table, "id"))
    return _concat(
        line(s, RDF_TYPE, nt_iri(IKG + "Award")),
        line(s, IKG + "workYear", gyear(_col(table, "year"))),
        _amount(s, "amount", _col(table, "amount_yuan"), None),
        line(s, IKG + "rankNote", zh(_truthy(_col(table, "rank_note")))),
        line(s, IKG + "recipientAsWritten", zh(_truthy(_col(table, "as_written")))),
        *_evidence(mapper, s, table),
    )


def _measure(mapper: RdfMapper, table: pa.Table) -> pa.Array:
    s = node_iris(mapper, "Measure", _col(table, "id"))
    return _concat(
        line(s, RDF_TYPE, nt_iri(ELI + "LegalResourceSubdivision")),
        line(s, ELI + "number", literal(_truthy(_col(table, "ordinal")))),
        line(s, DCTERMS + "title", zh(_truthy(_col(table, "title")))),
        line(s, SCHEMA + "text", zh(_truthy(_col(table, "text")))),
        _list_lines(s, IKG + "targetLevel", _col(table, "target_levels"), zh),
        _list_lines(
            s,
            IKG + "incentiveType",
            _col(table, "incentive_types"),
            lambda codes: _join("<", _escaped_iri_text(_join(INCENTIVE_TYPE, codes)), ">"),
        ),
        _measure_amounts(s, table),
        _list_lines(s, IKG + "cap", _col(table, "caps"), zh),
        *_evidence(mapper, s, table),
    )


def _relationships(mapper: RdfMapper, name: str, table: pa.Table) -> pa.Array:
    """`RdfMapper.rel_triples`: one line per relationship (RECEIVED from the target's side), and the inverse."""
    rel = rel_type(name)
    source = node_iris(mapper, rel.source, _col(table, "from"))
    target = node_iris(mapper, rel.target, _col(table, "to"))
    predicate, reverse = REL_PREDICATES[name]
    subject, obj = (target, source) if reverse else (source, target)
    lines = [line(subject, predicate, _join("<", obj, ">"))]
    if name in INVERSES:
        lines.append(line(target, INVERSES[name], _join("<", source, ">")))
    return _concat(*lines)


COLUMN_KINDS: dict[str, Callable[[RdfMapper, pa.Table], pa.Array]] = {AWARD.label: _award, MEASURE.label: _measure}


def nt_page(mapper: RdfMapper, what: str, name: str, table: pa.Table) -> str:
    """N-Triples of one page of nodes ('node', label) or relationships ('rel', type), as `write_nt` of
    `graph_triples` over the same rows would write them."""
    if what == "rel":
        rows = _relationships(mapper, name, table)
    elif name in COLUMN_KINDS:
        rows = COLUMN_KINDS[name](mapper, table)
    else:
        triples = (t for row in table.to_pylist() for t in mapper.node_triples(name, row))
        return "".join(write_nt(triples))
    return pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(rows)], pa.int32()), rows), "")[0].as_py()
