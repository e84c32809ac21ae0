"""A ranking of which only the first few are rewarded (第一名A,第二名B,第三名C。排名第一的给予奖励 / 前两名各奖励…):
only those are winners. The places keep their written rank (第二名 before the place) or, without one, their order in
a text that says it ranks (排名, 名次). The cues are data (`loaders/data/prose_cues.toml`, `top_rewarded`,
`rank_before`, `ranking_word`)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

from loaders.normalise import NormalisedText
from loaders.parse.numbering import number_of
from loaders.segment import Line

_CUES_FILE = Path(__file__).resolve().parents[1] / "data" / "prose_cues.toml"
_RANK_REACH = 8  # how far before a place its rank label may stand (第十二名:)


class _Placed(Protocol):
    @property
    def start(self) -> int: ...


P = TypeVar("P", bound=_Placed)


@dataclass(frozen=True)
class _Cues:
    top: re.Pattern
    rank_before: re.Pattern
    rank_opening: re.Pattern  # 第二名 opening a line
    ranking_word: re.Pattern


@cache
def _cues() -> _Cues:
    data = tomllib.loads(_CUES_FILE.read_text(encoding="utf-8"))
    return _Cues(
        top=re.compile(data["top_rewarded"]),
        rank_before=re.compile(data["rank_before"]),
        rank_opening=re.compile(data["rank_opening"]),
        ranking_word=re.compile(data["ranking_word"]),
    )


def rewarded_count(after: str) -> int | None:
    """How many of the ranked are rewarded, when what follows the last of them says so (排名第一的… → 1, 前三名… → 3);
    None when it says nothing of the kind."""
    if "第" not in after and "前" not in after:  # most texts: no search
        return None
    top = _cues().top.search(after)
    if top is None:
        return None
    return number_of(top["count"]) if top["count"] else 1


def only_top(places: Sequence[P], text: str, after: str) -> list[P]:
    """`places` (found in `text`, in order) without those ranked below the rewarded few that `after` names; all of
    them when `after` names none, or when their ranks cannot be told (no rank labels and no ranking word)."""
    count = rewarded_count(after)
    if count is None or count >= len(places):
        return list(places)
    the_cues = _cues()
    ranks = []
    for place in places:
        label = the_cues.rank_before.search(text, max(0, place.start - _RANK_REACH), place.start)
        ranks.append(number_of(label["rank"]) if label else None)
    if all(rank is not None for rank in ranks):
        return [place for place, rank in zip(places, ranks) if rank is not None and rank <= count]
    if the_cues.ranking_word.search(text) or the_cues.ranking_word.search(after):
        return list(places[:count])
    return list(places)


class _Award(Protocol):
    @property
    def span(self) -> tuple[int, int]: ...


A = TypeVar("A", bound=_Award)


def drop_below_top(lines: Sequence[Line], working: NormalisedText, awards: list[A]) -> list[A]:
    """`awards` without those ranked below the rewarded few, where a line naming no winner says how many are
    (前两名各奖励…) right after the lines of the winners (第一名 A / 第二名 B / 第三名 C, one a line). A winner's
    rank is the label opening its line, or its line's order when the text there ranks (考核排名如下:)."""
    if not awards:
        return awards
    spans = [working.original_span(line.start, line.end) for line in lines]
    holds = [[award for award in awards if start <= award.span[0] < end] for start, end in spans]
    dropped: set[int] = set()
    for index, line in enumerate(lines):
        count = rewarded_count(line.text) if not holds[index] else None
        if count is None:
            continue
        block = index
        while block > 0 and holds[block - 1]:
            block -= 1
        ranked = [(at, lines[at]) for at in range(block, index)]
        if len(ranked) <= count or any(len(holds[at]) != 1 for at, _ in ranked):
            continue  # one winner a line, more of them than rewarded: else nothing to tell apart
        labels = [_cues().rank_opening.match(ranked_line.text) for _, ranked_line in ranked]
        heading = lines[block - 1].text if block else ""
        if all(labels):
            ranks = [number_of(label["rank"]) for label in labels if label]
        elif _cues().ranking_word.search(heading):
            ranks = list(range(1, len(ranked) + 1))
        else:
            continue
        dropped.update(id(holds[at][0]) for (at, _), rank in zip(ranked, ranks) if rank > count)
    return [award for award in awards if id(award) not in dropped]
