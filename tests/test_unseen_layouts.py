"""Issue 13, the classes of helper ext13g (from the misses of sets D and E): honour titles naming a ranked list
(十强县, “十佳”乡镇, 获奖县), a rewarded first rank (对…排名第一的A、B进行通报表扬), counted kinds after a colon in a
cued paragraph, villages listed bare in a town's news, responsibility tables (pipe rows and a table flattened to one
cell a line), zones among the responsible units, and page metadata (a labelled 文号, a publication date cell, two
signers on one line, an issuer in a sentence with its co-authors counted or written short). The texts are written
for these tests (other places, numbers and punctuation than any document read), and every class has a negative
case."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.pipeline import parse_file
from ontology.errors import DocumentError


def parse_text(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def awards_of(tmp_path: Path, text: str) -> list[str]:
    """Every award's place as written, sorted; [] when the text is refused as holding no document of the genre."""
    try:
        raw, docs = parse_text(tmp_path, text)
    except DocumentError:
        return []
    for doc in docs:  # every award's span leads back to its name as written
        for award in doc.awards:
            assert raw.original[award.span[0] : award.span[1]] == award.recipient.as_written
    return sorted(a.recipient.as_written for doc in docs for a in doc.awards)


def departments_of(tmp_path: Path, text: str) -> list[tuple[list[str], list[str]]]:
    """(lead, supporting) as written of every measure that names a department."""
    raw, docs = parse_text(tmp_path, text)
    out = []
    for doc in docs:
        for m in doc.measures:
            for ref in m.lead_departments + m.supporting_departments:
                assert raw.original[ref.span[0] : ref.span[1]] == ref.as_written
            lead = [r.as_written for r in m.lead_departments]
            support = [r.as_written for r in m.supporting_departments]
            if lead or support:
                out.append((lead, support))
    return out


_MEIZHOU = ["兴宁市", "平远县", "蕉岭县", "大埔县", "丰顺县"]


# ---- an honour title names the ranked list before it ----


@pytest.mark.parametrize(
    "title",
    ["即2024年度“梅州市县域经济发展五强县”。", "即2024年度“县域经济争先进位奖”获奖县。", "被评为全市十佳县(市)。"],
)
def test_a_ranked_list_named_by_its_honour_title(tmp_path, title):
    text = (
        "梅州市公布2024年度县域经济考评结果\n"
        "经对全市7个县(市、区)四大类24项指标进行综合考评和排位,2024年度,名列前5位的县(市)依次是:"
        "兴宁市、平远县、蕉岭县、大埔县,丰顺县," + title + "\n"
    )
    assert awards_of(tmp_path, text) == sorted(_MEIZHOU)


def test_a_ranked_list_without_an_honour_is_no_award(tmp_path):
    text = (
        "梅州市公布2024年度县域经济考评结果\n"
        "经对全市7个县(市、区)综合考评,2024年度名列前5位的县(市)依次是:兴宁市、平远县、蕉岭县、大埔县、丰顺县。\n"
    )
    assert awards_of(tmp_path, text) == []


def test_best_ten_lines_are_winners_and_the_worst_lines_are_not(tmp_path):
    text = (
        "关于2025年第一季度城乡环境“十佳”“较差”乡镇的通报\n"
        "各县(市、区)人民政府:\n"
        "现将评出的2025年第一季度“十佳”“较差”乡镇、村通报如下。\n"
        "一、“十佳”乡镇\n"
        "兴宁市宁中镇\n"
        "平远县仁居镇\n"
        "二、“十佳”村\n"
        "蕉岭县三圳镇芳心村\n"
        "三、“较差”乡镇\n"
        "大埔县高陂镇\n"
        "四、“较差”村\n"
        "丰顺县汤坑镇新楼村\n"
    )
    assert awards_of(tmp_path, text) == ["兴宁市宁中镇", "平远县仁居镇", "蕉岭县三圳镇芳心村"]


# ---- the rewarded first of a ranking, 对 A、B 进行通报表扬 ----


