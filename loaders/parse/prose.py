"""Awards read from prose: the places a sentence names, when the sentence says they were rewarded.

Layout-first reading (a numbered category, then a list made only of places) misses what newspapers and
government sites publish most: 冷水滩区推动高质量发展成效明显。给予100万元奖励。 / 郎溪县的社会救助综合改革工作,
广德市的……上榜. Here the facts come first: every place name in the text is found in one pass of an
Aho-Corasick automaton over the gazetteer's names (and zones by the shape of their names), then a sentence
that carries an award cue makes its places winners. The cues are data (`loaders/data/prose_cues.toml`)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from loaders import place_words
from loaders.normalise import NormalisedText
from loaders.parse.bare_names import bare_name_spans
from loaders.parse.markers import find_marker
from loaders.parse.measures import department_refs
from loaders.parse.money import find_amounts
from loaders.parse.numbering import number_of
from loaders.parse.top_ranked import drop_below_top, only_top
from loaders.records import Award, Measure, Recipient
from loaders.segment import Line

CUES_FILE = Path(__file__).resolve().parents[1] / "data" / "prose_cues.toml"
_SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")
_SENTENCE_END = re.compile(r"[。;!?]")
_QUOTED = re.compile(r"[“\"《][^”\"》]{1,30}[”\"》]")  # a title or a name in quotes


@dataclass(frozen=True)
class Cues:
    award: re.Pattern
    list_opener: re.Pattern
    not_award: re.Pattern
    ranking_line: re.Pattern
    unit_after: re.Pattern  # a unit below the county written right after the place: the unit is the winner
    chrome_at_start: re.Pattern  # the page-chrome patterns (prose_cues.toml `chrome`) that open with ^
    chrome_anywhere: re.Pattern  # the others
    organ_after: re.Pattern
    rewarder_after: re.Pattern
    entity_after: re.Pattern
    after_places: re.Pattern
    aggregate_after: re.Pattern
    generic_names: frozenset[str]
    zone: re.Pattern
    zone_word: re.Pattern
    zone_tail_prose: re.Pattern
    list_residue: re.Pattern
    refers_back: re.Pattern
    counted_list: re.Pattern
    continues: re.Pattern
    counted_heading: re.Pattern
    coverage: re.Pattern
    below_county: re.Pattern
    township_word: re.Pattern
    township_counted: re.Pattern
    counted_line: re.Pattern
    township_name: re.Pattern
    item_number: re.Pattern
    body_of_place: re.Pattern
    allocation: re.Pattern
    opened_list: re.Pattern
    bare_list_line: re.Pattern
    bullet: re.Pattern
    places_heading: re.Pattern
    beyond_names: re.Pattern
    word_with_a_name: re.Pattern  # 示范县 holds 范县: a word, no place

    def is_chrome(self, line: str) -> bool:
        """Whether any `chrome` pattern matches in `line`: those that open with ^ matched at the start only, the others
        searched (joined, a branch opening with ^ kept the engine from scanning for the others' opening characters)."""
        return bool(self.chrome_at_start.match(line) or self.chrome_anywhere.search(line))


def filled(data: dict, key: str) -> str:
    """The cue `key` of prose_cues.toml with its placeholders filled: {township_word} (the township words of
    place_words.toml), {zone_word} and {all_units} (cues of the same file). Both readers read their patterns so."""
    township = place_words.alternation(place_words.TOWNSHIP)
    return (
        data[key]
        .replace("{township_word}", township)
        .replace("{zone_word}", data["zone_word"])
        .replace("{all_units}", data["all_units"])
    )


@cache
def cues() -> Cues:
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))

    township = place_words.alternation(place_words.TOWNSHIP)  # the words of a place below a county

    def any_of(patterns: list[str]) -> re.Pattern:
        # Joined as they are: alternation is associative, so the matches are those of (?:a)|(?:b). When every branch
        # opens with a character, the engine scans for those characters; a group around each pattern hid them, and
        # the pattern was tried at every position of the text (9× slower on a line of prose).
        return re.compile("|".join(patterns))

    return Cues(
        award=any_of(data["award"]),
        list_opener=any_of(data["list_opener"]),
        not_award=any_of(data["not_award"]),
        ranking_line=re.compile(data["ranking_line"]),
        unit_after=re.compile("(?:" + filled(data, "prefixed_unit") + ")(?=[、,;。)]|$)"),
        chrome_at_start=any_of([p for p in data["chrome"] if p.startswith("^")] or ["(?!)"]),
        chrome_anywhere=any_of([p for p in data["chrome"] if not p.startswith("^")] or ["(?!)"]),
        organ_after=re.compile(data["organ_after"]),
        rewarder_after=re.compile(data["rewarder_after"]),
        entity_after=re.compile(data["entity_after"]),
        after_places=re.compile(data["after_places"]),
        aggregate_after=re.compile(data["aggregate_after"]),
        generic_names=frozenset(data["generic_names"]),
        zone=re.compile(filled(data, "zone")),
        zone_word=re.compile(data["zone_word"]),
        zone_tail_prose=re.compile(data["zone_tail_prose"]),
        list_residue=re.compile(data["list_residue"]),
        refers_back=re.compile(data["refers_back"]),
        counted_list=re.compile(data["counted_list"]),
        continues=re.compile(data["continues"]),
        counted_heading=re.compile(data["counted_heading"]),
        coverage=re.compile(data["coverage"]),
        below_county=re.compile(filled(data, "below_county")),
        township_word=re.compile(township),
        township_counted=re.compile(filled(data, "township_counted")),
        counted_line=re.compile(data["counted_line"]),
        township_name=re.compile(filled(data, "township_name")),
        item_number=re.compile(data["item_number"]),
        body_of_place=re.compile(data["body_of_place"]),
        allocation=re.compile(data["allocation"]),
        opened_list=re.compile(data["opened_list"]),
        bare_list_line=re.compile(data["bare_list_line"]),
        bullet=re.compile(data["bullet"]),
        places_heading=re.compile(data["places_heading"]),
        # A text holding none of these has only the automaton's names: a zone needs its word, a township its word,
        # a counted list its 个, an allocation its 元 and an opened list its 名单 or 如下 (literals the patterns
        # require).
        beyond_names=any_of([data["zone_word"], township, "个", "元", "名单", "如下"]),
        word_with_a_name=re.compile(data["word_with_a_name"]),
    )


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


