"""Winners read from lists of place mentions and their context, whatever the layout (loaders/parse/mention_lists.py).
The texts are written for these tests: variations on the genre (other places, numbers, punctuation), not sentences of
real documents. Every class has a negative case: places in a sentence that does not award them yield nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.parse.document import place_finder
from loaders.parse.mention_lists import _list_items
from loaders.pipeline import parse_file
from ontology.errors import DocumentError


def parse_text(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def winners(docs) -> list[str]:
    return sorted(a.recipient.name or a.recipient.as_written for doc in docs for a in doc.awards)


def assert_spans_hold(raw, docs) -> None:
    """Every award's span leads back to its name as written in the original text."""
    for doc in docs:
        for award in doc.awards:
            assert raw.original[award.span[0] : award.span[1]] == award.recipient.as_written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "经年度综合考评，荣获特等奖的是：长沙县、浏阳市、宁乡市；荣获二等奖的是：望城区、雨花区和开福区。现予以通报。\n",
            ["宁乡市", "开福区", "望城区", "浏阳市", "长沙县", "雨花区"],
        ),
        (  # half-width punctuation, a tier of one
            "经考核,获得一等奖的是:韶山市;获得三等奖的是:湘潭县、雨湖区。\n",
            ["湘潭县", "雨湖区", "韶山市"],
        ),
    ],
)
def test_tiers_written_in_prose_are_categories_of_winners(tmp_path, text, expected):
    raw, docs = parse_text(tmp_path, "各区县人民政府：\n" + text)
    assert winners(docs) == expected
    assert_spans_hold(raw, docs)


def test_bodies_in_a_list_are_read_as_their_places(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "长沙市人民政府办公厅关于2023年度城市管理考核结果的通报\n"
        "各区人民政府，市政府各部门：\n"
        "经考核，现将结果通报如下：\n"
        "一等奖：岳麓区人民政府、天心区政府；\n"
        "二等奖：芙蓉区政府、长沙经济技术开发区管委会。\n"
        "长沙市人民政府办公厅\n"
        "2024年3月1日\n",
    )
    written = sorted(a.recipient.as_written for doc in docs for a in doc.awards)
    assert written == ["天心区", "岳麓区", "芙蓉区", "长沙经济技术开发区"]  # not 长沙市: the issuer's own office
    assert_spans_hold(raw, docs)


def test_towns_after_the_first_take_its_county(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "近日，浏阳市大瑶镇、官渡镇和古港镇3个镇获评全省先进乡镇。\n",
    )
    awards = [a for doc in docs for a in doc.awards]
    assert sorted(a.recipient.as_written for a in awards) == ["古港镇", "官渡镇", "浏阳市大瑶镇"]
    assert {a.recipient.name for a in awards} == {"浏阳市大瑶镇", "浏阳市官渡镇", "浏阳市古港镇"}
    assert_spans_hold(raw, docs)
    assert not [w for doc in docs for w in doc.warnings if w.code == "partial_list"]  # 3个镇: all of them


def test_a_list_shorter_than_its_count_is_read_and_flagged_partial(tmp_path):
    _, docs = parse_text(tmp_path, "近日，市政府决定授予醴陵市白兔潭镇等8个乡镇“全市产业发展先进乡镇”称号。\n")
    assert winners(docs) == ["醴陵市白兔潭镇"]
    assert [w.code for doc in docs for w in doc.warnings if w.code == "partial_list"] == ["partial_list"]


def test_a_unit_by_its_suffix_only_continues_a_list():
    finder = place_finder()
    # 乡镇 and 街道 in prose are words, not places: no list names a place before them.
    assert _list_items("各乡镇、街道要加快推进项目建设。", finder) == []
    items = _list_items("授予茶陵县严塘镇、腰潞镇为先进乡镇。", finder)
    assert [(i.text, i.parent) for i in items] == [("茶陵县严塘镇", None), ("腰潞镇", "茶陵县")]


def test_ranks_and_a_winner_in_brackets(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "本报讯 在全市项目建设推进会上，冠军是雨湖区，亚军是岳塘区，季军是湘潭县和韶山市。\n"
        "市级乡村振兴优秀县1个(桑植县)，激励奖补300万元；市级先进区1个(永定区)，激励奖补200万元。\n",
    )
    assert winners(docs) == ["岳塘区", "桑植县", "永定区", "湘潭县", "雨湖区", "韶山市"]
    assert_spans_hold(raw, docs)


