"""Tests for department name handling: prefixes, canonical names, abbreviation expansion and ids."""

from __future__ import annotations

import csv
import re

import pytest

from loaders.departments import (
    ALIASES_PATH,
    canonical_body,
    canonical_name,
    department_id,
    expand_abbreviated,
    is_central,
    load_aliases,
    split_prefix,
)

# --- the alias data ---------------------------------------------------------------------------------


def _rows() -> list[dict[str, str]]:
    with ALIASES_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_alias_table_shape():
    rows = _rows()
    assert set(rows[0]) >= {"canonical", "alias"}
    real_aliases = [row for row in rows if row["alias"] != row["canonical"]]
    assert len(real_aliases) >= 60
    aliases = [row["alias"] for row in rows]
    assert len(aliases) == len(set(aliases)), "an alias must point to one canonical name"
    for row in rows:
        assert row["canonical"] and row["alias"]
        assert row.get("scope", "") in ("", "central")
        # Generic names: no jurisdiction prefix stored in the table.
        assert not re.match(r"^(?:省|市|区|县)(?!场|政|域)", row["alias"]), row


def test_aliases_resolve_to_canonical_names_that_are_not_aliases_of_something_else():
    table = load_aliases()
    for alias, canonical in table.canonical_of.items():
        assert table.canonical_of[canonical] == canonical, alias


# --- split_prefix -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("市发展改革委", ("市", "发展改革委")),
        ("省人民政府办公厅", ("省", "人民政府办公厅")),
        ("财政厅", ("", "财政厅")),
        ("区住建委", ("区", "住建委")),
        ("县人社局", ("县", "人社局")),
        ("州农业农村局", ("州", "农业农村局")),
        ("自治区生态环境厅", ("自治区", "生态环境厅")),
        ("重庆市卫生健康委", ("重庆市", "卫生健康委")),
        ("湖南省发展改革委", ("湖南省", "发展改革委")),
        ("广州市规划和自然资源局", ("广州市", "规划和自然资源局")),
        ("成都市武侯区教育局", ("成都市武侯区", "教育局")),
        ("甘孜州文旅局", ("甘孜州", "文旅局")),
        ("广西壮族自治区商务厅", ("广西壮族自治区", "商务厅")),
        ("国家发展改革委", ("国家", "发展改革委")),
        ("国务院办公厅", ("", "国务院办公厅")),
    ],
)
def test_split_prefix(name, expected):
    assert split_prefix(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 市 starting a department word is not a prefix.
        ("市场监管局", ("", "市场监管局")),
        ("市市场监管局", ("市", "市场监管局")),
        ("杭州市市场监管局", ("杭州市", "市场监管局")),
        ("城市管理局", ("", "城市管理局")),
        ("市城市管理局", ("市", "城市管理局")),
        ("市政园林处", ("", "市政园林处")),
        # Departments missing from the table still split on the shape of the prefix.
        ("市政府电子政务中心", ("市", "政府电子政务中心")),
        ("深圳市城市更新和土地整备局", ("深圳市", "城市更新和土地整备局")),
        ("郑州市金水区数据局", ("郑州市金水区", "数据局")),
        ("省委组织部", ("省", "委组织部")),
        ("  市 发展改革委 ", ("市", "发展改革委")),
        ("", ("", "")),
    ],
)
def test_split_prefix_edge_cases(name, expected):
    assert split_prefix(name) == expected


# --- canonical_name ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("市发展改革委", "市发展和改革委员会"),
        ("发改委", "发展和改革委员会"),
        ("区人力社保局", "区人力资源和社会保障局"),
        ("省人社厅", "省人力资源和社会保障厅"),
        ("市经济信息委", "市经济和信息化委员会"),
        ("市住房城乡建委", "市住房和城乡建设委员会"),
        ("省工业和信息化厅", "省工业和信息化厅"),
        ("市市场监管局", "市市场监督管理局"),
        ("市卫健委", "市卫生健康委员会"),
        ("市规划自然资源局", "市规划和自然资源局"),
        ("市农业农村委", "市农业农村委员会"),
        ("县医保局", "县医疗保障局"),
        ("市金融监管局", "市地方金融监督管理局"),
        ("省政府办公厅", "省人民政府办公厅"),
        ("南京市政府", "南京市人民政府"),
        ("国家卫生健康委", "国家卫生健康委员会"),
        ("市场监管总局", "市场监督管理总局"),
        ("人社部", "人力资源和社会保障部"),
        ("市某某专项工作领导小组办公室", "市某某专项工作领导小组办公室"),
    ],
)
def test_canonical_name(name, expected):
    assert canonical_name(name) == expected


def test_canonical_body_is_idempotent():
    for body in ("发展改革委", "卫健委", "人民政府办公厅", "不在表里的局"):
        once = canonical_body(body)
        assert canonical_body(once) == once


# --- expand_abbreviated -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["市发展改革委", "财政局"], ["市发展改革委", "市财政局"]),
        (["省政府办公厅", "财政厅"], ["省政府办公厅", "省财政厅"]),
        (["区教育局", "财政局", "人社局"], ["区教育局", "区财政局", "区人社局"]),
        (["市水务局", "市发展改革委", "财政局"], ["市水务局", "市发展改革委", "市财政局"]),
        # A name with its own prefix keeps it.
        (["市商务局", "区财政局"], ["市商务局", "区财政局"]),
        (["西安市科技局", "市场监管局"], ["西安市科技局", "西安市市场监管局"]),
        # Nothing to inherit when the first name has no prefix.
        (["财政厅", "教育厅"], ["财政厅", "教育厅"]),
        # National organs never take a local prefix.
        (
            ["市金融监管局", "人民银行某某中心支行", "证监会"],
            ["市金融监管局", "人民银行某某中心支行", "证监会"],
        ),
        (["国家发展改革委", "财政部", "统计局"], ["国家发展改革委", "财政部", "国家统计局"]),
        ([], []),
        (["市应急局"], ["市应急局"]),
    ],
)
def test_expand_abbreviated(names, expected):
    assert expand_abbreviated(names) == expected


def test_is_central():
    assert is_central("财政部")
    assert is_central("人行某某中心支行")
    assert is_central("国务院办公厅")
    assert not is_central("财政厅")
    assert not is_central("市发展改革委")


# --- department_id ----------------------------------------------------------------------------------


def test_department_id_is_stable_ascii_and_scoped():
    city = department_id("市发展和改革委员会", "500000")
    assert re.fullmatch(r"500000-[0-9a-f]{10}", city)
    assert city == department_id("市发展和改革委员会", "500000")
    # Same department written with a named prefix or an alias in the same jurisdiction: same id.
    assert city == department_id("重庆市发展和改革委员会", "500000")
    assert city == department_id("市发展改革委", "500000")
    # Another jurisdiction's department of the same name is another node.
    assert department_id("市发展和改革委员会", "440100") != city
    # Another department in the same jurisdiction differs too.
    assert department_id("市财政局", "500000") != city
    assert department_id("财政厅", None).startswith("unknown-")
    assert department_id("财政厅", None).isascii()


def test_shi_zheng_wu_is_the_generic_prefix_and_a_body() -> None:
    # 市政务服务… is 市 + 政务服务…; 市政工程… (municipal works) has no prefix
    assert split_prefix("市政务服务和大数据管理局") == ("市", "政务服务和大数据管理局")
    assert expand_abbreviated(["区发展改革委", "市政务服务管理局"]) == ["区发展改革委", "市政务服务管理局"]
    assert split_prefix("市政工程管理处") == ("", "市政工程管理处")
