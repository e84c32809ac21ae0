"""One vocabulary of the words that end place names (loaders/data/place_words.toml)."""

from __future__ import annotations

import re

from loaders import place_words
from loaders.gazetteer import level_of_name
from loaders.parse.awards import _PLACE, _PREFIX


def test_every_level_word_ends_in_a_level_ending() -> None:
    assert place_words.LEVEL_ENDINGS == frozenset("省市州盟区县旗")
    assert all(word[-1] in place_words.LEVEL_ENDINGS for word in place_words.AUTONOMOUS + place_words.CARRIED)


def test_an_alternation_puts_a_longer_word_before_the_word_it_ends_with() -> None:
    words = place_words.alternation(place_words.LEVEL, place_words.AUTONOMOUS).split("|")
    assert words.index("自治区") < words.index("区") and words.index("特别行政区") < words.index("区")
    assert re.fullmatch(place_words.alternation(place_words.TOWNSHIP), "街道")


def test_the_readers_take_their_words_from_the_vocabulary() -> None:
    assert all(_PLACE.fullmatch(name) for name in ("石柱土家族自治县", "成都高新区", "南繁基地(种业)"))
    assert not _PLACE.fullmatch("成都")
    assert _PREFIX.match("四川省成都市双流区")["prefix"] == "四川省成都市"


def test_level_of_name_reads_the_last_word() -> None:
    assert level_of_name("荣经县") == "county"
    assert level_of_name("甘孜州") == "prefecture"
    assert level_of_name("某某高新区") == "zone"
    assert level_of_name("某某市") is None  # a prefecture or a county-level city
