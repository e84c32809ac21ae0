"""Tests for loaders.parse.awards: award lists, news groups, prefix carrying, and the recipients as resolved."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import seed

from loaders.normalise import normalise, to_simplified
from loaders.parse.awards import leading_places, split_places
from loaders.pipeline import _is_place, parse_file


def mentions(original: str, is_place=None) -> list[tuple[str, str | None]]:
    text = normalise(original).text
    found = split_places(text, lambda i: i, is_place)
    for m in found:
        assert text[m.start : m.end] == m.as_written
    return [(m.as_written, m.prefix) for m in found]


def parse_text(tmp_path: Path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def assert_spans_map_back(raw, doc) -> None:
    """Every award span holds the recipient as written in the original (traditional, full-width and all;
    a name broken over two lines of a PDF extraction keeps its line break in the original)."""
    for award in doc.awards:
        written = raw.original[award.span[0] : award.span[1]]
        assert "".join(normalise(to_simplified(written)).text.split()) == award.recipient.as_written


# ----- split_places ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("成都市、泸州市、宜宾市。", [("成都市", None), ("泸州市", None), ("宜宾市", None)]),
        (
            "成都市，泸州市,宜宾市；广安市;达州市",
            [(n, None) for n in ["成都市", "泸州市", "宜宾市", "广安市", "达州市"]],
        ),
        (
            "成都市双流区、郫都区、都江堰市，广元市青川县，眉山市丹棱县、洪雅县",
            [
                ("成都市双流区", None),
                ("郫都区", "成都市"),
                ("都江堰市", "成都市"),
                ("广元市青川县", None),
                ("眉山市丹棱县", None),
                ("洪雅县", "眉山市"),
            ],
        ),
        ("阿坝州理县、汶川县", [("阿坝州理县", None), ("汶川县", "阿坝州")]),
        ("甘孜州色达县、凉山州西昌市", [("甘孜州色达县", None), ("凉山州西昌市", None)]),
        ("萬州區、黔江區、石柱縣", [("万州区", None), ("黔江区", None), ("石柱县", None)]),
        (
            "四川天府新区、成都高新区、成都市武侯区、温江区",
            [("四川天府新区", None), ("成都高新区", None), ("成都市武侯区", None), ("温江区", "成都市")],
        ),
        (
            "宜宾临港经济技术开发区国家级外贸转型升级基地（智能终端）、成都市青羊区、成华区",
            [
                ("宜宾临港经济技术开发区国家级外贸转型升级基地(智能终端)", None),
                ("成都市青羊区", None),
                ("成华区", "成都市"),
            ],
        ),
        ("四川省成都市双流区、郫都区", [("四川省成都市双流区", None), ("郫都区", "四川省成都市")]),
    ],
)
def test_split_places(text: str, expected) -> None:
    assert mentions(text) == expected


def test_a_place_in_its_own_right_ends_the_carried_prefix() -> None:
    text = "成都市双流区、郫都区、自贡市、泸州市"
    assert mentions(text, _is_place) == [
        ("成都市双流区", None),
        ("郫都区", "成都市"),
        ("自贡市", None),
        ("泸州市", None),
    ]
    # a county-level city of the prefix keeps it; so does a typo (no place either way)
    assert mentions("成都市双流区、都江堰市", _is_place) == [("成都市双流区", None), ("都江堰市", "成都市")]
    assert mentions("雅安市名山区、荣经县", _is_place) == [("雅安市名山区", None), ("荣经县", "雅安市")]


def test_split_places_maps_offsets_through_locate() -> None:
    found = split_places("渝北区、永川区", lambda i: 100 + i)
    assert [(m.start, m.end) for m in found] == [(100, 103), (104, 107)]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("成都市、泸州市、宜宾市。", True),
        ("荣经县、芦山县", True),  # a typo is a place by its shape
        ("示范基地(电子信息)、绵阳市", True),
        ("成都高新区、天府新区", True),
        ("荣经县、雅安市名山区、芦山县", False),  # a prefix that the names after it take
        ("四川省成都市、自贡市", False),
        ("渝北区;永川区,城口县、", False),  # a separator closing the text leaves an empty piece
        ("贵州省安顺市等3个市(州)", False),  # a count
        ("成效明显的县区、某某县", False),  # a phrase
        ("绵阳市 、 德阳市", False),  # spaces around a name
    ],
)
def test_plain_lists_read_as_the_general_split_reads_them(text: str, plain: bool) -> None:
    """A list read in one split (every piece a place by its shape, nothing to carry or count) gives the mentions that
    split_places gives, offsets included, on one line and broken over lines; any other paragraph is left to it."""
    from loaders.parse.awards import _LogicalLine, _plain_list, _plain_mentions
    from loaders.segment import Line

    names = _plain_list(text)
    assert (names is not None) == plain
    if names is None:
        return
    general = split_places(text.rstrip("。. "), lambda i: 100 + i, _is_place)
    one_line = _LogicalLine((Line(100, 100 + len(text), text),))
    assert _plain_mentions(names, one_line, 0) == general
    cut = len(text) // 2  # the same paragraph over two lines, 10 characters apart in the working text
    two_lines = _LogicalLine((Line(100, 100 + cut, text[:cut]), Line(110 + cut, 110 + len(text), text[cut:])))
    moved = [(m.as_written, two_lines.locate(m.start - 100), two_lines.locate(m.end - 101) + 1) for m in general]
    assert [(m.as_written, m.start, m.end) for m in _plain_mentions(names, two_lines, 0)] == moved


# ----- leading_places --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("渝北区、武隆区在推进重大项目建设中成效明显。", "渝北区、武隆区"),
        ("黔江区、南岸区、渝北区、北碚区、武隆区在全面落实方针中成效明显。", "黔江区、南岸区、渝北区、北碚区、武隆区"),
        ("两江新区、重庆高新区在创新驱动发展中成效明显。", "两江新区、重庆高新区"),
        ("石柱县、彭水县在脱贫攻坚中成效明显。", "石柱县、彭水县"),
        ("万州区在推进工作中成效明显。", "万州区"),
        ("雅安市荣经县、宝兴县在灾后重建中成效明显。", "雅安市荣经县、宝兴县"),
        ("据统计，此次通报表扬共26组。", ""),
        ("市政府将相应给予政策支持。", ""),
    ],
)
def test_leading_places(text: str, places: str) -> None:
    working = normalise(text).text
    assert working[: leading_places(working, _is_place)] == normalise(places).text


# ----- an award notice, end to end -------------------------------------------------------------

AWARD = """某某省人民政府办公厅
关于对2022年度真抓实干成效明显地方予以督查激励的通报
川办函〔2023〕99号
各市（州）人民政府，省政府有关部门：
经省政府同意，决定对2022年落实有关重大政策措施真抓实干、取得明显成效的地方予以激励。
某某省人民政府办公厅
2023年9月1日
一、效能评价好的地方
成都市、绵阳市、眉山市。
2023年对上述地方各给予1000万元激励支持。（省政府办公厅、财政厅组织实施）
二、推动生态文明建设成效明显的地方
国家生态文明建设示范县（市、区）：成都市双流区、郫都区、都江堰市，广元市青川县，甘孜州色达县，雅安市荣经县。
省级生态县：乐山市犍为县、沐川县。
对上述地方每个地方给予200万元奖补。（生态环境厅组织实施）
三、外贸转型升级基地建设成效明显的地方
宜宾临港经济技术开发区国家级外贸转型升级基地（智能终端）、成都经济技术开发区国家级外贸转型升级基地（汽车零部件）。
对上述地方优先推荐申报国家级试点。（商务厅组织实施）
四、推动创新平台建设成效明显的地方
四川天府新区、成都高新区、成都市武侯区、温江区等5个。
对上述地方在创新平台布局上予以倾斜。（科技厅组织实施）
"""


@pytest.fixture(scope="module")
def award_doc(tmp_path_factory):
    raw, docs = parse_text(tmp_path_factory.mktemp("award"), AWARD)
    assert len(docs) == 1
    return raw, docs[0]


def by_category(doc) -> dict[str, list]:
    out: dict[str, list] = {}
    for a in doc.awards:
        out.setdefault(a.measure_ordinal, []).append(a)
    return out


def test_award_notice_metadata_and_categories(award_doc) -> None:
    raw, doc = award_doc
    assert doc.notice.kind == "award_notice"
    assert doc.notice.doc_number == "川办函〔2023〕99号"
    assert doc.notice.date == "2023-09-01"
    assert doc.notice.work_year == 2022
    assert [(m.ordinal, m.text) for m in doc.measures] == [
        ("1", "效能评价好的地方"),
        ("2", "推动生态文明建设成效明显的地方"),
        ("3", "外贸转型升级基地建设成效明显的地方"),
        ("4", "推动创新平台建设成效明显的地方"),
    ]
    assert [[r.name for r in m.lead_departments] for m in doc.measures] == [
        ["省人民政府办公厅", "省财政厅"],
        ["生态环境厅"],
        ["商务厅"],
        ["科学技术厅"],
    ]


def test_recipients_amounts_and_levels(award_doc) -> None:
    raw, doc = award_doc
    cats = by_category(doc)
    assert [(a.recipient.name, a.recipient.level, a.amount_yuan) for a in cats["1"]] == [
        ("成都市", "prefecture", 10_000_000),
        ("绵阳市", "prefecture", 10_000_000),
        ("眉山市", "prefecture", 10_000_000),
    ]
    assert [a.recipient.as_written for a in cats["2"]] == [
        "成都市双流区",
        "郫都区",
        "都江堰市",
        "广元市青川县",
        "甘孜州色达县",
        "雅安市荣经县",
        "乐山市犍为县",
        "沐川县",
    ]
    assert [a.recipient.name for a in cats["2"]] == [
        "双流区",
        "郫都区",
        "都江堰市",
        "青川县",
        "色达县",
        None,
        "犍为县",
        "沐川县",
    ]
    assert {a.amount_yuan for a in cats["2"]} == {2_000_000}
    assert [a.rank_note for a in cats["2"]] == ["国家生态文明建设示范县(市、区)"] * 6 + ["省级生态县"] * 2
    assert [a.recipient.parent for a in cats["2"] if a.recipient.as_written in ("郫都区", "沐川县")] == [
        "510100",
        "511100",
    ]
    assert [a.recipient.level for a in cats["3"]] == ["base", "base"]
    assert all(a.amount_yuan is None for a in cats["3"] + cats["4"])
    assert [(a.recipient.name, a.recipient.level) for a in cats["4"]] == [
        ("四川天府新区", "zone"),
        ("成都高新区", "zone"),
        ("武侯区", "county"),
        ("温江区", "county"),
    ]
    assert [r.name for r in cats["1"][0].implementing_departments] == ["省人民政府办公厅", "省财政厅"]


def test_typo_is_flagged_with_a_suggestion_not_guessed(award_doc) -> None:
    raw, doc = award_doc
    typo = [w for w in doc.warnings if w.code == "possible_typo"]
    assert [(w.suggestion, raw.original[w.span[0] : w.span[1]]) for w in typo] == [("荥经县", "雅安市荣经县")]
    (award,) = [a for a in doc.awards if a.recipient.as_written == "雅安市荣经县"]
    assert award.recipient.id is None


def test_partial_list_is_warned(award_doc) -> None:
    raw, doc = award_doc
    partial = [w for w in doc.warnings if w.code == "partial_list"]
    assert len(partial) == 1
    assert "等5个" in partial[0].message
    assert raw.original[partial[0].span[0] : partial[0].span[1]].startswith("四川天府新区")


def test_award_spans_map_back(award_doc) -> None:
    raw, doc = award_doc
    assert_spans_map_back(raw, doc)
    (base,) = [a for a in doc.awards if "智能终端" in a.recipient.as_written]
    assert raw.original[base.span[0] : base.span[1]].endswith("基地（智能终端）")


def test_partial_list_naming_the_kind_of_recipient(tmp_path: Path) -> None:
    raw, (doc,) = parse_text(
        tmp_path,
        "某某省人民政府办公厅\n关于对真抓实干成效明显地方予以督查激励的通报\n各市（州）人民政府：\n"
        "一、推动开放成效明显的地方\n眉山市东坡区、彭山区等十二个县（市、区）。\n"
        "对上述地方予以支持。（商务厅组织实施）\n"
        "二、推动创新成效明显的地方\n成都市双流区、自贡市、泸州市。\n对上述地方予以支持。（科技厅组织实施）\n",
    )
    cats = by_category(doc)
    assert [a.recipient.name for a in cats["1"]] == ["东坡区", "彭山区"]
    assert [a.recipient.name for a in cats["2"]] == ["双流区", "自贡市", "泸州市"]
    assert [w.code for w in doc.warnings if w.code == "partial_list"] == ["partial_list"]


# ----- a news report, end to end ---------------------------------------------------------------

NEWS = """日前，市政府辦公廳發出通報，對在2020年落實有關重大政策措施真抓實幹成效明顯的區縣（開發區）予以督查激勵。
萬州區、黔江區、石柱縣、彭水縣在鞏固拓展脫貧攻堅成果工作中成效明顯。
南岸區、渝北區；兩江新區,重慶高新區在推動科技創新工作中成效明顯。
北碚區在污染防治工作中成效明顯。
永川區、大足區、黔江區在推進鄉村振興工作中成效明顯。
據統計，此次通報表揚共4組。
來源：重慶日報
版權所有 渝ICP備2020014939號-1
"""


def test_news_report_groups(tmp_path: Path) -> None:
    raw, (doc,) = parse_text(tmp_path, NEWS)
    assert doc.notice.kind == "news_report"
    assert doc.notice.script == "traditional"
    assert doc.notice.work_year == 2020
    assert [m.text for m in doc.measures] == [
        "在巩固拓展脱贫攻坚成果工作中成效明显。",
        "在推动科技创新工作中成效明显。",
        "在污染防治工作中成效明显。",
        "在推进乡村振兴工作中成效明显。",
    ]
    groups = {}
    for a in doc.awards:
        groups.setdefault(a.measure_ordinal, []).append(a.recipient.name)
    assert groups == {
        "1": ["万州区", "黔江区", "石柱土家族自治县", "彭水苗族土家族自治县"],
        "2": ["南岸区", "渝北区", "两江新区", "重庆高新区"],
        "3": ["北碚区"],
        "4": ["永川区", "大足区", "黔江区"],
    }
    levels = Counter(a.recipient.level for a in doc.awards)
    assert levels == Counter({"county": 10, "zone": 2})
    assert all(a.recipient.id for a in doc.awards)
    assert not [w for w in doc.warnings if w.code == "count_mismatch"]
    assert_spans_map_back(raw, doc)
    (wanzhou,) = [a for a in doc.awards if a.recipient.name == "万州区"]
    assert raw.original[wanzhou.span[0] : wanzhou.span[1]] == "萬州區"


# ----- seeds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_002():
    return parse_file(seed("002"))


@pytest.fixture(scope="module")
def seed_003():
    return parse_file(seed("003"))


def test_seed_002_news_groups(seed_002) -> None:
    raw, (doc,) = seed_002
    assert doc.notice.kind == "news_report"
    assert len(doc.measures) == 26
    ids = {a.recipient.id for a in doc.awards}
    assert None not in ids
    assert len(ids) == 32
    zones = {a.recipient.id for a in doc.awards if a.recipient.level == "zone"}
    assert len(zones) == 2
    assert_spans_map_back(raw, doc)


def test_seed_003_metadata(seed_003) -> None:
    raw, (doc,) = seed_003
    assert doc.notice.kind == "award_notice"
    assert doc.notice.doc_number == "川办函〔2023〕58号"
    assert doc.notice.date == "2023-09-19"
    assert doc.notice.work_year == 2022


def test_seed_003_recipients(seed_003) -> None:
    raw, (doc,) = seed_003
    prefectures = {a.recipient.id for a in doc.awards if a.recipient.level == "prefecture"}
    assert len(prefectures) == 20
    counties = {a.recipient.id for a in doc.awards if a.recipient.id and a.recipient.level in ("county", "zone")}
    unresolved = [a for a in doc.awards if a.recipient.id is None]
    assert [a.recipient.as_written for a in unresolved] == ["雅安市荣经县"]
    assert unresolved[0].recipient.level == "county"  # a typo still says what it is: its likely correction's level
    assert len(counties) + len(unresolved) == 62
    typo = [w for w in doc.warnings if w.code == "possible_typo"]
    assert [w.suggestion for w in typo] == ["荥经县"]
    bases = [a for a in doc.awards if "外贸转型升级基地" in a.recipient.as_written]
    assert bases and all(a.recipient.level == "base" for a in bases)
    assert not [w for w in doc.warnings if w.code == "count_mismatch"]
    assert_spans_map_back(raw, doc)


def test_seed_003_amounts(seed_003) -> None:
    raw, (doc,) = seed_003
    cats = by_category(doc)
    assert len(cats["1"]) == 6
    assert {a.amount_yuan for a in cats["1"]} == {10_000_000}
    assert cats["21"] and {a.amount_yuan for a in cats["21"]} == {2_000_000}


# ----- award lists: forms found by the evaluation set (tests/eval) -----------------------------


def test_partial_lists_joined_in_one_sentence(tmp_path: Path) -> None:
    _, (doc,) = parse_text(
        tmp_path,
        "某某省人民政府办公厅\n关于对真抓实干成效明显地方予以督查激励的通报\n各市（州）人民政府：\n"
        "一、推动文旅融合成效明显的地方\n乐山市、阿坝州等4个市（州）及乐山市峨眉山市、阿坝州九寨沟县等10个县（市、区、特区）。\n"
        "对上述地方予以支持。（文化和旅游厅组织实施）\n"
        "二、开发区建设成效明显的地方\n成都高新区、绵阳高新区等6个高新区。\n对上述高新区予以支持。（科技厅组织实施）\n",
    )
    cats = by_category(doc)
    assert [a.recipient.name for a in cats["1"]] == ["乐山市", "阿坝藏族羌族自治州", "峨眉山市", "九寨沟县"]
    assert [a.recipient.name for a in cats["2"]] == ["成都高新区", "绵阳高新区"]
    assert [w.code for w in doc.warnings].count("partial_list") == 3


def test_a_list_without_its_full_stop_does_not_swallow_the_statement(tmp_path: Path) -> None:
    _, (doc,) = parse_text(
        tmp_path,
        "某某省人民政府办公厅\n关于对真抓实干成效明显地方予以督查激励的通报\n各市人民政府：\n"
        "一、推动创新成效明显的地方\n长沙市岳麓区、株洲市天元区、湘潭市雨湖区\n"
        "对上述地方在科技计划项目安排上予以倾斜。（省科技厅组织实施）\n"
        "二、推动开放成效明显的地方\n岳阳市、郴州\n市、怀化市。\n对上述地方予以支持。（省商务厅组织实施）\n",
    )
    cats = by_category(doc)
    assert [a.recipient.name for a in cats["1"]] == ["岳麓区", "天元区", "雨湖区"]
    assert [r.name for r in cats["1"][0].implementing_departments] == ["省科学技术厅"]
    # a name broken over two lines is still joined
    assert [a.recipient.name for a in cats["2"]] == ["岳阳市", "郴州市", "怀化市"]


def test_a_list_cut_off_by_the_end_of_the_text(tmp_path: Path) -> None:
    _, (doc,) = parse_text(
        tmp_path,
        "某某省人民政府办公厅\n关于对真抓实干成效明显地方予以督查激励的通报\n各市人民政府：\n"
        "一、推动乡村振兴成效明显的县\n赣州市兴国县、于都县，吉安市井冈山市、永新县，抚州市广昌县、南\n",
    )
    assert [a.recipient.name for a in doc.awards] == ["兴国县", "于都县", "井冈山市", "永新县", "广昌县"]
    assert "truncated_list" in [w.code for w in doc.warnings]


def test_places_joined_by_he(tmp_path: Path) -> None:
    _, (doc,) = parse_text(
        tmp_path,
        "某某省人民政府办公厅\n关于对真抓实干成效明显地方予以督查激励的通报\n各市人民政府：\n"
        "一、稳增长成效明显的地方\n广州市、佛山市和东莞市。\n对上述地方予以支持。（省发展改革委组织实施）\n"
        "二、县域经济发展成效明显的地方\n河源市和平县、梅州市兴宁市及湛江市廉江市。\n对上述地方予以支持。（省财政厅组织实施）\n",
    )
    cats = by_category(doc)
    assert [a.recipient.name for a in cats["1"]] == ["广州市", "佛山市", "东莞市"]
    # 和平县 is a place whose name holds 和
    assert [a.recipient.name for a in cats["2"]] == ["和平县", "兴宁市", "廉江市"]


def test_one_statement_after_sub_lists_implements_them_all(tmp_path: Path) -> None:
    _, (doc,) = parse_text(
        tmp_path,
        "某某省人民政府办公厅\n关于对真抓实干成效明显地方予以督查激励的通报\n各市人民政府：\n"
        "一、推动制造业高质量发展成效明显的地方\n（一）设区市\n南京市、无锡市。\n（二）县（市、区）\n"
        "苏州市昆山市、张家港市，无锡市江阴市。\n"
        "对上述地方在专项资金安排上予以倾斜。（省工业和信息化厅会同省财政厅组织实施）\n"
        "二、推动开放成效明显的地方\n（一）设区市\n苏州市。\n对上述地方予以支持。（省商务厅组织实施）\n"
        "（二）开发区\n昆山经济技术开发区。\n对上述开发区予以支持。（省发展改革委组织实施）\n",
    )
    measures = {m.ordinal: m for m in doc.measures}
    for ordinal in ("1.1", "1.2"):
        assert [r.name for r in measures[ordinal].lead_departments] == ["省工业和信息化厅"]
        assert [r.name for r in measures[ordinal].supporting_departments] == ["省财政厅"]
    cats = by_category(doc)
    assert [r.name for r in cats["1.1"][0].implementing_departments] == ["省工业和信息化厅", "省财政厅"]
    # each sub-list with a statement of its own keeps it
    assert [r.name for r in measures["2.1"].lead_departments] == ["省商务厅"]
    assert [r.name for r in measures["2.2"].lead_departments] == ["省发展和改革委员会"]


def test_news_headline_naming_the_issuer_is_not_a_group(tmp_path: Path) -> None:
    _, (doc,) = parse_text(
        tmp_path,
        "江西省政府办公厅通报表扬2022年度真抓实干成效明显地方\n"
        "日前，省政府办公厅发出通报，对真抓实干成效明显的地方予以督查激励。\n"
        "南昌市、赣州市、上饶市在稳增长方面成效明显。\n九江市人民政府有关负责人表示，将再接再厉。\n"
        "吉安市井冈山市、赣州市瑞金市在乡村振兴方面成效明显。\n抚州市、宜春市在营商环境方面成效明显。\n",
    )
    assert doc.notice.kind == "news_report"
    groups = by_category(doc)
    assert [a.recipient.name for a in groups["1"]] == ["南昌市", "赣州市", "上饶市"]
    assert [a.recipient.name for a in groups["2"]] == ["井冈山市", "瑞金市"]
    assert len(groups) == 3


BARE_NUMBERED_HEADINGS = """某某省人民政府办公厅关于对2021年度真抓实干成效明显地区予以督查激励的通报
各市州、县市区人民政府：
现将2021年度真抓实干成效明显的地区名单及激励措施通报如下。
1
推动高质量发展成效明显的县区
靖州县、花垣县、岳麓区、炎陵县
给予每个县区100万元奖励。
2
深化一件事一次办改革成效明显的市州
长沙市、株洲市
3
外贸转型升级基地指标完成较好的地方
规模前二的基地:成都国际铁路港经济开发区省级外贸转型升级基地(先进材料)、宜宾临港经济技术开发区国家级外
贸转型升级基地(智能终端)
"""


def test_a_heading_on_its_own_line_does_not_run_into_the_first_name(tmp_path) -> None:
    """Bare numbers, then the category's heading (a phrase with 的) and its list on lines of their own; a list
    broken mid-name after its own label (规模前二的基地:…) is still one list."""
    _, docs = parse_text(tmp_path, BARE_NUMBERED_HEADINGS)
    by_category = Counter(a.measure_ordinal for a in docs[0].awards)
    assert [a.recipient.as_written for a in docs[0].awards][:4] == ["靖州县", "花垣县", "岳麓区", "炎陵县"]
    assert by_category == {"1": 4, "2": 2, "3": 2}
    assert {a.amount_yuan for a in docs[0].awards if a.measure_ordinal == "1"} == {1_000_000}
    assert docs[0].awards[-1].recipient.as_written == "宜宾临港经济技术开发区国家级外贸转型升级基地(智能终端)"


def test_a_text_cut_after_a_back_reference_names_no_place(tmp_path) -> None:
    """The text stops inside the statement after a list (对上述县,在…): 对上述县 refers back, it is no winner."""
    _, docs = parse_text(tmp_path, BARE_NUMBERED_HEADINGS.split("3\n")[0] + "对上述县,在省预算内基本建设")
    assert [a.recipient.as_written for a in docs[0].awards][-2:] == ["长沙市", "株洲市"]