class _RankedLine(NamedTuple):  # a line of a run naming one winner, placed by its line for only_top
    start: int
    line: Line
    place: Mention


class Mention(NamedTuple):  # a tuple, not a frozen dataclass: made for every name found, 3x cheaper to build
    start: int  # offsets in the text searched
    end: int
    text: str


class PlaceFinder:
    """Every place name in a text, longest first and without overlaps, in one automaton pass."""

    def __init__(self, names: Iterable[str]):
        generic = cues().generic_names
        self._automaton = ahocorasick.Automaton()
        self._stems: set[str] = set()
        added = []
        for name in names:
            if len(name) < 2 or name in generic or name[-1] not in place_words.LEVEL_ENDINGS:
                continue
            self._automaton.add_word(name, name)
            self._stems.add(name[:-1] if len(name) > 2 else name)
            added.append(name)
        self._automaton.make_automaton()
        # The automaton starts afresh after a character no name holds, so a text is read in the runs between such
        # characters, and a run without the last character of a name (市, 县 …) holds none: most of prose is such
        # runs, and the automaton reads every character slowly. A list's 、 stays inside its run (one run a list).
        run_chars = {*"".join(added), "、"}
        ends = {name[-1] for name in added}
        inside, end, other = (_char_class(chars) for chars in (run_chars, ends, run_chars - ends))
        # A whole run holding an end: its first character (none of the run's before it), then up to its first end
        # (the first character may be it), then the rest of the run. Possessive, so a run without an end fails at
        # once; the engine finds the runs, not a Python step per run of prose.
        self._runs_with_ends = re.compile(rf"{inside}(?<!{inside}.)(?:(?<={end})|{other}*+{end}){inside}*+")
        self._name_ends = re.compile(end)
        # What FoundOnce remembers of short texts across documents, by kind (its attribute names).
        self.remembered: dict[str, dict[str, list]] = {"_names": {}, "_found": {}, "_winners": {}}

    def _names(self, text: str) -> list[tuple[int, str]]:
        """(index of the last character, name) of each name the automaton reads in `text`, longest first and without
        overlaps (`iter_long`), run by run."""
        found: list[tuple[int, str]] = []
        if not self._name_ends.search(text):
            return found
        for run in self._runs_with_ends.finditer(text):
            start = run.start()
            if start:
                found += [(start + end, name) for end, name in self._automaton.iter_long(run.group())]
            else:  # a text opening with its run (a list line): the automaton's offsets are the text's
                found += self._automaton.iter_long(run.group())
        return found

    def names(self, text: str) -> list[tuple[int, str]]:
        """What the automaton alone reads in `text` (`find` reads more shapes): (index of the last character, name)."""
        return self._names(text)

    def find(self, text: str, names: list[tuple[int, str]] | None = None) -> list[Mention]:
        """Every place named in `text`; `names`: `self.names(text)` when the caller has it already."""
        the_cues = cues()
        if names is None:
            names = self._names(text)
        # Each further shape is looked for only when the word it needs is in the text (most texts have none).
        if the_cues.township_word.search(text):
            found = [_with_place_below(end + 1 - len(name), end + 1, name, text) for end, name in names]
            found += _first_of_counted_towns(text)
        else:
            found = [Mention(end + 1 - len(name), end + 1, name) for end, name in names]
        if the_cues.zone_word.search(text):
            found += self._zones(text)
        if "个" in text or "元" in text or "名单" in text or "如下" in text:  # a counted, allocated or opened list
            bare = bare_name_spans(
                text, self._is_name, the_cues.counted_list, the_cues.allocation, the_cues.opened_list
            )
            found += [Mention(start, end, text[start:end]) for start, end in bare]
        if the_cues.word_with_a_name.search(text):  # 示范县: the name inside the word (范县) is none
            words = [(m.start(), m.end()) for m in the_cues.word_with_a_name.finditer(text)]
            found = [m for m in found if not any(start < m.start and m.end <= end for start, end in words)]
        if len(found) > len(names):  # the automaton's names come in order already (and never start together)
            found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue  # inside a longer name already kept
            kept.append(mention)
        return kept

    def _is_name(self, word: str) -> bool:
        return word in self._stems or self._automaton.exists(word)

    def is_name(self, word: str) -> bool:
        """A place's full name or its stem (古田 of 古田县)."""
        return self._is_name(word)

    def _named_zone_start(self, stem: str) -> int | None:
        """Where a known place's stem starts in `stem` when one or two characters of the zone's own name follow it
        (火炬 of 厦门火炬高新区); longer tails are prose (新华|社消息高新区)."""
        for start in range(len(stem) - 2):
            for n in (4, 3, 2):
                if len(stem) - start - n in (1, 2) and stem[start : start + n] in self._stems:
                    return start
        return None

    def _zones(self, text: str) -> list[Mention]:
        """祁阳高新区, 江华经开区: a zone word after the stem of a known place (祁阳 of 祁阳市)."""
        out = []
        for match in cues().zone.finditer(text):
            stem = match["stem"]
            known = next((n for n in (4, 3, 2) if len(stem) >= n and stem[-n:] in self._stems), None)
            named = self._named_zone_start(stem)
            if known:
                start = match.start("word") - known
                out.append(Mention(start, match.end(), text[start : match.end()]))
            elif named is not None:  # 厦门火炬高新区: a place's stem, then the zone's own name
                out.append(Mention(match.start() + named, match.end(), text[match.start() + named : match.end()]))
            elif self._place_then_zone_name(stem):
                out.append(Mention(match.start(), match.end(), match.group()))  # 江苏省中关村高新区: a place's zone
        return out

    def _place_then_zone_name(self, stem: str) -> bool:
        """`stem` opens with a place's name and what follows it is a zone's own name, not prose."""
        lengths = [len(name) for end, name in self._automaton.iter_long(stem) if end + 1 == len(name)]
        return bool(lengths) and not cues().zone_tail_prose.search(stem[max(lengths) :])


