"""The parser's answers where its quadratic spots were made linear (found by profiling hostile inputs):
locating names in joined lines, sections of unmarked steps, supersede sentences, over-long marker names."""

from __future__ import annotations

from loaders.normalise import normalise
from loaders.parse.awards import _LogicalLine, _paragraphs
from loaders.parse.markers import find_marker
from loaders.parse.measures import parse_measures
from loaders.parse.metadata import _superseded
from loaders.segment import Line, split_lines


def test_locate_in_joined_lines_matches_walking_the_parts() -> None:
    lines = split_lines("成都市、泸\n州市、宜宾市\n\n  自贡市、德阳\n市")
    joined = _LogicalLine(tuple(lines))

    def walk(index: int) -> int:
        for part in lines:
            if index < len(part.text):
                return part.start + index
            index -= len(part.text)
        return lines[-1].end

    assert [joined.locate(i) for i in range(len(joined.text) + 2)] == [walk(i) for i in range(len(joined.text) + 2)]


def test_a_paragraph_joins_at_most_fifty_unpunctuated_lines() -> None:
    lines = [Line(i * 4, i * 4 + 3, "万州区") for i in range(120)]
    assert [len(p.parts) for p in _paragraphs(lines)] == [50, 50, 20]


def test_unmarked_steps_in_a_section_are_not_measures_however_many() -> None:
    text = "一、激励措施\n(1)对甲给予奖励。(市财政局负责)\n(2)对乙给予奖励。(市财政局负责)\n二、组织实施\n" + "".join(
        f"({i % 200 + 1})区县申报。\n" for i in range(3_000)
    )
    working = normalise(text)
    measures = parse_measures(split_lines(working.text), working)
    assert [m.ordinal for m in measures] == ["1", "2"]


def test_a_superseded_number_is_read_within_reach_of_the_verb() -> None:
    filler = "对有关工作作出部署" * 200  # no 。 for 1,800 characters
    assert list(_superseded(filler + ",《通知》(穗府办〔2020〕4号)同时废止" + filler)) == ["穗府办〔2020〕4号"]
    # A number cited far before the verb in one endless sentence is no longer taken for the superseded one.
    assert list(_superseded("国办发〔2021〕49号" + filler + ",原通知同时废止")) == []


def test_a_marker_piece_longer_than_any_department_name_is_not_a_department() -> None:
    marker = find_marker("1.对甲给予奖励。(市财政局、" + "市" * 61 + "负责)", 0)
    assert marker is not None
    assert [name for name, _, _ in marker.lead] == ["市财政局"]


def test_a_prose_group_counts_the_amounts_of_its_sentence_and_the_next_only() -> None:
    from loaders.parse.prose import _with_next_sentence

    line = "甲县成效明显。给予100万元奖励。乙县成效明显。给予200万元奖励。"
    second = line.index("乙县")
    assert _with_next_sentence(line, second, line.index("。", second) + 1) == "乙县成效明显。给予200万元奖励。"


def test_a_name_longer_than_any_place_is_not_looked_up() -> None:
    from loaders.pipeline import _is_place

    assert _is_place("万州区")
    assert not _is_place("啊" * 200_000 + "万州区")  # the gazetteer would try every opening of it
