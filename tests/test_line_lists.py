"""Issue 13, the classes of helper line13: one winner a line under a cued heading, the category after a list, only the
first ranked rewarded, the issuer named in a sentence or signed jointly on one line, catch-alls of government levels in
department markers. The texts are written for these tests (other places, numbers, punctuation than any document read),
and every class has a negative case."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.pipeline import parse_file
from ontology.errors import DocumentError


def parse_text(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def awards_of(tmp_path: Path, text: str) -> list[tuple[str, str | None]]:
    """(as written, parent) of every award; [] when the text is refused as holding no document of the genre."""
    try:
        raw, docs = parse_text(tmp_path, text)
    except DocumentError:
        return []
    for doc in docs:  # every award's span leads back to its name as written
        for award in doc.awards:
            assert raw.original[award.span[0] : award.span[1]] == award.recipient.as_written
    return sorted((a.recipient.as_written, a.recipient.parent) for doc in docs for a in doc.awards)


# ---- one winner a line under a heading with an award cue ----

_TOWNS = ["醴陵市", "攸县", "茶陵县"]


@pytest.mark.parametrize(
    "lines",
    [
        ["(1)醴陵市浦口镇", "(2)攸县丫江桥镇", "(3)茶陵县严塘镇"],  # numbered in brackets
        ["①醴陵市浦口镇", "②攸县丫江桥镇", "③茶陵县严塘镇"],  # circled numbers
        ["醴陵市浦口镇  优秀", "攸县丫江桥镇  良好", "茶陵县严塘镇  优秀"],  # a category column after the place
        ["1.醴陵市浦口镇 96.5分", "2.攸县丫江桥镇 94分", "3.茶陵县严塘镇 90分"],  # a score column
    ],
)
def test_one_town_a_line_under_a_cued_heading(tmp_path, lines):
    text = "株洲市2025年度人居环境整治红旗乡镇\n" + "\n".join(lines) + "\n"
    found = awards_of(tmp_path, text)
    assert [written for written, _ in found] == ["攸县丫江桥镇", "茶陵县严塘镇", "醴陵市浦口镇"]
    assert all(parent for _, parent in found)  # each town under the county written before it


def test_a_heading_that_is_the_last_clause_of_an_opening_line(tmp_path):
    text = (
        "经各县推荐、实地核查,以下村获评2025年度全市美丽乡村示范村:\n"
        "炎陵县水口镇梨树村\n"
        "茶陵县严塘镇湾里村\n"
        "特此通报。\n"
    )
    assert [w for w, _ in awards_of(tmp_path, text)] == ["炎陵县水口镇梨树村", "茶陵县严塘镇湾里村"]


@pytest.mark.parametrize(
    "heading",
    [
        "各乡镇联络员名单",  # a contact list
        "上年度全市先进乡镇名单",  # last round's winners
        "2025年度环境整治黄旗乡镇名单",  # a warning list
        "本次暗访覆盖的乡镇",  # coverage: no award cue at all
    ],
)
def test_lines_of_places_under_a_heading_of_no_award_are_no_winners(tmp_path, heading):
    text = f"株洲市农业农村局通报\n{heading}\n醴陵市浦口镇\n攸县丫江桥镇\n茶陵县严塘镇\n"
    assert awards_of(tmp_path, text) == []


def test_a_word_holding_a_short_county_name_is_no_place(tmp_path):
    # 示范县 holds 范县 (a county of Henan): the title names no winner
    text = "关于2025年度乡村振兴示范县拟激励对象的公示\n拟激励县名单如下:\n醴陵市、攸县、茶陵县\n"
    assert [w for w, _ in awards_of(tmp_path, text)] == ["攸县", "茶陵县", "醴陵市"]


# ---- the category after a list, several sentences each its own ----


def test_each_sentence_after_its_list_is_its_category(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "2025年度全市营商环境考核结果\n经综合评定,芦淞区、荷塘区被评为优秀等次;天元区、渌口区荣获进步奖。\n",
    )
    by_category: dict[str, set[str]] = {}
    for doc in docs:
        texts = {m.ordinal: m.text for m in doc.measures}
        for award in doc.awards:
            by_category.setdefault(texts[award.measure_ordinal], set()).add(award.recipient.as_written)
    categories = sorted(sorted(places) for places in by_category.values())
    assert categories == sorted([sorted(["天元区", "渌口区"]), sorted(["荷塘区", "芦淞区"])])


# ---- only the first ranked are rewarded ----


def test_only_the_first_two_of_a_ranking_one_a_line(tmp_path):
    text = (
        "关于2025年度全市项目建设考核排名的通报\n各县市区:\n考核排名如下:\n"
        "第一名 芦淞区\n第二名 荷塘区\n第三名 天元区\n第四名 渌口区\n前两名各奖励50万元。\n"
    )
    assert [w for w, _ in awards_of(tmp_path, text)] == sorted(["荷塘区", "芦淞区"])


def test_only_the_first_of_a_ranking_in_a_sentence(tmp_path):
    text = (
        "关于2025年度全市项目建设考核排名的通报\n各县市区:\n"
        "考核排名如下:第1名天元区,第2名芦淞区,第3名荷塘区。排名第一的给予30万元奖励。\n"
    )
    assert [w for w, _ in awards_of(tmp_path, text)] == ["天元区"]


def test_a_list_that_does_not_rank_keeps_all_its_winners(tmp_path):
    # 前两名 with nothing that ranks the places: which two cannot be told, every listed place stays a winner
    text = "关于2025年度考核结果的通报\n芦淞区、荷塘区、天元区获评先进县市区,前两名各奖励50万元。\n"
    assert [w for w, _ in awards_of(tmp_path, text)] == sorted(["天元区", "芦淞区", "荷塘区"])


# ---- the issuer named in a sentence or signed jointly ----


def issuer_of(tmp_path: Path, text: str) -> str | None:
    _, docs = parse_text(tmp_path, text)
    return docs[0].notice.issuer


def test_two_bodies_signing_on_one_line_are_joint_issuers(tmp_path):
    text = (
        "关于2025年度农业产业强镇拟激励名单的公示\n现将拟激励名单公示如下:\n醴陵市浦口镇、攸县丫江桥镇\n"
        "公示期为7天。\n水利部　国家林业和草原局\n2025年10月9日\n"
    )
    assert issuer_of(tmp_path, text) == "水利部、国家林业和草原局"


def test_a_dateline_is_no_part_of_the_issuer(tmp_path):
    text = "本报讯 江西省人民政府办公厅近日印发通报,对真抓实干成效明显的地方予以督查激励。南昌县、新建区获激励。\n"
    assert issuer_of(tmp_path, text) == "江西省人民政府办公厅"


def test_a_notice_named_by_its_title_in_running_text(tmp_path):
    text = "江西省人民政府办公厅关于2025年度真抓实干成效明显地方予以督查激励的通报近日下发。南昌县、新建区获激励。\n"
    assert issuer_of(tmp_path, text) == "江西省人民政府办公厅"


def test_a_title_cited_after_根据_is_not_the_issuer(tmp_path):
    text = (
        "本报讯 记者从南昌市财政局获悉,根据江西省人民政府办公厅关于2024年度督查激励的通报,南昌县获得奖励资金300万元。\n"
    )
    assert issuer_of(tmp_path, text) == "南昌市财政局"


# ---- catch-alls of government levels in department markers ----


def departments_of(tmp_path: Path, marker: str) -> tuple[list[str], list[str]]:
    _, docs = parse_text(
        tmp_path,
        "某市人民政府关于印发督查激励措施的通知\n各县、区人民政府:\n"
        f"一、对粮食生产成效明显的县区,给予80万元奖励。{marker}\n"
        "二、对水利建设成效明显的县区,给予60万元奖励。(市水利局负责)\n某市人民政府\n2025年2月3日\n",
    )
    first = docs[0].measures[0]
    return [d.as_written for d in first.lead_departments], [d.as_written for d in first.supporting_departments]


@pytest.mark.parametrize(
    ("marker", "lead", "support"),
    [
        ("(市农业农村局牵头,各县、区人民政府配合)", ["市农业农村局"], []),
        ("(市农业农村局牵头,各市、县(区)政府配合)", ["市农业农村局"], []),
        ("[牵头单位:市农业农村局;责任单位:各县区政府]", ["市农业农村局"], []),
        ("(责任单位:市农业农村局、各县(市、区)人民政府)", ["市农业农村局"], []),
        ("(市农业农村局牵头,市财政局、区人民政府配合)", ["市农业农村局"], ["市财政局", "区人民政府"]),  # one body
        # a catch-all of one level, then a body of the level's government: the body stays
        ("(牵头单位:市农业农村局;责任单位:各街道,区市场监管局)", ["市农业农村局"], ["区市场监管局"]),
    ],
)
def test_a_list_of_government_levels_is_a_catch_all(tmp_path, marker, lead, support):
    assert departments_of(tmp_path, marker) == (lead, support)


# ---- a table's rows: the town in the cell after its county's ----


def test_a_town_in_the_cell_after_its_county_is_the_winner(tmp_path):
    text = (
        "2025年度全市农业产业强镇拟激励名单\n| 序号 | 县(市、区) | 乡镇 | 等次 |\n"
        "| 1 | 醴陵市 | 浦口镇 | 一类 |\n| 2 | 攸县 | 丫江桥镇 | 二类 |\n"
    )
    _, docs = parse_text(tmp_path, text)
    names = sorted(a.recipient.name for doc in docs for a in doc.awards)
    assert names == ["攸县丫江桥镇", "醴陵市浦口镇"]  # the towns, named with their counties; no county a winner


def test_table_rows_under_a_title_of_no_award_are_no_winners(tmp_path):
    text = (
        "株洲市农业农村局通报\n2025年度各乡镇耕地面积统计\n| 序号 | 县(市、区) | 乡镇 | 面积 |\n"
        "| 1 | 醴陵市 | 浦口镇 | 3.2 |\n| 2 | 攸县 | 丫江桥镇 | 2.8 |\n"
    )
    assert awards_of(tmp_path, text) == []


# ---- a county's own notice: its towns and villages one a line, without the county ----


def test_units_without_their_county_one_a_line_under_a_cued_heading(tmp_path):
    text = (
        "醴陵市人民政府办公室关于2025年度乡镇考核结果的通报\n各镇人民政府、街道办事处:\n"
        "获评2025年度先进乡镇(街道)的是:\n一、示范镇\n(一)孙家湾镇\n(二)东富镇\n二、优胜乡镇\n(三)阳三石街道\n特此通报。\n"
    )
    assert [w for w, _ in awards_of(tmp_path, text)] == sorted(["孙家湾镇", "东富镇", "阳三石街道"])


def test_units_without_their_county_under_a_contact_heading_are_none(tmp_path):
    text = "醴陵市2025年度乡镇考核工作联络员名单\n孙家湾镇\n东富镇\n阳三石街道\n"
    assert awards_of(tmp_path, text) == []


def test_a_body_whose_text_is_followed_is_not_the_issuer(tmp_path):
    text = "本报讯 按照国务院办公厅印发的督查激励措施,醴陵市获得奖励资金200万元。\n"
    assert issuer_of(tmp_path, text) is None


def test_joint_issuers_in_a_sentence_are_no_winners(tmp_path):
    # the departments of the issuer's province name it first: 江西省 is no winner
    text = "日前,江西省财政厅、江西省农业农村厅联合印发通知,对南昌县、新建区予以奖补。\n"
    assert issuer_of(tmp_path, text) == "江西省财政厅、江西省农业农村厅"
    assert [w for w, _ in awards_of(tmp_path, text)] == sorted(["南昌县", "新建区"])


def test_ranks_under_an_honour_list_are_winners_under_a_score_ranking_none(tmp_path):
    ranks = "第一名 芦淞区\n第二名 荷塘区\n第三名 天元区\n"
    honour = awards_of(tmp_path, "株洲市2025年度全市招商引资先进县市区名单\n" + ranks)
    assert [w for w, _ in honour] == sorted(["芦淞区", "荷塘区", "天元区"])
    assert awards_of(tmp_path, "株洲市2025年度全市招商引资指标排名情况\n" + ranks) == []


def test_a_place_holding_a_follows_word_character_issues(tmp_path):
    # 日照市 holds 照 (of 按照): its office issues
    text = "日照市人民政府办公室近日印发通报,对成效明显的区县予以督查激励。东港区、岚山区获激励。\n"
    assert issuer_of(tmp_path, text) == "日照市人民政府办公室"