def _first_of_counted_towns(text: str) -> list[Mention]:
    """授予A街道等6个镇街为…: the town named first of a count of towns, written without its county."""
    return [Mention(m.start("name"), m.end("name"), m["name"]) for m in cues().township_counted.finditer(text)]


def _with_place_below(start: int, end: int, name: str, text: str) -> Mention:
    """A county's name with the township (and village or community) written after it: 临颍县杜曲镇新型中心社区."""
    below = cues().below_county.match(text, end) if name[-1] in "县区市旗" else None
    return Mention(start, below.end(), text[start : below.end()]) if below else Mention(start, end, name)


# Texts up to this length are remembered across documents (FoundOnce), at most _MAX_REMEMBERED of each kind.
_REMEMBERED_LENGTH = 500
_MAX_REMEMBERED = 20_000


class FoundOnce:
    """The places (and the winners among them) of each text, searched once. Without it 46 % of the searches repeated
    one: a line that is not a list is searched again as its one sentence, and a notice repeats its sentences
    (对上述地方各给予…). Short texts are remembered across documents too (shared by every FoundOnce of a finder, so
    the notices of a jurisdiction, which repeat their statements and headings, search each once: two in three of
    the searches of the generated corpus), at most _MAX_REMEMBERED of them (emptied when full), so memory stays
    bounded; longer ones for one document only, so memory stays linear. What is remembered depends on the text
    alone (the finder and the cues are fixed)."""

    def __init__(self, finder: PlaceFinder):
        self._finder = finder
        self._names: dict[str, list[tuple[int, str]]] = {}
        self._found: dict[str, list[Mention]] = {}
        self._winners: dict[str, list[Mention]] = {}

    def _memo(self, kind: str, text: str) -> dict:
        """The dict remembering `kind` answers for `text`: the finder's shared one for a short text."""
        if len(text) > _REMEMBERED_LENGTH:
            return getattr(self, kind)
        shared = self._finder.remembered[kind]
        if len(shared) >= _MAX_REMEMBERED and text not in shared:
            shared.clear()
        return shared

    def _names_in(self, text: str) -> list[tuple[int, str]]:
        """The automaton's names, read once a text: a line of an award notice is asked whether the layout named all
        its places, then searched as a list (one in nine of the automaton's passes over the generated corpus)."""
        memo = self._memo("_names", text)
        names = memo.get(text)
        if names is None:
            names = memo[text] = self._finder.names(text)
        return names

    def find(self, text: str) -> list[Mention]:
        memo = self._memo("_found", text)
        found = memo.get(text)
        if found is None:
            found = memo[text] = self._finder.find(text, self._names_in(text))
        return found

    def is_name(self, word: str) -> bool:
        return self._finder.is_name(word)

    def all_known(self, text: str, known: Container[str]) -> bool:
        """Every place `text` names is in `known`, told by the automaton alone: when `text` holds none of the words
        of the further shapes `find` reads (zones, townships, counted lists, allocations); otherwise False."""
        if cues().beyond_names.search(text):
            return False
        return all(name in known for _, name in self._names_in(text))

    def winners(self, text: str) -> list[Mention]:
        """_winners(text, find(text)); the lists are shared, so no caller changes them."""
        memo = self._memo("_winners", text)
        kept = memo.get(text)
        if kept is None:
            kept = memo[text] = _winners(text, self.find(text))
        return kept


