"""Make the working copy of a text (simplified, half-width, no stray spaces) with a map back to the original."""

from __future__ import annotations

import heapq
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import opencc


@dataclass(frozen=True, eq=False)
class NormalisedText:
    text: str
    # offsets[i] = index in the original of text[i]; one extra entry for the end. An array of machine
    # integers (4 or 8 bytes each): a tuple of ints took 36 bytes per character, 700 MB for 20 MB of text.
    offsets: Sequence[int]
    script: str  # 'traditional' when the original was mostly traditional characters

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the working copy to the original text."""
        if end <= start:
            return (self.offsets[start], self.offsets[start])
        return (self.offsets[start], self.offsets[end - 1] + 1)


@lru_cache(maxsize=2)
def _converter(config: str = "t2s") -> opencc.OpenCC:
    return opencc.OpenCC(config)


# Traditional reposts of mainland news are mostly made with Taiwan phrasing (信息 → 資訊, 网络 → 網路), so a
# traditional text is read back with Taiwan phrases (資訊化廳 → 信息化厅); plain t2s would leave 资讯化厅, which
# names no department. Only for texts found traditional: on simplified text the phrase table would turn
# words that are right there (软体动物) into Taiwan-to-mainland "corrections".
TRADITIONAL_PHRASES = "tw2sp"


# Every line break Unicode and str.splitlines know; in the working copy each is \n (\r\n is one break).
LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BREAKS = {ord(c): 0x0A for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
# Other control characters (NUL, C1 controls) carry no text: a space keeps the length, so offsets hold,
# and nothing downstream (OpenCC, the stores) sees them.
_CONTROLS = {cp: 0x20 for cp in (*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1C), 0x1F, *range(0x7F, 0xA0))}
_CONTROLS = {cp: to for cp, to in _CONTROLS.items() if cp not in _BREAKS}
# Full-width ASCII forms (！ to ～) map to ASCII by a fixed offset; the ideographic space to a plain space.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFE52: 0x2E, 0xA0: 0x20} | _BREAKS
_CJK = r"\u4e00-\u9fff"
# A space is stray when it sits between two CJK characters or digits, with a digit on at least one side,
# or between two CJK characters ("通  知"): such spaces are layout, never meaning.
# Written space first, then the look-behind: a pattern opening with a look-behind is tried at every position of the
# text (slow); one opening with a character class is found by a fast scan (the same matches).
_STRAY_SPACE = re.compile(rf"[ \t](?<=[0-9{_CJK}][ \t])[ \t]*(?=[0-9{_CJK}])")
_NUMBER = re.compile(r"\d{1,3}")
_INDENT = re.compile(r"[ \t]*")
_CRLF = re.compile("\r\n")
_CJK_CHAR = re.compile(f"[{_CJK}]")
# Reading aids some sites put after characters, 发(fā)展: pinyin with a tone mark in brackets right after a
# CJK character. They are not text: the working copy leaves them out (the original keeps them).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(rf"\((?<=[{_CJK}]\()(?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")


class _CharMap:
    """str.translate with a dict looks every character up (~100 ns each: a fifth of reading a file), but only a few
    characters change; a character class finds those and only they are looked up. Same result as translate."""

    def __init__(self, table: dict[int, int]):
        self._table = table
        self._chars = {chr(k): chr(v) for k, v in table.items()}
        self._pattern = re.compile("[" + "".join(map(re.escape, self._chars)) + "]")

    def __call__(self, text: str) -> str:
        if not self._pattern.search(text):
            return text
        found = self._pattern.subn("", text)[1]  # a count without a list of the characters found
        if found * 4 > len(text):  # mostly such characters: translate is cheaper than a call per character
            return text.translate(self._table)
        return self._pattern.sub(lambda m: self._chars[m.group()], text)


_without_controls = _CharMap(_CONTROLS)
_to_half_width = _CharMap(_WIDTH)


def to_simplified(text: str, config: str = "t2s") -> str:
    """Convert traditional to simplified characters, keeping the length so offsets stay aligned."""
    converted = _converter(config).convert(text)
    if len(converted) == len(text):
        return converted
    # OpenCC phrase rules can change length; fall back to per-character conversion for the lines affected.
    out = []
    for line in text.splitlines(keepends=True):
        conv = _converter(config).convert(line)
        if len(conv) != len(line):
            conv = "".join(_simplified_char(ch) for ch in line)
        out.append(conv)
    return "".join(out)


@lru_cache(maxsize=65536)  # a document uses a few thousand distinct characters
def _simplified_char(ch: str) -> str:
    converted = _converter().convert(ch)
    return converted if len(converted) == 1 else ch


def normalise(original: str) -> NormalisedText:
    plain = _without_controls(original)
    simplified = to_simplified(plain)
    script = _detect_script(plain, simplified)
    if script == "traditional":
        simplified = to_simplified(plain, TRADITIONAL_PHRASES)
    # \r\n becomes \n, and every other line break a \n: every line ends the same way for the parsers.
    chars = _to_half_width(simplified)
    drops = heapq.merge(
        ((m.start(), m.start() + 1) for m in _CRLF.finditer(simplified)),
        _stray_spaces(chars),
        ((m.start(), m.end()) for m in _PINYIN.finditer(chars)),
    )
    return _drop(chars, drops, len(original), script)


def _indent_end(chars: str, line_start: int) -> int:
    """Where a line's text starts after its indent (the pattern matches everywhere, possibly empty)."""
    match = _INDENT.match(chars, line_start)
    return match.end() if match else line_start