def test_a_heading_line_makes_the_list_below_it_winners(tmp_path):
    _, docs = parse_text(tmp_path, "全市营商环境先进县市区名单\n攸县、炎陵县、茶陵县\n")
    assert winners(docs) == ["攸县", "炎陵县", "茶陵县"]


def test_places_in_a_sentence_that_awards_nothing_are_no_winners(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "近日，市政府召开督查激励工作推进会。\n"
        "会议要求，宁乡市、浏阳市、长沙县要加快推进项目建设。\n"
        "株洲市授予茶陵县“全市先进县”称号。\n",
    )
    assert winners(docs) == ["茶陵县"]  # not the three told to hurry, nor 株洲市 that gives the title


def test_yellow_flags_and_last_rounds_winners_are_no_winners(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "各县市区人民政府：\n"
        "获得红旗的是：临湘市、岳阳县；获得黄旗的是：华容县、湘阴县。\n"
        "上年度获得一等奖的是：衡阳县、衡南县。今年获得一等奖的是：祁东县、耒阳市。\n",
    )
    assert winners(docs) == ["临湘市", "岳阳县", "祁东县", "耒阳市"]


def test_a_gongshi_without_an_incentive_word_is_read_not_refused(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "湖南省2024年农机推广示范县遴选结果公示\n"
        "经专家评审，拟选定宁远、道县、江永、蓝山、新田、宁乡等6个县(市、区)。\n",
    )
    assert winners(docs) == ["宁乡市", "宁远县", "新田县", "江永县", "蓝山县", "道县"]
    assert_spans_hold(raw, docs)


def test_a_counted_list_may_hold_one_abbreviation_in_five(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "湖南省2024年农机推广示范县遴选结果公示\n"
        "经专家评审，拟选定宁远、道县、江永、蓝山、新田、湘宁等6个县(市、区)。\n",
    )
    assert winners(docs) == ["宁远县", "新田县", "江永县", "蓝山县", "道县"]  # 湘宁 is no place: left out


def test_a_text_of_places_without_any_word_of_the_genre_is_still_refused(tmp_path):
    with pytest.raises(DocumentError, match="holds no document of this genre"):
        parse_text(tmp_path, "宁远、道县、江永三地今年春耕进度良好，宁乡市、浏阳市雨水偏多。\n")


def test_the_signature_under_an_attachment_heading_is_no_list(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "各县市区人民政府：\n"
        "经研究，决定授予祁东县、衡南县“全市农村改革先进县”称号。\n"
        "附件：2023年度农村改革先进单位名单\n"
        "衡阳市人民政府\n"
        "2024年1月5日\n",
    )
    assert winners(docs) == ["祁东县", "衡南县"]


def test_table_rows_under_a_cued_title_are_winners_with_their_amounts(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "2023年度农村人居环境整治先进县名单\n"
        "| 序号 | 县市区 | 奖励资金 |\n"
        "| 1 | 祁阳市 | 500万元 |\n"
        "| 2 | 江永县人民政府 | 300万元 |\n",
    )
    (doc,) = docs
    amounts = {m.ordinal: m.amounts_yuan for m in doc.measures}
    # A row's amount is its award's (the prose reader, reading 祁阳市's row as a sentence, gives it its category).
    awards = {a.recipient.as_written: a.amount_yuan or amounts[a.measure_ordinal][0] for a in doc.awards}
    assert awards == {"祁阳市": 5_000_000, "江永县": 3_000_000}
    assert_spans_hold(raw, docs)


def test_a_ranking_table_without_an_award_cue_yields_nothing(tmp_path):
    with pytest.raises(DocumentError, match="holds no document of this genre"):
        parse_text(
            tmp_path,
            "2023年度各县市区综合考评结果\n| 名次 | 县市区 | 得分 |\n| 1 | 祁阳市 | 95分 |\n| 2 | 江永县 | 93分 |\n",
        )