def read_prose_awards(
    lines: list[Line],
    working: NormalisedText,
    place_finder: PlaceFinder | FoundOnce,
    known: Container[str] = frozenset(),
    list_lines: Container[int] = frozenset(),
) -> tuple[list, list]:
    """Measures (one per award sentence or list line, its text the category) and the awards of the places.
    `known`: places the layout readers named already (their awards here would be dropped), so a list line naming
    only those makes no category."""
    # A FoundOnce given by the caller is shared with the mention-list reader: no line is searched twice.
    finder = place_finder if isinstance(place_finder, FoundOnce) else FoundOnce(place_finder)
    the_cues = cues()
    measures: list[Measure] = []
    awards: list[Award] = []
    under_opener = False
    run: list[tuple[Line, Mention]] = []  # lines under an opener that each name one winner: 东港市前阳镇人民政府

    def close_run(heading_index: int, after: str = "") -> None:
        if len(run) >= 2:  # one such line alone is more likely a signature (X人民政府) than a list
            heading = lines[heading_index] if heading_index >= 0 else run[0][0]
            # 第一名 A / 第二名 B / 第三名 C, then 前两名各奖励…: only those ranked first are winners
            joined, placed = "", []
            for line, place in run:  # the lines joined, each place at its offset there (its rank label before it)
                placed.append(_RankedLine(len(joined) + line.text.find(place.text), line, place))
                joined += line.text + "\n"
            ranked = only_top(placed, joined, after)
            kept = [(item.line, item.place) for item in ranked] if len(ranked) < len(run) else run
            measure, measure_awards = _run_group(str(len(measures) + 1), heading, kept, working)
            measures.append(measure)
            awards.extend(measure_awards)
        run.clear()

    grid_ends = -1  # the end of the last town grid read: its lines are no further list or prose
    for index, line in enumerate(lines):
        if line.end <= grid_ends:
            continue
        body = _one_place_line(line.text, finder) if under_opener else None
        if body is not None:
            run.append((line, body))
            continue
        if run:  # most lines close none: no call for them
            close_run(index - len(run) - 1, line.text)
        if line.start in list_lines:
            # The list reader read this line as a list: its places are its awards already. Only whether it opens a
            # list is asked (as below: an opener that is no page chrome), the chrome patterns only then.
            if the_cues.list_opener.search(line.text) and not the_cues.is_chrome(line.text):
                under_opener = not the_cues.not_award.search(line.text)
            continue
        if the_cues.is_chrome(line.text) or the_cues.ranking_line.match(line.text):
            continue  # page furniture; a ranking (1、城区排名。A区、B区…), also under a list opener
        if the_cues.list_opener.search(line.text):
            # 黄旗名单如下: / 联系人名单: opens a list of no winners (its lines are read as prose, unopened)
            under_opener = not the_cues.not_award.search(line.text)
            continue
        bare = _bare_list_line(line.text, finder) if under_opener else []
        if bare:  # 名单如下: / 江苏、福建、广西。: places written without their level word, under the opener
            heading = lines[index - 1] if index else line
            measure, measure_awards = _list_group(str(len(measures) + 1), heading, line, bare, lines, index, working)
            measures.append(measure)
            awards.extend(measure_awards)
            continue
        if known and finder.all_known(line.text, known):
            continue  # every place the line can name, the layout readers named: its awards would all be dropped
        if row_unit(line.text, finder):
            continue  # | 湘阴县 | 鹤龙湖镇 |: the town wins, not its county (the mention-list reader reads the row)
        listed = _list_line_places(line.text, finder)
        bulleted = bullet_category(lines, index - 1)
        if listed and (under_opener or bulleted or _cued(lines, index - 1) or _about_list_before(lines, index + 1)):
            # 一、…成效明显的市、县市区 / 株洲市、岳阳市,湘潭县、… / 对上述地区…给予奖励: the line is the list.
            if all(place.text in known for place in listed):
                continue  # a list the layout read already (an award notice): its awards would all be dropped
            heading = lines[index - 1] if index and (bulleted or _cued(lines, index - 1)) else line
            measure, measure_awards = _list_group(str(len(measures) + 1), heading, line, listed, lines, index, working)
            measures.append(measure)
            awards.extend(measure_awards)
            continue
        grid = _town_grid(lines, index)
        if grid:
            # 一、…先进单位(6个) / A街道 B街道 C镇 / D镇 E镇 F镇: the towns of the lines below, as many as counted.
            measure, measure_awards = _run_group(str(len(measures) + 1), line, grid, working)
            measures.append(measure)
            awards.extend(measure_awards)
            grid_ends = grid[-1][0].end
            continue
        leading = _leading_list(line.text, finder) if bulleted else None
        if leading is not None:
            # ➤…先进的地方 / 武汉市、襄阳市…。2021年将上述地方…(省发改委组织实施): the list, then what it is given.
            places, rest = leading
            if not all(place.text in known for place in places):
                heading = lines[index - 1]
                marker = find_marker(line.text[rest:], line.start + rest)
                measure, measure_awards = _category(
                    str(len(measures) + 1),
                    heading.text.strip(),
                    working.original_span(heading.start, heading.end),
                    places,
                    line.start,
                    marker,
                    line.text[rest:],
                    working,
                )
                measures.append(measure)
                awards.extend(measure_awards)
            continue
        # Each sentence with its places: one automaton pass a sentence, also read by the sentence before it.
        found = [(sentence, finder.find(sentence.group())) for sentence in _SENTENCE.finditer(line.text)]
        awarded = [
            (sentence, places)
            for at, (sentence, _) in enumerate(found)  # `at`: the sentence's place among the line's sentences
            if (places := finder.winners(sentence.group()))
            and not the_cues.not_award.search(sentence.group())
            and (
                under_opener
                or _says_awarded(sentence.group(), places, found[at + 1 : at + 2], found[at - 1 : at] if at else [])
            )
        ]
        for position, (sentence, places) in enumerate(awarded):
            # What follows, up to the next winners, may say who carries it out: (省财政厅、省商务厅组织实施).
            until = awarded[position + 1][0].start() if position + 1 < len(awarded) else len(line.text)
            # …第三名C,第四名D。排名第一的给予奖励: only the first ranked are winners
            places = only_top(places, sentence.group(), line.text[sentence.start() + places[-1].end : until])
            measure, measure_awards = _group(
                str(len(measures) + 1), line, sentence, places, line.text[sentence.end() : until], working
            )
            measures.append(measure)
            awards.extend(measure_awards)
    close_run(len(lines) - len(run) - 1)
    return measures, distinct_awards(drop_below_top(lines, working, awards))


