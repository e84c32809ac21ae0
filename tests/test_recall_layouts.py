"""Layouts of real publications the parser had not read (issue 13, held-out set A): bare province and city names in
an award list, bulleted news categories, a county's towns in a grid, the city that rewards others. The texts are
written for these tests: variations on the genre (other places, numbers, bullets, spacing), not sentences of real
documents."""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import parse_file


def parse_text(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)[1]


def winners(docs) -> list[str]:
    return sorted(a.recipient.name or a.recipient.as_written for doc in docs for a in doc.awards)


def test_provinces_without_their_level_word_after_a_list_opener(tmp_path):
    docs = parse_text(
        tmp_path,
        "2021年高标准农田建设拟激励省份名单公示\n"
        "经综合评价,研究提出2021年高标准农田建设拟激励省份名单如下(按行政区划顺序):山西、湖南、四川、宁夏、内蒙古。\n"
        "现予公示,公示期为5个工作日。\n"
        "联系人名单如下:张明、王强。\n",  # a list of persons: no place
    )
    assert winners(docs) == ["内蒙古自治区", "四川省", "宁夏回族自治区", "山西省", "湖南省"]
    assert {a.recipient.level for a in docs[0].awards} == {"province"}
    assert docs[0].measures[0].text.startswith("经综合评价")  # the sentence, not the bare 。 after the list


def test_a_stem_shared_by_a_province_and_its_prefecture(tmp_path):
    national = parse_text(
        tmp_path,
        "2022年度拟表扬激励省份名单公示\n经评审,拟表扬激励省份名单如下:河北、吉林、贵州。\n公示期为5个工作日。\n",
    )
    assert winners(national) == ["吉林省", "河北省", "贵州省"]  # nationwide, 吉林 is the province
    provincial = parse_text(
        tmp_path,
        "吉林省人民政府办公厅关于2022年度督查激励的通报\n"
        "各市(州)人民政府:\n经省政府同意,对吉林、延边、白山等生态建设成效明显的3个市州予以督查激励。\n",
    )
    assert winners(provincial) == ["吉林市", "延边朝鲜族自治州", "白山市"]  # inside 吉林省, the prefecture


def test_bare_city_names_on_the_line_below_the_opener(tmp_path):
    docs = parse_text(
        tmp_path,
        "关于2023年度拟激励城市名单的公示\n经综合评价,拟激励城市名单如下:\n青岛、宁波、厦门、深圳。\n"
        "公示期为7天。\n另外,青岛、宁波两市介绍了经验。\n",
    )
    assert winners(docs) == ["厦门市", "宁波市", "深圳市", "青岛市"]


def test_bare_province_names_outside_an_award_list_are_words(tmp_path):
    docs = parse_text(
        tmp_path,
        "近日,省政府对成效明显的地方予以表扬激励。\n会上,山西、湖南介绍了经验,名单如下:山西、湖南及有关单位。\n",
    )
    assert winners(docs) == []


def test_cities_without_their_level_word_counted_after_what_they_did(tmp_path):
    docs = parse_text(
        tmp_path,
        "近日,省委办公厅、省政府办公厅印发通报,确定对临沂、烟台、德州等农村供水工作成效明显的3个设区市进行督查激励,"
        "分别给予300万元奖励。\n"
        "另外,潍坊、日照、枣庄等工作推进较快的4个设区市将在下一轮评价中优先考虑。\n",  # says 4, names 3: not a list
    )
    assert winners(docs) == ["临沂市", "德州市", "烟台市"]
    assert {a.recipient.level for a in docs[0].awards} == {"prefecture"}
    assert [m.amounts_yuan for m in docs[0].measures] == [[3_000_000]]


