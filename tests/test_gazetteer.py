"""Tests for loaders.gazetteer: codes, short forms, prefixes, scope, years, zones, bases, typos."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from loaders.gazetteer import Gazetteer, load_gazetteer, short_forms

DATA = Path(__file__).resolve().parent.parent / "ontology" / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def resolved_id(gaz: Gazetteer, name: str, **kwargs) -> str | None:
    place = gaz.resolve(name, **kwargs).place
    return place.id if place else None


# ----- the data files ---------------------------------------------------------------------------


def test_gazetteer_csv_has_the_documented_columns_and_a_reasonable_size() -> None:
    path = DATA / "gazetteer.csv"
    with path.open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == ["code", "name", "full_name", "level", "parent_code", "valid_from", "valid_to"]
    assert path.stat().st_size < 3_000_000


def test_periods_do_not_overlap_for_one_code() -> None:
    by_code: dict[str, list[tuple[int, int]]] = {}
    with (DATA / "gazetteer.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            end = int(row["valid_to"]) if row["valid_to"] else 9999
            by_code.setdefault(row["code"], []).append((int(row["valid_from"]), end))
    for code, spans in by_code.items():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end < start, code


def test_zone_ids_are_ascii_and_unique() -> None:
    with (DATA / "zones.csv").open(encoding="utf-8") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() and i.startswith("Z") for i in ids)


# ----- codes and names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("武侯区", "510107"),
        ("荥经县", "511822"),
        ("石柱土家族自治县", "500240"),
        ("成都市", "510100"),
        ("重庆市", "500000"),
        ("长沙市", "430100"),
    ],
)
def test_official_names_give_their_codes(gaz: Gazetteer, name: str, code: str) -> None:
    resolution = gaz.resolve(name)
    assert resolution.how == "exact"
    assert resolution.place is not None and resolution.place.code == code


def test_place_fields(gaz: Gazetteer) -> None:
    place = gaz.get("510107")
    assert place is not None
    assert (place.name, place.full_name, place.level, place.parent_id) == (
        "武侯区",
        "四川省成都市武侯区",
        "county",
        "510100",
    )
    assert [p.id for p in gaz.ancestors("510107")] == ["510100", "510000"]


def test_municipality_districts_hang_under_the_municipality(gaz: Gazetteer) -> None:
    place = gaz.get("500151")
    assert place is not None and place.parent_id == "500000" and place.full_name == "重庆市铜梁区"


def test_children_by_year(gaz: Gazetteer) -> None:
    names_2024 = {p.name for p in gaz.children("500000", 2024) if p.level == "county"}
    names_2025 = {p.name for p in gaz.children("500000", 2025) if p.level == "county"}
    assert {"江北区", "渝北区"} <= names_2024 and "两江新区" not in names_2024
    assert "两江新区" in names_2025 and not {"江北区", "渝北区"} & names_2025
    zones_2024 = {p.id for p in gaz.children("500000", 2024) if p.level == "zone"}
    assert "Z500000-liangjiang" in zones_2024
    assert "Z500000-liangjiang" not in {p.id for p in gaz.children("500000", 2025)}


# ----- short forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("石柱县", "500240"),
        ("彭水县", "500243"),
        ("酉阳县", "500242"),
        ("秀山县", "500241"),
        ("甘孜州", "513300"),
        ("凉山州", "513400"),
        ("阿坝州", "513200"),
        ("北川县", "510726"),  # 北川羌族自治县: one ethnic name
        ("张家川县", "620525"),  # three-character stem before 回族
        ("积石山县", "622927"),  # three ethnic names
        ("伊犁州", "654000"),  # ethnic name written without 族
        ("恩施自治州", "422800"),  # 自治 kept
    ],
)
def test_short_forms_of_autonomous_divisions(gaz: Gazetteer, name: str, code: str) -> None:
    resolution = gaz.resolve(name)
    assert resolution.how == "short_form"
    assert resolution.place is not None and resolution.place.code == code


def test_short_forms_rule_is_general() -> None:
    assert "石柱县" in short_forms("石柱土家族自治县")
    assert "黔东南州" in short_forms("黔东南苗族侗族自治州")
    assert "黔东南自治州" in short_forms("黔东南苗族侗族自治州")  # the ethnic names dropped, 自治 kept
    assert short_forms("武侯区") == set()


def test_no_short_form_makes_two_current_places_ambiguous(gaz: Gazetteer) -> None:
    for place in gaz.all_places():
        if place.valid_to is None and place.level == "county":
            for form in short_forms(place.name):
                resolution = gaz.resolve(form, year=2024)
                assert resolution.how != "ambiguous", (form, resolution.candidates)


def test_an_official_name_beats_a_short_form(gaz: Gazetteer) -> None:
    # 石柱县 was the official name until 1981; in 1981 it means that county, not the later autonomous one.
    place = gaz.resolve("石柱县", year=1981).place
    assert place is not None and place.name == "石柱县" and place.code == "512724"


# ----- prefixes and scope -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("成都市武侯区", "510107"),
        ("四川省成都市", "510100"),
        ("四川省成都市郫都区", "510117"),
        ("甘孜州稻城县", "513337"),
        ("攀枝花市东区", "510402"),
        ("重庆市江北区", "500105"),
        ("宁波市江北区", "330205"),
        ("凉山州西昌市", "513401"),
        ("长沙市浏阳市", "430181"),
    ],
)
def test_prefixed_names(gaz: Gazetteer, name: str, code: str) -> None:
    resolution = gaz.resolve(name)
    assert resolution.how == "prefixed"
    assert resolution.place is not None and resolution.place.code == code


def test_a_name_in_two_provinces_is_ambiguous_without_scope(gaz: Gazetteer) -> None:
    resolution = gaz.resolve("江北区", year=2020)
    assert resolution.how == "ambiguous" and resolution.place is None
    assert {p.code for p in resolution.candidates} == {"500105", "330205"}


def test_within_picks_the_one_inside(gaz: Gazetteer) -> None:
    assert resolved_id(gaz, "江北区", within="500000") == "500105"
    assert resolved_id(gaz, "江北区", within="330200") == "330205"
    assert resolved_id(gaz, "东区", within="510000") == "510402"
    assert gaz.resolve("武侯区", within="500000").how == "unresolved"


# ----- years ------------------------------------------------------------------------------------


def test_county_became_district(gaz: Gazetteer) -> None:
    assert resolved_id(gaz, "铜梁县", year=2010) == "500224"
    assert resolved_id(gaz, "铜梁区", year=2015) == "500151"
    assert gaz.resolve("铜梁区", year=2010).how == "unresolved"
    late = gaz.resolve("铜梁县", year=2016)
    assert late.how == "unresolved" and "500224" in {p.id for p in late.candidates}


def test_without_year_the_latest_period_of_a_name_wins(gaz: Gazetteer) -> None:
    # 铜梁县 had four codes over time; the last one (1997–2013) is meant.
    assert resolved_id(gaz, "铜梁县") == "500224"


def test_reused_code_keeps_each_name(gaz: Gazetteer) -> None:
    assert resolved_id(gaz, "万州区") == "500101"
    old = gaz.resolve("万县区").place
    assert old is not None and old.code == "500101" and old.id == "500101@1997"


def test_2025_liangjiang_merger(gaz: Gazetteer) -> None:
    assert resolved_id(gaz, "渝北区", year=2020) == "500112"
    merged = gaz.resolve("渝北区", year=2025)
    assert merged.place is None and merged.how == "unresolved"
    assert merged.candidates[0].code == "500157"
    assert resolved_id(gaz, "两江新区", year=2025) == "500157"
    assert resolved_id(gaz, "两江新区", year=2022) == "Z500000-liangjiang"
    assert gaz.get("500105").valid_to == 2024


# ----- zones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "zone_id"),
    [
        ("重庆高新区", "Z500000-gaoxin"),
        ("西部(重庆)科学城", "Z500000-gaoxin"),
        ("西部（重庆）科学城", "Z500000-gaoxin"),
        ("重庆经济技术开发区", "Z500000-jingkai"),
        ("万盛经开区", "Z500000-wansheng"),
        ("天府新区", "Z510000-tianfu"),
        ("成都高新区", "Z510100-gaoxin"),
        ("成都市高新区", "Z510100-gaoxin"),
        ("湘江新区", "Z430100-xiangjiang"),
    ],
)
def test_curated_zones(gaz: Gazetteer, name: str, zone_id: str) -> None:
    resolution = gaz.resolve(name, year=2023)
    assert resolution.how == "zone"
    assert resolution.place is not None and resolution.place.id == zone_id
    assert resolution.place.level == "zone"


def test_zone_local_name_inside_its_parent(gaz: Gazetteer) -> None:
    assert resolved_id(gaz, "高新区", within="510100") == "Z510100-gaoxin"
    assert resolved_id(gaz, "高新区", within="430100") == "Z430100-gaoxin"


def test_unlisted_zone_gets_a_derived_id_and_parent(gaz: Gazetteer) -> None:
    first = gaz.resolve("乐山市化工循环产业园区")
    assert first.how == "zone" and first.place is not None
    zone = first.place
    assert zone.id.startswith("Z") and len(zone.id) == 11 and zone.id.isascii()
    assert zone.parent_id == "511100"
    assert gaz.get(zone.id) == zone
    # the same zone written inside its city's scope gets the same id
    assert resolved_id(gaz, "化工循环产业园区", within="511100") == zone.id


def test_unlisted_zone_parent_from_city_stem(gaz: Gazetteer) -> None:
    zone = gaz.resolve("达州高新技术产业园区").place
    assert zone is not None and zone.parent_id == "511700"


# ----- bases ------------------------------------------------------------------------------------


def test_base_under_a_city(gaz: Gazetteer) -> None:
    resolution = gaz.resolve("德阳市国家级外贸转型升级基地(装备制造)")
    assert resolution.how == "base" and resolution.place is not None
    base = resolution.place
    assert base.level == "base" and base.id.startswith("B") and base.parent_id == "510600"
    assert gaz.get(base.id) == base
    assert resolved_id(gaz, "德阳市国家级外贸转型升级基地（装备制造）") == base.id


def test_base_under_a_zone(gaz: Gazetteer) -> None:
    base = gaz.resolve("成都高新区省级外贸转型升级基地(电子信息)").place
    assert base is not None and base.parent_id == "Z510100-gaoxin"
    unlisted = gaz.resolve("泸州航空产业园区省级外贸转型升级基地(航空装备)").place
    assert unlisted is not None
    parent = gaz.get(unlisted.parent_id or "")
    assert parent is not None and parent.level == "zone" and parent.parent_id == "510500"


def test_different_bases_get_different_ids(gaz: Gazetteer) -> None:
    a = gaz.resolve("绵阳市国家级外贸转型升级基地(电子信息)").place
    b = gaz.resolve("绵阳市国家级外贸转型升级基地(汽车零部件)").place
    assert a is not None and b is not None and a.id != b.id


# ----- typos, non-names, traditional script -----------------------------------------------------


def test_typo_suggestion(gaz: Gazetteer) -> None:
    assert gaz.resolve("雅安市荣经县").how == "unresolved"
    suggestion = gaz.suggest("雅安市荣经县", within=None)
    assert suggestion is not None and suggestion.code == "511822"
    assert gaz.suggest("荣经县", within="511800", year=2023) == suggestion
    assert gaz.suggest("武候区", within="510100") == gaz.get("510107")


def test_no_suggestion_when_nothing_or_several_fit(gaz: Gazetteer) -> None:
    assert gaz.suggest("荣经县", within="510100") is None
    assert gaz.suggest("某某县", within="511800") is None
    assert gaz.suggest("荣经县", within=None) is None  # no prefix to search in


def test_non_names_are_unresolved(gaz: Gazetteer) -> None:
    assert gaz.resolve("").how == "unresolved"
    assert gaz.resolve("市发展改革委").how == "unresolved"


def test_traditional_characters_are_the_callers_job(gaz: Gazetteer) -> None:
    assert gaz.resolve("銅梁區", year=2020).how == "unresolved"
    assert resolved_id(gaz, "铜梁区", year=2020) == "500151"


def test_loader_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_an_official_name_beats_a_short_form_valid_the_same_year() -> None:
    def division(code: str, name: str, parent: str = "") -> dict[str, str]:
        level = "province" if not parent else "county"
        return {
            "code": code,
            "name": name,
            "full_name": name,
            "level": level,
            "parent_code": parent,
            "valid_from": "2000",
            "valid_to": "",
        }

    small = Gazetteer(
        divisions=[
            division("990000", "甲省"),
            division("990101", "乙丙县", "990000"),
            division("990102", "乙丙苗族自治县", "990000"),
        ],
        zones=[],
        changes=[],
    )
    assert small.resolve("乙丙县").place == small.get("990101")
    assert small.resolve("乙丙县").how == "exact"


@pytest.mark.parametrize(
    ("name", "code"),
    [("上海浦东新区", "310115"), ("天津滨海新区", "120116"), ("成都武侯区", "510107"), ("广州南沙区", "440115")],
)
def test_a_province_or_prefecture_stem_prefixes_a_listed_place(gaz: Gazetteer, name: str, code: str) -> None:
    assert resolved_id(gaz, name) == code


def test_a_stem_prefix_does_not_turn_an_unknown_zone_into_a_division(gaz: Gazetteer) -> None:
    result = gaz.resolve("宁波杭州湾新区")
    assert result.how == "zone" and result.place.level == "zone"


@pytest.mark.parametrize(
    ("name", "zone_id"),
    [
        ("武汉东湖新技术开发区", "Z420100-donghu"),
        ("贵州贵安新区", "Z520000-guian"),
        ("郑州航空港区", "Z410100-hangkonggang"),
    ],
)
def test_curated_zones_added_for_the_evaluation_set(gaz: Gazetteer, name: str, zone_id: str) -> None:
    assert resolved_id(gaz, name) == zone_id


def test_the_level_a_name_says() -> None:
    from loaders.gazetteer import level_of_name

    assert [level_of_name(n) for n in ("某某县", "某某区", "某某高新区", "某某镇", "某某社区", "某某盟", "某某市")] == [
        "county",
        "county",
        "zone",
        "township",
        "village",
        "prefecture",
        None,  # a prefecture or a county-level city
    ]


def test_may_be_listed_never_turns_away_a_name_that_resolves_to_a_listed_place(gaz: Gazetteer) -> None:
    # Official names, short forms, prefixed names, zones and a zone by its local name under its city's prefix.
    names = ["成都市武侯区", "四川省成都市郫都区", "甘孜州稻城县", "湘西自治州", "石柱县", "成都高新区", "成都市高新区"]
    names += [place.name for place in itertools.islice(gaz.all_places(), 0, None, 97)]
    for name in names:
        resolution = gaz.resolve(name)
        if resolution.how == "ambiguous" or (resolution.place is not None and gaz.is_listed(resolution.place)):
            assert gaz.may_be_listed(name), name


def test_may_be_listed_turns_away_sentences_that_no_name_ends(gaz: Gazetteer) -> None:
    for text in ["北京市政府办公厅通报表扬", "海淀区在推进知识产权保护方面成效明显", "荣经县"]:
        assert not gaz.may_be_listed(text)
        resolution = gaz.resolve(text)
        assert resolution.place is None or not gaz.is_listed(resolution.place)


@pytest.mark.parametrize("bare_first", [True, False])
def test_a_derived_town_is_named_by_itself_whichever_spelling_comes_first(bare_first: bool) -> None:
    """A town is derived once per process (the API parses many documents): written with its county or alone
    under the county's scope, it is one place named with its county, not by the first spelling."""
    fresh = Gazetteer(
        divisions=list(csv.DictReader((DATA / "gazetteer.csv").open(encoding="utf-8"))),
        zones=[],
        changes=[],
    )
    county = fresh.resolve("醴陵市").place
    spellings = [("石门口镇", county.id), ("醴陵市石门口镇", None)]
    places = [
        fresh.resolve(name, within=within).place for name, within in (spellings if bare_first else spellings[::-1])
    ]
    assert places[0] is places[1]
    assert places[0].name == "醴陵市石门口镇" and places[0].level == "township" and places[0].parent_id == county.id