def _bare_list_line(text: str, finder: FoundOnce) -> list[Mention]:
    """The items of a line that is only a list of places' names or stems (江苏、福建、广西。), else []."""
    line = cues().bare_list_line.match(text)
    if line is None:
        return []
    items, at = [], line.start("items")
    for item in re.split("[、,]", line["items"]):
        if not finder.is_name(item):
            return []
        items.append(Mention(at, at + len(item), item))
        at += len(item) + 1
    return items


def _town_grid(lines: list[Line], index: int) -> list[tuple[Line, Mention]]:
    """The towns of the lines below a heading that counts them (…先进单位(6个)), when those lines hold nothing but
    town names (a grid: the spaces between its cells are gone) and as many as the heading says; else []."""
    text = lines[index].text
    counted = cues().counted_line.search(text) if "个)" in text else None  # most lines count nothing: no search
    if not counted:
        return []
    wanted = number_of(counted["count"])
    towns: list[tuple[Line, Mention]] = []
    for line in lines[index + 1 :]:
        if len(towns) >= wanted:
            break
        text = re.sub(r"[、,;\s]", "", line.text)  # a grid's cells, whatever stood between them
        names = list(cues().township_name.finditer(text))
        if not names or "".join(m.group() for m in names) != text:
            break
        towns += [(line, Mention(m.start(), m.end(), m.group())) for m in names]
    return towns if len(towns) == wanted else []


