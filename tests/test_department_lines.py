"""Departments in the layouts real task-division notices take: the marker on lines of its own after each measure
(牵头单位:X / 责任单位:A,B), catch-alls mixed into a list, words glued after a name (市财政局按职责分工), a development
zone named as a responsible unit. The texts are variations written for these tests, with invented places (某某…)."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.parse.markers import find_marker
from loaders.parse.measures import parse_measures
from loaders.segment import notice_kind_of, split_lines


def measures_of(original: str):
    working = normalise(original)
    return parse_measures(split_lines(working.text), working), working


def roles(m) -> tuple[list[str], list[str]]:
    return [r.as_written for r in m.lead_departments], [r.as_written for r in m.supporting_departments]


# A county's task division: numbered tasks under a section, each followed (between blank lines) by its labels.
LABEL_LINES = """某某县人民政府办公室关于印发某某县2024年重点任务分工方案的通知

某某高新区管委会,各乡镇人民政府,县直各部门:

现将方案印发给你们,请认真贯彻落实。

某某县人民政府办公室

2024年2月6日

一、主要目标

1.全年争取省级督查激励事项不少于3项。

牵头单位:县发改局

责任单位:某某高新区管委会,各乡镇、县直各部门

2.推动重点项目建设提质增效。

牵头单位:县住建局

配合单位:县财政局、县自然资源局按职责分工

3.落实减税降费政策。

责任部门:县税务局,县财政局,相关单位