def test_the_first_ranked_praised_by_a_decision(tmp_path):
    text = (
        "我市通报人居环境整治考评结果\n"
        "县(市)组:第一名平远县、第二名蕉岭县、第三名大埔县。市辖区组:第一名梅江区、第二名梅县区。"
        "市委农村工作领导小组决定对考评排名第一的平远县、梅江区进行通报表扬,并分别奖励40万元、20万元。\n"
    )
    assert awards_of(tmp_path, text) == ["平远县", "梅江区"]


def test_the_last_ranked_summoned_are_no_winners(tmp_path):
    text = (
        "我市通报人居环境整治考评结果\n"
        "县(市)组:第一名平远县、第二名蕉岭县、第三名大埔县。"
        "市委农村工作领导小组决定对考评排名靠后的大埔县、梅江区进行约谈。\n"
    )
    assert awards_of(tmp_path, text) == []


# ---- kinds counting the places after their colon, in a paragraph with an award cue ----


def test_counted_kinds_after_a_colon_in_a_cued_paragraph(tmp_path):
    text = (
        "广东公示2024年度县域经济先进县候选名单\n"
        "具体名单包括县域经济发展先进县6个,其中山区县2个:平远县、蕉岭县;沿海县4个:饶平县、惠来县、陆丰市、海丰县。"
        "县域经济发展进步县3个,其中山区县3个:大埔县、丰顺县、兴宁市。\n"
    )
    assert awards_of(tmp_path, text) == sorted(
        ["平远县", "蕉岭县", "饶平县", "惠来县", "陆丰市", "海丰县", "大埔县", "丰顺县", "兴宁市"]
    )


def test_a_count_that_disagrees_with_its_list_reads_nothing_of_it(tmp_path):
    text = (
        "广东公示2024年度县域经济先进县候选名单\n"
        "具体名单包括县域经济发展先进县6个,其中山区县2个:平远县、蕉岭县;沿海县5个:饶平县、惠来县、陆丰市、海丰县。\n"
    )
    assert awards_of(tmp_path, text) == ["平远县", "蕉岭县"]


def test_counted_kinds_without_an_award_cue_are_no_winners(tmp_path):
    text = "全省县域分类\n按主体功能,其中山区县2个:平远县、蕉岭县;沿海县2个:饶平县、惠来县。\n"
    assert awards_of(tmp_path, text) == []


# ---- villages listed bare in a town's news ----


def test_red_flag_villages_are_winners_and_yellow_flag_villages_are_not(tmp_path):
    text = (
        "石门镇开展8月份人居环境整治评比\n"
        "本次评比按东片、西片两个片区进行。对片区第一名的石桥村、柳林村授流动红旗予以鼓励;"
        "对片区排名靠后的杏花村、东坡村授流动黄旗予以提醒。\n"
    )
    assert awards_of(tmp_path, text) == ["柳林村", "石桥村"]


def test_kinds_of_villages_are_no_winners(tmp_path):
    text = "石门镇开展评比\n对评比优秀的示范村、重点村授流动红旗予以鼓励。\n"
    assert awards_of(tmp_path, text) == []


# ---- responsibility tables ----

_FLAT_TABLE = (
    "某某市人民政府办公室关于重点工作责任分工的通知\n"
    "序号\n工作任务\n责任单位\n完成时限\n"
    "一、加大金融支持\n"
    "(一)落实税费减免\n"
    "市税务局等,各县、市、区政府,某某高新区管委会\n"
    "2025年12月\n"
    "2.对重点企业给予贷款贴息。\n"
    "市财政局、市地方金融监管局\n"
    "2025年底前\n"
    "3.扩大政府采购支持。\n"
    "市财政局,各县(市、区)人民政府\n"
)


def test_a_table_flattened_to_one_cell_a_line(tmp_path):
    assert departments_of(tmp_path, _FLAT_TABLE) == [
        (["市税务局"], []),
        (["市财政局", "市地方金融监管局"], []),
        (["市财政局"], []),
    ]


def test_unit_lines_without_the_table_header_name_no_departments(tmp_path):
    text = _FLAT_TABLE.replace("序号\n工作任务\n责任单位\n完成时限\n", "")
    assert departments_of(tmp_path, text) == []


