"""Make the working copy of a text (simplified, half-width, no stray spaces) with a map back to the original."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import opencc


@dataclass(frozen=True)
class NormalisedText:
    text: str
    offsets: tuple[int, ...]  # offsets[i] = index in the original of text[i]; one extra entry for the end
    script: str  # 'traditional' when the original was mostly traditional characters

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the working copy to the original text."""
        if end <= start:
            return (self.offsets[start], self.offsets[start])
        return (self.offsets[start], self.offsets[end - 1] + 1)


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Full-width ASCII forms (！ to ～) map to ASCII by a fixed offset; the ideographic space to a plain space.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFE52: 0x2E, 0xA0: 0x20}
_CJK = r"\u4e00-\u9fff"
# A space is stray when it sits between two CJK characters or digits, with a digit on at least one side,
# or between two CJK characters ("通  知"): such spaces are layout, never meaning.
_STRAY_SPACE = re.compile(rf"(?<=[0-9])[ \t]+(?=[0-9{_CJK}])|(?<=[{_CJK}])[ \t]+(?=[0-9{_CJK}])")

_NUMBERING_SPACE = re.compile(r"[ \t]*\d{1,3}")
_CRLF = re.compile("\r\n")
_CJK_CHAR = re.compile(f"[{_CJK}]")


def to_simplified(text: str) -> str:
    """Convert traditional to simplified characters, keeping the length so offsets stay aligned."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    # OpenCC phrase rules can change length; fall back to per-character conversion for the lines affected.
    out = []
    for line in text.splitlines(keepends=True):
        conv = _converter().convert(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := _converter().convert(ch)) == 1 else ch for ch in line)
        out.append(conv)
    return "".join(out)


def normalise(original: str) -> NormalisedText:
    simplified = to_simplified(original)
    script = _detect_script(original, simplified)
    chars = simplified.translate(_WIDTH)
    # Indexes of characters to drop, usually none: building a keep-flag per character cost more than the
    # rest of normalising.
    dropped: set[int] = set()
    if "\r" in chars:
        # \r\n becomes \n and a lone \r a line break: every line ends the same way for the parsers.
        dropped.update(m.start() for m in _CRLF.finditer(chars))
        chars = chars.replace("\r", "\n")
    for match in _STRAY_SPACE.finditer(chars):
        line_start = chars.rfind("\n", 0, match.start()) + 1
        if _NUMBERING_SPACE.fullmatch(chars, line_start, match.start()):
            continue  # "1 扩大有效投资": the space after a line's own number separates the numbering
        dropped.update(range(match.start(), match.end()))
    if not dropped:
        return NormalisedText(text=chars, offsets=(*range(len(chars)), len(original)), script=script)
    kept = [i for i in range(len(chars)) if i not in dropped]
    text = "".join([chars[i] for i in kept])
    return NormalisedText(text=text, offsets=tuple(kept) + (len(original),), script=script)


def _detect_script(original: str, simplified: str) -> str:
    if original == simplified:
        return "simplified"
    cjk = len(_CJK_CHAR.findall(original))
    changed = sum(1 for a, b in zip(original, simplified) if a != b)
    return "traditional" if cjk and changed / cjk > 0.05 else "simplified"