_CELL = re.compile(r"\|([^|]*)")
_VILLAGE_CELL = re.compile(r"[\u4e00-\u9fff]{1,8}(?:村|社区)")


class RowUnit(NamedTuple):
    county: str  # the place of the cell before (湘阴县)
    start: int  # the unit's cell text, in offsets of the row
    end: int
    text: str


def row_unit(row: str, finder: FoundOnce) -> RowUnit | None:
    """A table row naming a unit below the county in the cell after its county's (| 1 | 湘阴县 | 鹤龙湖镇 | 示范 |):
    the town is the row's winner, the county its parent. None when no such cells follow one another, or when a
    village cell follows the town (which of them wins is not told here)."""
    if "|" not in row or not cues().township_word.search(row):
        return None
    cells = [(m.start(1), m.group(1)) for m in _CELL.finditer(row)]
    for index in range(1, len(cells)):
        county, (unit_at, unit_cell) = cells[index - 1][1].strip(), cells[index]
        unit = unit_cell.strip()
        if not county or not cues().township_name.fullmatch(unit):
            continue
        mentions = finder.find(county)
        if len(mentions) != 1 or mentions[0].text != county:
            continue
        if index + 1 < len(cells) and _VILLAGE_CELL.fullmatch(cells[index + 1][1].strip()):
            return None
        start = unit_at + unit_cell.index(unit)
        return RowUnit(county, start, start + len(unit), unit)
    return None


def _one_place_line(text: str, finder: FoundOnce) -> Mention | None:
    """The place of a line that names one place and nothing else, or its body (…镇人民政府, …管委会)."""
    text = text.strip()
    if len(text) > 40 or _SENTENCE_END.search(text.rstrip("。")):
        return None
    mentions = finder.find(text)
    if len(mentions) != 1:
        return None
    place = mentions[0]
    before, after = text[: place.start], text[place.end :].rstrip("。")
    if cues().item_number.fullmatch(before) and (not after or cues().body_of_place.fullmatch(after)):
        return place
    return None


