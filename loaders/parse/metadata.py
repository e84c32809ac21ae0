"""Notice metadata: title, issuer, 文号, date, work year, citations and superseded notices."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from loaders.normalise import NormalisedText
from loaders.parse.dates import DATE, iso_date
from loaders.segment import Line

CUES_FILE = Path(__file__).resolve().parents[1] / "data" / "metadata.toml"
# 文号: issuer abbreviation, year in any bracket form, number, 号 (渝府办发〔2022〕74号, 川办函[2023]58号). The
# abbreviation never starts right after a digit: in 2005年2月6日通政发[2005]8号 it is 通政发, not 日通政发.
DOC_NUMBER = re.compile(
    r"(?P<prefix>(?<!\d)[\u4e00-\u9fff]{1,12})[〔\[［﹝(](?P<year>\d{4})[〕\]］﹞)]第?(?P<no>\d{1,4})号"
)
# What follows the issuer's abbreviation in DOC_NUMBER (〔2022〕74号), and the abbreviation's longest length.
_DOC_NUMBER_TAIL = re.compile(r"[〔\[［﹝(]\d{4}[〕\]］﹞)]第?\d{1,4}号")
_MAX_DOC_PREFIX = 12
_WORK_YEAR = (
    re.compile(r"对(?:在)?(\d{4})年度?(?:落实|在|全省|全市|有关|工作|真抓实干|督查激励)"),
    re.compile(r"(\d{4})年度?(?:落实有关重大政策措施|真抓实干|省级督查激励|市级督查激励|督查激励)"),
    re.compile(r"(\d{4})年度?(?:全省|全市)?(?:真抓实干)?督查激励"),
)
# The verbs saying a notice stops applying (…停止执行): here for 文号, in loaders/citations.py for titles.
SUPERSEDE = re.compile(r"停止执行|同时废止|予以废止|不再执行|废止")
_SENTENCE_BREAK = re.compile(r"[。;]")
_SENTENCE_REACH = 1_000
_OPENING = 1_500  # news names the notice it reports near the top


@dataclass(frozen=True)
class Cues:
    organ_line: re.Pattern  # a line that is only the name(s) of issuing bodies (heading or signature)
    organ_before_title: re.Pattern  # 重庆市人民政府办公厅关于…
    issuer_in_prose: tuple[re.Pattern, ...]  # 省政府办公厅近日印发…, 据江苏省财政厅消息, X对…予以激励; X决定
    reported_title: re.Pattern  # 发布《国务院办公厅关于…的通报》: the notice a text reports on
    issuer_before_quote: re.Pattern  # 省政府办公厅近日印发《…: the body issuing the notice a text cites by title
    cite_lead: re.Pattern
    cite_opening: re.Pattern
    title_word: re.Pattern
    number_after_title: re.Pattern  # …的决定(二〇一一年十二月七日)漯政〔2011〕66号: the title, its date, its 文号
    date_after_title: re.Pattern
    heading_label: re.Pattern
    publication: re.Pattern
    unquoted_title: re.Pattern  # 某某办公厅关于…的通报 in running text, at a clause's start, not in 《》
    follows_word: re.Pattern  # 按照 opening a name: the text follows what the body issued


@cache
def cues() -> Cues:
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))
    suffix = "|".join(data["organ_suffix"])
    name = rf"(?:(?![{data['not_in_name']}])[\u4e00-\u9fff]){{0,16}}?(?:{suffix})"
    names = rf"{name}(?:、{name})*"
    lead = data["issuer_lead"]
    return Cues(
        organ_line=re.compile(rf"{name}(?:[、\s]{name})*"),
        # Joint issuers head the title together: 某某市财政局、某某市农业农村局关于… (or a space between them).
        organ_before_title=re.compile(rf"(?P<org>{name}(?:[、\s]{name})*)关于"),
        issuer_in_prose=tuple(
            re.compile(rf"(?:{lead})(?P<org>{names})(?:{data['issuer_between']}){{0,2}}(?:{verbs})", re.M)
            for verbs in data["issuer_verb"]
        ),
        reported_title=re.compile(rf"(?:{data['report_verb']})了?《(?P<org>{name})关于"),
        # Searched in the characters just before 《, so the name is greedy and its longest suffix is tried first.
        issuer_before_quote=re.compile(
            rf"(?P<org>(?:(?![{data['not_in_name']}])[\u4e00-\u9fff]){{0,16}}"
            rf"(?:{'|'.join(sorted(data['organ_suffix'], key=len, reverse=True))}))"
            r"(?:近日|日前|正式|先后)?(?:印发|下发|发布|出台|制定|转发)了?的?$"
        ),
        cite_lead=re.compile(rf"^.*(?:{data['cite_lead']})"),
        cite_opening=re.compile(data["cite_opening"]),
        title_word=re.compile(rf"(?:{data['title_word']})$"),
        number_after_title=re.compile(
            rf"(?:{data['title_word']})(?:\((?:{DATE.pattern})\))?(?P<number>{DOC_NUMBER.pattern})"
        ),
        date_after_title=re.compile(rf"(?:{data['title_word']})\((?:{DATE.pattern})\)"),
        heading_label=re.compile(data["heading_label"]),
        publication=re.compile(data["publication_label"]),
        follows_word=re.compile(data["follows_word"]),
        unquoted_title=re.compile(
            rf"(?:^|(?<=[。;!?\n,:]))(?:近日|日前)?(?P<org>{name}(?:、{name})*)关于[^。《》\n]{{4,80}}?的"
            rf"(?:{data['title_word']})(?!》)"
        ),
    )


@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None
    work_year: int | None = None
    cites: list[str] = field(default_factory=list)
    supersedes: list[str] = field(default_factory=list)


def canonical_doc_number(raw: str) -> str:
    m = DOC_NUMBER.search(raw)
    if not m:
        return raw
    prefix = cues().cite_lead.sub("", m["prefix"]) or m["prefix"]
    return f"{prefix}〔{m['year']}〕{int(m['no'])}号"


def doc_numbers(text: str) -> Iterator[re.Match]:
    """DOC_NUMBER.finditer(text), found from the bracketed year on: the pattern opens with a look-behind and up to 12
    characters, so it was tried (and backtracked) at every character of the text; the bracket is found by a fast scan,
    and the name before it looked for only there."""
    pos = 0
    for anchor in _DOC_NUMBER_TAIL.finditer(text):
        if anchor.start() >= pos:
            m = DOC_NUMBER.search(text, max(pos, anchor.start() - _MAX_DOC_PREFIX), anchor.end())
            if m:
                yield m
                pos = m.end()


def parse_metadata(lines: list[Line], addressee: re.Pattern, working: NormalisedText | None = None) -> Metadata:
    """`working`: the text the lines are of; where it dropped a space between two bodies on one line (农业农村部 财政部,
    a joint signature), they are two issuers."""
    text = "\n".join(line.text for line in lines)
    head = heading_lines(lines, addressee)
    # The heading block may run into the line after it (标题(日期)文号 正文… on one line).
    after = next(i + 1 for i, line in enumerate(lines) if line.start == head[-1].start) if head else 0
    opening = "\n".join([*(line.text for line in head), *(line.text[:200] for line in lines[after : after + 1])])
    prose = _opening_prose(lines)
    meta = Metadata()
    own = _own_doc_number(head, opening)
    meta.doc_number = own
    meta.title = _title(head)
    # A text that reports on a notice (发布《国务院办公厅关于…的通报》后,我县…) is about that notice: its own
    # signature and date are the reporter's, not the notice's.
    reported = cues().reported_title.search(prose)
    if reported:
        meta.issuer = reported["org"]
    else:
        meta.issuer = (
            _signature_issuer(lines, working)
            or _heading_issuer(head, working)
            or _issuer_in_prose(prose)
            or _issuer_of_unquoted_title(prose)
        )
    meta.date = _date(head, opening, [] if reported else lines)
    meta.work_year = _work_year(text[:_OPENING])
    # A notice never replaces itself: a sentence without 。 before it reaches back into the heading and its 文号.
    meta.supersedes = _unique(n for n in _superseded(text) if n != own)
    meta.cites = _unique(n for m in doc_numbers(text) if (n := canonical_doc_number(m.group())) != own)
    return meta


def _opening_prose(lines: list[Line]) -> str:
    """The first _OPENING characters of the lines that are not publication details, joined. Lines are taken only
    until there are enough (each was searched and joined, then all but the opening thrown away)."""
    kept: list[str] = []
    size = -1  # of the lines joined so far, with their line breaks
    for line in lines:
        if size >= _OPENING:
            break
        if not cues().publication.search(line.text):
            kept.append(line.text)
            size += len(line.text) + 1
    return "\n".join(kept)[:_OPENING]


def heading_lines(lines: list[Line], addressee: re.Pattern) -> list[Line]:
    """The short lines of the heading block (issuer, title, 文号, date), without their field labels. When an
    addressee opens the body they are the lines just above it (a page may put menus or links first), else
    the opening lines."""
    # `match`: the addressee pattern opens with ^ and a line has no line break inside (a search tried every position).
    at = next((i for i, line in enumerate(lines[:40]) if addressee.match(line.text)), None)
    if at is None:
        head = []
        for line in lines[:8]:
            if len(line.text) > 60 or _SENTENCE_BREAK.search(line.text):
                break
            head.append(line)
        return _unlabelled(head)
    head = []
    for line in reversed(lines[max(0, at - 10) : at]):
        if cues().publication.search(line.text) and not DOC_NUMBER.search(line.text):
            continue  # 发布时间:… 来源:… between the title and the body
        if len(line.text) > 100 or _SENTENCE_BREAK.search(line.text) or len(head) == 6:
            break
        head.insert(0, line)
    return _unlabelled(head)


def _unlabelled(head: list[Line]) -> list[Line]:
    """Heading lines without a site's field labels (文件名称:…); a line that was only a label is dropped."""
    lines = [line._replace(text=cues().heading_label.sub("", line.text).strip()) for line in head]
    return [line for line in lines if line.text]


