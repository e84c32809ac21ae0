"""Tests for loaders.parse.numbering: numbering schemes, Chinese numbers and the item tree."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.parse.markers import MARKER
from loaders.parse.numbering import build_items, chinese_number, match_numbering, number_of, walk
from loaders.segment import split_lines


def items_of(original: str, closes=None):
    text = normalise(original).text
    roots, loose = build_items(split_lines(text), closes=closes)
    return roots, loose, text


def outline(roots) -> list[tuple[str, str, str]]:
    return [(item.scheme, item.ordinal, item.text) for item in walk(roots)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("两", 2),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十一", 21),
        ("三十二", 32),
        ("一百零二", 102),
    ],
)
def test_chinese_number(text: str, number: int) -> None:
    assert chinese_number(text) == number


@pytest.mark.parametrize(("raw", "number"), [("7", 7), ("32", 32), ("①", 1), ("⑤", 5), ("⑳", 20), ("十二", 12)])
def test_number_of(raw: str, number: int) -> None:
    assert number_of(raw) == number


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、激励措施", ("cn", 1, "激励措施")),
        ("十二、推动企业上市", ("cn", 12, "推动企业上市")),
        ("二十一．对", ("cn", 21, "对")),
        ("1﹒扩大有效投资。", ("arabic", 1, "扩大有效投资。")),
        ("1．扩大有效投资。", ("arabic", 1, "扩大有效投资。")),
        ("2.促进消费提质扩容。", ("arabic", 2, "促进消费提质扩容。")),
        ("30、获得通报表彰情况。", ("arabic", 30, "获得通报表彰情况。")),
        ("１０．对", ("arabic", 10, "对")),
        ("（一）数字经济创新发展方面。", ("paren_cn", 1, "数字经济创新发展方面。")),
        ("(二)发展产业金融。", ("paren_cn", 2, "发展产业金融。")),
        ("（十二）", ("paren_cn", 12, "")),
        ("（3）区县申报。", ("paren_arabic", 3, "区县申报。")),
        ("第一条 为规范督查激励工作，制定本办法。", ("article", 1, "为规范督查激励工作,制定本办法。")),
        ("第二十三条　本办法自印发之日起施行。", ("article", 23, "本办法自印发之日起施行。")),
        ("⑤ 加强统筹", ("circled", 5, "加强统筹")),
        ("7", ("bare", 7, "")),
        ("17", ("bare", 17, "")),
    ],
)
def test_match_numbering(line: str, expected) -> None:
    assert match_numbering(normalise(line).text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "一是加强组织领导。",
        "十分重要。",
        "2023年对上述地方各给予1000万元激励支持。",
        "2023 年对上述地方各给予激励支持。",
        "1000万元用于奖励。",
        "3.5亿元资金统筹安排。",
        "60处重大地质灾害治理工程",
        "5G基站建设",
        "2023",
        "第一章 总则",
        "各区县人民政府：",
    ],
)
def test_lines_that_are_not_numbered_items(line: str) -> None:
    found = match_numbering(normalise(line).text)
    roots, loose, _ = items_of(line)
    assert found is None or roots == []
    assert roots == [] and len(loose) == 1


def test_tree_of_cn_arabic_and_paren_items() -> None:
    roots, loose, _ = items_of(
        "现将有关事项通知如下：\n"
        "一、激励措施\n"
        "1﹒扩大有效投资。对成效明显的区县予以支持。\n"
        "对重大项目予以倾斜。\n"
        "2．促进消费。\n"
        "二、组织实施\n"
        "（一）加强领导。\n"
        "(二)压实责任。\n"
    )
    assert outline(roots) == [
        ("cn", "1", "激励措施"),
        ("arabic", "1.1", "扩大有效投资。对成效明显的区县予以支持。\n对重大项目予以倾斜。"),
        ("arabic", "1.2", "促进消费。"),
        ("cn", "2", "组织实施"),
        ("paren_cn", "2.1", "加强领导。"),
        ("paren_cn", "2.2", "压实责任。"),
    ]
    assert [line.text for line in loose] == ["现将有关事项通知如下:"]
    # depth is the level of a scheme (order of first appearance), the same for every item of that scheme
    assert [item.depth for item in walk(roots)] == [0, 1, 1, 0, 2, 2]


def test_schemes_nest_in_order_of_first_appearance() -> None:
    roots, _, _ = items_of("（一）数字经济方面。\n1.加强平台。\n2.推进应用。\n（二）产业金融方面。\n1.提高占比。\n")
    assert [(i.ordinal, i.depth) for i in walk(roots)] == [("1", 0), ("1.1", 1), ("1.2", 1), ("2", 0), ("2.1", 1)]
    assert roots[1].parent is None and roots[1].children[0].parent is roots[1]


def test_articles() -> None:
    roots, _, _ = items_of(
        "第一条 为规范工作，制定本办法。\n第二条 本办法适用于全省。\n第三条 本办法自印发之日起施行。\n"
    )
    assert outline(roots) == [
        ("article", "1", "为规范工作,制定本办法。"),
        ("article", "2", "本办法适用于全省。"),
        ("article", "3", "本办法自印发之日起施行。"),
    ]


def test_bare_numbers_alone_on_a_line_take_the_next_line() -> None:
    roots, _, text = items_of("1\n扩大有效投资。对成效明显的区县予以支持。\n2\n促进消费提质扩容。\n继续推进。\n")
    assert outline(roots) == [
        ("bare", "1", "扩大有效投资。对成效明显的区县予以支持。"),
        ("bare", "2", "促进消费提质扩容。\n继续推进。"),
    ]
    assert text[roots[1].start : roots[1].end] == "2\n促进消费提质扩容。\n继续推进。"


def test_year_and_amount_lines_continue_the_open_item() -> None:
    roots, _, _ = items_of(
        "一、效能评价好的地方\n成都市、绵阳市。\n"
        "2023 年对上述地方各给予 1000 万元激励支持。\n二、推动双城经济圈建设的地方\n"
    )
    assert [i.ordinal for i in walk(roots)] == ["1", "2"]
    assert roots[0].text == "效能评价好的地方\n成都市、绵阳市。\n2023年对上述地方各给予1000万元激励支持。"


def test_closes_ends_an_item_at_its_department_marker() -> None:
    roots, loose, _ = items_of(
        "1.扩大有效投资。对成效明显的区县予以支持。（牵头单位：市发展改革委）\n"
        "各区县要加强统筹。\n"
        "2.促进消费。对成效明显的区县予以支持。\n"
        "（市商务委负责）\n"
        "各部门要及时兑现。\n",
        closes=MARKER,
    )
    assert outline(roots) == [
        ("arabic", "1", "扩大有效投资。对成效明显的区县予以支持。(牵头单位:市发展改革委)"),
        ("arabic", "2", "促进消费。对成效明显的区县予以支持。\n(市商务委负责)"),
    ]
    assert [line.text for line in loose] == ["各区县要加强统筹。", "各部门要及时兑现。"]


def test_item_offsets_point_at_the_numbering() -> None:
    roots, _, text = items_of("前言。\n  一、激励措施\n  （一）扩大投资。\n")
    first, child = roots[0], roots[0].children[0]
    assert text[first.start :].startswith("一、激励措施")
    assert text[child.start : child.end] == "(一)扩大投资。"


def test_traditional_and_full_width_numbering() -> None:
    roots, _, _ = items_of("一、激勵措施\n（一）擴大有效投資。\n（二）促進消費。\n")
    assert outline(roots) == [
        ("cn", "1", "激励措施"),
        ("paren_cn", "1.1", "扩大有效投资。"),
        ("paren_cn", "1.2", "促进消费。"),
    ]
