"""Awards read from lists of place mentions and the context around them, whatever the layout.

The layout readers (awards.py) and the prose reader (prose.py) know shapes: a numbered category over a list line, a
sentence with an award cue. Real documents publish winners in shapes nobody taught them: tiers in prose
(获得一等奖的是:A、B;获得二等奖的是:C、D), bodies for their places (一等奖:A区政府、B开发区管委会), towns written after
their county once (A县B镇、C镇和D镇), ranks (冠军是A,亚军是B), a category with its winner in brackets (优秀县1个(A县)).
This reader turns it around: first every place mention of a sentence (the prose reader's automaton, plus units below
the county known by their suffix and bodies read as their place), then runs of mentions joined only by list
punctuation are lists, and a list is winners when its sentence — or the heading line above a line that is only the
list — carries an award cue and no negative one (last round's winners, 黄旗, 约谈 …). Every cue is data
(`loaders/data/prose_cues.toml`, the keys after `list_award`). It only adds: places the other readers named are left
to them (`known`), since those carry categories, amounts and departments of their layout."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from loaders.normalise import NormalisedText
from loaders.parse.money import find_amounts
from loaders.parse.numbering import number_of
from loaders.parse.prose import (
    CUES_FILE,
    FoundOnce,
    Mention,
    PlaceFinder,
    _with_prefixes,
    cues,
    distinct_awards,
    filled,
    row_unit,
)
from loaders.parse.top_ranked import drop_below_top
from loaders.records import Award, Measure, Recipient, Warning_
from loaders.segment import Line
from loaders.warning_codes import WarningCode

_SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")
_QUOTED = re.compile(r"[“\"《][^”\"》]{1,40}[”\"》]")
_LABEL = re.compile(r"^[^:,。;]{0,20}:")  # 一等奖: / 获得一等奖的是: before a list
_CLAUSE_END = re.compile(r"[。,;!?]")
_COUNT_AFTER = re.compile(r"等(?P<count>\d+|[一二三四五六七八九十两]+)个")  # 等10个乡镇 after a list
_TABLE_ROW = re.compile(r"\s*\|")  # a table row as `read` writes it: | a | b | c |
_CELL = re.compile(r"\|([^|]+)")
_CJK_BEFORE = re.compile(r"[\u4e00-\u9fff]")  # a column follows a place's last character
_COUNTY_BEFORE_UNIT = re.compile(r"^(?P<county>.+?[县市区旗])[^县市区旗]+$")


@dataclass(frozen=True)
class ListCues:
    award: re.Pattern  # the prose reader's award cues and the list reader's own
    not_award: re.Pattern
    separator: re.Pattern
    end: re.Pattern
    suffix_unit: re.Pattern
    prefixed_unit: re.Pattern
    glued_tail: re.Pattern  # any name right after its county, up to what ends or goes on with a list
    organ_end: re.Pattern
    rank_label: re.Pattern
    ranked_unit: re.Pattern  # a unit by its suffix followed by its reward
    rank_reward: re.Pattern
    body_after: re.Pattern
    item_number: re.Pattern  # 1. / (2) / ④ before the one place of a line of a list
    unit_kind: re.Pattern  # 优胜乡镇, 示范镇: a kind of towns, no unit
    column: re.Pattern  # a short category or score after it (优秀, 95.5分)
    counted_list: re.Pattern  # 重点开发区县7个:A、B…: a kind counting the places after its colon
    bare_unit_list: re.Pattern  # 莺河村、均宜村、梅畈村: units of one kind by their suffix alone, no county before them


@cache
def list_cues() -> ListCues:
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))
    return ListCues(
        award=re.compile("|".join([*data["award"], *data["list_award"]])),
        not_award=re.compile("|".join([*data["not_award"], *data["list_not_award"]])),
        separator=re.compile(data["list_separator"]),
        end=re.compile(data["list_end"]),
        suffix_unit=re.compile(filled(data, "suffix_unit")),
        prefixed_unit=re.compile(filled(data, "prefixed_unit")),
        organ_end=re.compile(data["organ_end"]),
        rank_label=re.compile(data["rank_label"]),
        ranked_unit=re.compile(f"(?:{filled(data, 'suffix_unit')})(?={data['rank_reward']})"),
        rank_reward=re.compile(data["rank_reward"]),
        glued_tail=re.compile(
            f"(?!{data['all_units']})[\u4e00-\u9fff]{{2,8}}?(?={data['list_separator']}|{data['list_end']})"
        ),
        body_after=re.compile(data["body_after"]),
        item_number=re.compile(data["list_item_number"]),
        unit_kind=re.compile(data["unit_kind"]),
        column=re.compile(data["list_column"]),
        bare_unit_list=re.compile(filled(data, "bare_unit_list")),
        counted_list=re.compile(data["counted_colon"]),
    )


class ListItem(NamedTuple):
    start: int  # offsets in the sentence
    end: int
    text: str  # the place as written (a body's place without its body word)
    core: str  # the last name of it (梅县区 of 梅州市梅县区): known to the other readers when they dropped the prefix
    parent: str | None  # the county a unit below it takes from the list's first item (马山县 for 永州镇)


def read_mention_lists(
    lines: list[Line],
    working: NormalisedText,
    finder: PlaceFinder | FoundOnce,
    known: Container[str] = frozenset(),
    list_lines: Container[int] = frozenset(),
) -> tuple[list[Measure], list[Award], list[Warning_]]:
    """A Measure per awarded sentence (its text the category, its amounts the category's), an Award per place
    of its lists that is not in `known`, and a `partial_list` warning where a list names fewer than its count
    (A镇等10个乡镇). `list_lines`: line starts the list reader read already. `finder`: the prose reader's FoundOnce,
    so that no text is searched twice."""
    the_cues, prose_cues = list_cues(), cues()
    found = finder if isinstance(finder, FoundOnce) else FoundOnce(finder)
    measures: list[Measure] = []
    awards: list[Award] = []
    warnings: list[Warning_] = []
    of_heading: dict[int, str] = {}  # a heading's line start -> the ordinal of its category

    def category(text: str, span: tuple[int, int], amounts_in: str, heading: Line | None = None) -> str:
        if heading is not None and heading.start in of_heading:
            return of_heading[heading.start]
        ordinal = str(len(measures) + 1)
        amounts = [amount.yuan for amount in find_amounts(amounts_in)]
        measures.append(Measure(ordinal=ordinal, parent=None, title=None, text=text, span=span, amounts_yuan=amounts))
        if heading is not None:
            of_heading[heading.start] = ordinal
        return ordinal

    def award(ordinal: str, item: ListItem, at: int, amount: int | None = None) -> None:
        span = working.original_span(at + item.start, at + item.end)
        recipient = Recipient(as_written=item.text, parent=item.parent)
        awards.append(Award(measure_ordinal=ordinal, recipient=recipient, span=span, amount_yuan=amount))

    def is_fresh(item: ListItem) -> bool:
        return item.core not in known and (item.parent or "") + item.text not in known

    heading: Line | None = None  # the line above, when it is a short cued heading (一等奖: / 先进县名单), or the
    # heading of the list lines or table rows above it
    for line in lines:
        text = line.text
        if not text.strip():
            continue
        if line.start in list_lines:
            heading = None
            continue  # read as a list already (most lines of an award notice): no heading, never searched again
        cued = the_cues.award.search(text) is not None  # searched once a line: most lines of prose have no cue
        above, heading = heading, line if cued and _is_heading(text, the_cues) else None
        if not cued and above is None:
            continue  # no cue on the line nor above it: never searched for places
        if not cued and _a_subheading(text, found, the_cues):
            heading = line  # 一、示范镇 under …名单: the category of the lines below, under the cued heading above
            continue
        if known and not _TABLE_ROW.match(text) and found.all_known(text, known):
            continue  # every place of the line named by the other readers already (the automaton's names, once)
        if prose_cues.is_chrome(text):
            continue  # page furniture
        if above is not None and _TABLE_ROW.match(text) and not the_cues.not_award.search(text):
            # | 1 | 某县 | 100万元 |: a table's rows under its cued title; a row without a place (its header) is passed.
            cells = _row_items(text, found)
            fresh = [item for item in cells if is_fresh(item)]
            if fresh:
                amounts = find_amounts(text)
                ordinal = category(above.text.strip(), working.original_span(above.start, above.end), "", above)
                for item in fresh:
                    award(ordinal, item, line.start, amounts[0].yuan if len(amounts) == 1 else None)
            heading = above  # the next rows are under the same title
            continue
        sentences = list(_SENTENCE.finditer(text))
        for sentence in sentences:
            said = sentence.group()
            own_cue = cued if len(sentences) == 1 else bool(the_cues.award.search(said))
            if the_cues.not_award.search(said):
                continue  # about last round's winners or warnings (黄旗, 约谈 …)
            if not own_cue and above is None:
                if not (cued and "个" in said and the_cues.counted_list.search(said)):
                    continue  # no cue
                # 先进县9个,其中A类4个:W、X、Y、Z;B类5个:…: in a cued paragraph, a kind that counts the places listed
                # after its colon names them as winners, when they are exactly as many.
                items = _list_items(said, found)
                if not _counted_in_full(said, items):
                    continue
                own_cue = True
            # Under a heading, a line of the list may carry a column after its place (优秀, 95分): read without it.
            read = said if own_cue else _without_column(said)
            items = _list_items(read, found)
            if not items and not own_cue:
                items = _unit_alone(read)  # 2.灰汤镇东鹜山村 under 示范村名单: a county's notice names its units bare
            if not _as_counted(said, items):
                continue  # 类别(3个):A、B — the count says the list is not what was read
            if not own_cue and (not _only_a_list(read, items) or _a_signature(read, items)):
                continue  # a heading above makes winners of a line that is only the list, not of prose under it
            if not own_cue:
                heading = above  # a grid of list lines under one heading
            fresh = [item for item in items if is_fresh(item)]
            if not fresh:
                continue
            start = line.start + sentence.start()
            if own_cue or above is None:
                ordinal = category(said.strip(",、 "), working.original_span(start, start + len(said)), said)
            else:
                ordinal = category(above.text.strip(), working.original_span(above.start, above.end), said, above)
            for item in fresh:
                award(ordinal, item, start)
            counted = _COUNT_AFTER.match(said, _item_end(said, items[-1].end))
            if counted and number_of(counted["count"]) > len(items):
                span = working.original_span(start, start + len(said))
                message = f"the list ending {items[-1].text}{counted.group()} names only some of its places"
                warnings.append(Warning_(WarningCode.PARTIAL_LIST, message, span))
    return measures, distinct_awards(drop_below_top(lines, working, awards)), warnings


def _is_heading(text: str, the_cues: ListCues) -> bool:
    """A short line without a sentence or a clause in it (with a cue: the title of the list lines or the table rows
    below it); `附件:…名单` and `一等奖(3个):` are headings. So is the last clause of a line that opens what follows
    (经综合评定,下列乡镇获评…称号:) when the cue is in that clause. Never a line about last round's winners, warnings
    or contacts (上年度先进县名单, 黄旗名单, 联系人名单): the lines below it are no winners."""
    if the_cues.not_award.search(text):
        return False
    stripped = text.strip()
    if stripped.endswith(":"):
        stripped = _CLAUSE_END.split(stripped[:-1])[-1]
        return len(stripped) <= 60 and the_cues.award.search(stripped) is not None
    stripped = stripped.rstrip("。:")
    return len(stripped) <= 60 and not _CLAUSE_END.search(stripped)


def _without_column(sentence: str) -> str:
    """The line without a short column after its place (某镇 优秀 / 某村 95.5分, the space gone in the working copy),
    cut at the same offsets; the line as it is when nothing but the column would be left."""
    column = list_cues().column.search(sentence)
    if column is None or not column.start() or not _CJK_BEFORE.match(sentence, column.start() - 1):
        return sentence
    return sentence[: column.start()]


def _row_items(row: str, finder: PlaceFinder | FoundOnce) -> list[ListItem]:
    """The places of a table row that fill a cell alone (or with the body named for them: 某区政府); a unit below the
    county in the cell after its county's (| 湘阴县 | 鹤龙湖镇 |) instead of the county, which is its parent."""
    found = finder if isinstance(finder, FoundOnce) else FoundOnce(finder)
    unit = row_unit(row, found)
    if unit is not None:
        return [ListItem(unit.start, unit.end, unit.text, unit.text, unit.county)]
    items = []
    for cell in _CELL.finditer(row):
        text = cell.group(1).strip()
        mentions = _with_prefix(finder.find(text)) if text else []
        if len(mentions) != 1 or mentions[0][0].start != 0:
            continue
        mention, core = mentions[0]
        if _item_end(text, mention.end) == len(text):
            at = cell.start(1) + cell.group(1).index(text)
            items.append(ListItem(at + mention.start, at + mention.end, mention.text, core, None))
    return items


def _as_counted(sentence: str, items: list[ListItem]) -> bool:
    """A category that counts its winners (重点生态区(2个):A、B, 山区县2个:A、B) names as many as it says, else it was
    read wrong."""
    counted = cues().counted_heading.search(sentence) if "个)" in sentence else None
    if counted is None and "个" in sentence:  # 沿海县4个:A、B、C、D: the count right before the list
        before = _count_right_before(sentence, items)
        if before is not None:
            return number_of(before["count"]) == sum(item.start >= before.end() for item in items)
    return counted is None or number_of(counted["count"]) == sum(item.start > counted.end() for item in items)


def _count_right_before(sentence: str, items: list[ListItem]) -> re.Match | None:
    """The count and colon that end right where the list's first item starts (沿海县4个:A、B…), or None."""
    if not items:
        return None
    counted = list_cues().counted_list.search(sentence, 0, items[0].start + 1)
    return counted if counted is not None and counted.end() == items[0].start else None


def _counted_in_full(sentence: str, items: list[ListItem]) -> bool:
    """The list right after a count and its colon (城市主城区4个:A、B、C、D) runs to the end of the sentence and names
    as many places as the count says."""
    counted = _count_right_before(sentence, items)
    if counted is None:
        return False
    tail = sentence[_item_end(sentence, items[-1].end) :]
    return number_of(counted["count"]) == len(items) and not cues().list_residue.sub("", tail)


def _a_signature(sentence: str, items: list[ListItem]) -> bool:
    """One body alone on its line (东阳市人民政府 under 附件:…名单): the notice's signature, not a list of one."""
    return len(items) == 1 and _item_end(sentence, items[0].end) > items[0].end


def _a_subheading(text: str, finder: FoundOnce, the_cues: ListCues) -> bool:
    """A short line naming no place under a cued heading (一、示范镇, (二)优胜乡镇): a category of the list, whose lines
    follow it."""
    if _TABLE_ROW.match(text) or not _is_heading(text, the_cues) or finder.find(text):
        return False
    number = the_cues.item_number.match(text)
    return number is not None and not _unit_alone(text)


def _unit_alone(line: str) -> list[ListItem]:
    """The unit below the county that is all a line holds (an item number before it aside): 灰汤镇, 灰汤镇东鹜山村. Read
    only under a cued heading (a county's own notice lists its towns and villages without the county)."""
    the_cues = list_cues()
    number = the_cues.item_number.match(line)
    at = number.end() if number else 0
    unit = the_cues.suffix_unit.fullmatch(line.rstrip("。;. "), at)
    if unit is None or the_cues.unit_kind.search(unit.group()):
        return []  # not a unit, or a kind of towns (一、优胜乡镇: the heading of those below it)
    return [ListItem(unit.start(), unit.end(), unit.group(), unit.group(), None)]


def _only_a_list(sentence: str, items: list[ListItem]) -> bool:
    """The sentence holds nothing but its list (a label such as `一等奖:` before it, separators, a count after it)."""
    if not items:
        return False
    rest, last = [], 0
    for item in items:
        rest.append(sentence[last : item.start])
        last = item.end
    rest.append(sentence[last:])
    rest[0] = list_cues().item_number.sub("", rest[0])  # 1. / (2) / ④ before the first place
    residue = cues().list_residue.sub("", _LABEL.sub("", "".join(rest).strip()))
    return not list_cues().body_after.sub("", residue)


def _list_items(sentence: str, finder: PlaceFinder | FoundOnce) -> list[ListItem]:
    """The places of `sentence` that stand as items of a list: a run of ≥ 1 mentions joined only by list
    punctuation, whose last item is followed by what ends a list; not inside quotes, not after a coverage word,
    not followed by an organ, a rewarder's verb or an enterprise."""
    the_cues = list_cues()
    ranked = _ranked_item(sentence, finder)
    if ranked is not None:
        return [ranked]
    mentions = _with_units(sentence, [m for m in _with_prefix(finder.find(sentence)) if not _quoted(sentence, m[0])])
    items: list[ListItem] = []
    at = 0
    while at < len(mentions):
        run = [_item(mentions[at])]
        at += 1
        while True:
            end = _item_end(sentence, run[-1].end)
            gap = the_cues.separator.match(sentence, end)
            if gap and at < len(mentions) and mentions[at][0].start == gap.end():
                county = mentions[at][0]
                tail = the_cues.glued_tail.match(sentence, county.end) if _county_of(run[-1].text) else None
                if tail and the_cues.organ_end.search(tail.group()):
                    tail = None  # 遂平县城乡建设局: a county's organ, no unit of it
                inside = [m for m, _ in mentions[at + 1 :] if m.start < tail.end()] if tail else []
                if tail and not _ends_an_item(sentence, county.end) and all(m.end <= tail.end() for m in inside):
                    # 江岸区台北街、洪山区武汉火车站、黄陂区盘龙城开发区: in a list of units after their counties, an
                    # item of another kind written after its county is one of them too (names found in it aside).
                    whole = county.text + tail.group()
                    run.append(ListItem(county.start, tail.end(), whole, whole, None))
                    at += 1 + len(inside)  # a name found inside it (龙城开发区 of 盘龙城开发区) is part of it
                    continue
                run.append(_item(mentions[at]))  # the next mention goes on with the list
                at += 1
                continue
            unit = the_cues.suffix_unit.match(sentence, gap.end()) if gap else None
            if (
                unit
                and _ends_an_item(sentence, _item_end(sentence, unit.end()))
                and not (at < len(mentions) and mentions[at][0].start < unit.end())  # a name read there wins
            ):
                # 马山县金钗镇、永州镇和古零镇: a unit below the county, by its suffix, takes the first item's county.
                run.append(ListItem(unit.start(), unit.end(), unit.group(), unit.group(), _county_of(run[0].text)))
                continue
            if the_cues.end.match(sentence, end) and _is_a_list(sentence, run):
                items += run
            break
    return items or ([] if mentions else _bare_units(sentence))


def _bare_units(sentence: str) -> list[ListItem]:
    """A list of two or more units of one kind by their suffix alone (对片区第一名的A村、B村、C村授…): a town's own
    news names its villages without town or county. Only in a sentence naming no place the gazetteer knows; never a
    kind of units (示范村、重点村)."""
    the_cues = list_cues()
    if not any(separator in sentence for separator in "、,和及与"):
        return []  # no list without a separator: the pattern (opening with a look-behind) is not tried along it
    for run in the_cues.bare_unit_list.finditer(sentence):
        if not (the_cues.end.match(sentence, run.end()) or sentence.startswith("授", run.end())):
            continue  # 授 too: A村、B村授流动红旗 (a list of two or more units is never the subject 某市授予… is)
        items, at = [], run.start()
        for gap in [*the_cues.separator.finditer(sentence, run.start(), run.end()), None]:
            end = gap.start() if gap else run.end()
            name = sentence[at:end]
            if the_cues.unit_kind.search(name):
                return []
            items.append(ListItem(at, end, name, name, None))
            at = gap.end() if gap else end
        return items
    return []


def _with_prefix(mentions: list[Mention]) -> list[tuple[Mention, str]]:
    """Each mention with a name written right before it joined to it (梅州市 of 梅州市梅县区: its prefix, no item of
    its own), and the last name alone."""
    joined = _with_prefixes(mentions)
    lasts = {mention.end: mention.text for mention in mentions}
    return [(mention, lasts[mention.end]) for mention in joined]


def _ranked_item(sentence: str, finder: PlaceFinder | FoundOnce) -> ListItem | None:
    """The winner of a rank with its reward (第一名:A街道(奖3万元), 冠军是B区政府(奖励5万元)): the place or the unit
    by its suffix right after the rank label, when the reward follows it."""
    the_cues = list_cues()
    label = the_cues.rank_label.match(sentence)
    if label is None:
        return None
    mentions = _with_prefix(finder.find(sentence))
    if mentions and mentions[0][0].start == label.end():
        if the_cues.rank_reward.match(sentence, _item_end(sentence, mentions[0][0].end)):
            return _item(mentions[0])
        return None
    unit = the_cues.ranked_unit.match(sentence, label.end())
    return ListItem(unit.start(), unit.end(), unit.group(), unit.group(), None) if unit else None


def _with_units(sentence: str, mentions: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """A unit below the county written right after a mention (江岸区台北街, 尖扎县康杨镇 where the automaton knows only
    the county) joined to it: the item is the unit with its county as prefix, known to no other reader by its county
    alone. Only where the unit ends an item (what follows ends or goes on with a list) and no name found starts in
    it."""
    out: list[tuple[Mention, str]] = []
    for index, (mention, core) in enumerate(mentions):
        unit = list_cues().prefixed_unit.match(sentence, mention.end)
        next_start = mentions[index + 1][0].start if index + 1 < len(mentions) else len(sentence)
        if unit and unit.end() <= next_start and _ends_an_item(sentence, _item_end(sentence, unit.end())):
            whole = mention.text + unit.group()
            out.append((Mention(mention.start, unit.end(), whole), whole))
        else:
            out.append((mention, core))
    return out


def _item(found: tuple[Mention, str]) -> ListItem:
    mention, core = found
    return ListItem(mention.start, mention.end, mention.text, core, None)


def _ends_an_item(sentence: str, at: int) -> bool:
    """What follows `at` ends a list or goes on with it (永州镇和古零镇)."""
    return bool(list_cues().end.match(sentence, at) or list_cues().separator.match(sentence, at))


def _item_end(sentence: str, end: int) -> int:
    """Where an item ends: after the body named for the place (西湖区政府, …开发区管委会)."""
    body = list_cues().body_after.match(sentence, end)
    return body.end() if body else end


def _is_a_list(sentence: str, run: list[ListItem]) -> bool:
    """The run is a list of winners, not the subject of a sentence about something else: not after a coverage word
    (覆盖A、B), and its first item is not followed by an organ (a body read as its place aside), a rewarder's verb,
    an enterprise's name or, alone, an aggregate (X市共有…)."""
    the_cues = cues()
    if the_cues.coverage.search(sentence[: run[0].start]):
        return False
    after = sentence[run[0].end :]
    return not (
        (the_cues.organ_after.match(after) and not list_cues().body_after.match(after))
        or the_cues.rewarder_after.match(after)
        or the_cues.entity_after.match(after)
        or (len(run) == 1 and the_cues.aggregate_after.match(after))
    )


def _quoted(sentence: str, mention: Mention) -> bool:
    """Inside a title or a name in quotes (授予“2012年度南宁市科学发展进步乡镇”称号): not a place of the list."""
    return any(m.start() < mention.start and mention.end < m.end() for m in _QUOTED.finditer(sentence))


def _county_of(first: str) -> str | None:
    """The county written before the first item's unit (马山县 of 马山县金钗镇), carried to the units after it."""
    if not list_cues().prefixed_unit.search(first):
        return None
    match = _COUNTY_BEFORE_UNIT.match(first)
    return match["county"] if match else None
