"""Generate synthetic documents of the genre (clearly marked as sample data) from the real gazetteer.

    python benchmarks/gen_corpus.py --scale sample --out data/sample
    python benchmarks/gen_corpus.py --scale 0.1 --seed 7 --out /tmp/corpus

`sample` writes what `make run` serves when no real corpus is at hand: a measures notice and an award notice
for one province and work year, with the categories and winners of `benchmarks/sample.toml` (README.md's
examples are asked of it).

A number S is a fraction of the national corpus: the *units* are (issuer, year) for the State Council
and every province over 2013–2023 (352 units), and S picks round(S × 352) of them (at least one). A unit
holds what that province and its prefectures publish that year:

- the province: a measures notice (一、… with 牵头单位/配合单位 markers), an award notice (categories, each
  with a 1﹒市(州) and a 2﹒县(市、区) list where prefixes carry), a news report; every third year
  implementation rules (第一条 …, 列第1位的为牵头单位);
- every prefecture: a measures notice ((1) … (市X局负责)), an award notice naming its counties, and for
  half of them a news report;
- the State Council: a measures notice (A负责) and a national award notice (provinces, prefectures,
  counties).

About 8 % of documents are in traditional characters, 10 % HTML pages, 5 % GB18030. At 1.0 that is ~10,000
documents and ≥ 500,000 award mentions; 0.01 and 0.1 are ≈ 1 % and 10 % of it. Each unit has its own random
stream, so a smaller scale is a subset of a larger one with the same seed.
"""

from __future__ import annotations

import argparse
import json
import random
import tomllib
from functools import cache, lru_cache
from pathlib import Path

import opencc

from loaders.gazetteer import Place, load_gazetteer

SAMPLE_MARK = "(示例数据,由 incentive-kg 生成,非真实公文)"
# The sample's titles carry the short mark before their document word: a heading line over 60 characters, or one
# not ending in its document word (通知, 通报), is not read as a title.
SAMPLE_TITLE_MARK = "(示例数据)"
SAMPLE_NOTE = "本文为 incentive-kg 生成的示例数据:地名取自真实行政区划,措施、名单和金额均为虚构。"
SAMPLE_SPEC = Path(__file__).with_name("sample.toml")
YEARS = list(range(2013, 2024))
CN_NUMBERS = "一二三四五六七八九十"
# Policy areas: a measure's wording and its lead and supporting department bodies (topics come from wording).
AREAS = [
    ("稳增长、主要经济指标增速靠前", "发展改革委", "统计局"),
    ("招商引资成效显著、重大项目落地率高", "商务厅", "发展改革委"),
    ("扩大有效投资、固定资产投资增长较快", "发展改革委", "财政厅"),
    ("推进科技创新、培育高新技术企业成效明显", "科技厅", "财政厅"),
    ("优化营商环境、深化放管服改革成效明显", "政务服务管理局", "市场监管局"),
    ("实施乡村振兴战略、推进农村人居环境整治成效明显", "农业农村厅", "乡村振兴局"),
    ("落实就业优先政策、促进重点群体就业成效明显", "人力资源社会保障厅", "财政厅"),
    ("推进养老服务体系建设成效明显", "民政厅", "卫生健康委"),
    ("推进生态环境保护、污染防治攻坚战成效明显", "生态环境厅", "水利厅"),
    ("推进制造业高质量发展、专精特新企业培育成效明显", "经济和信息化厅", "科技厅"),
    ("财政预算执行及盘活存量资金成效明显", "财政厅", "审计厅"),
    ("推进新型城镇化、老旧小区改造成效明显", "住房城乡建设厅", "发展改革委"),
    ("加强耕地保护、节约集约用地成效明显", "自然资源厅", "农业农村厅"),
    ("推进河长制湖长制、水利建设成效明显", "水利厅", "生态环境厅"),
    ("推进文化旅游产业发展成效明显", "文化和旅游厅", "财政厅"),
    ("推进义务教育优质均衡发展成效明显", "教育厅", "财政厅"),
    ("推进公立医院综合改革成效明显", "卫生健康委", "医保局"),
    ("推进社会信用体系建设成效明显", "发展改革委", "人民银行"),
    ("推进外贸稳增长、外资利用成效明显", "商务厅", "海关"),
    ("推进交通基础设施建设成效明显", "交通运输厅", "发展改革委"),
    ("推进森林草原防火、林长制成效明显", "林业局", "应急管理厅"),
    ("推进安全生产、防范化解重大风险成效明显", "应急管理厅", "公安厅"),
    ("推进知识产权创造保护运用成效明显", "市场监管局", "科技厅"),
    ("推进数字经济、新型基础设施建设成效明显", "大数据局", "通信管理局"),
    ("推进粮食生产、高标准农田建设成效明显", "农业农村厅", "粮食和储备局"),
    ("推进消费扩容提质成效明显", "商务厅", "文化和旅游厅"),
    ("推进创业创新、双创示范基地建设成效明显", "发展改革委", "人力资源社会保障厅"),
    ("推进普惠金融、支持实体经济成效明显", "地方金融监管局", "财政厅"),
]
PROVINCE_CATEGORIES = 28  # categories in a province's award notice
PROVINCE_COUNTY_WINNERS = 30  # counties named per category (fewer when the province has fewer)
PREFECTURE_CATEGORIES = 12
AMOUNTS = (200, 300, 500, 800, 1000, 2000)


