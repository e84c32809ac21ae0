"""Tests for loaders.normalise: the simplified, half-width working copy and its map back to the original."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise, to_simplified


def back(original: str, start: int, end: int) -> str:
    n = normalise(original)
    s, e = n.original_span(start, end)
    return original[s:e]


@pytest.mark.parametrize(
    ("original", "working"),
    [
        ("萬州區、黔江區（開發區）", "万州区、黔江区(开发区)"),
        ("（牵头单位：市发展改革委；配合单位：市财政局）", "(牵头单位:市发展改革委;配合单位:市财政局)"),
        ("１０００万元", "1000万元"),
        ("1000 万元", "1000万元"),
        ("2.5 亿元", "2.5亿元"),
        ("２０２３ 年 ９ 月 １９ 日", "2023年9月19日"),
        ("川办函〔2023〕58 号", "川办函〔2023〕58号"),
        ("对 2022 年度落实", "对2022年度落实"),
        ("通  知", "通知"),
        ("第 一 条", "第一条"),
        ("1﹒扩大有效投资", "1.扩大有效投资"),
        ("［2021］", "[2021]"),
        ("\u3000\u3000一、总体要求", "  一、总体要求"),
        ("Hello World 2023", "Hello World 2023"),
        ("5G 网络", "5G 网络"),
    ],
)
def test_working_copy(original: str, working: str) -> None:
    assert normalise(original).text == working


def test_line_endings_become_newlines() -> None:
    n = normalise("一\r\n二\r三\n")
    assert n.text == "一\n二\n三\n"
    assert n.original_span(2, 3) == (3, 4)  # 二 after the dropped \r


def test_script_detection() -> None:
    assert normalise("萬州區、黔江區、城口縣、豐都縣在推進工作中成效明顯").script == "traditional"
    assert normalise("万州区、黔江区、城口县、丰都县在推进工作中成效明显").script == "simplified"
    assert normalise("2023").script == "simplified"


def test_offsets_have_one_extra_entry_for_the_end() -> None:
    original = "关于 2022 年度的通报\r\n"
    n = normalise(original)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(original)
    assert list(n.offsets) == sorted(n.offsets)


def test_original_span_skips_dropped_spaces() -> None:
    original = "决定对 2022 年 9 月 19 日的"
    n = normalise(original)
    start = n.text.index("2022")
    end = n.text.index("日") + 1
    assert n.text[start:end] == "2022年9月19日"
    assert back(original, start, end) == "2022 年 9 月 19 日"


def test_original_span_of_traditional_text() -> None:
    original = "推進工作：萬州區、黔江區。"
    n = normalise(original)
    start = n.text.index("万州区")
    assert back(original, start, start + 3) == "萬州區"
    assert to_simplified(back(original, start, start + 3)) == "万州区"


def test_original_span_of_full_width_text() -> None:
    original = "（牵头单位：市发展改革委）"
    n = normalise(original)
    start = n.text.index("市")
    assert back(original, start, start + 6) == "市发展改革委"


def test_empty_span_maps_to_a_point() -> None:
    n = normalise("一二三")
    assert n.original_span(1, 1) == (1, 1)


def test_conversion_keeps_the_length_line_by_line() -> None:
    original = "萬州區\n乾隆年間\n後來\n"
    assert len(to_simplified(original)) == len(original)
    n = normalise(original)
    assert len(n.text) == len(original)


def test_every_character_maps_back_to_its_counterpart() -> None:
    original = "（一）對 2022 年度落實有關重大政策措施成效明顯的萬州區，給予 1000 萬元獎勵。\r\n"
    n = normalise(original)
    for i, ch in enumerate(n.text):
        o = original[n.offsets[i]]
        if ch == "\n":
            assert o in "\r\n"
        else:
            assert normalise(o).text in (ch, "")  # the same character once simplified and narrowed


# ----- every line break, control characters ----------------------------------------------------------

LINE_BREAKS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\x1c", "\x1d", "\x1e"]
BREAK_IDS = [f"U+{ord(b[0]):04X}{'+LF' if len(b) > 1 else ''}" for b in LINE_BREAKS]


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=BREAK_IDS)
def test_every_unicode_line_break_is_a_newline(brk: str) -> None:
    original = f"一、扩大有效投资{brk}对成效明显的区县{brk}{brk}二、促进消费"
    n = normalise(original)
    assert n.text == "一、扩大有效投资\n对成效明显的区县\n\n二、促进消费"
    start = n.text.index("对")
    assert back(original, start, start + len("对成效明显的区县")) == "对成效明显的区县"
    end = n.text.index("消费") + 2
    assert back(original, n.text.index("二"), end) == "二、促进消费"
    assert n.offsets[-1] == len(original)


def test_control_characters_become_spaces_in_the_working_copy_only() -> None:
    original = "一、扩大\x00有效\x07投资\x7f\x9b。"
    n = normalise(original)
    assert "\x00" not in n.text and "\x07" not in n.text and "\x9b" not in n.text
    assert len(n.text) <= len(original)
    start = n.text.index("投资")
    assert back(original, start, start + 2) == "投资"


def test_offsets_are_compact_machine_integers() -> None:
    n = normalise("萬州區 2022 年\r\n" * 1000)
    assert n.offsets.itemsize == 8  # an array, not a tuple of int objects (36 bytes a character)
    assert list(n.offsets) == sorted(n.offsets)
    assert len(n.offsets) == len(n.text) + 1


def test_stray_spaces_on_a_long_line_after_a_number_are_dropped_except_the_numbering_space() -> None:
    original = "1 扩大 有效投资" + " 2 0 2 2 年" * 500
    n = normalise(original)
    assert n.text.startswith("1 扩大有效投资")
    assert "2022年2022年" in n.text


def test_traditional_text_with_taiwan_phrasing_is_read_back_to_mainland_words() -> None:
    # A repost made with Taiwan phrases writes 資訊 for 信息: the department must come back as 信息化厅.
    assert normalise("(省工業和資訊化廳、省財政廳組織實施)").text == "(省工业和信息化厅、省财政厅组织实施)"
    assert normalise("软体动物研究").text == "软体动物研究"  # simplified text is left as written
