"""Tests for the SKOS topic scheme and the keyword topic classifier."""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from loaders import topics
from loaders.topics import KEYWORDS_PATH, SCHEME_PATH, SCHEME_URI, Topic, load_rules, load_scheme, topics_of

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


# --- the scheme -------------------------------------------------------------------------------------


def test_scheme_parses_with_enough_labelled_concepts():
    graph = Graph().parse(SCHEME_PATH, format="turtle")
    assert (SCHEME_URI, RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 30
    for concept in concepts:
        labels = [label for label in graph.objects(concept, SKOS.prefLabel) if isinstance(label, Literal)]
        assert {label.language for label in labels} >= {"zh", "en"}, concept
        assert (concept, SKOS.inScheme, SCHEME_URI) in graph
        assert list(graph.objects(concept, SKOS.definition)), concept
        is_top = (concept, SKOS.topConceptOf, SCHEME_URI) in graph
        assert is_top or list(graph.objects(concept, SKOS.broader)), concept


def test_load_scheme_returns_frozen_topics_with_required_ids():
    scheme = load_scheme()
    assert {"ecology", "investment", "business_environment", "poverty_alleviation"} <= scheme.keys()
    ecology = scheme["ecology"]
    assert isinstance(ecology, Topic)
    assert ecology.label_zh == "生态环境保护"
    assert ecology.label_en and ecology.definition_en
    with pytest.raises(dataclasses.FrozenInstanceError):
        ecology.id = "other"  # type: ignore[misc]
    assert load_scheme() is scheme  # read once


def test_concept_ids_are_short_snake_case_and_broader_exists():
    scheme = load_scheme()
    for topic_id, topic in scheme.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]{1,30}", topic_id)
        assert topic.broader is None or topic.broader in scheme
    assert scheme["grain_security"].broader == "agriculture"
    assert scheme["investment"].broader is None


# --- the keyword data -------------------------------------------------------------------------------


def test_every_keyword_topic_exists_in_the_scheme():
    with KEYWORDS_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(rows[0]) >= {"topic", "keyword", "weight"}
    unknown = {row["topic"] for row in rows} - load_scheme().keys()
    assert not unknown


def test_keyword_rules_are_unique_and_exclusions_contain_their_keyword():
    rules = load_rules()
    pairs = [(rule.topic, rule.keyword) for rule in rules]
    assert len(pairs) == len(set(pairs))
    for rule in rules:
        assert rule.weight > 0
        # An exclusion phrase can only mask an occurrence of the keyword that lies inside it.
        for phrase in rule.exclude_if:
            assert rule.keyword in phrase, (rule.keyword, phrase)


def test_every_topic_has_some_keyword():
    assert load_scheme().keys() == {rule.topic for rule in load_rules()}


# --- precision constraints --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "持续优化营商环境，深化“放管服”改革，压缩企业开办和工程建设项目审批时间。",
        "对营商环境评价排名靠前、市场主体满意度高的县（市、区）通报表扬。",
        "打造市场化法治化国际化一流营商环境成效明显的地方。",
    ],
)
def test_business_environment_is_not_investment(text):
    found = topics_of(text)
    assert "investment" not in found
    assert "business_environment" in found


@pytest.mark.parametrize(
    "text",
    [
        "深化投融资体制改革，规范地方政府投融资平台管理。",
        "在落实农村产权制度、投融资等改革工作中创新举措实、效果好的区县。",
    ],
)
def test_investment_and_financing_reform_is_not_investment(text):
    assert "investment" not in topics_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "对招商引资到位资金增长快、引进重大产业项目多的县（市、区）给予奖励。",
        "聚焦产业链精准招商，招商引资签约项目履约率高、落地快的地方。",
        "年度固定资产投资增速高于全省平均水平，扩大有效投资成效明显的市。",
    ],
)
def test_investment_texts_yield_investment_first(text):
    assert topics_of(text)[0] == "investment"


