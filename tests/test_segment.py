"""Tests for loaders.segment: site boilerplate, splitting a page into documents, and the kind of each."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.segment import is_boilerplate, notice_kind_of, segment, split_lines


def segments_of(original: str):
    return segment(normalise(original).text)


MEASURES = """某某市人民政府办公室
关于印发督查激励措施的通知
某府办发〔2023〕5号
各区县人民政府，市政府各部门：
经市政府同意，现将有关事项通知如下：
一、对稳增长成效明显的区县，给予资金奖励，用于支持重点项目建设和公共服务设施改善。（牵头单位：市发展改革委；配合单位：市财政局）
二、对招商引资成效明显的区县，在用地指标上予以倾斜，并在年度绩效考核中予以加分奖励。（市商务局负责）
三、对科技创新成效明显的区县，在科技项目申报上予以支持，并优先推荐申报国家级试点示范。（市科技局会市财政局负责）
某某市人民政府办公室
2023年3月1日
"""

RULES = """某某市督查激励实施细则
第一条 为规范督查激励工作，根据有关规定，制定本细则。
第二条 督查激励坚持公开公平公正原则。
第三条 本细则由市政府督查室负责解释。
第四条 本细则自印发之日起施行。
"""

PLAN = """某某县督查激励争创工作方案
各乡镇人民政府，县政府各部门：
为做好督查激励争创工作，制定本方案。
一、加强组织领导
成立工作专班，由县政府主要负责同志任组长，统筹推进争创工作，定期研究解决争创工作中的重大问题。
二、压实工作责任
各责任单位要对照省市督查激励事项清单，逐项细化争创措施，明确责任领导、责任科室和时间节点，确保各项工作按期完成。
三、强化督查督办
县政府督查室定期调度工作进展，对工作推进缓慢的单位予以通报，并将争创结果纳入年度绩效考核。
"""

AWARD = """某某省人民政府办公厅
关于对2022年度真抓实干成效明显地方予以督查激励的通报
某办函〔2023〕8号
各市（州）人民政府，省政府有关部门：
经省政府同意，决定对真抓实干成效明显的地方予以激励。
一、效能评价好的地方
成都市、绵阳市、眉山市。
2023年对上述地方各给予1000万元激励支持。（省政府办公厅、财政厅组织实施）
二、工业稳增长成效明显的地方
泸州市、宜宾市。
对上述地方优先推荐试点。（经济和信息化厅组织实施）
"""

NEWS = """近日，市政府办公厅发出通报，对真抓实干成效明显的区县予以督查激励。
万州区、黔江区、城口县在巩固脱贫攻坚成果工作中成效明显。
南岸区、渝北区在污染防治工作中成效明显。
北碚区、两江新区在推进重大项目建设工作中成效明显。
据统计，此次通报表扬共3组。
"""


# ----- boilerplate -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "【www.example.com--工作计划】",
        "https://www.gov.cn/zhengce/content/2023-01/01/content_1.htm",
        "版权所有：某某市人民政府办公室",
        "渝ICP备12345678号-1",
        "京公网安备 11010202000001号",
        "网站标识码：5000000001",
        "本文来源：某某日报",
        "来源：市政府办公厅",
        "主办单位：某某市人民政府办公室",
        "打印本页 关闭窗口",
        "【打印】",
        "责任编辑：张三",
        "以下是范文网为大家整理的督查激励方案，希望对大家有所帮助！",
        "公开方式：主动公开",
        "某某市人民政府办公室秘书处 2022年12月6日印发",
        "首页 > 政务公开 > 通知公告",
        "当前位置：首页 > 政策文件",
        "Copyright © 2023 某某市人民政府",
        "? 2020 某某集团有限公司 版权所有",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(normalise(line).text)


@pytest.mark.parametrize(
    "line",
    [
        "一、激励措施",
        "各区县人民政府，市政府各部门：",
        "来源于基层的典型经验要及时总结推广。",
        "2023年3月1日",
        "某某市人民政府办公室",
        "对上述地方各给予1000万元激励支持。（省政府办公厅、财政厅组织实施）",
    ],
)
def test_document_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(normalise(line).text)


def test_boilerplate_is_dropped_before_segmenting() -> None:
    page = (
        "【www.example.com--工作计划】\n首页 > 通知公告\n"
        + MEASURES
        + "本文来源：某某市政府网\n版权所有 渝ICP备123号\n"
    )
    (seg,) = segments_of(page)
    assert seg.lines[0].text == "某某市人民政府办公室"
    assert seg.lines[-1].text == "2023年3月1日"
    assert all("ICP" not in line.text and "来源" not in line.text for line in seg.lines)


def test_traditional_boilerplate_is_dropped() -> None:
    (seg,) = segments_of(NEWS + "來源:重慶日報\n版權所有 渝ICP備2020014939號-1\n")
    assert seg.lines[-1].text == "据统计,此次通报表扬共3组。"


# ----- lines -----------------------------------------------------------------------------------


def test_split_lines_strips_and_keeps_offsets() -> None:
    text = "  一、总则\n\n   第一条 目的  \n"
    lines = split_lines(text)
    assert [line.text for line in lines] == ["一、总则", "第一条 目的"]
    for line in lines:
        assert text[line.start : line.end] == line.text


# ----- splitting a page ------------------------------------------------------------------------


def test_one_document() -> None:
    segs = segments_of(MEASURES)
    assert [s.kind for s in segs] == ["measures_notice"]
    assert segs[0].part == 0


def test_notice_then_rules_split_after_the_signature() -> None:
    segs = segments_of(MEASURES + RULES)
    assert [s.kind for s in segs] == ["measures_notice", "implementation_rules"]
    assert [s.part for s in segs] == [0, 1]
    # The issuer and date signing the notice stay with it; the rules open with their own title.
    assert [line.text for line in segs[0].lines[-2:]] == ["某某市人民政府办公室", "2023年3月1日"]
    assert segs[1].lines[0].text == "某某市督查激励实施细则"


def test_three_documents_on_one_page() -> None:
    segs = segments_of(MEASURES + PLAN + RULES)
    assert [s.kind for s in segs] == ["measures_notice", "plan", "implementation_rules"]
    assert segs[1].lines[0].text == "某某县督查激励争创工作方案"
    assert segs[2].lines[0].text == "某某市督查激励实施细则"


def test_a_short_preamble_is_not_a_document_of_its_own() -> None:
    segs = segments_of("以下是为大家整理的方案。\n省督查激励方案发布\n" + MEASURES)
    assert len(segs) == 1


def test_segments_cover_every_kept_line_in_order() -> None:
    text = normalise(MEASURES + PLAN + RULES).text
    segs = segment(text)
    kept = [line for s in segs for line in s.lines]
    assert [line.text for line in kept] == [line.text for line in split_lines(text)]
    assert all(text[line.start : line.end] == line.text for line in kept)


# ----- kinds -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (MEASURES, "measures_notice"),
        (RULES, "implementation_rules"),
        (PLAN, "plan"),
        (AWARD, "award_notice"),
        (NEWS, "news_report"),
    ],
)
def test_classify(text: str, kind: str) -> None:
    assert notice_kind_of(normalise(text).text) == kind


def test_classify_traditional_news() -> None:
    traditional = (
        "近日,市政府辦公廳發出通報。\n萬州區、黔江區、城口縣在鞏固脫貧成果中成效明顯。\n"
        "南岸區、渝北區在污染防治中成效明顯。\n北碚區、長壽區在項目建設中成效明顯。\n"
    )
    assert notice_kind_of(normalise(traditional).text) == "news_report"


def test_award_list_with_addressee_is_an_award_notice_not_news() -> None:
    text = AWARD.replace("经省政府同意", "近日经省政府同意")
    assert notice_kind_of(normalise(text).text) == "award_notice"


# ----- a page of several documents, through the pipeline -----------------------------------------


def test_parse_file_gives_one_record_per_document(tmp_path) -> None:
    from loaders.pipeline import parse_file

    page = "【www.example.com--工作计划】\n" + MEASURES + "\n" + RULES + "本文来源：某某市政府网\n渝ICP备12345678号\n"
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    raw, docs = parse_file(path)
    assert [d.notice.kind for d in docs] == ["measures_notice", "implementation_rules"]
    assert [d.source.part for d in docs] == [0, 1]
    assert docs[0].notice.doc_number == "某府办发〔2023〕5号"
    assert docs[0].notice.date == "2023-03-01"
    assert docs[1].notice.doc_number is None and docs[1].notice.date is None
    assert [len(d.measures) for d in docs] == [3, 4]
    first, second = (raw.original[d.source.span[0] : d.source.span[1]] for d in docs)
    assert first.startswith("某某市人民政府办公室\n") and first.endswith("2023年3月1日")
    assert second.startswith("某某市督查激励实施细则") and second.endswith("本细则自印发之日起施行。")
    assert docs[0].notice.id != docs[1].notice.id


# ----- what comes before the first document --------------------------------------------------------


def test_a_site_preface_without_the_genres_words_is_no_document() -> None:
    preface = "某某省政府公报是省人民政府主管的政府出版物，刊载省政府规章和规范性文件，与正式文件具有同等效力。" * 5
    notice = (
        "某某省人民政府办公厅文件\n某政办发〔2021〕7号\n关于对2020年真抓实干成效明显地区予以表扬激励的通报\n"
        "各市人民政府，省政府各厅委：\n经省政府同意，对成效明显的地区予以表扬激励。\n"
    )
    (seg,) = segments_of(preface + "\n" + notice)
    assert seg.lines[0].text == "某某省人民政府办公厅文件"


def test_a_list_of_links_above_a_notice_is_not_a_document_of_its_own() -> None:
    links = "".join(f"·某某科技有限公司第{i}分公司\n" for i in range(20))  # no sentence among them
    notice = "关于对2020年督查激励的通报\n各市人民政府：\n经省政府同意，对成效明显的地方予以督查激励。\n"
    segs = segments_of("督查激励专栏\n" + links + notice)  # a word of the genre: not a preface to drop
    assert len(segs) == 1 and segs[0].lines[0].text == "督查激励专栏"
    assert segs[0].lines[-1].text == "经省政府同意,对成效明显的地方予以督查激励。"


def test_boilerplate_patterns_opening_with_a_caret_are_anchored_as_a_whole() -> None:
    """segment.is_boilerplate tries them at the start of a line only: a top-level | would let a branch match
    elsewhere."""
    from re import _parser  # the parser of the standard library's re

    from loaders.patterns import load_patterns

    for pattern in load_patterns().boilerplate:
        if pattern.pattern.startswith("^"):
            parsed = _parser.parse(pattern.pattern)
            assert str(parsed[0][0]) == "AT" and all(str(op) != "BRANCH" for op, _ in parsed), pattern.pattern
