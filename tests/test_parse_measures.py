"""Tests for loaders.parse.measures: which numbered items are measures, and what each one says."""

from __future__ import annotations

import pytest
from conftest import seed

from loaders.normalise import normalise, to_simplified
from loaders.parse.measures import parse_measures
from loaders.segment import split_lines


def measures_of(original: str):
    working = normalise(original)
    return parse_measures(split_lines(working.text), working), working


def leads(m) -> list[str]:
    return [r.as_written for r in m.lead_departments]


def supports(m) -> list[str]:
    return [r.as_written for r in m.supporting_departments]


def assert_spans_map_back(original: str, measures) -> None:
    """Every span points at the same text in the original (once converted to simplified, half-width)."""
    for m in measures:
        written = normalise(original[m.span[0] : m.span[1]]).text
        assert written.replace("\n", "").endswith(m.text.replace("\n", "")[-8:])
        for ref in m.lead_departments + m.supporting_departments:
            assert normalise(to_simplified(original[ref.span[0] : ref.span[1]])).text == ref.as_written


NESTED = """各区县（自治县）人民政府，市政府各部门：
现将有关事项通知如下：
一、激励措施
1﹒扩大有效投资。对成效明显的区县，在新增专项债券额度分配上予以倾斜支持。（牵头单位：市发展改革委、财政局）
2﹒推进河长制林长制。对成效明显的区县，每个区县给予200万元奖励。（牵头单位：市水利局、市林业局；配合单位：市财政局）
3﹒推动企业上市。对成效明显的区县予以通报表扬。
（市金融监管局负责）
二、工作要求
1﹒加强组织领导。各区县要高度重视。
2﹒强化督促检查。市政府督查办适时组织评估。
"""


def test_measures_under_a_section_heading() -> None:
    ms, _ = measures_of(NESTED)
    assert [m.ordinal for m in ms] == ["1", "2", "3"]
    assert [m.title for m in ms] == ["扩大有效投资", "推进河长制林长制", "推动企业上市"]
    assert [leads(m) for m in ms] == [["市发展改革委", "财政局"], ["市水利局", "市林业局"], ["市金融监管局"]]
    assert [[r.name for r in m.lead_departments] for m in ms][0] == ["市发展改革委", "市财政局"]
    assert [supports(m) for m in ms] == [[], ["市财政局"], []]
    assert [m.amounts_yuan for m in ms] == [[], [2_000_000], []]
    assert ms[2].text == "推动企业上市。对成效明显的区县予以通报表扬。\n(市金融监管局负责)"
    assert_spans_map_back(NESTED, ms)


def test_target_levels_and_incentive_types_ignore_the_marker() -> None:
    ms, _ = measures_of(NESTED)
    assert ms[0].target_levels == ["区县"]
    assert ms[0].incentive_types == ["quota_priority"]
    assert ms[1].incentive_types == ["funds"]
    assert ms[2].incentive_types == ["commendation"]


VERB_FORMS = """各区人民政府，市政府各部门：
一、对优化营商环境成效显著的区，予以通报表扬，优先推荐申报国家级试点。（市市场监管局负责）
二、对水务建设成效明显的区，在资金安排上予以倾斜。（市水务局会市发展改革委负责）
三、对稳就业成效明显的区，给予奖励。（市人力资源社会保障局会市发展改革委、财政局负责）
四、对河长制湖长制工作推进力度大的区，给予表扬。（市水务局、林业园林局按职责分别负责）
五、对信用体系建设成效明显的区，在项目上予以支持。（市发展改革委组织实施）
"""


def test_top_level_measures_with_verb_markers() -> None:
    ms, working = measures_of(VERB_FORMS)
    assert [m.ordinal for m in ms] == ["1", "2", "3", "4", "5"]
    assert [leads(m) for m in ms] == [
        ["市市场监管局"],
        ["市水务局"],
        ["市人力资源社会保障局"],
        ["市水务局", "林业园林局"],
        ["市发展改革委"],
    ]
    assert [supports(m) for m in ms] == [[], ["市发展改革委"], ["市发展改革委", "财政局"], [], []]
    assert [r.name for r in ms[2].supporting_departments] == ["市发展改革委", "市财政局"]
    assert [r.name for r in ms[3].lead_departments] == ["市水务局", "市林业园林局"]
    assert all(m.parent is None and m.title is None for m in ms)
    assert ms[0].target_levels == ["区"]
    assert_spans_map_back(VERB_FORMS, ms)


TRADITIONAL_FIRST_LISTED = """各縣市區人民政府：
以下措施中，責任單位列第1位的為牽頭單位。
（一）對打好經濟增長主動仗成效明顯的縣市區，給予資金獎勵。（省發展改革委、省財政廳負責）
（二）對穩外貿成效明顯的縣市區，在項目上予以支持。（省商務廳負責）
（三）對糧食安全工作成效明顯的縣市區，每個縣市區獎勵500萬元。（省糧食和物資儲備局、省農業農村廳、省財政廳負責）
"""