def _superseded(text: str):
    """文号 of the notices a sentence says stop applying. Within the sentence, the clause that runs into
    the verb (…,《…》(穗府办〔2020〕4号)停止执行) names them; a 文号 cited earlier in it (为贯彻《…》(国办发…)
    精神,…) is only cited. When that clause names none, the whole sentence counts."""
    for verb in SUPERSEDE.finditer(text):
        # A sentence is read at most _SENTENCE_REACH characters to either side of the verb: without a 。 the
        # whole text was one sentence, read again for every verb (quadratic).
        low, high = max(0, verb.start() - _SENTENCE_REACH), verb.end() + _SENTENCE_REACH
        start = text.rfind("。", low, verb.start()) + 1 or low
        end = text.find("。", verb.end(), high)
        sentence = text[start : end if end >= 0 else min(high, len(text))]
        before = text[start : verb.start()]
        masked = re.sub(r"《[^》]*》", lambda m: "_" * len(m.group()), before)
        clause = before[max(masked.rfind(c) for c in ",;:") + 1 :]
        numbers = list(DOC_NUMBER.finditer(clause)) or list(DOC_NUMBER.finditer(sentence))
        yield from (canonical_doc_number(m.group()) for m in numbers)


def _own_doc_number(head: list[Line], opening: str) -> str | None:
    """The 文号 opening a heading line ((菏政字〔2009〕13号), 2005年2月6日 通政发[2005]8号, 穗府办〔2023〕13号《…》)
    or run on after the title (…的决定(二〇一一年十二月七日)漯政〔2011〕66号). One inside a title
    (关于贯彻国办发〔2021〕49号…), after a lead-in (根据…, 特别是…) or on the line under a citing line (根据《…》) is
    cited."""
    for i, line in enumerate(head):
        if i and cues().cite_opening.match(head[i - 1].text):
            continue  # 根据《…》 then (某政发〔2021〕12号) on the next line: the cited notice's number
        text = line.text.lstrip("(")
        if date := DATE.match(text):
            text = text[date.end() :].lstrip()
        m = DOC_NUMBER.match(text)
        if m and not m["prefix"].startswith("关于") and not cues().cite_lead.match(m["prefix"]):
            return canonical_doc_number(m.group())
    m = cues().number_after_title.search(opening)
    # …的通知特别是某政办发〔2020〕7号: a 文号 after lead-in words is cited, even right after a title word.
    return canonical_doc_number(m["number"]) if m and not cues().cite_lead.match(m["prefix"]) else None


