"""Put back the line breaks a flattened page lost, so that layout readers see items on lines of their own.

A page copied without its blocks (HTML run together, a repost in one paragraph) holds a whole notice on one
line: 通知如下: 一、激励措施 1﹒扩大有效投资。…(牵头单位:市发展改革委) 2﹒促进消费…. In a line longer than a
paragraph, a numbering marker that follows the end of a sentence, a colon or a bracket starts a new line, and
so does an addressee (各区县人民政府,…:) and what follows its colon. Offsets still lead to the original: an
added line break maps to the position of the character after it."""

from __future__ import annotations

import re

from loaders.normalise import NormalisedText

LONG_LINE = 400  # characters: longer than any paragraph of a well-formed notice
_MARKER = (
    r"(?:[一二三四五六七八九十]+、|\d{1,2}[﹒.、](?![\d.])|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十百]+条)"
)
_BEFORE_MARKER = re.compile(rf"(?<=[。;:!?)\]])\s*(?={_MARKER})")  # after a sentence or a closing bracket
# The heading run together: …的通知渝府办发〔2022〕74号2022-06-25 → title, 文号 and date on lines of their own.
_HEADING_BREAK = re.compile(
    r"(?<=通知|意见|办法|方案|通报|决定|措施|细则)(?=[\u4e00-\u9fff]{1,10}[〔\[(]\d{4}[〕\])]\d{1,4}号)"
    r"|(?<=号)(?=\d{4}(?:-\d{2}-\d{2}|年\d{1,2}月\d{1,2}日))"
)
_ADDRESSEE = re.compile(r"各[^。:;]{2,60}?(?:人民政府|部门|单位|委员会)[^。:;]{0,30}:")


def _breaks(text: str, start: int, end: int) -> list[int]:
    found = [m.start() for m in _BEFORE_MARKER.finditer(text, start, end)]
    found += [m.start() for m in _HEADING_BREAK.finditer(text, start, min(end, start + 300))]
    for m in _ADDRESSEE.finditer(text, start, end):
        found += [m.start(), m.end()]
    return sorted({p for p in found if start < p < end})


def reflow(working: NormalisedText) -> NormalisedText:
    """The same text with line breaks added inside over-long lines; unchanged when no line is that long."""
    text = working.text
    breaks: list[int] = []
    line_start = 0
    for line_end in [*(m.start() for m in re.finditer("\n", text)), len(text)]:
        if line_end - line_start > LONG_LINE:
            breaks.extend(_breaks(text, line_start, line_end))
        line_start = line_end + 1
    if not breaks:
        return working
    parts: list[str] = []
    offsets: list[int] = []
    previous = 0
    for position in breaks:
        parts.append(text[previous:position])
        offsets.extend(working.offsets[previous:position])
        parts.append("\n")
        offsets.append(working.offsets[position])
        previous = position
    parts.append(text[previous:])
    offsets.extend(working.offsets[previous:])
    return NormalisedText(text="".join(parts), offsets=tuple(offsets), script=working.script)
