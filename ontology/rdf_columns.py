"""N-Triples of whole-graph pages formatted from Arrow columns: the same lines in the same order as `write_nt` of
the mapper's triples (tests/test_rdf_columns.py compares the bytes), in Arrow's compute kernels instead of one
Python call per term.

The mapper (`ontology/rdf.py`) stays the definition of the mapping. This module repeats its rules as whole-column
operations for the tables that make nearly all of a dump: awards, measures and every relationship (at national
scale 95% of the triples). The other kinds (notices, departments, localities, topics: a few percent of the rows,
with rules per row such as ELI URIs and government names) go through the mapper row by row. A change to
`RdfMapper._award`, `_measure`, `_amount`, `_evidence` or `rel_triples` must be made here too: the byte
comparison on the seeds and a generated corpus fails until it is.

How the order is kept: every line is added with its place in the mapper's order, (row, group, position in a
list, line within the group); the page's lines are sorted by it once. A missing value makes a null line (Arrow's
string joins give null when a part is null), and null lines are dropped, as the mapper's `if row.get(...)`
leaves the triple out.
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


def _counting(n: int) -> pa.Array:
    return pa.array(range(n), pa.int64())


class Lines:
    """One page's N-Triples lines, each with its place in the mapper's order."""

    def __init__(self, rows: int):
        self.rows = rows
        self._parts: list[pa.Table] = []
        self._group = 0
        self._sub = 0

    def add(self, subject, predicate: str, obj, *, at: tuple[pa.Array, pa.Array] | None = None, same_group=False):
        """Lines `<subject> <predicate> obj .` (subject: IRI text, obj: a formatted term; arrays or one value).
        `at` = (row, position) of values of a list; by default one line per row. `same_group`: these lines
        follow the previous ones within each list item (an amount's lines, in the mapper's order)."""
        if same_group:
            self._sub += 1
        else:
            self._group, self._sub = self._group + 1, 0
        line = _join("<", subject, "> " + nt_iri(predicate) + " ", obj, " .\n")
        row, position = at if at is not None else (_counting(self.rows), pa.nulls(self.rows, pa.int64()))
        n = len(row)
        if isinstance(line, pa.Scalar):  # every part a single value
            line = pa.array([line.as_py()] * n, pa.string())
        group = pa.array([self._group] * n, pa.int64())
        sub = pa.array([self._sub] * n, pa.int64())
        self._parts.append(pa.table({"row": row, "group": group, "position": position, "sub": sub, "line": line}))

    def text(self) -> str:
        lines = pa.concat_tables(self._parts) if self._parts else None
        if lines is None or not lines.num_rows:
            return ""
        order = pc.sort_indices(lines, [("row", "ascending"), ("group", "ascending"), ("position", "ascending"),
                                        ("sub", "ascending")])
        text = lines["line"].take(order).drop_null().combine_chunks()
        if not len(text):
            return ""
        return pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(text)], pa.int32()), text), "")[0].as_py()


def _list_values(column: pa.Array, *, unique: bool) -> tuple[pa.Array, tuple[pa.Array, pa.Array]]:
    """A list column's values with (row, position) of each; `unique`: a value repeated in a row's list only at its
    first place (the mapper drops a node's duplicate triples, keeping the first)."""
    values = pc.list_flatten(column)
    row = pc.cast(pc.list_parent_indices(column), pa.int64())
    first_of_row = pc.take(pc.cast(column.offsets, pa.int64()), row)
    position = pc.subtract(pc.add(_counting(len(row)), column.offsets[0].as_py()), first_of_row)
    if unique and len(row):
        table = pa.table({"row": row, "value": values, "position": position})
        first = table.group_by(["row", "value"], use_threads=False).aggregate([("position", "min")])
        return first["value"].combine_chunks(), (
            first["row"].combine_chunks(),
            first["position_min"].combine_chunks(),
        )
    return values, (row, position)


def _evidence(lines: Lines, mapper: RdfMapper, subject: pa.Array, table: pa.Table) -> None:
    """`RdfMapper._evidence` for the rows that have a source notice and a span."""
    source = _truthy(_col(table, "source_notice"))
    has_span = pc.is_valid(_col(table, "span_start"))
    source = pc.if_else(has_span, source, pa.scalar(None, pa.string()))
    notice = node_iris(mapper, "Notice", source)
    evidence, span = _join(subject, "#evidence"), _join(subject, "#span")
    derived = pc.if_else(pc.not_equal(notice, subject), notice, pa.scalar(None, pa.string()))
    lines.add(subject, PROV + "wasDerivedFrom", _join("<", derived, ">"))
    lines.add(subject, IKG + "evidence", _join("<", evidence, ">"))
    lines.add(evidence, RDF_TYPE, nt_iri(OA + "SpecificResource"), same_group=True)
    lines.add(evidence, OA + "hasSource", _join("<", notice, "#source>"), same_group=True)
    lines.add(evidence, OA + "hasSelector", _join("<", span, ">"), same_group=True)
    lines.add(span, RDF_TYPE, nt_iri(OA + "TextPositionSelector"), same_group=True)
    lines.add(span, OA + "start", typed(_col(table, "span_start"), "nonNegativeInteger"), same_group=True)
    lines.add(span, OA + "end", typed(_col(table, "span_end"), "nonNegativeInteger"), same_group=True)
    if not pc.all(pc.match_substring_regex(source, _UNRESERVED_RE2)).as_py():
        source = pa.array([None if s is None else quote(s, safe="@-._~") for s in source.to_pylist()], pa.string())
    url = _join(
        f"{mapper.base}/notices/",
        source,
        "/source/text?start=",
        pc.cast(_col(table, "span_start"), pa.string()),
        "&end=",
        pc.cast(_col(table, "span_end"), pa.string()),
    )
    lines.add(evidence, RDFS + "seeAlso", _join("<", _escaped_iri_text(url), ">"), same_group=True)


def _amount_lines(lines: Lines, owner: pa.Array, amount: pa.Array, yuan: pa.Array, basis, at=None) -> None:
    """`RdfMapper._amount`: owner and amount are IRI text; yuan the amounts; basis a column or None."""
    lines.add(owner, SCHEMA + "amount", _join("<", amount, ">"), at=at)
    lines.add(amount, RDF_TYPE, nt_iri(SCHEMA + "MonetaryAmount"), at=at, same_group=True)
    value = _join(pc.cast(yuan, pa.string()), ".0")
    lines.add(amount, SCHEMA + "value", literal(value, "^^" + nt_iri(XSD + "decimal")), at=at, same_group=True)
    currency = pc.if_else(pc.is_valid(yuan), f'"{CURRENCY}"', pa.scalar(None, pa.string()))
    lines.add(amount, SCHEMA + "currency", currency, at=at, same_group=True)
    if basis is not None:
        lines.add(amount, IKG + "amountBasis", literal(_truthy(basis)), at=at, same_group=True)


def _award(mapper: RdfMapper, table: pa.Table) -> str:
    lines = Lines(table.num_rows)
    s = node_iris(mapper, "Award", _col(table, "id"))
    lines.add(s, RDF_TYPE, nt_iri(IKG + "Award"))
    lines.add(s, IKG + "workYear", gyear(_col(table, "year")))
    yuan = _col(table, "amount_yuan")
    owner = pc.if_else(pc.is_valid(yuan), s, pa.scalar(None, pa.string()))
    _amount_lines(lines, owner, _join(owner, "#amount"), yuan, None)
    lines.add(s, IKG + "rankNote", zh(_truthy(_col(table, "rank_note"))))
    lines.add(s, IKG + "recipientAsWritten", zh(_truthy(_col(table, "as_written"))))
    _evidence(lines, mapper, s, table)
    return lines.text()


def _measure(mapper: RdfMapper, table: pa.Table) -> str:
    lines = Lines(table.num_rows)
    s = node_iris(mapper, "Measure", _col(table, "id"))
    lines.add(s, RDF_TYPE, nt_iri(ELI + "LegalResourceSubdivision"))
    lines.add(s, ELI + "number", literal(_truthy(_col(table, "ordinal"))))
    lines.add(s, DCTERMS + "title", zh(_truthy(_col(table, "title"))))
    lines.add(s, SCHEMA + "text", zh(_truthy(_col(table, "text"))))
    levels, at = _list_values(_col(table, "target_levels"), unique=True)
    lines.add(s.take(at[0]), IKG + "targetLevel", zh(levels), at=at)
    codes, at = _list_values(_col(table, "incentive_types"), unique=True)
    code_iris = _escaped_iri_text(_join(INCENTIVE_TYPE, codes))
    lines.add(s.take(at[0]), IKG + "incentiveType", _join("<", code_iris, ">"), at=at)
    _measure_amounts(lines, s, table)
    caps, at = _list_values(_col(table, "caps"), unique=True)
    lines.add(s.take(at[0]), IKG + "cap", zh(caps), at=at)
    _evidence(lines, mapper, s, table)
    return lines.text()


def _measure_amounts(lines: Lines, s: pa.Array, table: pa.Table) -> None:
    """Amount i of a measure is `#amount-i`, its basis the i-th of amount_bases when there is one."""
    yuan, (row, position) = _list_values(_col(table, "amounts_yuan"), unique=False)
    bases, (base_row, base_position) = _list_values(_col(table, "amount_bases"), unique=False)
    amounts = pa.table({"row": row, "position": position, "yuan": yuan})
    with_bases = amounts.join(
        pa.table({"row": base_row, "position": base_position, "basis": bases}), ["row", "position"], use_threads=False
    )
    row, position = with_bases["row"].combine_chunks(), with_bases["position"].combine_chunks()
    owner = s.take(row)
    amount = _join(owner, "#amount-", pc.cast(pc.add(position, 1), pa.string()))
    _amount_lines(
        lines,
        owner,
        amount,
        with_bases["yuan"].combine_chunks(),
        with_bases["basis"].combine_chunks(),
        at=(row, position),
    )


def _relationships(mapper: RdfMapper, name: str, table: pa.Table) -> str:
    """`RdfMapper.rel_triples`: one line per relationship (RECEIVED from the target's side), and the inverse."""
    rel = rel_type(name)
    source = node_iris(mapper, rel.source, _col(table, "from"))
    target = node_iris(mapper, rel.target, _col(table, "to"))
    predicate, reverse = REL_PREDICATES[name]
    lines = Lines(table.num_rows)
    subject, obj = (target, source) if reverse else (source, target)
    lines.add(subject, predicate, _join("<", obj, ">"))
    if name in INVERSES:
        lines.add(target, INVERSES[name], _join("<", source, ">"), same_group=True)
    return lines.text()


COLUMN_KINDS: dict[str, Callable[[RdfMapper, pa.Table], str]] = {AWARD.label: _award, MEASURE.label: _measure}


def nt_page(mapper: RdfMapper, what: str, name: str, table: pa.Table) -> str:
    """N-Triples of one page of nodes ('node', label) or relationships ('rel', type), as `write_nt` of
    `graph_triples` over the same rows would write them."""
    if what == "rel":
        return _relationships(mapper, name, table)
    if name in COLUMN_KINDS:
        return COLUMN_KINDS[name](mapper, table)
    triples = (t for row in table.to_pylist() for t in mapper.node_triples(name, row))
    return "".join(write_nt(triples))

