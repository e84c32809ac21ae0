"""N-Triples formatted from Arrow columns (`api.dump.dump_nt`, `ontology/rdf_columns.py`) are the bytes the mapper's
triples give through `write_nt`: on the seeds and a generated 0.01 corpus on both engines, and on rows written
here with hostile values (quotes, backslashes, line breaks, U+2028, control and non-BMP characters, ids that need
percent-encoding, lists with repeats, amounts with fewer bases). rdflib parses the output back to the graph of the
mapper's triples."""

from __future__ import annotations

import pyarrow as pa
import pytest
import rdflib
from conftest import BACKENDS
from rdflib.compare import isomorphic

from api.dump import dump_nt, dump_triples
from cypher.store import arrow_schema
from ontology.model import AWARD, MEASURE, RELATIONSHIPS
from ontology.rdf import RdfMapper
from ontology.rdf_columns import nt_page
from ontology.rdf_formats import to_graph
from ontology.rdf_writers import write_nt

BASE = "https://incentive-kg.example"
HOSTILE = [
    'a "quoted" word',
    "back\\slash \\n not a newline",
    "line\nbreak and\r\ncarriage return",
    "line\u2028separator and\u2029paragraph",
    "controls \x00\x01\x07\x08\t\x0b\x0c\x1b\x7f end",
    "non-BMP 𠀀𝄞😀 and 督查激励",
    "ends with a backslash \\",
    '"',
    "",
    None,
]


def _page(kind, rows: list[dict]) -> pa.Table:
    full = [{p: row.get(p) for p in kind.all_properties} for row in rows]
    return pa.Table.from_pylist(full, schema=arrow_schema(kind.all_properties))


def _mapper_nt(mapper: RdfMapper, label: str, table: pa.Table) -> str:
    return "".join(write_nt(t for row in table.to_pylist() for t in mapper.node_triples(label, row)))


def _same(mapper: RdfMapper, label: str, table: pa.Table) -> str:
    expected = _mapper_nt(mapper, label, table)
    got = nt_page(mapper, "node", label, table)
    assert got == expected
    triples = [t for row in table.to_pylist() for t in mapper.node_triples(label, row)]
    assert isomorphic(rdflib.Graph().parse(data=got, format="nt"), to_graph(triples))
    return got


def _awards() -> list[dict]:
    rows = []
    for i, text in enumerate(HOSTILE):
        rows.append(
            {
                "id": f"n1-a{i}",
                "year": 2020 + i if i % 3 else None,
                "amount_yuan": [None, 0, 5_000_000, -3][i % 4],
                "rank_note": text,
                "as_written": HOSTILE[-1 - i],
                "source_notice": ["n1", "", None, "n 2/é"][i % 4],
                "span_start": None if i == 5 else 10 * i,
                "span_end": None if i == 5 else 10 * i + 7,
            }
        )
    # ids that percent-encoding changes, as zone ids may be
    rows.append({"id": "zone 开发区/#?", "year": 1999, "source_notice": "n1", "span_start": 0, "span_end": 1})
    rows.append({"id": 'x<y>"z"', "rank_note": "\\"})
    return rows


def _measures() -> list[dict]:
    rows = []
    for i, text in enumerate(HOSTILE):
        rows.append(
            {
                "id": f"n1-m{i}",
                "ordinal": [None, "", "7", "7.2"][i % 4],
                "title": text,
                "text": HOSTILE[-1 - i],
                "target_levels": [["县", "市", "县"], [], None, [text or "x", "乡"]][i % 4],
                "incentive_types": [["money", "quota"], ["money", "money"], None, ["é-类"]][i % 4],
                "amounts_yuan": [[100, 200, 300], [], None, [7]][i % 4],
                "amount_bases": [["each"], ["total"], None, ["", "extra"]][i % 4],
                "caps": [[text or "c", text or "c"], ["一名"], None, []][i % 4],
                "source_notice": "n1" if i % 2 else "n 2",
                "span_start": i,
                "span_end": i + 1,
            }
        )
    return rows


def test_hostile_awards_format_as_the_mapper_writes_them():
    text = _same(RdfMapper(BASE), "Award", _page(AWARD, _awards()))
    assert '\\"quoted\\"' in text and "\\nnot" not in text and "line\\nbreak" in text
    assert "\u2028" in text and "😀" in text and "zone%20" in text  # raw where N-Triples allows, encoded ids


def test_hostile_measures_format_as_the_mapper_writes_them():
    text = _same(RdfMapper(BASE), "Measure", _page(MEASURE, _measures()))
    level = f'<{BASE}/id/measure/n1-m0> <https://incentive-kg.org/def/incentive#targetLevel> "县"@zh'
    assert text.count(level) == 1  # the repeat in one list is written once, as the mapper does
    assert "#amount-3>" in text and "incentive-type/é-类>" in text


@pytest.mark.parametrize("kind, rows", [(AWARD, _awards), (MEASURE, _measures)], ids=["Award", "Measure"])
def test_a_slice_of_a_page_formats_as_its_rows(kind, rows):
    """dump_nt formats pages a slice at a time: list columns of a slice start inside their values."""
    mapper = RdfMapper(BASE)
    part = _page(kind, rows()).slice(3, 5)
    assert nt_page(mapper, "node", kind.label, part) == _mapper_nt(mapper, kind.label, part)


def test_a_base_that_needs_escaping_is_escaped_as_the_mapper_escapes_it():
    mapper = RdfMapper("https://example.org/a b{c}")
    table = _page(AWARD, _awards()[:4])
    assert nt_page(mapper, "node", "Award", table) == _mapper_nt(mapper, "Award", table)


@pytest.mark.parametrize("rel", RELATIONSHIPS, ids=lambda r: r.name)
def test_relationships_format_as_the_mapper_writes_them(rel):
    mapper = RdfMapper(BASE)
    rows = [{"from": "a 1", "to": "b/2"}, {"from": "p", "to": "q"}, {"from": "p", "to": "r"}]
    schema = arrow_schema({"from": "string", "to": "string", **rel.all_properties})
    table = pa.Table.from_pylist(rows, schema=schema)
    expected = "".join(write_nt(t for row in rows for t in mapper.rel_triples(rel.name, row)))
    assert nt_page(mapper, "rel", rel.name, table) == expected


def test_the_seed_dump_is_the_same_text(loaded):
    store, _ = loaded
    text = "".join(dump_nt(store))
    assert text == "".join(write_nt(dump_triples(store)))
    assert text.count("\n") > 5000


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_generated_corpus_dumps_the_same_text(backend, scratch_store, tmp_path):
    from benchmarks.gen_corpus import generate
    from loaders.pipeline import load_paths

    corpus = tmp_path / "corpus"
    generate("0.01", 1, corpus)
    load_paths([corpus], scratch_store)
    text = "".join(dump_nt(scratch_store))
    assert text == "".join(write_nt(dump_triples(scratch_store)))
    assert text.count("\n") > 100_000
