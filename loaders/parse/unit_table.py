"""Measures from a responsibility table: the rows of a task-division table whose column names the units.

Government pages publish task divisions as tables (序号 | 工作任务 | 责任单位 | 完成时限). Kept as pipe rows
(`| 1 | 任务 | 市财政局 | 2020年底 |`, as `read` writes every table) the header names each cell's column;
flattened to one cell a line (the header cells each alone on a line, then the rows' cells) the units cell is told
by its shape: a line that is nothing but department names (catch-alls and zones among them), which closes its row.
Each row is a measure (its task the text, its units the departments: a 牵头单位 column leads, a 配合单位 column
cooperates, a 责任单位 column leads unless a 牵头单位 column stands beside it). The column labels are the marker
labels of `loaders/data/departments.toml`; the header cells, the name endings and the deadline cells are words
there too."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from loaders.departments import MARKER_WORDS_PATH, marker_vocabulary
from loaders.normalise import NormalisedText
from loaders.parse.markers import names_in
from loaders.parse.measures import department_refs
from loaders.patterns import load_patterns
from loaders.records import Measure
from loaders.segment import Line

_SEPARATORS = re.compile(r"[、,;]")
_MAX_CELL = 150  # longer than any list of units: a sentence
_MAX_NAME = 24


@dataclass(frozen=True)
class TableWords:
    label_word: re.Pattern  # any column label, found by a scan before a line is looked at
    label_cell: re.Pattern  # a line (or a pipe cell) that is only a label: 责任单位
    header_cell: re.Pattern
    name_end: re.Pattern
    deadline_cell: re.Pattern
    role_of: dict[str, str]


@cache
def table_words() -> TableWords:
    data = tomllib.loads(MARKER_WORDS_PATH.read_text(encoding="utf-8"))
    role_of = marker_vocabulary().role_of
    labels = "|".join(sorted(role_of, key=len, reverse=True))
    ends = "|".join(sorted(data["name_end"], key=len, reverse=True))
    return TableWords(
        label_word=re.compile(labels),
        label_cell=re.compile(rf"\s*(?P<label>{labels})\s*"),
        header_cell=re.compile(data["header_cell"]),
        name_end=re.compile(rf"(?:{ends})$"),
        deadline_cell=re.compile(data["deadline_cell"]),
        role_of=role_of,
    )


class Table(NamedTuple):
    first_line: int  # index of the header's first line: the lines above it are read as before
    measures: list[Measure]


def read_unit_table(lines: list[Line], working: NormalisedText) -> Table | None:
    """The table's rows as measures (ordinals t1, t2 …), or None when the text holds no such table."""
    words = table_words()
    if not lines or not words.label_word.search(working.text, lines[0].start, lines[-1].end):
        return None  # no column label anywhere: most texts
    for at, line in enumerate(lines):
        if "|" in line.text:
            if (table := _pipe_table(lines, at, working)) is not None:
                return table
        elif words.label_cell.fullmatch(line.text) and (start := _flat_header(lines, at)) is not None:
            return _flat_table(lines, start, working)
    return None


def _flat_header(lines: list[Line], at: int) -> int | None:
    """The first line of the header run around the label line `at`: three or more header cells a line in a row
    (重点工作 / 工作措施 / 责任单位 / 备注), or None."""
    words = table_words()

    def is_cell(text: str) -> bool:
        return bool(words.header_cell.match(text.strip()) or words.label_cell.fullmatch(text))

    start = end = at
    while start > 0 and is_cell(lines[start - 1].text):
        start -= 1
    while end + 1 < len(lines) and is_cell(lines[end + 1].text):
        end += 1
    return start if end - start >= 2 else None