4.做好其他工作。
"""


def test_label_lines_after_each_measure_are_its_departments() -> None:
    measures, _ = measures_of(LABEL_LINES)
    assert [m.ordinal for m in measures] == ["1", "2", "3"]  # the section is no measure; 4 has no marker
    assert roles(measures[0]) == (["县发改局"], [])  # catch-alls left out, and the zone (a locality-level body)
    assert roles(measures[1]) == (["县住建局"], ["县财政局", "县自然资源局"])  # 按职责分工 cut off
    assert roles(measures[2]) == (["县税务局", "县财政局"], [])  # responsible units alone all lead
    for m in measures:  # each name's span points at it in the original
        for ref in m.lead_departments + m.supporting_departments:
            assert LABEL_LINES[ref.span[0] : ref.span[1]] == ref.as_written


def test_a_label_line_does_not_swallow_the_next_measure_or_paragraph() -> None:
    text = (
        "一、任务\n1.稳定粮食生产。\n牵头单位:县农业农村局\n2.推进乡村建设。\n责任单位:县住建局\n"
        "本方案自印发之日起施行。\n"
    )
    measures, _ = measures_of(text)
    assert [roles(m) for m in measures] == [(["县农业农村局"], []), (["县住建局"], [])]
    assert "施行" not in measures[-1].text  # the closing paragraph is not the last measure's text


def test_two_labels_on_one_line_after_the_measure() -> None:
    text = "(一)做好项目储备。\n牵头单位:市发展改革委 配合单位:市财政局、市统计局\n(二)加强考核。\n牵头单位:市考核办\n"
    measures, _ = measures_of(text)
    assert roles(measures[0]) == (["市发展改革委"], ["市财政局", "市统计局"])


def test_label_lines_in_traditional_script_with_full_width_colons() -> None:
    text = "一、重點任務\n1.推動產業升級。\n\n牽頭單位：市工信局\n\n責任單位：市財政局，各縣市區政府\n"
    measures, _ = measures_of(text)
    assert roles(measures[0]) == (["市工信局"], ["市财政局"])


def test_a_text_of_label_lines_is_a_measures_notice_not_an_award_list() -> None:
    """责任单位:某某开发区,… opens like a list of places; it names departments."""
    assert notice_kind_of(normalise(LABEL_LINES).text) == "measures_notice"


def test_labels_closing_the_sentences_make_a_measures_notice() -> None:
    items = "".join(f"({n})推进第{n}项工作。牵头单位:市发展改革委;配合单位:市财政局\n" for n in "一二三")
    assert notice_kind_of(normalise(f"一、重点任务\n{items}").text) == "measures_notice"
    unlabelled = items.replace("牵头单位:", "工作要求:").replace("配合单位:", "联系人:")
    assert notice_kind_of(normalise(f"一、重点任务\n{unlabelled}").text) == "plan"


def test_a_line_merely_mentioning_a_unit_is_no_label() -> None:
    """Only a line opening with a label is a marker: a sentence about 责任单位 is text of the measure."""
    text = "一、任务\n1.压实责任。\n各责任单位:要按期报送进展。\n2.加强督查。\n牵头单位:县督查室\n"
    measures, _ = measures_of(text)
    assert roles(measures[0]) == ([], [])
    assert roles(measures[1]) == (["县督查室"], [])


def marker(original: str) -> tuple[list[str], list[str]]:
    found = find_marker(normalise(original).text, 0)
    assert found is not None
    return [n for n, _, _ in found.lead], [n for n, _, _ in found.support]


@pytest.mark.parametrize(
    ("written", "lead", "support"),
    [
        # a responsible unit beside a lead cooperates; the label of each part gives the role
        ("(牵头单位:市发展改革委;责任单位:市财政局、市商务局)", ["市发展改革委"], ["市财政局", "市商务局"]),
        ("(责任单位:市财政局;牵头单位:市水利局)", ["市水利局"], ["市财政局"]),
        # tails glued to a name are cut, repeated or not
        ("(牵头单位:市财政局按职责分工)", ["市财政局"], []),
        ("(配合单位:市统计局按照职责分工负责;牵头单位:市商务局)", ["市商务局"], ["市统计局"]),
        ("(市人力社保局牵头,市财政局按职责分工配合)", ["市人力社保局"], ["市财政局"]),
        ("(市民政局、市卫生健康委按各自职责共同负责)", ["市民政局", "市卫生健康委"], []),
        # catch-alls mixed into the list are no departments
        ("(牵头单位:县发改局;配合单位:各街道、县直各部门、县统计局)", ["县发改局"], ["县统计局"]),
        ("(市政府办公室牵头,市级各有关部门及各县市区政府按职责分工负责)", ["市政府办公室"], []),
    ],
)
def test_labels_tails_and_catch_alls_in_a_parenthesised_marker(written: str, lead: list[str], support: list[str]):
    measures, _ = measures_of(f"一、对成效明显的县予以激励。{written}\n")
    assert roles(measures[0]) == (lead, support)


@pytest.mark.parametrize(
    "catch_all",
    [
        "各街道",
        "区直各部门",
        "市级各有关部门",
        "各县市区政府",
        "相关单位",
        "有关县市区政府",
        "属地乡镇",
        "区政府各部门",
    ],
)
def test_catch_alls_are_not_departments(catch_all: str) -> None:
    measures, _ = measures_of(f"一、推进重点工作。\n牵头单位:区发改局\n责任单位:区财政局,{catch_all}\n")
    assert roles(measures[0]) == (["区发改局"], ["区财政局"])


@pytest.mark.parametrize("unit", ["某某经济开发区", "某某高新区管委会", "某某新区管委会", "某某食品产业园等"])
def test_a_development_zone_named_as_a_responsible_unit_is_no_department(unit: str) -> None:
    """A zone, a park or its management committee among the responsible units answers for its area, as 各县区政府 do:
    a locality-level body, not a department (eval/devset/README.md, gold conventions)."""
    measures, _ = measures_of(f"一、推进重点工作。\n牵头单位:区发改局\n责任单位:{unit},区财政局\n")
    assert roles(measures[0]) == (["区发改局"], ["区财政局"])


@pytest.mark.parametrize("unit", ["区园区发展服务中心", "某某开发区建设局"])
def test_a_department_named_for_zones_is_kept(unit: str) -> None:
    measures, _ = measures_of(f"一、推进重点工作。\n牵头单位:{unit}\n")
    assert roles(measures[0]) == ([unit], [])


def test_a_name_that_is_only_a_tail_is_none() -> None:
    assert marker("对成效明显的县予以激励。(牵头单位:县财政局;配合单位:按职责分工负责)") == (["县财政局"], [])


@pytest.mark.parametrize(
    ("line", "lead", "support"),
    [
        ("牵头单位:市发展改革委;责任单位:市财政局、市商务局", ["市发展改革委"], ["市财政局", "市商务局"]),
        ("责任单位:市发展改革委、市财政局。", ["市发展改革委", "市财政局"], []),
        ("配合单位:市财政局;牵头单位:市水利局", ["市水利局"], ["市财政局"]),
        ("责任单位:市财政局(牵头)、市发展改革委,各区县政府", ["市财政局"], ["市发展改革委"]),
    ],
)
def test_labels_closing_the_measure_after_its_sentence(line: str, lead: list[str], support: list[str]) -> None:
    text = f"一、激励措施\n(一)对项目建设成效明显的区县予以激励。{line}\n(二)对就业工作成效明显的区县予以激励。\n"
    measures, _ = measures_of(text)
    assert roles(measures[0]) == (lead, support)
    assert "区县" in measures[0].text  # the measure keeps its text; only the labels are read as departments


def test_a_label_inside_a_sentence_is_no_marker() -> None:
    """Labels count only where they close the line: 各责任单位:要… and 。责任单位:…。下一步… are text."""
    text = (
        "一、激励措施\n(一)压实责任。各责任单位:要按期报送。\n"
        "(二)加强督查。责任单位:县督查室。下一步将通报进展。\n(三)强化考核。牵头单位:县考核办\n"
    )
    measures, _ = measures_of(text)
    assert [roles(m) for m in measures] == [([], []), ([], []), (["县考核办"], [])]


@pytest.mark.parametrize(
    ("lines", "lead", "support"),
    [
        # a bracketed 牵头 after one name makes it the lead; the rest of its list cooperates
        ("责任单位:区发改局(牵头)、区财政局,各街道", ["区发改局"], ["区财政局"]),
        ("责任单位:区财政局、区住建局(牵头单位)", ["区住建局"], ["区财政局"]),
    ],
)
def test_a_lead_mark_after_one_name_of_a_list(lines: str, lead: list[str], support: list[str]) -> None:
    measures, _ = measures_of(f"一、推进重点工作。\n{lines}\n")
    assert roles(measures[0]) == (lead, support)