def test_a_pipe_table_with_lead_and_cooperating_columns(tmp_path):
    text = (
        "某某县人民政府关于2025年重点任务分工的通知\n"
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
        "| 1 | 推进高标准农田建设 | 县农业农村局 | 县财政局、县水利局 | 2025年10月 |\n"
        "| 2 | 开展营商环境评价 | 县发展改革局 | 各乡镇人民政府,某某经济开发区 | 长期坚持 |\n"
    )
    assert departments_of(tmp_path, text) == [(["县农业农村局"], ["县财政局", "县水利局"]), (["县发展改革局"], [])]


def test_a_pipe_table_without_a_units_column_gives_no_departments(tmp_path):
    text = "某某县2025年重点项目表\n| 序号 | 项目名称 | 建设内容 | 总投资 |\n| 1 | 县人民医院 | 新建住院楼 | 2亿元 |\n"
    try:
        assert departments_of(tmp_path, text) == []
    except DocumentError:
        pass  # refused as holding nothing of the genre: no departments either


# ---- page metadata ----

_PAGE = (
    "信息索引号: 11111111-1/2025-00001 文号: 梅江财〔2025〕17号\n"
    "公布日期: 2025-04-02 公开方式: 主动公开\n"
    "关于下达2025年第一季度环境整治奖补资金的通知\n"
    "各镇人民政府,街道办事处:\n"
    "根据《梅江区环境整治长效管理方案》(梅江府办〔2023〕8号)要求,现将第一季度奖补资金下达给你们。\n"
    "梅州市梅江区城市管理和综合执法局      梅州市梅江区财政局\n"
    "2025年3月28日\n"
    "索引号\n11111111-1/2025-00001\n文号\n梅江财〔2025〕17号\n公布日期\n2025-04-02\n"
)


def test_a_site_table_gives_the_number_and_the_signature_the_issuers_and_date(tmp_path):
    _, docs = parse_text(tmp_path, _PAGE)
    notice = docs[0].notice
    assert notice.doc_number == "梅江财〔2025〕17号"
    assert notice.cites == ["梅江府办〔2023〕8号"]  # never its own number
    assert notice.date == "2025-03-28"  # not the publication date under 公布日期
    assert notice.issuer == "梅州市梅江区城市管理和综合执法局、梅州市梅江区财政局"


def test_a_number_labelled_inside_a_sentence_is_only_cited(tmp_path):
    text = _PAGE.replace("文号: 梅江财〔2025〕17号", "").replace("文号\n梅江财〔2025〕17号\n", "")
    text = text.replace("(梅江府办〔2023〕8号)", "(文号:梅江府办〔2023〕8号)")
    _, docs = parse_text(tmp_path, text)
    assert docs[0].notice.doc_number is None
    assert docs[0].notice.cites == ["梅江府办〔2023〕8号"]


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        (
            "广东省财政厅、广东省农业农村厅等三部门近日联合印发通报,对成效明显的县给予奖励。",
            "广东省财政厅、广东省农业农村厅",
        ),
        (
            "根据省委办公厅印发的《县域经济考核办法》规定,省财政厅、省统计局会同省级有关部门对2024年度县域经济进行了考核。",
            "省财政厅、省统计局",
        ),
        ("市财政近期下达2024年乡村振兴激励奖补资金3000万元,对成效明显的县给予奖励。", "市财政局"),
    ],
)
def test_the_issuer_named_in_a_sentence(tmp_path, sentence, issuer):
    _, docs = parse_text(tmp_path, "县域经济激励资金下达\n" + sentence + "\n")
    assert docs[0].notice.issuer == issuer


def test_a_body_whose_notice_is_followed_is_no_issuer(tmp_path):
    text = "县域经济考核结果\n根据省委办公厅印发的《县域经济考核办法》规定,考核结果如下,对成效明显的县给予奖励。\n"
    _, docs = parse_text(tmp_path, text)
    assert docs[0].notice.issuer is None