def _title(head: list[Line]) -> str | None:
    """The title may run over several heading lines, from the line opening with 关于 (or holding a
    document word) to the line ending with the document word; an issuer line just above it is its start,
    as in the official form 重庆市人民政府办公厅关于…的通知."""
    texts = [text for line in head if (text := _without_own_number(line.text)) and not DATE.search(text)]
    for i, first in enumerate(texts):
        if not (first.startswith("关于") or cues().title_word.search(first)):
            continue
        j = i
        # A title broken over lines goes on until a line that is an issuer (a signature), not a title word:
        # "…措施" may end a line in the middle of a title. An addressee (…各有关单位:) is never part of it, and a
        # line opening a title of its own (the title written twice, once under the 文号) starts another.
        while j + 1 < len(texts) and not _is_organ(texts[j + 1]) and not _ends_title(texts[j + 1]):
            j += 1
        title = "".join(texts[i : j + 1])
        if first.startswith("关于") and i > 0 and _is_organ(texts[i - 1]):
            title = texts[i - 1] + title
        return title
    return None


def _ends_title(following: str) -> bool:
    """The line after a title line is not more of it: an addressee, or the opening of a title again."""
    return following.endswith(":") or following.startswith("关于") or bool(cues().organ_before_title.match(following))


def _without_own_number(text: str) -> str:
    """A heading line without a 文号 glued to its start or end (某政发〔2023〕2号某某区人民政府关于…的通知); '' when
    the line is nothing else, or holds a 文号 inside (关于贯彻国办发〔2021〕49号…: not a title line)."""
    first = DOC_NUMBER.match(text.lstrip("("))
    if first:
        text = text.lstrip("(")[first.end() :].lstrip(") ")
    last = DOC_NUMBER.search(text)
    if last and last.end() == len(text.rstrip(") ")):
        text = text[: last.start()].rstrip("( ")
    return "" if DOC_NUMBER.search(text) else text