def test_first_listed_department_leads_in_traditional_text() -> None:
    ms, working = measures_of(TRADITIONAL_FIRST_LISTED)
    assert working.script == "traditional"
    assert [leads(m) for m in ms] == [["省发展改革委"], ["省商务厅"], ["省粮食和物资储备局"]]
    assert [supports(m) for m in ms] == [["省财政厅"], [], ["省农业农村厅", "省财政厅"]]
    assert ms[2].amounts_yuan == [5_000_000]
    assert ms[2].target_levels == ["县市区"]
    assert_spans_map_back(TRADITIONAL_FIRST_LISTED, ms)
    start, end = ms[1].lead_departments[0].span
    assert TRADITIONAL_FIRST_LISTED[start:end] == "省商務廳"


CATCH_ALL_TAILS = """各市（州）人民政府：
一、对城镇老旧小区改造成效明显的市州给予奖励。（牵头单位：省住房和城乡建设厅；配合单位：省財政廳及省直有關部門）
二、对河湖长制工作成效明显的县市区给予奖励。（牵头单位：省水利厅、省林业局等相关单位）
三、对稳就业工作成效明显的县市区给予奖励。（牵头单位：省人力资源社会保障厅；配合单位：省统计局、省医保局和其他有关单位）
四、对营商环境评价靠前的市州给予奖励。（牵头单位：省发展改革委；配合单位：省直各有关部门）
"""


def test_a_department_joined_to_a_catch_all_is_kept() -> None:
    """及/和/等 + 有关部门: the department before the conjunction stays; 和 inside a name does not split it."""
    ms, _ = measures_of(CATCH_ALL_TAILS)
    assert [leads(m) for m in ms] == [
        ["省住房和城乡建设厅"],
        ["省水利厅", "省林业局"],
        ["省人力资源社会保障厅"],
        ["省发展改革委"],
    ]
    assert [supports(m) for m in ms] == [["省财政厅"], [], ["省统计局", "省医保局"], []]
    assert_spans_map_back(CATCH_ALL_TAILS, ms)


BARE = """各乡镇人民政府：
1
扩大有效投资。对成效明显的乡镇予以支持。（牵头单位：县发展改革局）
2
推动消费。对成效明显的乡镇给予10万元奖励。（牵头单位：县商务局；配合单位：县财政局）
"""


def test_bare_numbers_alone_on_a_line() -> None:
    ms, _ = measures_of(BARE)
    assert [(m.ordinal, m.title) for m in ms] == [("1", "扩大有效投资"), ("2", "推动消费")]
    assert [leads(m) for m in ms] == [["县发展改革局"], ["县商务局"]]
    assert [supports(m) for m in ms] == [[], ["县财政局"]]
    assert ms[1].amounts_yuan == [100_000]
    assert_spans_map_back(BARE, ms)


ARTICLES_AND_SUBITEMS = """各区县人民政府：
一、对招商引资成效明显的区县给予激励。（牵头单位：市招商投资局；配合单位：市财政局）
（一）招引外资成效突出的，在用地指标上予以倾斜。
（二）实际利用外资增长较快的，每个区县奖励100万元。
二、对科技创新成效明显的区县给予激励。（牵头单位：市科技局）
"""


def test_sub_items_of_a_measure_are_sub_measures() -> None:
    ms, _ = measures_of(ARTICLES_AND_SUBITEMS)
    assert [(m.ordinal, m.parent) for m in ms] == [("1", None), ("1.1", "1"), ("1.2", "1"), ("2", None)]
    assert leads(ms[0]) == ["市招商投资局"] and supports(ms[0]) == ["市财政局"]
    assert ms[2].amounts_yuan == [1_000_000]
    assert ms[1].incentive_types == ["land_quota"]
    assert leads(ms[3]) == ["市科技局"]


def test_a_document_without_markers_takes_its_top_items() -> None:
    ms, _ = measures_of("一、加强组织领导\n成立工作专班。\n二、压实工作责任\n细化措施。\n")
    assert [(m.ordinal, m.text) for m in ms] == [
        ("1", "加强组织领导\n成立工作专班。"),
        ("2", "压实工作责任\n细化措施。"),
    ]
    assert all(m.lead_departments == [] for m in ms)


def test_no_numbered_items_no_measures() -> None:
    ms, _ = measures_of("各区县人民政府：\n现将有关事项通知如下。\n")
    assert ms == []


# ----- seeds ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_docs():
    from loaders.pipeline import parse_file

    cache: dict[str, tuple] = {}

    def get(prefix: str):
        if prefix not in cache:
            cache[prefix] = parse_file(seed(prefix))
        return cache[prefix]

    return get


def test_seed_000_measures(seed_docs) -> None:
    raw, (doc,) = seed_docs("000")
    assert doc.notice.kind == "measures_notice"
    assert doc.notice.doc_number == "渝府办发〔2022〕74号"
    assert len(doc.measures) == 30
    m17 = next(m for m in doc.measures if m.ordinal == "17")
    assert leads(m17) == ["市水利局", "市林业局"]
    assert [r.name for r in m17.lead_departments] == ["市水利局", "市林业局"]
    assert [r.name for r in m17.supporting_departments] == ["市财政局"]
    assert all(m.lead_departments for m in doc.measures)