def _run_group(ordinal: str, heading: Line, run: list, working: NormalisedText):
    """Lines naming one winner each, under their heading (一、优胜乡镇) as the category."""
    measure = Measure(
        ordinal=ordinal,
        parent=None,
        title=None,
        text=heading.text.strip(),
        span=working.original_span(heading.start, heading.end),
    )
    awards = []
    for line, place in run:
        at = line.start + line.text.index(place.text)
        span = working.original_span(at, at + len(place.text))
        awards.append(Award(measure_ordinal=ordinal, recipient=Recipient(as_written=place.text), span=span))
    return measure, awards


def _list_line_places(text: str, finder: FoundOnce) -> list[Mention]:
    """The places of a line that is nothing but a list of places (separators, a count such as 等14个县市
    and bracketed notes aside), else []."""
    if _SENTENCE_END.search(text.rstrip("。.;!? ")):
        return []  # sentences inside: prose, read sentence by sentence (and this saves a search of every line)
    places = _winners(text, _with_prefixes(finder.find(text)))
    if len(places) < 2:
        return []
    rest, last = [], 0
    for place in places:
        rest.append(text[last : place.start])
        last = place.end
    rest.append(text[last:])
    return places if not cues().list_residue.sub("", "".join(rest)) else []


def bullet_category(lines: list[Line], index: int) -> bool:
    """The line at `index` is a bulleted category (➤…先进的地方): a bullet, one phrase, and an award cue or the kind of
    places it names."""
    if not 0 <= index < len(lines):
        return False
    text = lines[index].text
    if len(text) > 60 or not cues().bullet.match(text) or _SENTENCE_END.search(text.rstrip("。")):
        return False
    return bool(cues().places_heading.search(text) or cues().award.search(text))


def _leading_list(text: str, finder: FoundOnce) -> tuple[list[Mention], int] | None:
    """The places of a line's first sentence when it is nothing but a list of places, and where the rest starts."""
    first = _SENTENCE.match(text)
    if first is None or first.end() == len(text):
        return None  # one sentence: a whole list line is read by _list_line_places
    places = _list_line_places(first.group(), finder)
    return (places, first.end()) if places else None


def _with_prefixes(mentions: list[Mention]) -> list[Mention]:
    """A name written right before another (武汉市 of 武汉市新洲区) joined to it: in a list it is the place's prefix,
    part of how the place is written, and no separate item."""
    joined: list[Mention] = []
    for mention in mentions:
        if joined and joined[-1].end == mention.start and _may_prefix(joined[-1].text):
            joined[-1] = Mention(joined[-1].start, mention.end, joined[-1].text + mention.text)
        else:
            joined.append(mention)
    return joined


def _may_prefix(name: str) -> bool:
    """A county (…县, …区, …旗) holds no other place the automaton names, so it prefixes none: 顺昌县晋江市 is two
    items whose space the working copy dropped (`武夷山市、顺昌县 晋江市、德化县`). A prefecture (…地区) may."""
    return not (name.endswith(("县", "旗")) or (name.endswith("区") and not name.endswith("地区")))


def _cued(lines: list[Line], index: int) -> bool:
    """The line at `index` (a category heading before a list, or 对上述地区…奖励 after it) carries an award cue."""
    return 0 <= index < len(lines) and bool(cues().award.search(lines[index].text))


def _about_list_before(lines: list[Line], index: int) -> bool:
    """The line at `index` is about the list before it: 对上述地区…给予奖励, 上述县市区各…万元."""
    return 0 <= index < len(lines) and bool(cues().refers_back.match(lines[index].text) or _cued(lines, index))


def _list_group(ordinal, heading: Line, line: Line, places: list[Mention], lines, index: int, working):
    """A list line as a category: the heading before it is the category's text, the line after it may hold the
    amounts and who carries it out."""
    following = lines[index + 1] if _about_list_before(lines, index + 1) else None
    after = following.text if following else ""
    marker = find_marker(after, following.start) if following else None
    text = heading.text.strip() if heading is not line else ""
    span = working.original_span(heading.start, heading.end)
    return _category(ordinal, text, span, places, line.start, marker, after, working)


def _group(ordinal: str, line: Line, sentence: re.Match, places: list[Mention], after: str, working: NormalisedText):
    """One award sentence as a category (a Measure) with an Award per place, amounts and departments."""
    text, start = sentence.group(), line.start + sentence.start()
    marker = find_marker(text + after, start)
    category = text[places[-1].end :].strip(",、 ")
    if not category.strip("。;"):  # the sentence ends with its places (…名单如下:A、B。): the sentence says what
        category = text.strip(",、 ")
    span = working.original_span(start, start + len(text))
    amounts_in = _with_next_sentence(line.text, sentence.start(), sentence.end())
    return _category(ordinal, category, span, places, start, marker, amounts_in, working)


