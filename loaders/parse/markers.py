"""Read department markers: (牵头单位:A;配合单位:B) (A负责) (A会B负责) (A、B按职责分别负责) (A组织实施)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.departments import marker_vocabulary as vocabulary

# The bracketed marker at the end of a text, in round or square brackets ([牵头单位:A;责任单位:B]); the last one
# wins when there are several. A short bracket may stand inside it: 各县(市、区)人民政府, 市发展改革委(牵头).
_IN_MARKER = r"(?:[^()\[\]]|\([^()\[\]]{1,10}\))*"
MARKER = re.compile(
    rf"[(\[](?P<body>{_IN_MARKER}(?:牵头单位|责任单位|责任部门|配合单位|负责|组织实施|牵头){_IN_MARKER})[)\]]\s*[。.;]?\s*$"
)
_VERB_TAIL = re.compile(r"(按职责(?:分工)?(?:分别)?|分别|共同|牵头)?(负责|组织实施|牵头|落实)$")
_SEPARATORS = re.compile(r"[、,，;；]")
# A document may say that the first department listed leads: "列第1位的为牵头单位".
FIRST_LISTED_LEADS = re.compile(r"(列|排)(在)?第[1一]位的?(部门|单位)?为牵头(单位|部门)")


@dataclass(frozen=True)
class MarkerNames:
    lead: list[tuple[str, int, int]]  # (name as written, start, end) in working-text offsets
    support: list[tuple[str, int, int]]
    start: int  # span of the whole marker
    end: int


def find_marker(text: str, offset: int, first_listed_leads: bool = False) -> MarkerNames | None:
    """Find the department marker at the end of `text` (which starts at working offset `offset`)."""
    if ")" not in text and "]" not in text:  # a marker closes its bracket; without one, the pattern would try every (
        return None
    m = MARKER.search(text)
    if not m:
        return None
    body, body_start = m.group("body"), offset + m.start("body")
    if vocabulary().label.search(body):
        lead, support = labelled([(body, body_start)], first_listed_leads)
    elif _ROLE_CLAUSE.search(body):
        lead, support = _role_clauses(body, body_start)
    else:
        lead, support = _verb_form(body, body_start, first_listed_leads)
    if not lead and not support:
        return None
    return MarkerNames(lead, support, offset + m.start(), offset + m.end())


def labelled(pieces: list[tuple[str, int]], first_listed_leads: bool = False):
    """牵头单位:A、B;配合单位:C — each label's names run to the next label or the end of its piece. `pieces` are
    (text, working offset): one parenthesised body, or the label lines after a measure, read as one marker. A
    责任单位 leads unless a 牵头单位 is in the same marker; alone, its first name leads only where the document
    says the first listed leads."""
    vocab = vocabulary()
    labels = [(n, m) for n, (text, _) in enumerate(pieces) for m in vocab.label.finditer(text)]
    roles = {vocab.role_of[m["label"]] for _, m in labels}
    lead: list[tuple[str, int, int]] = []
    support: list[tuple[str, int, int]] = []
    parts = []  # (role, names) of each label
    for i, (n, m) in enumerate(labels):
        text, base = pieces[n]
        following = labels[i + 1] if i + 1 < len(labels) else None
        end = following[1].start() if following and following[0] == n else len(text)
        parts.append((vocab.role_of[m["label"]], _names(text, base, m.end(), end)))
    marked = any(vocab.lead_mark.search(name) for _, names in parts for name, _, _ in names)
    for role, names in parts:
        for name, start, end in names:
            if mark := vocab.lead_mark.search(name):  # 市发展改革委(牵头): this one leads, the others cooperate
                lead.append((name[: mark.start()], start, start + mark.start()))
            elif role == "lead" or (role == "responsible" and not marked and "lead" not in roles):
                lead.append((name, start, end))
            else:
                support.append((name, start, end))
    if first_listed_leads and roles == {"responsible"} and not marked and len(lead) > 1:
        lead, support = lead[:1], lead[1:]
    return lead, support


def label_lines(lines: list) -> list:
    """The run of lines opening with a label (牵头单位:X / 责任单位:A,B) that ends an item's lines: its marker when
    the document writes it on lines of its own. Empty when the item ends otherwise."""
    line_label = vocabulary().label_line
    run: list = []
    for line in reversed(lines[1:]):  # the first line is the item's own numbered text
        if not line_label.match(line.text):
            break
        run.insert(0, line)
    return run


def trailing_labels(text: str, offset: int, first_listed_leads: bool = False):
    """The labels closing a line after its last sentence (…予以支持。牵头单位:A;配合单位:B), as (lead, support);
    None when the line does not end so."""
    m = vocabulary().trailing_labels.search(text)
    if m is None:
        return None
    return labelled([(m["labels"], offset + m.start("labels"))], first_listed_leads)


# "A牵头,B、C配合": each clause names its departments and ends with its role.
_ROLE_CLAUSE = re.compile(r"(?:牵头(?:负责)?|配合|参与|协助|协同)[,，;；]|(?:配合|参与|协助|协同)(?:实施|落实)?$")
_CLAUSE_BREAK = re.compile(r"[,，;；]")
_CLAUSE_ROLE = re.compile(r"(?P<role>牵头(?:负责|落实|实施)?|负责|组织实施|配合(?:实施|落实)?|参与|协助|协同)$")


def _role_clauses(body: str, base: int):
    """市发展改革委牵头,市财政局、市统计局配合 → lead 市发展改革委, support 市财政局, 市统计局."""
    lead: list[tuple[str, int, int]] = []
    support: list[tuple[str, int, int]] = []
    pos = start = 0  # a clause without a role (B、C等部门,D配合) takes the role of the next clause that has one
    for clause in _CLAUSE_BREAK.split(body):
        role = _CLAUSE_ROLE.search(clause)
        if role:
            names = _names(body, base, start, pos + role.start())
            (support if role["role"][:2] in ("配合", "参与", "协助", "协同") else lead).extend(names)
            start = pos + len(clause) + 1
        pos += len(clause) + 1
    return lead, support


def _verb_form(body: str, base: int, first_listed_leads: bool):
    """A负责 · A、B负责 · A会B负责 (A leads, B supports) · A、B按职责分别负责 (all lead)."""
    tail = _VERB_TAIL.search(body)
    end = tail.start() if tail else len(body)
    if "会同" in body[:end] or "会" in body[:end]:
        joint = body.find("会同") if "会同" in body[:end] else _find_hui(body, end)
        if joint > 0:
            skip = 2 if body.startswith("会同", joint) else 1
            return _names(body, base, 0, joint), _names(body, base, joint + skip, end)
    names = _names(body, base, 0, end)
    if first_listed_leads and len(names) > 1:
        return names[:1], names[1:]
    return names, []


def _find_hui(body: str, end: int) -> int:
    """The 会 that joins a lead to its supporters, not one inside a name (委员会, 工商联合会…). A 会 right
    before a prefixed name (市工商联会市财政局) joins whatever precedes it."""
    for i in range(end - 1, 0, -1):
        if body[i] != "会" or body.startswith(("会议", "会展"), i):
            continue
        if body[i - 1] not in "员联协商学社合字" or body[i + 1 : i + 2] in tuple("市省区县州"):
            return i
    return -1


# Longer than any department's name (the longest, with its place, ~30 characters): a sentence, not a name.
# Canonicalising a name costs per character and a marker body has no bound (18,000 characters took 4 s).
_MAX_NAME = 60
# What closes a list of departments without naming one: 区财政局、区水务局等部门.
_GROUP_WORD = re.compile(r"等(?:有关|相关)?(?:部门|单位)$")


def _names(body: str, base: int, start: int, end: int) -> list[tuple[str, int, int]]:
    names = []
    pos = start
    # A catch-all written as a list of levels (各县、区人民政府) is one name: its separators do not split it, so it is
    # dropped whole as the catch-all it is, not read as a body `区人民政府`.
    text = vocabulary().level_list.sub(lambda m: _SEPARATORS.sub("\0", m.group()), body[start:end])
    for masked in _SEPARATORS.split(text):
        piece = body[pos : pos + len(masked)]
        stripped = _without_tails(_GROUP_WORD.sub("", piece.strip(" :：。.")))
        if stripped and len(stripped) <= _MAX_NAME:
            at = body.index(stripped, pos)
            names.append((stripped, base + at, base + at + len(stripped)))
        pos += len(piece) + 1
    return names


def _without_tails(name: str) -> str:
    """The name without the words glued after it (市财政局按职责分工负责 → 市财政局); '' when it was only those."""
    tail = vocabulary().name_tail
    while len(name) <= _MAX_NAME and (m := tail.search(name)):
        name = name[: m.start()].rstrip(" ,")
    return name