def cn_ordinal(n: int) -> str:
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def city_body(department: str) -> str:
    """省X厅 → 市X局: the prefecture's counterpart of a provincial department body."""
    return department.removesuffix("厅") + "局" if department.endswith("厅") else department


def short(place: Place) -> str:
    """The one-character abbreviation used in a 文号 (川府办函): the first character is close enough."""
    return place.name[0]


# ------------------------------------------------------------------------------------------ documents


def province_measures(province: Place, year: int, rng: random.Random, number: int, areas: list[tuple]) -> str:
    lines = [
        f"{province.name}人民政府办公厅关于进一步加强{year}年督查激励工作的通知{SAMPLE_MARK}",
        f"{short(province)}府办发〔{year}〕{number}号",
        "",
        "各市(州)、县(市、区)人民政府,省政府各部门:",
        f"为进一步加强督查激励,经省政府同意,现将{year}年督查激励措施通知如下:",
    ]
    for i, (wording, lead, support) in enumerate(areas, 1):
        amount = rng.choice(AMOUNTS)
        lines.append(
            f"{cn_ordinal(i)}、对{wording}的市(州)、县(市、区),每个地方给予{amount}万元激励支持。"
            f"(牵头单位:省{lead};配合单位:省{support})"
        )
    lines += ["", f"{province.name}人民政府办公厅", f"{year}年3月{rng.randint(1, 28)}日"]
    return "\n".join(lines)


def province_rules(province: Place, year: int, rng: random.Random, number: int) -> str:
    areas = rng.sample(AREAS, 10)
    lines = [
        f"{province.name}人民政府办公厅关于印发{province.name}督查激励办法的通知{SAMPLE_MARK}",
        f"{short(province)}政办〔{year}〕{number}号",
        "",
        "各市、县人民政府,省政府各部门、各直属机构:",
        f"《{province.name}督查激励办法》已经省政府同意,现印发给你们,请认真贯彻执行。",
        "",
        f"{province.name}人民政府办公厅",
        f"{year}年4月{rng.randint(1, 28)}日",
        "",
        f"{province.name}督查激励办法",
        "",
        "第一条 为进一步健全督查激励机制,激励各地担当作为、干事创业,制定本办法。",
        "第二条 本办法所列激励措施中,列第1位的单位为牵头单位,其他为配合单位。",
    ]
    for i, (wording, lead, support) in enumerate(areas, 3):
        lines.append(
            f"第{cn_ordinal(i)}条 对{wording}的县(市、区),省财政给予每个县{rng.choice(AMOUNTS)}万元奖励。"
            f"(省{lead}、省{support}负责)"
        )
    lines.append(f"第{cn_ordinal(len(areas) + 3)}条 本办法自印发之日起施行。")
    return "\n".join(lines)


