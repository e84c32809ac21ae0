"""Winners read from prose, flattened pages read again by their numbering, the issuer named in a sentence.
The texts are written for these tests: variations on the genre, not sentences of real documents."""

from __future__ import annotations

from pathlib import Path

from loaders.normalise import normalise
from loaders.parse.awards import parse_award_lists
from loaders.parse.document import place_finder
from loaders.parse.prose import read_prose_awards
from loaders.pipeline import _is_place, parse_file
from loaders.reflow import reflow
from loaders.segment import split_lines


def parse_text(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def winners(docs) -> list[str]:
    return [a.recipient.name or a.recipient.as_written for doc in docs for a in doc.awards]


def test_places_of_a_sentence_that_says_they_were_rewarded(tmp_path):
    raw, docs = parse_text(
        tmp_path,
        "本报讯 日前，省政府办公厅发布通报，对去年落实重大政策措施成效明显的地方予以督查激励。\n"
        "其中，绵竹市、什邡市在推进乡村振兴方面获得省政府督查激励，各奖励500万元。\n"
        "广汉市深化农村改革成效突出。给予300万元奖励。\n"
        "德阳市人民政府有关负责同志表示，将再接再厉。\n",
    )
    assert sorted(winners(docs)) == ["什邡市", "广汉市", "绵竹市"]  # not 德阳市: an organ of the city speaks
    assert docs[0].notice.issuer == "省政府办公厅"
    assert docs[0].notice.kind == "news_report"
    amounts = {m.text[:6]: m.amounts_yuan for m in docs[0].measures}
    assert [3_000_000] in amounts.values()  # the amount in the sentence after the winner
    for award in docs[0].awards:  # every span leads back to the name in the original
        assert raw.original[award.span[0] : award.span[1]] == award.recipient.as_written


def test_a_summary_of_a_place_and_a_list_before_huo_or_shangbang(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "阿坝州三县7项工作获省政府督查激励\n"
        "近日，省政府办公厅印发通报。阿坝州共有7项工作获激励。\n"
        "马尔康市获2021年度土地节约集约利用成效好的地区；\n"
        "县市区中，汶川县的林长制工作，理县的耕地保护工作上榜。\n",
    )
    assert sorted(winners(docs)) == ["汶川县", "理县", "马尔康市"]  # 阿坝州 only sums up


def test_zones_by_the_shape_of_their_name_need_a_known_place_stem(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "近日，市政府办公室印发通报，对成效明显的园区予以表扬激励。\n"
        "绵阳高新区、江油经开区推动制造业高质量发展成效明显，各给予100万元奖励。\n"
        "推动高新区和各类园区建设成效明显的单位将获表扬。\n",
    )
    assert sorted(a.recipient.as_written for doc in docs for a in doc.awards) == ["江油经开区", "绵阳高新区"]


def test_a_text_with_no_award_sentence_names_no_winner(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "近日，省政府办公厅印发通知，部署2023年督查激励工作。\n"
        "通知要求，成都市、绵阳市等地要认真组织申报，确保激励措施落地见效。\n"
        "去年，德阳市曾获省政府督查激励。\n",
    )
    assert winners(docs) == []


def test_a_notice_flattened_onto_one_line_is_read_by_its_numbering(tmp_path):
    items = [("扩大有效投资", "发展改革委"), ("促进消费", "商务委"), ("稳定就业", "人力社保局")]
    body = "".join(
        f"{n}．{title}。对成效明显的区县，在资金分配上予以倾斜支持，并在年度考核中予以加分。"
        f"(牵头单位：市{lead}、市财政局) "
        for n, (title, lead) in enumerate(items, 1)
    )
    text = (
        "某市人民政府办公厅关于开展2023年督查激励工作的通知 某府办发〔2023〕12号 2023-05-10 "
        "各区县人民政府，市政府各部门，有关单位： 为加大激励力度，现将有关事项通知如下： 一、激励措施 " + body * 4
    )
    raw, docs = parse_text(tmp_path, text)
    doc = docs[0]
    assert doc.notice.doc_number == "某府办发〔2023〕12号"
    assert doc.notice.date == "2023-05-10"
    leads = [[d.name for d in m.lead_departments] for m in doc.measures]
    assert ["市发展和改革委员会", "市财政局"] in leads
    assert len(doc.measures) >= 3
    for measure in doc.measures:  # spans still lead into the one original line
        assert raw.original[measure.span[0] : measure.span[1]].strip()


def test_reflow_keeps_offsets_into_the_original():
    original = "通知如下： " + "一、第一项措施内容很长。" * 40 + "二、第二项措施。(牵头单位：省财政厅) 三、第三项。"
    working = normalise(original)
    flowed = reflow(working)
    assert flowed.text.count("\n") >= 2
    assert flowed.text.replace("\n", "") == working.text.replace("\n", "")
    second = flowed.text.index("二、")
    start, end = flowed.original_span(second, second + 2)
    assert original[start:end] == "二、"


def test_catch_all_names_are_not_departments(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "某区人民政府办公室关于印发督查激励措施的通知\n各街道办事处，区级各部门：\n现将有关事项通知如下：\n"
        "一、对招商引资成效明显的街道，给予50万元奖励。（责任单位：区投资促进局、区财政局、区级相关部门、各街道办事处）\n"
        "二、对营商环境改善明显的街道，给予30万元奖励。（责任单位：区发展改革局、区级有关部门）\n"
        "三、对安全生产工作成效明显的街道，予以通报表扬。（责任单位：区应急管理局、各街道办事处）\n",
    )
    names = {d.as_written for m in docs[0].measures for d in m.lead_departments + m.supporting_departments}
    assert {"区投资促进局", "区财政局", "区发展改革局", "区应急管理局"} <= names
    assert not names & {"区级相关部门", "各街道办事处", "区级有关部门"}


def test_places_in_titles_organs_and_summaries_are_not_winners_but_a_province_zone_is(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "近日，省政府办公厅印发通报，对成效明显的地方予以督查激励。\n"
        "四川省多地获省政府督查激励。\n"
        "眉山市委、市政府决定对先进县予以表扬。\n"
        "获得“四川省生态文明示范县”称号的洪雅县，给予100万元奖励。\n"
        "四川省中德产业园区、成都高新区推动创新发展成效明显，各给予200万元奖励。\n",
    )
    found = sorted(a.recipient.as_written for doc in docs for a in doc.awards)
    assert "洪雅县" in found and "成都高新区" in found
    assert "四川省中德产业园区" in found  # a zone written after its province
    assert "四川省" not in found and "眉山市" not in found


def test_a_line_that_is_only_a_list_of_places_under_a_category_heading(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "关于真抓实干成效明显地区的通报\n"
        "一、农村人居环境整治成效明显的市、县\n"
        "南充市、遂宁市,阆中市、蓬溪县、射洪市\n"
        "对上述地区,每个市奖励300万元、每个县奖励100万元。(省农业农村厅、省财政厅组织实施)\n"
        "二、优化营商环境成效明显的县\n"
        "大英县和西充县等2个县\n"
        "遂宁市委书记在会上讲话。\n"
        "绵阳市、德阳市\n",  # a list under a sentence that awards nothing: not winners
    )
    by_category = {
        m.text: [a.recipient.as_written for a in docs[0].awards if a.measure_ordinal == m.ordinal]
        for m in docs[0].measures
    }
    assert by_category["一、农村人居环境整治成效明显的市、县"] == ["南充市", "遂宁市", "阆中市", "蓬溪县", "射洪市"]
    assert by_category["二、优化营商环境成效明显的县"] == ["大英县", "西充县"]
    assert "绵阳市" not in winners(docs)
    first = next(m for m in docs[0].measures if m.text.startswith("一、"))
    assert first.amounts_yuan == [3_000_000, 1_000_000]
    assert [d.as_written for d in first.lead_departments + first.supporting_departments] == ["省农业农村厅", "省财政厅"]


def test_autonomous_names_written_with_zizhi_but_without_the_ethnic_names(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "一、乡村振兴成效明显的市州\n湘西自治州、恩施自治州、张家界市\n对上述市州给予表扬激励。\n",
    )
    assert sorted(a.recipient.code for a in docs[0].awards) == ["422800", "430800", "433100"]


def test_counties_written_without_their_level_word_in_a_counted_list(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "日前，省财政厅对县级财政管理绩效考核成绩突出的县市予以奖励。\n"
        "其中,排名靠前的闽清、永泰、德化、安溪4个县,每县奖励800万元;石狮市、晋江市各奖励500万元。\n"
        "另外,闽清、永泰、德化3个县在会上作了交流。\n",  # the count does not match: not read as a list
    )
    awards = docs[0].awards
    assert sorted(a.recipient.name for a in awards) == ["安溪县", "德化县", "晋江市", "永泰县", "石狮市", "闽清县"]
    assert {a.recipient.level for a in awards} == {"county"}
    assert len([a for a in awards if a.recipient.as_written == "闽清"]) == 1


def test_places_each_followed_by_their_money_after_a_sentence_that_rewards(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "市政府办日前发文,对县城建设成效明显的县(市)予以资金奖励。其中,任丘120万元,泊头90万元,献县50万元。\n"
        "任丘的做法得到推广。\n",
    )
    assert sorted(a.recipient.name for a in docs[0].awards) == ["任丘市", "泊头市", "献县"]


def test_a_bare_word_that_is_also_a_county_stem_is_not_a_place(tmp_path):
    _, docs = parse_text(tmp_path, "会议要求,和平发展、长安久治等工作成效明显的地区获得表扬。\n")
    assert winners(docs) == []


def test_a_category_that_counts_its_winners_and_each_with_a_stated_sum(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "2023年度县域经济发展先进县初步名单公示 网站导航 分享\n"
        "重点生态功能区(2个):黔东南州雷山县、黔东南州台江县。\n"
        "农产品主产区(3个):遵义市湄潭县、铜仁市思南县。\n"  # says 3, names 2: not read as that list
        "对获得粮食单产第一名的绥阳县、油菜单产第一名的凤冈县各奖励现金5万元。\n",
    )
    assert sorted(winners(docs)) == ["凤冈县", "台江县", "绥阳县", "雷山县"]


def test_a_zone_named_after_a_place_and_a_list_put_on_a_reward_list(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "省科技厅近日发布通知。泉州火炬高新区、三明高新区被列入2023年全省高新区晋位奖励清单。\n"
        "据新华社消息高新区建设加快。\n",
    )
    assert sorted(a.recipient.as_written for a in docs[0].awards) == ["三明高新区", "泉州火炬高新区"]
    assert {a.recipient.level for a in docs[0].awards} == {"zone"}


def test_a_place_running_into_its_category_is_not_a_zone(tmp_path):
    """Nothing separates the last winner from the work it did: 某县加快经济开发区… names the county, not a zone
    (a province's own zone, 省名 + the zone's own name + 高新区, is the test above)."""
    _, docs = parse_text(
        tmp_path,
        "近日，省政府办公厅印发通报，对2021年度真抓实干成效明显的地方予以表扬激励。\n"
        "其中，盐城市、宝应县、建湖县加快经济开发区创新提升成效明显，获得表扬激励。\n",
    )
    written = sorted(a.recipient.as_written for a in docs[0].awards)
    assert written == ["宝应县", "建湖县", "盐城市"]
    assert {a.recipient.as_written: a.recipient.level for a in docs[0].awards}["建湖县"] == "county"


def test_the_regions_the_winners_lie_in_are_not_winners(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "财政部日前下达奖励资金。获得奖励的有5个市、12个县,覆盖河北省、山西省、吉林省等地。其中,安平县获得奖励500万元。\n",
    )
    assert winners(docs) == ["安平县"]


def test_towns_and_communities_written_after_their_county_are_winners_below_the_county(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "市政府决定对新型农村社区建设取得突出成效的西平县出山镇和美社区、上蔡县蔡沟乡、遂平县城乡建设局"
        "等单位给予表彰,各奖励资金50万元。\n",
    )
    by_name = {a.recipient.as_written: a.recipient for a in docs[0].awards}
    assert set(by_name) == {"西平县出山镇和美社区", "上蔡县蔡沟乡", "遂平县"}  # 城乡建设局 is no town
    assert by_name["西平县出山镇和美社区"].level == "village" and by_name["西平县出山镇和美社区"].parent == "411721"
    assert by_name["上蔡县蔡沟乡"].level == "township" and by_name["上蔡县蔡沟乡"].id.startswith("T")


def test_an_attachment_listing_one_winning_body_a_line(tmp_path):
    _, docs = parse_text(
        tmp_path,
        "某市人民政府关于表彰环境整治先进乡镇的决定\n"
        "各县区人民政府:经考核,决定授予下列乡镇先进乡镇称号,各奖励5万元。\n"
        "附件:先进乡镇名单\n"
        "一、先进乡镇\n"
        "1. 西平县出山镇人民政府\n"
        "2. 上蔡县蔡沟乡人民政府\n"
        "二、先进工作者\n"
        "张三\n"
        "驻马店市人民政府\n"  # a signature alone on its line: not a winner
        "2023年5月8日\n",
    )
    assert sorted(winners(docs)) == ["上蔡县蔡沟乡", "西平县出山镇"]


def test_an_award_notice_line_read_as_a_list_is_not_read_again_as_prose() -> None:
    working = reflow(
        normalise(
            "一、推进乡村振兴成效明显，予以督查激励的县(市、区)\n"
            "江油市、三台县、阆中市。\n"
            "对上述地方各给予300万元激励支持。(省发展改革委组织实施)\n"
        )
    )
    lines = split_lines(working.text)
    _, awards, _, list_lines = parse_award_lists(lines, working, _is_place)
    assert [a.recipient.as_written for a in awards] == ["江油市", "三台县", "阆中市"]
    assert list_lines == {lines[1].start}  # the list line, not its heading or its statement
    # Alone, the prose reader reads the same places from that line (its heading carries the cue) ...
    _, prose = read_prose_awards(lines, working, place_finder())
    assert [a.recipient.as_written for a in prose] == ["江油市", "三台县", "阆中市"]
    # ... told that the list reader read it, it leaves the line alone.
    assert read_prose_awards(lines, working, place_finder(), list_lines=list_lines) == ([], [])
