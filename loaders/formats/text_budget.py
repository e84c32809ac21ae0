"""Text gathered line by line, refused as soon as it passes the text limit (no need to read the rest)."""

from __future__ import annotations

from loaders.formats.problems import FormatProblem
from loaders.limits import limit


class TextBudget:
    def __init__(self) -> None:
        self.most = limit("IKG_MAX_TEXT_CHARS")
        self.lines: list[str] = []
        self.chars = 0

    def add(self, lines: list[str]) -> None:
        for line in lines:
            self.lines.append(line)
            self.chars += len(line) + 1
        if self.chars > self.most:
            raise FormatProblem(
                f"holds more than {self.most:,} characters of text: more than a document file may hold "
                "(IKG_MAX_TEXT_CHARS)"
            )

    def text(self) -> str:
        return "\n".join(self.lines)