def province_award(
    province: Place, year: int, rng: random.Random, number: int, categories: list[Category]
) -> tuple[str, int]:
    prefectures = [p for p in children(province.id, year) if p.level == "prefecture"]
    counties = counties_in(province, year)
    lines = [
        f"{province.name}人民政府办公厅关于对{year}年度落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报"
        + SAMPLE_MARK,
        f"{short(province)}府办函〔{year + 1}〕{number}号",
        "",
        "各市(州)人民政府,各县(市、区)人民政府,省政府各部门:",
        f"经省政府同意,对{year}年度落实有关重大政策措施真抓实干、取得明显成效的地方予以督查激励。",
        "",
    ]
    mentions = 0
    for i, (wording, lead, support, _measure) in enumerate(categories, 1):
        lines.append(f"{cn_ordinal(i)}、{wording}的地方")
        if prefectures:
            cities = rng.sample(prefectures, min(len(prefectures), rng.randint(2, 4)))
            lines += ["1﹒市(州)", "、".join(p.name for p in cities) + "。", "2﹒县(市、区)"]
            mentions += len(cities)
        winners = rng.sample(counties, min(len(counties), PROVINCE_COUNTY_WINNERS))
        lines.append(carried_list(winners) + "。")
        mentions += len(winners)
        lines.append(f"对上述地方各给予{rng.choice(AMOUNTS)}万元激励支持。(省{lead}会同省{support}组织实施)")
        lines.append("")
    lines += [f"{province.name}人民政府办公厅", f"{year + 1}年5月{rng.randint(1, 28)}日"]
    return "\n".join(lines), mentions


def province_news(province: Place, year: int, rng: random.Random) -> tuple[str, int]:
    counties = counties_in(province, year)
    lines = [
        f"{province.name}政府办公厅通报表扬{year}年度真抓实干成效明显地方{SAMPLE_MARK}",
        "",
        f"日前,省政府办公厅发出通报,对{year}年度落实有关重大政策措施真抓实干、取得明显成效的地方予以督查激励。",
        "",
    ]
    mentions = 0
    for wording, _lead, _support in rng.sample(AREAS, 6):
        winners = rng.sample(counties, min(len(counties), rng.randint(3, 6)))
        lines += [f"{carried_list(winners)}在{wording.split('、')[0]}方面成效明显,每个县奖励500万元。", ""]
        mentions += len(winners)
    lines.append("希望受到激励的地方珍惜荣誉、再接再厉。")
    return "\n".join(lines), mentions


def prefecture_measures(prefecture: Place, year: int, rng: random.Random, number: int, areas: list[tuple]) -> str:
    lines = [
        f"{prefecture.name}人民政府办公室关于加强{year}年督查激励工作的通知{SAMPLE_MARK}",
        f"{short(prefecture)}府办发〔{year}〕{number}号",
        "",
        "各县(市、区)人民政府,市政府各部门:",
        "经市政府同意,现就有关事项通知如下:",
    ]
    for i, (wording, lead, support) in enumerate(areas, 1):
        lines.append(
            f"({i})对{wording}的县(市、区),市财政每个给予奖励资金{rng.choice(AMOUNTS)}万元。"
            f"(市{city_body(lead)}负责,市{city_body(support)}配合)"
        )
    lines += ["", f"{prefecture.name}人民政府办公室", f"{year}年3月{rng.randint(1, 28)}日"]
    return "\n".join(lines)


def prefecture_award(
    prefecture: Place, year: int, rng: random.Random, number: int, categories: list[Category]
) -> tuple[str, int]:
    counties = children(prefecture.id, year)
    lines = [
        f"{prefecture.name}人民政府办公室关于对{year}年度真抓实干成效明显地方予以督查激励的通报{SAMPLE_MARK}",
        f"{short(prefecture)}府办函〔{year + 1}〕{number}号",
        "",
        "各县(市、区)人民政府,市政府各部门:",
        f"经市政府同意,对{year}年度真抓实干、取得明显成效的县(市、区)予以督查激励。",
        "",
    ]
    mentions = 0
    for i, (wording, lead, _support, _measure) in enumerate(categories, 1):
        winners = rng.sample(counties, min(len(counties), max(2, round(len(counties) * 0.6))))
        lines += [
            f"{cn_ordinal(i)}、{wording}的县(市、区)",
            "、".join(p.name for p in winners) + "。",
            f"对上述地方各给予{rng.choice(AMOUNTS)}万元激励支持。(市{city_body(lead)}组织实施)",
            "",
        ]
        mentions += len(winners)
    lines += [f"{prefecture.name}人民政府办公室", f"{year + 1}年5月{rng.randint(1, 28)}日"]
    return "\n".join(lines), mentions


