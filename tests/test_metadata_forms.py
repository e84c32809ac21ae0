"""Metadata in the forms real notices and news take: issuers named in sentences, signatures, Chinese-numeral
dates, 文号 in brackets or run into the heading, and the traps (cited titles, reports, publication dates).
The texts are variations written for these tests, with invented places (某某…)."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.parse.dates import DATE, iso_date
from loaders.parse.metadata import Metadata, parse_metadata
from loaders.patterns import load_patterns
from loaders.segment import split_lines


def meta(original: str) -> Metadata:
    return parse_metadata(split_lines(normalise(original).text), load_patterns().addressee)


# ----- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("二〇二二年六月二十五日", "2022-06-25"),
        ("二○一九年十月一日", "2019-10-01"),
        ("二OO七年三月十日", "2007-03-10"),
        ("二零二一年十二月三十一日", "2021-12-31"),
        ("二〇二〇年十一月二十日", "2020-11-20"),
        ("2021-8-3", "2021-08-03"),
    ],
)
def test_dates_in_chinese_numerals_and_short_forms(written: str, iso: str) -> None:
    assert iso_date(DATE.fullmatch(written)) == iso
    assert meta(f"各区县人民政府：\n一、激励措施。\n某某市人民政府\n{written}\n").date == iso


def test_an_impossible_date_is_no_date() -> None:
    assert iso_date(DATE.fullmatch("2021年13月40日")) is None


def test_a_date_closing_the_last_paragraph_is_the_signing_date() -> None:
    text = "各乡镇人民政府：\n希望受到表彰的单位再接再厉，取得更好成绩。 二〇一八年四月九日\n"
    assert meta(text).date == "2018-04-09"


def test_a_date_at_the_end_of_a_sentence_that_goes_on_is_not() -> None:
    assert meta("各乡镇人民政府：\n请于2023年5月1日前报送材料，逾期不再受理。\n").date is None


def test_a_publication_line_gives_no_date_and_no_issuer() -> None:
    m = meta("某某县两项工作获省级奖励\n发布时间:2023-07-18 来源:某某县人民政府\n近日，两县分别获得奖励资金。\n")
    assert m.date is None
    assert m.issuer is None


# ----- 文号 and date in the heading -------------------------------------------------------------------


@pytest.mark.parametrize("line", ["（某政字〔2019〕21号）", "(某政字[2019]21号)", "文件编号：某政字〔2019〕21号"])
def test_own_number_in_brackets_or_labelled(line: str) -> None:
    m = meta(f"某某市人民政府关于表彰先进单位的决定\n{line}\n各县区人民政府：\n一、先进单位。\n")
    assert m.doc_number == "某政字〔2019〕21号"
    assert m.issuer == "某某市人民政府"


def test_number_and_date_on_heading_lines_of_a_site() -> None:
    m = meta(
        "某某市人民政府关于印发竞赛办法的通知\n某政发[2019]5号颁布时间:2019-03-02\n"
        "2019年3月2日 某政发[2019]5号\n各县(市)、区人民政府：\n现将办法印发给你们。\n"
    )
    assert m.doc_number == "某政发〔2019〕5号"  # not 日某政发: the date's 日 is no part of it
    assert m.date == "2019-03-02"
    assert m.cites == []


def test_number_opening_a_long_heading_line_and_a_cited_one_in_the_body() -> None:
    m = meta(
        "某府办〔2021〕9号《某某市人民政府办公厅关于对2020年真抓实干成效明显单位予以督查激励的通报》\n"
        "各区人民政府，市政府各部门：\n根据《某某市人民政府办公厅关于加强督查激励的通知》（某府办〔2019〕3号）精神，"
        "对成效明显的单位予以督查激励。\n"
    )
    assert m.doc_number == "某府办〔2021〕9号"
    assert m.cites == ["某府办〔2019〕3号"]


def test_title_date_and_number_run_into_the_body() -> None:
    m = meta(
        "某某市人民政府关于对先进社区进行奖补的决定\n"
        "某某市人民政府关于对先进社区进行奖补的决定（二〇一五年九月三日）某政〔2015〕12号 2015年，全市上下扎实推进"
        "社区建设，取得明显成效，决定对先进社区分别奖补资金50万元。\n"
    )
    assert m.doc_number == "某政〔2015〕12号"
    assert m.date == "2015-09-03"
    assert m.issuer == "某某市人民政府"


# ----- the issuer ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        ("日前，某某省人民政府办公室印发通报，对真抓实干成效明显的地方予以激励。", "某某省人民政府办公室"),
        ("这份通报是某某省人民政府办公厅印发的，共涉及20项激励措施。", "某某省人民政府办公厅"),
        ("(通讯员 张三)据某某省财政厅消息，今年安排奖励资金2亿元。", "某某省财政厅"),
        ("记者昨日从某某市农业农村局获悉，5个乡镇获得奖补资金。", "某某市农业农村局"),
        ("3月2日，某某县乡村振兴领导小组对2022年度考核结果进行公示。", "某某县乡村振兴领导小组"),
        ("农业农村部、财政部联合印发通知，对成效明显的县予以激励。", "农业农村部、财政部"),
        ("某某市政府办日前发文，对符合条件的县予以资金奖励。", "某某市政府办"),
        ("经省政府同意，省政府办公厅对2021年成效明显的地方予以督查激励。", "省政府办公厅"),
        ("近日，某某省财政厅下达奖励资金1亿元，支持先进县发展。", "某某省财政厅"),
        ("1月9日，某某省人民政府第三次全体会议召开，会议公布了表扬激励名单。", "某某省人民政府"),
    ],
)
def test_issuer_named_in_a_sentence(sentence: str, issuer: str) -> None:
    assert meta(f"某某县多项工作获表扬\n{sentence}\n").issuer == issuer


def test_a_headline_receiving_praise_is_not_the_issuing_sentence() -> None:
    # 获省委省政府通报表扬: the organs receive no lead word; the body names them as issuers.
    text = "今天，某某县这里获省委省政府通报表扬！\n省委、省政府决定，对5个先进市予以通报表扬。\n"
    assert meta(text).issuer == "省委、省政府"


def test_the_office_that_publishes_beats_the_government_that_decides() -> None:
    text = "市政府决定，对成效明显的区县予以表扬。\n据悉，市政府办公厅下发通报，要求各级各部门以先进为榜样。\n"
    assert meta(text).issuer == "市政府办公厅"


def test_a_decision_names_the_issuer_when_nothing_is_published() -> None:
    assert meta("各市州人民政府：\n省人民政府决定，对成效明显的市州予以通报表扬。\n").issuer == "省人民政府"


def test_a_cited_title_is_not_the_issuer_the_signature_is() -> None:
    m = meta(
        "按照《某某省人民政府办公厅关于开展督查激励工作的通知》（某政办传〔2021〕8号）要求，某某省科学技术厅组织"
        "评选，现将推荐名单公示如下：\n一、甲市、乙市\n某某省科学技术厅\n2021年4月2日\n"
    )
    assert m.issuer == "某某省科学技术厅"
    assert m.date == "2021-04-02"


def test_a_report_on_a_notice_takes_that_notice_not_its_own_signature() -> None:
    m = meta(
        "市政府督查室：\n5月3日，某网站发布《国务院办公厅关于对成效明显地方予以督查激励的通报》后，我县迅速部署，"
        "通过多种渠道宣传报道。\n某某县人民政府\n2018年5月20日\n"
    )
    assert m.issuer == "国务院办公厅"
    assert m.date is None  # the report's date, not the notice's


def test_joint_signature() -> None:
    m = meta("各省农业农村厅、财政厅：\n现将办法印发给你们，请遵照执行。\n农业农村部\n财政部\n2019年5月8日\n")
    assert m.issuer == "农业农村部、财政部"
    assert m.date == "2019-05-08"


def test_the_signature_beats_a_labelled_short_heading() -> None:
    m = meta(
        "文件名称:自治区政府办公厅关于奖补资金安排的通知\n文件编号:\n各市、县(区)人民政府：\n"
        "现将有关事项通知如下。\n某某自治区人民政府办公厅\n2015年1月31日\n"
    )
    assert m.issuer == "某某自治区人民政府办公厅"
    assert m.title == "自治区政府办公厅关于奖补资金安排的通知"