def test_a_grid_of_list_lines_under_one_heading(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "2023年度全市项目建设先进县市区名单\n醴陵市、攸县\n茶陵县、炎陵县\n",
    )
    assert winners(docs) == ["攸县", "炎陵县", "茶陵县", "醴陵市"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # streets written X街 and X街道 after their districts, a street office, a unit of another kind among them
            "本报讯 本季度获得流动红旗的街道是岳麓区桔子洲街、天心区坡子街道、雨花区高桥办事处、"
            "开福区长沙火车站和望城区月亮岛街。\n",
            ["天心区坡子街道", "岳麓区桔子洲街", "开福区长沙火车站", "望城区月亮岛街", "雨花区高桥办事处"],
        ),
        (  # towns after their counties, half-width commas, the category after the list
            "经综合评定,浏阳市大瑶镇,攸县网岭镇,醴陵市白兔潭镇为优秀等次。\n",
            ["攸县网岭镇", "浏阳市大瑶镇", "醴陵市白兔潭镇"],
        ),
    ],
)
def test_units_written_after_their_county_are_items_of_a_list(tmp_path, text, expected):
    raw, docs = parse_text(tmp_path, text)
    assert winners(docs) == expected
    assert_spans_hold(raw, docs)


@pytest.mark.parametrize(
    "text",
    [
        # the same units in a sentence that awards nothing, and in criticism lists
        "岳麓区桔子洲街、天心区坡子街道、雨花区高桥办事处今年将完成老旧小区改造。\n",
        "本季度获得流动黄旗的街道是岳麓区桔子洲街、天心区坡子街道和望城区月亮岛街。\n",
        "考核排名末位的浏阳市大瑶镇、攸县网岭镇被通报批评。\n",
    ],
)
def test_units_after_their_county_outside_an_award_are_no_winners(tmp_path, text):
    # An award sentence first, so that the document is read (not refused) and the line under test is searched.
    _, docs = parse_text(tmp_path, "各区县人民政府：\n经年度综合考评，荣获一等奖的是：长沙县、宁乡市。\n" + text)
    assert winners(docs) == ["宁乡市", "长沙县"]


def test_a_word_for_all_units_after_a_county_is_no_item():
    finder = place_finder()
    items = _list_items("授予岳麓区桔子洲街、天心区全部街道为先进单位。", finder)
    assert [i.text for i in items] == []


def test_a_ranked_list_with_rewards_names_the_rewarded_ranks_only(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "各街道办事处:\n"
        "现将第三季度环境卫生考核情况通报如下:\n"
        "(一)岳塘区\n"
        "第一名:宝塔街道(奖励5万元);第二名:霞城乡(奖2万元);第三名:荷塘镇(86.2分);"
        "最后一名:五里堆街道(罚1万元)。\n"
        "(二)雨湖区\n"
        "第1名:城正街街道(奖3万元);倒数第一名:窑湾街道(罚0.5万元)。\n",
    )
    assert winners(docs) == ["城正街街道", "宝塔街道", "霞城乡"]
    assert_spans_hold(raw, docs)
    amounts = {a.recipient.as_written: a for doc in docs for a in doc.awards}
    measures = {m.ordinal: m for doc in docs for m in doc.measures}
    assert measures[amounts["宝塔街道"].measure_ordinal].amounts_yuan == [50000]


def test_ranks_without_a_reward_or_with_a_fine_are_no_winners(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "各区县人民政府：\n经年度综合考评，荣获一等奖的是：长沙县、宁乡市。\n"
        "第一名:岳塘区政府(91.5分);第二名:雨湖区政府(90.2分)。\n第一名:宝塔街道(罚1万元)。\n",
    )
    assert winners(docs) == ["宁乡市", "长沙县"]


def test_under_a_list_opener_a_ranking_and_a_criticism_list_name_no_winners(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "本报讯 3月份城市管理考评结果揭晓。具体如下:\n"
        "1、综合排名。城区:岳麓区、天心区、开福区。郊区:望城区、长沙县。\n"
        "2、获得3月红旗的街道分别是岳麓区桔子洲街、开福区伍家岭街道。\n"
        "3、获得3月黄旗的街道分别是天心区坡子街道、望城区月亮岛街。\n",
    )
    # neither the ranked districts, nor the districts written before their streets, nor the yellow-flag streets
    assert sorted(winners(docs)) == sorted(["开福区伍家岭街道", "岳麓区桔子洲街"])
    assert_spans_hold(raw, docs)