def prefecture_news(prefecture: Place, year: int, rng: random.Random) -> tuple[str, int]:
    counties = children(prefecture.id, year)
    lines = [f"{prefecture.name}通报表扬{year}年度真抓实干成效明显地方{SAMPLE_MARK}", ""]
    lines.append(f"近日,{prefecture.name}人民政府办公室发出通报,对真抓实干、取得明显成效的县(市、区)予以督查激励。")
    lines.append("")
    mentions = 0
    for wording, _lead, _support in rng.sample(AREAS, 4):
        winners = rng.sample(counties, min(len(counties), rng.randint(2, 3)))
        lines += [f"{'、'.join(p.name for p in winners)}在{wording.split('、')[0]}方面成效明显。", ""]
        mentions += len(winners)
    return "\n".join(lines), mentions


def national_measures(year: int, rng: random.Random, areas: list[tuple]) -> str:
    lines = [
        f"国务院办公厅关于对{year}年真抓实干成效明显地方加大激励支持力度的通知{SAMPLE_MARK}",
        f"国办发〔{year}〕{rng.randint(1, 60)}号",
        "",
        "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:",
        "经国务院同意,现将有关事项通知如下:",
    ]
    for i, (wording, lead, _support) in enumerate(areas, 1):
        body = lead.removesuffix("厅").removesuffix("局").removesuffix("委") + "部"
        lines.append(f"{i}.对{wording}的省(区、市),予以激励支持。({body}负责)")
    lines += ["", "国务院办公厅", f"{year}年4月{rng.randint(1, 28)}日"]
    return "\n".join(lines)


def national_award(
    year: int, rng: random.Random, provinces: list[Place], categories: list[Category]
) -> tuple[str, int]:
    lines = [
        f"国务院办公厅关于对{year}年落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报{SAMPLE_MARK}",
        f"国办发〔{year + 1}〕{rng.randint(61, 99)}号",
        "",
        "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:",
        "经国务院同意,对落实有关重大政策措施真抓实干、取得明显成效的地方予以督查激励。",
        "",
    ]
    mentions = 0
    for i, (wording, lead, _support, _measure) in enumerate(categories, 1):
        body = lead.removesuffix("厅").removesuffix("局").removesuffix("委") + "部"
        winners = rng.sample(provinces, 8)
        lines += [f"{i}.{wording}的省(区、市)", ",".join(p.name for p in winners) + "。"]
        lines += [f"对上述地方予以适当奖励。({body}组织实施)", ""]
        mentions += len(winners)
    lines += ["国务院办公厅", f"{year + 1}年5月{rng.randint(1, 28)}日"]
    return "\n".join(lines), mentions


# ------------------------------------------------------------------------------------------ award categories

# An award category: (wording as the award notice writes it, lead, support, ordinal of the measure of the same
# unit's measures notice it rewards, or None when that notice set up no such measure).
Category = tuple[str, str, str, int | None]


def award_categories(measures: list[tuple], total: int, rng: random.Random) -> list[Category]:
    """The categories of an award notice for the work a measures notice set up: most of its measures, in their
    order and re-worded as award notices word them (a few not awarded that year), and areas the notice did not
    set up (awarded under other schemes), mixed in. The measure each category rewards is the truth that
    `benchmarks/bench_links.py` scores the links against."""
    chosen: list[Category] = [
        (reworded(wording, rng), lead, support, i)
        for i, (wording, lead, support) in enumerate(measures, 1)
        if rng.random() < 0.9
    ]
    others = [area for area in AREAS if area not in measures]
    for wording, lead, support in rng.sample(others, min(len(others), max(0, total - len(chosen)))):
        chosen.insert(rng.randint(0, len(chosen)), (wording, lead, support, None))
    return chosen


def reworded(wording: str, rng: random.Random) -> str:
    """How an award notice names a measure's area: as the measure does, by its second half only, or joined
    with 和 and a different closing phrase."""
    roll = rng.random()
    first, sep, rest = wording.partition("、")
    if roll < 0.25 and sep:
        return rest
    if roll < 0.5:
        return wording.replace("、", "和").replace("成效明显", "工作成效突出")
    return wording


# ------------------------------------------------------------------------------------------ the sample