def test_lists_under_bulleted_categories_with_prefixed_names_and_a_closing_sentence(tmp_path):
    docs = parse_text(
        tmp_path,
        "省政府通报表扬一批真抓实干成效明显的地方\n"
        "近日,省政府办公厅印发通报,对2022年落实有关重大政策措施真抓实干、取得明显成效的地方予以督查激励。\n"
        "★ 稳就业工作成效明显的地方\n"
        "长沙市、株洲市,长沙市岳麓区、株洲市荷塘区、浏阳市。2023年对上述地方在就业补助资金分配时予以倾斜。"
        "(省人力资源社会保障厅组织实施)\n"
        "▶农村人居环境整治成效突出的县市区\n"
        "衡阳县、祁东县、湘潭市韶山市\n"
        "● 各地动态\n"  # a bulleted line that names no kind of places: its list is no category
        "岳阳市、常德市\n",
    )
    by_category: dict[str, list[str]] = {}
    for doc in docs:
        texts = {m.ordinal: m.text for m in doc.measures}
        for award in doc.awards:
            by_category.setdefault(texts[award.measure_ordinal], []).append(award.recipient.name)
    assert sorted(by_category) == ["▶农村人居环境整治成效突出的县市区", "★ 稳就业工作成效明显的地方"]
    assert sorted(by_category["★ 稳就业工作成效明显的地方"]) == ["岳麓区", "株洲市", "浏阳市", "荷塘区", "长沙市"]
    assert sorted(by_category["▶农村人居环境整治成效突出的县市区"]) == ["祁东县", "衡阳县", "韶山市"]
    employment = next(m for m in docs[0].measures if m.text.startswith("★"))
    assert [d.as_written for d in employment.lead_departments] == ["省人力资源社会保障厅"]
    assert "岳阳市" not in winners(docs) and "常德市" not in winners(docs)


def test_a_countys_towns_in_a_grid_and_first_of_a_count_after_the_signature(tmp_path):
    docs = parse_text(
        tmp_path,
        "各镇人民政府,各街道办事处,县府各部门:\n"
        "为表彰先进,经县政府研究,决定授予罗星街道等5个镇街为农村环境整治先进单位,"
        "嘉善县丰禾粮油专业合作社等4家合作社为示范性合作社,大云镇缪家村等2个村为美丽乡村特色村。\n"
        "嘉善县人民政府\n"
        "2019年2月11日\n"
        "附件\n"
        "一、农村环境整治先进单位(5个)\n"
        "罗星街道  惠民街道  大云镇\n"
        "西塘镇  姚庄镇\n"
        "二、示范性合作社(4家)\n",
    )
    doc = docs[0]
    assert doc.notice.issuer == "嘉善县人民政府"  # signed above the closing date, with an attachment after it
    assert doc.notice.jurisdiction.name == "嘉善县"
    # towns and villages derived inside the county are named with it, however they were written
    towns = ["罗星街道", "惠民街道", "大云镇", "西塘镇", "姚庄镇"]
    assert sorted(set(winners(docs))) == sorted(["嘉善县" + name for name in [*towns, "大云镇缪家村"]])
    grid = [a.recipient.name for a in doc.awards if a.measure_ordinal == doc.measures[-1].ordinal]
    assert grid == ["嘉善县" + name for name in towns]
    assert {a.recipient.level for a in doc.awards} == {"township", "village"}
    assert all(a.recipient.id for a in doc.awards)  # derived inside the county


def test_a_grid_that_does_not_hold_as_many_towns_as_counted_is_not_read(tmp_path):
    docs = parse_text(
        tmp_path,
        "为表彰先进,县政府决定予以通报表扬。\n一、农村环境整治先进单位(4个)\n罗星街道 惠民街道 大云镇\n",
    )
    assert winners(docs) == []


def test_the_city_that_rewards_others_is_not_a_winner(tmp_path):
    docs = parse_text(
        tmp_path,
        "岳阳:3000万元奖励真抓实干地区\n"
        "根据通报,岳阳市对在项目建设、招商引资等5项工作中成效明显的地区,给予80万元现金奖励。"
        "对优化营商环境等12项工作成效明显的地区,给予30万元的奖励。\n",
    )
    assert winners(docs) == []