def _stray_spaces(chars: str) -> Iterator[tuple[int, int]]:
    """[start, end) of the stray spaces, in order, except the space after a line's own number ("1 扩大有效
    投资"), which separates the numbering. Line starts are found going forward, so this stays linear."""
    lead_end = _indent_end(chars, 0)  # where the current line's text starts
    scanned = 0
    for match in _STRAY_SPACE.finditer(chars):
        newline = chars.rfind("\n", scanned, match.start())
        scanned = match.start()
        if newline >= 0:
            lead_end = _indent_end(chars, newline + 1)
        if match.start() - lead_end <= 3 and _NUMBER.fullmatch(chars, lead_end, match.start()):
            continue
        yield match.start(), match.end()


def _drop(chars: str, drops: Iterator[tuple[int, int]], original_length: int, script: str) -> NormalisedText:
    """The text without the dropped [start, end) ranges, and the offsets of what is kept."""
    kept_text: list[str] = []
    offsets = array("q")
    counting = _counting(len(chars))
    pos = 0
    for start, end in drops:
        kept_text.append(chars[pos:start])
        offsets.extend(counting[pos:start])
        pos = end
    if pos == 0:
        offsets.extend(counting[: len(chars)])
        text = chars
    else:
        kept_text.append(chars[pos:])
        offsets.extend(counting[pos : len(chars)])
        text = "".join(kept_text)
    offsets.append(original_length)
    return NormalisedText(text=text, offsets=offsets, script=script)


_COUNTING = array("q")  # 0, 1, 2, …: the offsets of kept characters are slices of it (copied, not counted out)


def _counting(end: int) -> array:
    """_COUNTING up to at least `end` (grown to the longest text seen, at most the text limit)."""
    if len(_COUNTING) < end:
        _COUNTING.extend(range(len(_COUNTING), max(end, 2 * len(_COUNTING))))
    return _COUNTING


def _detect_script(original: str, simplified: str) -> str:
    if original == simplified:
        return "simplified"
    cjk = _CJK_CHAR.subn("", original)[1]
    changed = sum(1 for a, b in zip(original, simplified) if a != b)
    return "traditional" if cjk and changed / cjk > 0.05 else "simplified"