def sample_documents(spec: dict) -> list[tuple[str, str]]:
    """(file stem, text): the measures notice of the work year and the award notice for its work, announced
    the next year, for a municipality's 区县 (Chongqing's layout), as `sample.toml` describes them."""
    gazetteer = load_gazetteer()
    province = gazetteer.get(spec["province"])
    year, number = spec["work_year"], int(province.code[:2])
    areas = {wording: (lead, support) for wording, lead, support in AREAS}
    categories = []
    for category in spec["category"]:
        lead, support = areas[category["area"]]  # a KeyError names a wording that AREAS does not have
        unknown = [n for n in category["winners"] if gazetteer.resolve(n, year=year, within=province.id).place is None]
        if unknown:
            raise ValueError(f"sample.toml: {unknown} are not places of {province.name} in {year}")
        categories.append((category, f"市{city_body(lead)}", f"市{city_body(support)}"))
    addressee = "各区县(自治县)人民政府,市政府各部门,有关单位:"
    measures = [
        f"{province.name}人民政府办公厅关于进一步加强{year}年督查激励工作{SAMPLE_TITLE_MARK}的通知",
        f"{spec['abbreviation']}府办发〔{year}〕{number}号",
        "",
        addressee,
        f"为进一步加强督查激励,经市政府同意,现将{year}年督查激励措施通知如下:",
    ]
    for i, (category, lead, support) in enumerate(categories, 1):
        measures.append(
            f"{cn_ordinal(i)}、对{category['area']}的区县,每个给予{category['amount']}万元激励支持。"
            f"(牵头单位:{lead};配合单位:{support})"
        )
    measures += ["", f"{province.name}人民政府办公厅", f"{year}年3月20日", "", SAMPLE_NOTE]
    awards = [
        f"{province.name}人民政府办公厅关于对{year}年度落实有关重大政策措施真抓实干成效明显区县予以督查激励"
        f"{SAMPLE_TITLE_MARK}的通报",
        f"{spec['abbreviation']}府办函〔{year + 1}〕{number}号",
        "",
        addressee,
        f"经市政府同意,对{year}年度落实有关重大政策措施真抓实干、取得明显成效的区县予以督查激励。",
        "",
    ]
    for i, (category, lead, support) in enumerate(categories, 1):
        awards += [
            f"{cn_ordinal(i)}、{category['area']}的区县",
            "、".join(category["winners"]) + "。",
            f"对上述区县各给予{category['amount']}万元激励支持。({lead}会同{support}组织实施)",
            "",
        ]
    awards += [f"{province.name}人民政府办公厅", f"{year + 1}年5月10日", "", SAMPLE_NOTE]
    stem = f"sample_{province.code}_{year}"
    return [(f"{stem}_measures", "\n".join(measures)), (f"{stem}_awards", "\n".join(awards))]


# ------------------------------------------------------------------------------------------ places


@cache
def children(place_id: str, year: int) -> list[Place]:
    return load_gazetteer().children(place_id, year)


@cache
def counties_in(province: Place, year: int) -> list[Place]:
    found = []
    for child in children(province.id, year):
        if child.level == "county":
            found.append(child)
        found += [c for c in children(child.id, year) if c.level == "county"]
    return found


def carried_list(counties: list[Place]) -> str:
    """成都市双流区、郫都区,绵阳市涪城区: grouped by prefecture, the prefix written once per group."""
    gazetteer = load_gazetteer()
    groups: dict[str, list[Place]] = {}
    for county in counties:
        groups.setdefault(county.parent_id or "", []).append(county)
    parts = []
    for parent_id, members in groups.items():
        parent = gazetteer.get(parent_id)
        names = [m.name for m in members]
        if parent is not None and parent.level == "prefecture":
            names[0] = parent.name + names[0]
        parts.append("、".join(names))
    return ",".join(parts)


def provinces(year: int) -> list[Place]:
    """Provinces with places below them in the gazetteer (Taiwan, Hong Kong and Macao have none listed)."""
    return [
        p for p in load_gazetteer().all_places() if p.level == "province" and p.valid_in(year) and counties_in(p, year)
    ]


# ------------------------------------------------------------------------------------------ output


def units(scale: str, seed: int) -> list[tuple[str, int]]:
    """(province code or 'CN', year) units chosen for a scale, in a stable order."""
    everything = [(code, year) for year in YEARS for code in ["CN"] + [p.code for p in provinces(2020)]]
    count = max(1, round(len(everything) * float(scale)))
    chosen = set(random.Random(seed).sample(everything, count))
    return [u for u in everything if u in chosen]


