"""Metadata traps of real heading layouts: a cited 文号 run into lead-in words, a 文号 glued to the title line, the
title written twice, an addressee that does not open with 各, joint issuers, a signature before an attached plan.
The texts are variations written for these tests, with invented places and abbreviations (某某…, 某政发…)."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.parse.metadata import Metadata, parse_metadata
from loaders.patterns import load_patterns
from loaders.segment import split_lines


def meta(original: str) -> Metadata:
    return parse_metadata(split_lines(normalise(original).text), load_patterns().addressee)


BODY = "各区县人民政府:\n现将有关事项通知如下。\n一、对成效明显的区县予以激励。\n"


@pytest.mark.parametrize("lead_in", ["特别是", "尤其是", "以及", "详见", "精神和要求,特别是"])
def test_a_number_after_lead_in_words_is_cited_and_only_the_number(lead_in: str) -> None:
    text = (
        f"某某市人民政府关于做好督查激励工作的通知\n{BODY}"
        f"为落实省政府有关通知{lead_in}某政办发〔2020〕7号要求,制定本通知。\n"
    )
    found = meta(text)
    assert found.doc_number is None
    assert found.cites == ["某政办发〔2020〕7号"]


def test_a_number_run_on_after_a_title_word_with_a_lead_in_is_cited() -> None:
    """…的通知(2021年3月5日)某政〔2021〕6号 is the document's own; …的通知特别是某政〔2021〕6号 is not."""
    own = meta("某某市人民政府关于表扬先进区县的通报(2021年3月5日)某政〔2021〕6号\n对下列区县予以表扬。\n")
    cited = meta("某某市人民政府关于表扬先进区县的通报特别是某政〔2021〕6号\n对下列区县予以表扬。\n")
    assert own.doc_number == "某政〔2021〕6号"
    assert (cited.doc_number, cited.cites) == (None, ["某政〔2021〕6号"])


def test_a_bracketed_number_under_a_citing_line_is_the_cited_notices() -> None:
    text = (
        "根据《某某省人民政府关于强化激励措施的意见》\n(某政发〔2021〕12号)\n"
        "近日,市政府办公室印发通报,对成效明显的县予以激励。\n"
    )
    found = meta(text)
    assert (found.doc_number, found.cites) == (None, ["某政发〔2021〕12号"])


def test_an_abbreviation_that_is_also_a_word_is_kept() -> None:
    """和 opens the abbreviation of a place (和府办函): only whole lead-in words are cut, never single characters."""
    found = meta(
        "和府办函〔2024〕16号\n某某地区行政公署办公室关于表扬先进县的通报\n各县人民政府:\n对下列县予以表扬。\n"
    )
    assert found.doc_number == "和府办函〔2024〕16号"


HEADING_TWICE = """某某市某某区人民政府文件
某区政发〔2023〕2号
某某区人民政府关于印发 《某某区2023年重点工作任务分工方案》的通知

某区政发〔2023〕2号某某区人民政府关于印发某某区2023年重点工作任务分工方案的通知

某某经济开发区,各街道办事处,各区直部门:

现将方案印发给你们,请认真贯彻落实。

某某区人民政府

2023年3月28日

某某区2023年重点工作任务分工方案

一、主要目标

1.地区生产总值增长6%左右。

牵头单位:区发改局
"""


def test_the_title_written_twice_and_glued_to_its_number() -> None:
    found = meta(HEADING_TWICE)
    assert found.doc_number == "某区政发〔2023〕2号"
    assert found.title is not None
    # Once, without the addressee line (it opens with a zone, not 各) and without the number glued before it.
    assert found.title.replace(" ", "") == "某某区人民政府关于印发《某某区2023年重点工作任务分工方案》的通知"
    assert found.cites == []  # the number written twice is still the document's own


def test_the_signature_before_an_attached_plan_gives_issuer_and_date() -> None:
    found = meta(HEADING_TWICE)
    assert (found.issuer, found.date) == ("某某区人民政府", "2023-03-28")


def test_a_title_alone_glued_to_its_number() -> None:
    found = meta(
        "某政办发〔2022〕9号某某市人民政府办公室关于表扬先进区县的通报\n各区县人民政府:\n对下列区县予以表扬。\n"
    )
    assert found.doc_number == "某政办发〔2022〕9号"
    assert found.title == "某某市人民政府办公室关于表扬先进区县的通报"


def test_joint_issuers_heading_the_title() -> None:
    """(Written with a space between them instead of 、, they cannot be told apart: the working text drops a space
    between two CJK characters as layout.)"""
    found = meta(
        "某某省财政厅、某某省农业农村厅关于下达督查激励奖补资金的通知\n各市财政局、农业农村局:\n现将资金下达如下。\n"
    )
    assert found.issuer == "某某省财政厅、某某省农业农村厅"


def test_joint_issuers_signing_one_under_the_other_before_an_attachment() -> None:
    text = (
        "关于下达督查激励奖补资金的通知\n各市财政局、农业农村局:\n现将资金下达如下。\n"
        "某某省财政厅\n某某省农业农村厅\n2024年4月2日\n附件\n资金分配表\n1.甲市200万元。\n2.乙市200万元。\n"
    )
    found = meta(text)
    assert (found.issuer, found.date) == ("某某省财政厅、某某省农业农村厅", "2024-04-02")
