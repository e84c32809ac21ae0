"""Tests for loaders.parse.money: amounts as integer yuan, and whether they are per recipient."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.parse.money import AMOUNT, find_amounts


def amounts(original: str) -> list[tuple[int, bool]]:
    text = normalise(original).text
    found = find_amounts(text)
    for a in found:
        assert text[a.end - 1] == "元"
    return [(a.yuan, a.per_recipient) for a in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("给予1000万元激励支持。", [(10_000_000, False)]),
        ("给予1000 万元激励支持。", [(10_000_000, False)]),
        ("给予１０００万元激励支持。", [(10_000_000, False)]),
        ("给予１０００ 萬元激勵支持。", [(10_000_000, False)]),
        ("安排2.5亿元专项资金。", [(250_000_000, False)]),
        ("安排2.5 亿元专项资金。", [(250_000_000, False)]),
        ("奖励资金500元。", [(500, False)]),
        ("奖励3千元。", [(3_000, False)]),
        ("安排1,000万元。", [(10_000_000, False)]),
        ("安排1,234,567元。", [(1_234_567, False)]),
        ("奖补1.15万元。", [(11_500, False)]),
        ("每项500万元。", [(5_000_000, True)]),
        ("每项奖励不超过500万元。", [(5_000_000, True)]),
        ("每个地方200万元。", [(2_000_000, True)]),
        ("对上述地方各给予 1000 万元激励支持。", [(10_000_000, True)]),
        ("对上述地方分别奖励50万元。", [(500_000, True)]),
        ("按照每个区县300万元的标准安排。", [(3_000_000, True)]),
        ("共安排资金1.2亿元，每个区县300万元。", [(120_000_000, False), (3_000_000, True)]),
        ("给予2000万元，其中每个县100万元。", [(20_000_000, False), (1_000_000, True)]),
        ("对成效明显的区县在项目安排上予以倾斜。", []),
        ("增加1个项目申报名额。", []),
        ("2023年对上述地方予以支持。", []),
    ],
)
def test_amounts(text: str, expected: list[tuple[int, bool]]) -> None:
    assert amounts(text) == expected


def test_per_recipient_cue_does_not_reach_across_a_sentence() -> None:
    assert amounts("每个区县要加强统筹。另安排1000万元用于奖励。") == [(10_000_000, False)]


def test_offsets_cover_the_amount() -> None:
    text = normalise("对上述地方各给予1000万元激励支持。").text
    (a,) = find_amounts(text)
    assert text[a.start : a.end] == "1000万元"


def test_the_basis_of_an_amount_says_whom_it_is_for() -> None:
    bases = [a.basis for a in find_amounts("每项奖励40万元;每个地方给予200万元;每家企业10万元;共安排5000万元")]
    assert bases == ["per_item", "per_locality", "each", "total"]


@pytest.mark.parametrize(
    "text",
    [
        "安排1,000.5万元、2.5亿元和300元,另有5千万元、万元、,元、12.元、1.2.3万元。",
        "2023年500万人,共3.5亿元;第1,2项各100万元",
        "元元1元 12千元1万1元 ٣٤元 1,23元 1,234,5元 .5元 9.元",
    ],
)
def test_amounts_are_the_matches_of_the_amount_pattern(text: str) -> None:
    """Amounts are found from each 元 back to its number: the same matches as AMOUNT over the whole text."""
    assert [(a.start, a.end) for a in find_amounts(text)] == [m.span() for m in AMOUNT.finditer(text)]