def unit_documents(code: str, year: int, seed: int, links: list[dict] | None = None) -> list[tuple[str, str, int]]:
    """(file stem, text, award mentions written) for one unit. The true links (award category → measure, news
    report → award notice) are appended to `links` when given."""
    rng = random.Random(f"{seed}-{code}-{year}")
    links = [] if links is None else links

    def pair(awards: str, measures: str, categories: list[Category]) -> None:
        for ordinal, (_w, _l, _s, measure) in enumerate(categories, 1):
            if measure is not None:
                links.append(
                    {
                        "rel": "IMPLEMENTS",
                        "award": awards,
                        "category": str(ordinal),
                        "measures": measures,
                        "measure": str(measure),
                    }
                )

    if code == "CN":
        areas = rng.sample(AREAS, 24)
        measures = national_measures(year, rng, areas)
        categories = award_categories(areas, 24, rng)
        text, n = national_award(year, rng, provinces(year), categories)
        pair(f"CN_{year}_awards", f"CN_{year}_measures", categories)
        return [(f"CN_{year}_measures", measures, 0), (f"CN_{year}_awards", text, n)]
    province = load_gazetteer().get(code)
    # 文号 numbers from the code: the abbreviation is only a first character, and one repeated 文号 would
    # make two documents one notice.
    number = int(code[:2])
    areas = rng.sample(AREAS, 16)
    docs = [(f"{code}_{year}_measures", province_measures(province, year, rng, number, areas), 0)]
    categories = award_categories(areas, PROVINCE_CATEGORIES, rng)
    docs.append((f"{code}_{year}_awards", *province_award(province, year, rng, number, categories)))
    pair(f"{code}_{year}_awards", f"{code}_{year}_measures", categories)
    docs.append((f"{code}_{year}_news", *province_news(province, year, rng)))
    links.append({"rel": "REPORTS_ON", "news": f"{code}_{year}_news", "award": f"{code}_{year}_awards"})
    if year % 3 == 0:
        docs.append((f"{code}_{year}_rules", province_rules(province, year, rng, number), 0))
    for prefecture in children(province.id, year):
        if prefecture.level != "prefecture" or not children(prefecture.id, year):
            continue
        stem = f"{code}_{year}_{prefecture.id}"
        number = int(prefecture.code[:4])
        areas = rng.sample(AREAS, 10)
        docs.append((f"{stem}_measures", prefecture_measures(prefecture, year, rng, number, areas), 0))
        categories = award_categories(areas, PREFECTURE_CATEGORIES, rng)
        docs.append((f"{stem}_awards", *prefecture_award(prefecture, year, rng, number, categories)))
        pair(f"{stem}_awards", f"{stem}_measures", categories)
        if rng.random() < 0.5:
            docs.append((f"{stem}_news", *prefecture_news(prefecture, year, rng)))
            links.append({"rel": "REPORTS_ON", "news": f"{stem}_news", "award": f"{stem}_awards"})
    return docs


@lru_cache(maxsize=1)
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def write_document(out: Path, stem: str, text: str, rng: random.Random) -> Path:
    """Most documents as UTF-8 text; some traditional, some HTML pages, some GB18030 (as found on sites)."""
    if rng.random() < 0.08:
        text = _to_traditional().convert(text)
    roll = rng.random()
    if roll < 0.10:
        body = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
        path = out / f"{stem}.html"
        path.write_text(f"<html><head><meta charset='utf-8'></head><body>\n{body}</body></html>\n", encoding="utf-8")
    elif roll < 0.15:
        path = out / f"{stem}.txt"
        path.write_bytes((text + "\n").encode("gb18030"))
    else:
        path = out / f"{stem}.txt"
        path.write_text(text + "\n", encoding="utf-8")
    return path


def generate(scale: str, seed: int, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    if scale == "sample":
        for stale in out.glob("sample_*"):  # an earlier sample's documents would be served beside this one's
            stale.unlink()
        written = []
        for stem, text in sample_documents(tomllib.loads(SAMPLE_SPEC.read_text(encoding="utf-8"))):
            written.append(out / f"{stem}.txt")
            written[-1].write_text(text + "\n", encoding="utf-8")
        return written
    written, mentions, links = [], 0, []
    for code, year in units(scale, seed):
        rng = random.Random(f"{seed}-{code}-{year}-format")
        for stem, text, n in unit_documents(code, year, seed, links):
            written.append(write_document(out, stem, text, rng))
            mentions += n
    # Links name documents by file stem (the suffix is .txt or .html) and measures by ordinal.
    manifest = {
        "scale": scale,
        "seed": seed,
        "documents": len(written),
        "award_mentions_written": mentions,
        "links": links,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="sample", help="'sample' or a fraction of the national corpus (0-1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    paths = generate(args.scale, args.seed, args.out)
    print(f"wrote {len(paths)} sample documents to {args.out}")


if __name__ == "__main__":
    main()