def _is_organ(text: str) -> bool:
    """A line that is only the name(s) of issuing bodies: 某某市人民政府办公厅, 农业农村部 财政部."""
    return len(text) <= 30 and not text.startswith("关于") and bool(cues().organ_line.fullmatch(text))


def _heading_issuer(head: list[Line], working: NormalisedText | None = None) -> str | None:
    for line in head:
        if _is_organ(line.text):
            return _joint(line, working)
        if m := cues().organ_before_title.match(line.text):
            return "、".join(m["org"].replace("、", " ").split())
    return None


def _issuer_in_prose(opening: str) -> str | None:
    """News names the issuer in a sentence: 省政府办公厅近日印发通报, 据江苏省财政厅消息, 省委、省政府决定,对…"""
    for pattern in cues().issuer_in_prose:
        if m := pattern.search(opening):
            # 按照X印发的…: the text follows what X issued; X is not its issuer
            return None if cues().follows_word.match(m["org"]) else m["org"]
    return None


def _issuer_of_unquoted_title(opening: str) -> str | None:
    """A notice named by its title in running text, without quotes, at a clause's start (湖南省人民政府办公厅关于…的
    通报在全省引起反响): the text is about it, and its issuer is the notice's. A title after 根据/按照 … is cited."""
    m = cues().unquoted_title.search(opening)
    return m["org"] if m else None


def _joint(line: Line, working: NormalisedText | None) -> str:
    """The bodies of an organ line, joined by 、: the working copy drops a space between two CJK characters, so
    `农业农村部 财政部` reads 农业农村部财政部; where it dropped one and both sides are bodies, they are two."""
    if working is None:
        return line.text
    pieces, last = [], 0
    for at in range(1, len(line.text)):
        dropped = working.offsets[line.start + at] - working.offsets[line.start + at - 1] > 1
        if dropped and _is_organ(line.text[last:at]) and _is_organ(line.text[at:]):
            pieces.append(line.text[last:at])
            last = at
    pieces.append(line.text[last:])
    return "、".join(pieces)


def _signature_issuer(lines: list[Line], working: NormalisedText | None = None) -> str | None:
    """Issuer signed at the end: the short lines naming bodies just above the closing date (joint issuers
    sign one under the other). The closing date is the last date alone on a line, as for `_date`: an attachment
    after the signature (附件 …名单) may run on for many lines."""
    tail = [line.text for line in lines]
    for i in range(len(tail) - 1, 0, -1):
        if _date_line(tail[i]):
            names: list[str] = []
            while i > 0 and len(names) < 3 and _is_organ(tail[i - 1]):
                names.insert(0, _joint(lines[i - 1], working))
                i -= 1
            return "、".join(names) or None
    return None


def _date_line(text: str) -> str | None:
    m = DATE.fullmatch(text.strip("() "))
    return iso_date(m) if m else None


_TRAILING_DATE = re.compile(rf"[。!]\s*(?:{DATE.pattern})$")  # …作出新的贡献。 二〇一〇年三月二十九日


def _date(head: list[Line], opening: str, lines: list[Line]) -> str | None:
    """The signing date: a date alone on a line (the signature, or in the heading), the date closing the last
    paragraph (…作出新的贡献。 二〇一〇年三月二十九日), or in the heading beside the 文号 or after the title."""
    for line in reversed(lines):
        if date := _date_line(line.text):
            return date
    for line in lines[-3:]:
        if m := _TRAILING_DATE.search(line.text):
            return iso_date(m)
    for line in head:
        if date := _date_line(DOC_NUMBER.sub("", line.text)):
            return date
    m = cues().date_after_title.search(opening)
    return iso_date(m) if m else None


def _work_year(opening: str) -> int | None:
    for pattern in _WORK_YEAR:
        m = pattern.search(opening)
        if m:
            return int(m.group(1))
    return None


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))