def _category(ordinal, text: str, span, places: list[Mention], at: int, marker, amounts_in: str, working):
    """A Measure for the category and an Award per place (`at`: where the places' text starts)."""
    leads = department_refs(marker.lead, working) if marker else []
    supports = department_refs(marker.support, working) if marker else []
    measure = Measure(
        ordinal=ordinal,
        parent=None,
        title=None,
        text=text,
        span=span,
        lead_departments=leads,
        supporting_departments=supports,
        amounts_yuan=[a.yuan for a in find_amounts(amounts_in)],
    )
    awards = [
        Award(
            measure_ordinal=ordinal,
            recipient=Recipient(as_written=place.text),
            span=working.original_span(at + place.start, at + place.end),
            implementing_departments=leads + supports,
        )
        for place in places
    ]
    return measure, awards


def _winners(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The places of a sentence that can be winners: not an organ (湖南省人民政府), not the one that rewards
    (某市对…的地区给予奖励), not the start of an enterprise's name (某市某某合作社), not a prefix of the next name
    (湖北省武汉市 → 武汉市), not a region the winners lie in (覆盖北京市、江苏省…)."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(sentence)]
    the_cues = cues()
    kept = []
    covered = False  # in a list after 覆盖/分布在: the regions the winners lie in, not winners
    for i, mention in enumerate(mentions):
        gap = sentence[mentions[i - 1].end if i else 0 : mention.start]
        covered = bool(the_cues.coverage.search(gap)) or (covered and not the_cues.list_residue.sub("", gap))
        if covered or (quoted and any(start < mention.start and mention.end < end for start, end in quoted)):
            continue  # inside a title: 获得“河北省人居环境进步奖”称号
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        if following and following.start == mention.end and _may_prefix(mention.text):
            continue  # a prefix: the next name is the place
        after = sentence[mention.end :]
        last_of_a_list = sentence[mention.start - 1 : mention.start] == "、"  # …、仙游14个县市 closes a list
        if (
            the_cues.organ_after.match(after)
            or the_cues.rewarder_after.match(after)
            or the_cues.entity_after.match(after)
            or the_cues.unit_after.match(after)  # 江岸区台北街、…: the street is the winner, not its district
            or (the_cues.aggregate_after.match(after) and not last_of_a_list)
        ):
            continue
        kept.append(mention)
    return kept


def _says_awarded(text: str, places: list[Mention], following: list, before: list) -> bool:
    """The sentence has an award cue; or its list of places is followed by one (同仁县获…); or the sentence
    before it names no place, carries the cue and this one goes on from it (…予以奖励。其中,X…); or the next
    sentence of the paragraph names no place and carries the cue (…成效明显。给予100万元奖励。)."""
    the_cues = cues()
    if the_cues.award.search(text) or the_cues.after_places.match(text[places[-1].end :].lstrip("的")):
        return True
    heading = the_cues.counted_heading.search(text, 0, places[0].start)
    if heading and number_of(heading["count"]) == sum(place.start > heading.end() for place in places):
        return True
    if before and the_cues.continues.match(text) and not before[0][1] and the_cues.award.search(before[0][0].group()):
        return True
    if not following:
        return False
    next_sentence, its_places = following[0]
    return not its_places and bool(the_cues.award.search(next_sentence.group()))


def _with_next_sentence(text: str, start: int, end: int) -> str:
    """An amount often stands in the sentence after the winners (…成效明显。给予100万元奖励。). From the sentence's
    start, not the line's: each sentence re-read the line before it (a 20,000-character line took 2.5 s), and
    amounts of earlier groups on the line were counted again."""
    following = _SENTENCE.match(text, end)
    return text[start:end] + (following.group() if following else "")


def distinct_awards(awards: list[Award]) -> list[Award]:
    """A place named twice for the same category is one award."""
    seen, out = set(), []
    for award in awards:
        key = (award.measure_ordinal, award.recipient.as_written)
        if key not in seen:
            seen.add(key)
            out.append(award)
    return out
