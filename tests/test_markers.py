"""Tests for loaders.parse.markers: the department markers that end a measure."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.parse.markers import FIRST_LISTED_LEADS, find_marker
from loaders.parse.measures import department_refs

BODY = "对成效明显的区县在项目安排上予以倾斜支持。"


def names(original: str, first_listed_leads: bool = False):
    text = normalise(original).text
    marker = find_marker(text, 0, first_listed_leads)
    if marker is None:
        return None
    for name, start, end in marker.lead + marker.support:
        assert text[start:end] == name
    return [n for n, _, _ in marker.lead], [n for n, _, _ in marker.support]


@pytest.mark.parametrize(
    ("marker", "lead", "support"),
    [
        # labelled: 牵头单位 / 配合单位 / 责任单位, full-width and half-width, either order
        ("（牵头单位：市发展改革委、市财政局；配合单位：市科技局）", ["市发展改革委", "市财政局"], ["市科技局"]),
        ("(牵头单位:市发展改革委;配合单位:市财政局、市科技局)", ["市发展改革委"], ["市财政局", "市科技局"]),
        ("（牵头单位：市发展改革委，配合单位：市财政局、市科技局）", ["市发展改革委"], ["市财政局", "市科技局"]),
        ("（配合单位：市财政局；牵头单位：市水利局）", ["市水利局"], ["市财政局"]),
        ("（牵头单位：市发展改革委）", ["市发展改革委"], []),
        ("（牵头单位：市发展改革委）。", ["市发展改革委"], []),
        ("（责任单位：市财政局、市人力社保局）", ["市财政局", "市人力社保局"], []),
        ("（牽頭單位：市財政局；配合單位：市經濟信息委）", ["市财政局"], ["市经济信息委"]),
        # verb forms
        ("（市商务委负责）", ["市商务委"], []),
        ("（市民政局、市发展改革委、市财政局负责）", ["市民政局", "市发展改革委", "市财政局"], []),
        ("（市水利局、市林业局会市财政局负责）", ["市水利局", "市林业局"], ["市财政局"]),
        ("（市科技局会同市财政局负责）", ["市科技局"], ["市财政局"]),
        ("（市政府办公厅会市发展改革委、财政局负责）", ["市政府办公厅"], ["市发展改革委", "财政局"]),
        ("（市发展改革委、市财政局按职责分别负责）", ["市发展改革委", "市财政局"], []),
        ("（市发展改革委、市财政局按职责分工负责）", ["市发展改革委", "市财政局"], []),
        ("（省政府办公厅、财政厅组织实施）", ["省政府办公厅", "财政厅"], []),
        ("(经济和信息化厅组织实施)", ["经济和信息化厅"], []),
        ("（市发展改革委牵头）", ["市发展改革委"], []),
        # 会 inside a name is not the joining 会
        ("（市文化旅游委员会负责）", ["市文化旅游委员会"], []),
        ("（市侨务委员会会市财政局负责）", ["市侨务委员会"], ["市财政局"]),
        ("（市工商联会市财政局负责）", ["市工商联"], ["市财政局"]),
        ("（市工商联合会负责）", ["市工商联合会"], []),
        ("（市会展办会市财政局负责）", ["市会展办"], ["市财政局"]),
        ("（市機關事務管理局負責）", ["市机关事务管理局"], []),
    ],
)
def test_marker_forms(marker: str, lead: list[str], support: list[str]) -> None:
    assert names(BODY + marker) == (lead, support)


def test_first_listed_leads_applies_to_verb_forms() -> None:
    text = BODY + "（市民政局、市发展改革委、市财政局负责）"
    assert names(text, first_listed_leads=True) == (["市民政局"], ["市发展改革委", "市财政局"])
    # a single department stays the lead
    assert names(BODY + "（市民政局负责）", first_listed_leads=True) == (["市民政局"], [])


def test_first_listed_leads_does_not_override_labels() -> None:
    text = BODY + "（牵头单位：市民政局、市财政局；配合单位：市科技局）"
    assert names(text, first_listed_leads=True) == (["市民政局", "市财政局"], ["市科技局"])


@pytest.mark.parametrize(
    "sentence",
    [
        "责任单位中列第1位的为牵头单位。",
        "列第一位的部门为牵头单位",
        "排在第1位的为牵头部门",
        "排第一位的单位为牵头单位",
        "（列第1位的为牵头单位，下同）",
    ],
)
def test_first_listed_leads_statement(sentence: str) -> None:
    assert FIRST_LISTED_LEADS.search(normalise(sentence).text)


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "对成效明显的区县予以支持（详见附件）。",
        "（牵头单位：市发展改革委）对成效明显的区县予以支持，并在考核中予以加分。",
        "对成效明显的区县予以支持。（）",
    ],
)
def test_no_marker(text: str) -> None:
    assert names(text) is None


def test_last_marker_wins_and_offsets_are_shifted() -> None:
    original = "对成效明显的区县（含开发区）予以支持。（市商务委负责）"
    text = normalise(original).text
    marker = find_marker(text, 100)
    assert marker is not None
    assert [n for n, _, _ in marker.lead] == ["市商务委"]
    (name, start, end) = marker.lead[0]
    assert text[start - 100 : end - 100] == "市商务委"
    assert text[marker.start - 100 : marker.end - 100] == "(市商务委负责)"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (["市发展改革委", "财政局"], ["市发展改革委", "市财政局"]),
        (["市发展改革委", "市财政局", "科技局"], ["市发展改革委", "市财政局", "市科技局"]),
        (["省政府办公厅", "财政厅"], ["省政府办公厅", "省财政厅"]),
        (["市水务局", "林业园林局"], ["市水务局", "市林业园林局"]),
        (["区财政局", "区发展改革委"], ["区财政局", "区发展改革委"]),
    ],
)
def test_abbreviated_names_inherit_the_first_prefix(written: list[str], expected: list[str]) -> None:
    text = "、".join(written)
    working = normalise(text)
    spans, pos = [], 0
    for name in written:
        at = text.index(name, pos)
        spans.append((name, at, at + len(name)))
        pos = at + len(name)
    refs = department_refs(spans, working)
    assert [r.as_written for r in refs] == written
    # the prefix is carried here; canonical names (市发展和改革委员会) are resolve's job
    assert [r.name for r in refs] == expected
    for ref, (_name, start, end) in zip(refs, spans):
        assert ref.span == (start, end)


@pytest.mark.parametrize(
    ("marker", "lead", "support"),
    [
        # each clause says its role: A牵头, B、C配合 / 参与 / 协助
        ("（市商务局牵头，市财政局、市统计局配合）", ["市商务局"], ["市财政局", "市统计局"]),
        ("（区住房建设局牵头负责；区城管局参与）", ["区住房建设局"], ["区城管局"]),
        ("（省科技厅牵头，省教育厅协助）", ["省科技厅"], ["省教育厅"]),
    ],
)
def test_marker_clauses_with_roles(marker: str, lead: list[str], support: list[str]) -> None:
    assert names(BODY + marker) == (lead, support)


def test_first_listed_leads_applies_to_a_responsible_units_label() -> None:
    text = BODY + "（责任单位：市农业农村局、市财政局、市乡村振兴局）"
    assert names(text, first_listed_leads=True) == (["市农业农村局"], ["市财政局", "市乡村振兴局"])
    # without the document's statement every responsible unit leads
    assert names(text) == (["市农业农村局", "市财政局", "市乡村振兴局"], [])
    # a 配合单位 label of its own still decides
    text = BODY + "（责任单位：市农业农村局、市财政局；配合单位：市统计局）"
    assert names(text, first_listed_leads=True) == (["市农业农村局", "市财政局"], ["市统计局"])


def test_departments_of_a_clause_without_a_role_take_the_role_of_the_next() -> None:
    marker = find_marker("(县发改局牵头,县财政局、县自然资源局等部门,县城投公司配合)", 0)
    assert [name for name, *_ in marker.lead] == ["县发改局"]
    assert [name for name, *_ in marker.support] == ["县财政局", "县自然资源局", "县城投公司"]