def _flat_table(lines: list[Line], start: int, working: NormalisedText) -> Table | None:
    """Rows of a table flattened to one cell a line: the task lines since the last units cell, closed by the next."""
    words = table_words()
    header = start
    while header < len(lines) and (
        words.header_cell.match(lines[header].text.strip()) or words.label_cell.fullmatch(lines[header].text)
    ):
        header += 1
    roles = [words.role_of[m["label"]] for line in lines[start:header] if (m := words.label_cell.fullmatch(line.text))]
    role = roles[0] if len(roles) == 1 else "responsible"
    measures: list[Measure] = []
    task: list[Line] = []
    for line in lines[header:]:
        text = line.text.strip()
        if not text or words.deadline_cell.match(text):
            continue
        names = _unit_cell(line)
        if names is None:
            task.append(line)
            continue
        if task:
            measures.append(_row(task, names, role, len(measures) + 1, working))
            task = []
    return Table(start, measures) if measures else None


def _pipe_table(lines: list[Line], at: int, working: NormalisedText) -> Table | None:
    """Rows of a pipe table under a header row naming a units column (| 序号 | 工作任务 | 责任单位 | 完成时限 |)."""
    words = table_words()
    header = _cells(lines[at].text)
    columns = {i: words.role_of[m["label"]] for i, cell in enumerate(header) if (m := words.label_cell.fullmatch(cell))}
    if not columns:
        return None
    measures: list[Measure] = []
    for line in lines[at + 1 :]:
        cells = _cells(line.text)
        if len(cells) != len(header):
            if measures:
                break  # the table ended
            continue
        task = max((i for i in range(len(cells)) if i not in columns), key=lambda i: len(cells[i]), default=None)
        if task is None or not cells[task].strip():
            continue
        lead: list[tuple[str, int, int]] = []
        support: list[tuple[str, int, int]] = []
        offsets = _cell_offsets(line)
        has_lead = "lead" in columns.values()
        for i, role in columns.items():
            names = names_in(cells[i], offsets[i])
            # 责任单位 beside a 牵头单位 column cooperates; alone it leads
            (support if role == "support" or (role == "responsible" and has_lead) else lead).extend(names)
        if not lead and not support:
            continue
        text = cells[task].strip()
        start = offsets[task] + cells[task].index(text)
        measures.append(
            Measure(
                ordinal=f"t{len(measures) + 1}",
                parent=None,
                title=None,
                text=text,
                span=working.original_span(start, start + len(text)),
                lead_departments=department_refs(lead, working),
                supporting_departments=department_refs(support, working),
            )
        )
    return Table(at, measures) if measures else None


def _cells(row: str) -> list[str]:
    return row.strip().strip("|").split("|")


def _cell_offsets(line: Line) -> list[int]:
    """The working offset of each cell's first character in a pipe row."""
    offsets, at = [], line.text.index("|", len(line.text) - len(line.text.lstrip())) + 1
    for cell in _cells(line.text):
        offsets.append(line.start + at)
        at += len(cell) + 1
    return offsets


def _unit_cell(line: Line) -> list[tuple[str, int, int]] | None:
    """The names of a line that is nothing but department names (catch-alls and zones among them), with at least one
    department; None for any other line (a task's text, a heading)."""
    text = line.text
    if len(text) > _MAX_CELL or "。" in text or ":" in text:
        return None
    names = names_in(text, line.start)
    words, catch_all = table_words(), load_patterns().catch_all_department
    if not names or any(len(name) > _MAX_NAME for name, _, _ in names):
        return None
    if not all(words.name_end.search(name) or catch_all.search(name) for name, _, _ in names):
        return None
    if not any(not catch_all.search(name) for name, _, _ in names):
        return None
    return names


def _row(task: list[Line], names: list[tuple[str, int, int]], role: str, n: int, working: NormalisedText) -> Measure:
    """One row: its task lines the measure's text, the units its departments."""
    refs = department_refs(names, working)
    return Measure(
        ordinal=f"t{n}",
        parent=None,
        title=None,
        text="\n".join(line.text for line in task),
        span=working.original_span(task[0].start, task[-1].end),
        lead_departments=[] if role == "support" else refs,
        supporting_departments=refs if role == "support" else [],
    )