@pytest.mark.parametrize(
    "text",
    [
        "深入打好污染防治攻坚战，细颗粒物平均浓度下降，地表水考核断面水质优良比例提升。",
        "生态环境质量明显改善、环境问题整改到位的市州，在环保专项资金中予以倾斜。",
        "对大气、水、土壤污染治理成效突出的县予以奖励。",
    ],
)
def test_pollution_texts_yield_ecology(text):
    assert "ecology" in topics_of(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("大力发展节能环保产业，壮大新能源汽车产业规模。", "ecology"),
        ("在办理建筑许可、获得电力、获得信贷等指标上表现突出。", "energy"),
        ("促进高校毕业生、退役军人等青年群体就业。", "education"),
        ("由市政府办公厅牵头，按季度通报。", "urban_management"),
        ("优化金融生态环境，推动企业上市和债券融资。", "ecology"),
        ("统筹做好两不愁三保障和饮水安全工作。", "fiscal_management"),
        ("在中央预算内投资安排上予以倾斜支持。", "fiscal_management"),
    ],
)
def test_exclusions_in_data_mask_longer_phrases(text, absent):
    assert absent not in topics_of(text)


# --- classifier behaviour ---------------------------------------------------------------------------


def test_classify_orders_by_score_and_is_empty_without_matches():
    assert topics_of("") == []
    assert topics_of("会议于下午三点召开。") == []
    text = "推进高标准农田建设，稳定粮食播种面积和产量，发展现代农业。"
    found = topics_of(text)
    scores = topics.score(text)
    assert found[0] == "grain_security"
    assert [scores[t] for t in found] == sorted((scores[t] for t in found), reverse=True)


def test_weak_keyword_alone_is_not_enough():
    # 社区 has weight below MIN_SCORE: a passing mention does not make a governance topic.
    assert "social_governance" not in topics_of("在社区开展宣传。")
    assert "social_governance" in topics_of("创新基层治理和社区治理方式。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("巩固拓展脱贫攻坚成果，守住不发生规模性返贫底线。", "poverty_alleviation"),
        ("推动企业在境内外资本市场上市挂牌，扩大直接融资规模。", "listing_financing"),
        ("严厉打击非法集资，防范化解地方金融风险。", "finance_risk"),
        ("加快城镇老旧小区改造和保障性租赁住房建设。", "urban_renewal"),
        ("普惠托育服务供给增加，婴幼儿照护服务水平提升。", "childcare"),
        ("落实安全生产责任制，较大以上生产安全事故零发生。", "public_safety"),
        ("外贸进出口实现稳定增长，跨境电商发展较快。", "foreign_trade"),
        ("推进医保经办服务体系建设，医保基金监管有力。", "medical_insurance"),
        ("深化医药卫生体制改革，推进公立医院高质量发展。", "health"),
        ("落实最严格的耕地保护制度，土地节约集约利用水平提升。", "land_resources"),
    ],
)
def test_common_policy_areas(text, expected):
    assert expected in topics_of(text)


# --- real documents of the genre --------------------------------------------------------------------


def _seed(pattern: str) -> str:
    files = sorted(SEEDS.glob(pattern)) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"seed {pattern} not found under {SEEDS}")
    return files[0].read_text(encoding="utf-8")


def test_every_seed_measure_gets_a_topic():
    text = _seed("000_*.txt")
    measures = [line for line in text.splitlines() if re.match(r"^\s*\d+\s*[﹒.．、]", line)]
    # The measures list is numbered 1–30; the implementation section restarts at 1 and is not a measure.
    measures = measures[:30]
    assert len(measures) == 30
    untagged = [line[:20] for line in measures if not topics_of(line)]
    assert not untagged


def test_every_seed_award_group_gets_a_topic():
    import opencc

    text = opencc.OpenCC("t2s").convert(_seed("002_*.txt"))
    # Award groups are the paragraphs that start with a list of localities (…区、…县) and follow the
    # line that announces the list; the closing paragraph ("通报显示…") ends it.
    start, end = text.index("具体包括"), text.index("通报显示")
    groups = [line for line in text[start:end].splitlines()[1:] if line.strip()]
    assert len(groups) == 26  # the text itself says 共26组
    untagged = [line[:25] for line in groups if not topics_of(line)]
    assert not untagged
