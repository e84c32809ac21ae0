"""Tests for loaders.parse.metadata: title, issuer, 文号, date, work year, citations and superseded notices."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.parse.metadata import Metadata, canonical_doc_number, parse_metadata
from loaders.patterns import load_patterns
from loaders.segment import split_lines


def meta(original: str) -> Metadata:
    return parse_metadata(split_lines(normalise(original).text), load_patterns().addressee)


ISSUER_TOP = """某某市人民政府办公室
关于开展2022年督查激励工作的通知
某府办发［2022］74号
各区县人民政府，市政府各部门：
为贯彻落实《国务院办公厅关于新形势下进一步加强督查激励的通知》（国办发〔2021〕49号）精神，现将有关事项通知如下：
一、激励措施。
自本通知印发之日起，《某某市人民政府办公室关于督查激励的通知》(某府办〔2020〕4号)同时废止。
"""

ISSUER_END = """关于对 2022 年度落实有关重大政策措施
真抓实干成效明显地方予以督查激励的通报
某办函[2023]58 号
各市(州)人民政府：
决定对 2022 年落实有关重大政策措施真抓实干的地方予以激励。
一、效能评价好的地方
某某省人民政府办公厅
2023 年 9 月 19 日
"""

NO_HEADING = """各区人民政府，市政府各部门：
现将调整后的督查激励措施通知如下：
一、对优化营商环境成效显著的区予以通报表扬。
为贯彻落实《国务院办公厅关于新形势下进一步加强督查激励的通知》(国办发〔2021〕49号)精神，自本通知印发之日起，《某某市人民政府办公厅关于督查激励的通知》（某府办﹝2020﹞4号）停止执行。
某某市人民政府办公厅
2022年12月3日
"""


def test_issuer_at_the_top() -> None:
    m = meta(ISSUER_TOP)
    assert m.issuer == "某某市人民政府办公室"
    assert m.title == "某某市人民政府办公室关于开展2022年督查激励工作的通知"
    assert m.doc_number == "某府办发〔2022〕74号"
    assert m.date is None
    assert m.work_year == 2022
    assert m.cites == ["国办发〔2021〕49号", "某府办〔2020〕4号"]
    assert m.supersedes == ["某府办〔2020〕4号"]


def test_issuer_at_the_end_and_spaced_date() -> None:
    m = meta(ISSUER_END)
    assert m.issuer == "某某省人民政府办公厅"
    assert m.title == "关于对2022年度落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报"
    assert m.doc_number == "某办函〔2023〕58号"
    assert m.date == "2023-09-19"
    assert m.work_year == 2022
    assert m.cites == [] and m.supersedes == []


def test_no_heading_block() -> None:
    m = meta(NO_HEADING)
    assert m.title is None
    assert m.doc_number is None
    assert m.issuer == "某某市人民政府办公厅"
    assert m.date == "2022-12-03"
    # the 文号 cited in the same sentence is not superseded
    assert m.supersedes == ["某府办〔2020〕4号"]
    assert m.cites == ["国办发〔2021〕49号", "某府办〔2020〕4号"]


def test_traditional_full_width_notice() -> None:
    m = meta(
        "某某市人民政府辦公廳\n關於開展２０２２年督查激勵工作的通知\n某府辦發〔２０２２〕７４號\n"
        "各區縣人民政府：\n一、激勵措施。\n某某市人民政府辦公廳\n２０２２年１２月３日\n"
    )
    assert m.issuer == "某某市人民政府办公厅"
    assert m.title == "某某市人民政府办公厅关于开展2022年督查激励工作的通知"
    assert m.doc_number == "某府办发〔2022〕74号"
    assert m.date == "2022-12-03"


@pytest.mark.parametrize(
    "written",
    [
        "渝府办发〔2022〕74号",
        "渝府办发[2022]74号",
        "渝府办发［2022］74号",
        "渝府办发﹝2022﹞74号",
        "渝府办发(2022)74号",
        "渝府办发（2022）74号",
        "渝府办发〔2022〕74 号",
        "渝府办发〔2022〕第74号",
        "渝府办发〔２０２２〕７４号",
    ],
)
def test_doc_number_brackets(written: str) -> None:
    assert canonical_doc_number(normalise(written).text) == "渝府办发〔2022〕74号"
    m = meta(f"重庆市人民政府办公厅\n关于开展督查激励工作的通知\n{written}\n各区县人民政府：\n一、激励措施。\n")
    assert m.doc_number == "渝府办发〔2022〕74号"


def test_labelled_doc_number_line() -> None:
    m = meta("重庆市人民政府办公厅\n关于开展督查激励工作的通知\n发文字号：渝府办发〔2022〕74号\n各区县人民政府：\n")
    assert m.doc_number == "渝府办发〔2022〕74号"


def test_a_referenced_doc_number_in_the_title_is_not_the_notices_own() -> None:
    m = meta(
        "某某省人民政府办公厅\n关于贯彻落实国办发〔2021〕49号文件精神\n进一步加强督查激励的通知\n"
        "各市州人民政府：\n一、总体要求。\n"
    )
    assert m.doc_number is None
    assert m.cites == ["国办发〔2021〕49号"]


def test_a_title_line_broken_after_a_referenced_number_is_not_the_own_number() -> None:
    m = meta("某某省人民政府办公厅\n关于贯彻落实国办发〔2021〕49号\n文件的通知\n各市州人民政府：\n一、总体要求。\n")
    assert m.doc_number is None
    assert m.cites == ["国办发〔2021〕49号"]


def test_cited_doc_number_run_into_a_sentence() -> None:
    m = meta("各区县人民政府：\n根据国办发〔2021〕49号文件要求，按照省政府办公厅川办发[2022]3号部署，制定本措施。\n")
    assert m.cites == ["国办发〔2021〕49号", "川办发〔2022〕3号"]


@pytest.mark.parametrize(
    "sentence",
    [
        "《某某市督查激励办法》（某府办〔2020〕4号）停止执行。",
        "原《某某市督查激励办法》（某府办〔2020〕4号）同时废止。",
        "本通知自印发之日起施行，某府办〔2020〕4号文件不再执行。",
        "《某某市督查激励办法》(某府办〔2020〕4号)、《某某市督查激励实施细则》(某府办〔2021〕9号)同时废止。",
    ],
)
def test_supersedes(sentence: str) -> None:
    m = meta("各区县人民政府：\n一、激励措施。\n" + sentence + "\n")
    expected = ["某府办〔2020〕4号"] + (["某府办〔2021〕9号"] if "2021" in sentence else [])
    assert m.supersedes == expected
    assert m.cites == expected


def test_a_notice_never_supersedes_itself() -> None:
    """The first sentence names what stops applying without a 文号 and has no 。 before it: the own number
    in the heading is not what it replaces."""
    m = meta(
        "某某省人民政府办公厅关于完善督查激励措施的通知\n某政办发〔2023〕12号\n各市州人民政府：\n"
        "原《某某省督查激励办法》同时废止。现将有关事项通知如下：\n一、激励措施。\n"
    )
    assert m.doc_number == "某政办发〔2023〕12号"
    assert m.supersedes == []


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("决定对2022年落实有关重大政策措施真抓实干的地方予以激励。", 2022),
        ("对在2020年落实打好三大攻坚战等工作中成效明显的区县予以督查激励。", 2020),
        ("现将2023年全省真抓实干督查激励措施通知如下。", 2023),
        ("关于开展2021年度督查激励工作的通知", 2021),
        ("为做好督查激励工作，现将有关事项通知如下。", None),
    ],
)
def test_work_year(opening: str, year: int | None) -> None:
    assert meta("各区县人民政府：\n" + opening + "\n").work_year == year


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2022年12月3日", "2022-12-03"),
        ("2023 年 9 月 19 日", "2023-09-19"),
        ("（2023年1月5日）", "2023-01-05"),
        ("２０２３年１月５日", "2023-01-05"),
    ],
)
def test_date_alone_on_a_line(line: str, date: str) -> None:
    assert meta("各区县人民政府：\n一、激励措施。\n某某市人民政府\n" + line + "\n").date == date


def test_a_date_inside_a_sentence_is_not_the_signing_date() -> None:
    assert meta("各区县人民政府：\n本通知自2023年1月1日起施行。\n").date is None


def test_signature_issuer_needs_the_date_below_it() -> None:
    m = meta("各区县人民政府：\n一、激励措施。\n某某市人民政府办公厅\n")
    assert m.issuer is None