def test_seed_001_measures_and_metadata(seed_docs) -> None:
    raw, (doc,) = seed_docs("001")
    assert len(doc.measures) == 32
    by = {m.ordinal: m for m in doc.measures}
    assert [r.name for r in by["6"].lead_departments] == ["市水务局"]
    assert supports(by["6"]) == ["市发展改革委"]
    assert [r.name for r in by["6"].supporting_departments] == ["市发展和改革委员会"]
    assert "市财政局" in [r.name for r in by["15"].supporting_departments]
    assert "国办发〔2021〕49号" in doc.notice.cites
    assert doc.notice.supersedes == ["穗府办〔2020〕4号"]
    assert doc.notice.date == "2022-12-03"
    assert doc.notice.doc_number is None


def test_seed_004_three_documents(seed_docs) -> None:
    raw, docs = seed_docs("004")
    assert [d.notice.kind for d in docs] == ["measures_notice", "plan", "implementation_rules"]
    first = docs[0]
    assert len(first.measures) == 32
    assert all(len(m.lead_departments) >= 1 for m in first.measures)
    assert [d.source.part for d in docs] == [0, 1, 2]


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_seed_spans_map_back_to_the_original(seed_docs, prefix: str) -> None:
    raw, docs = seed_docs(prefix)
    for doc in docs:
        for m in doc.measures:
            for ref in m.lead_departments + m.supporting_departments:
                written = raw.original[ref.span[0] : ref.span[1]]
                assert normalise(to_simplified(written)).text == ref.as_written
            assert raw.original[m.span[0] : m.span[1]].strip() != ""


def test_every_span_of_a_traditional_full_width_notice_maps_back(tmp_path) -> None:
    from loaders.pipeline import parse_file

    original = (
        "某某市人民政府辦公廳\n關於開展２０２２年督查激勵工作的通知\n某府辦發〔２０２２〕７４號\n"
        "各區縣人民政府，市政府各部門：\n現將有關事項通知如下：\n"
        "１．擴大有效投資。對成效明顯的區縣，每個區縣給予 ５００ 萬元獎勵。（牽頭單位：市發展改革委、財政局）\n"
        "２．推進河長制。對成效明顯的區縣予以通報表揚。（市水利局會市財政局負責）\n"
        "某某市人民政府辦公廳\n２０２２年１２月３日\n"
    )
    path = tmp_path / "trad.txt"
    path.write_text(original, encoding="utf-8")
    raw, (doc,) = parse_file(path)
    assert doc.notice.script == "traditional"
    assert doc.notice.doc_number == "某府办发〔2022〕74号"
    assert doc.notice.date == "2022-12-03"
    assert [m.amounts_yuan for m in doc.measures] == [[5_000_000], []]
    assert [[r.name for r in m.lead_departments] for m in doc.measures] == [
        ["市发展和改革委员会", "市财政局"],
        ["市水利局"],
    ]
    refs = [r for m in doc.measures for r in m.lead_departments + m.supporting_departments]
    assert [raw.original[r.span[0] : r.span[1]] for r in refs] == ["市發展改革委", "財政局", "市水利局", "市財政局"]
    for r in refs:
        assert normalise(to_simplified(raw.original[r.span[0] : r.span[1]])).text == r.as_written
    for m in doc.measures:
        assert raw.original[m.span[0] : m.span[1]].startswith(("１．", "２．"))
    for w in doc.warnings:
        if w.span:
            assert raw.original[w.span[0] : w.span[1]].strip()


def test_caps_on_recipients_are_kept_as_written() -> None:
    ms, _ = measures_of("一、对招商引资成效明显的区县给予奖励,每年原则上不超过5个。(市商务委负责)\n")
    assert ms[0].caps == ["每年原则上不超过5个"]


def test_a_markers_names_read_once_keep_each_documents_spans() -> None:
    """department_refs reads a marker's names once (catch-all tails, catch-alls, inherited prefixes) and places them
    in each text where they are written: the same names at other offsets get their own spans."""
    from loaders.parse.measures import department_refs

    first = normalise("牵头单位:市发展改革委、财政局及区级相关部门,各街道")
    second = normalise("……他处。牵头单位:市发展改革委、财政局及区级相关部门,各街道")
    for working in (first, second, first):
        at = working.text.index("市发展改革委")
        names = [("市发展改革委", at, at + 6), ("财政局及区级相关部门", at + 7, at + 17), ("各街道", at + 18, at + 21)]
        refs = department_refs(names, working)
        # the catch-all after 及 is cut off, the catch-all alone names no one, the short name takes the first's prefix
        assert [(r.as_written, r.name) for r in refs] == [("市发展改革委", "市发展改革委"), ("财政局", "市财政局")]
        assert [r.span for r in refs] == [(at, at + 6), (at + 7, at + 10)]
