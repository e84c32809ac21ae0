"""Notice metadata: title, issuer, 文号, date, work year, citations and superseded notices."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.segment import Line

# 文号: issuer abbreviation, year in any bracket form, number, 号 (渝府办发〔2022〕74号, 川办函[2023]58号).
DOC_NUMBER = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,12})[〔\[［﹝(](?P<year>\d{4})[〕\]］﹞)]第?(?P<no>\d{1,4})号")
# Words that run into a cited 文号 without punctuation (根据国办发〔2021〕49号, 省政府办公厅川办发…): not its prefix.
_LEAD_IN = re.compile(
    r"^.*(?:根据|按照|依据|依照|参照|贯彻|落实|执行|结合|对照|印发|转发|人民政府|办公厅|办公室|委员会)"
)
# A heading line that is the notice's own 文号, optionally labelled (发文字号:渝府办发〔2022〕74号).
_OWN_NUMBER_LINE = re.compile(r"^(?:发文字号|文号)?[:：]?\s*(?P<number>.+?)\s*$")
# 2022年6月25日, and on a web page's heading line 2022-06-25.
DATE = re.compile(r"(?P<y>\d{4})(?:年(?P<m>\d{1,2})月(?P<d>\d{1,2})日|-(?P<m2>\d{2})-(?P<d2>\d{2}))")
_ISSUER_TAIL = re.compile(r"(人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|政府)$")
_TITLE_WORDS = re.compile(r"(通知|通报|方案|办法|细则|意见|决定|规定|措施|公告)$")
_WORK_YEAR = (
    re.compile(r"对(?:在)?(\d{4})年度?(?:落实|在|全省|全市|有关|工作|真抓实干|督查激励)"),
    re.compile(r"(\d{4})年度?(?:落实有关重大政策措施|真抓实干|省级督查激励|市级督查激励|督查激励)"),
    re.compile(r"(\d{4})年度?(?:全省|全市)?(?:真抓实干)?督查激励"),
)
_SUPERSEDE = re.compile(r"停止执行|同时废止|予以废止|不再执行|废止")
_SENTENCE_REACH = 1_000


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
    prefix = _LEAD_IN.sub("", m["prefix"]) or m["prefix"]
    return f"{prefix}〔{m['year']}〕{int(m['no'])}号"


def heading_lines(lines: list[Line], addressee: re.Pattern) -> list[Line]:
    """The short lines before the body: issuer, title, 文号 (stops at the addressee or a long line)."""
    head = []
    for line in lines[:8]:
        if addressee.search(line.text) or len(line.text) > 60 or re.search(r"[。;]", line.text):
            break
        head.append(line)
    return head


def parse_metadata(lines: list[Line], addressee: re.Pattern) -> Metadata:
    text = "\n".join(line.text for line in lines)
    head = heading_lines(lines, addressee)
    meta = Metadata()
    own = _own_doc_number(head)
    meta.doc_number = own
    meta.title = _title(head)
    meta.issuer = _issuer(head) or _signature_issuer(lines) or _issuer_in_prose(text[:1500])
    meta.date = _date(head, lines)
    meta.work_year = _work_year(text[:1500])
    meta.supersedes = _unique(_superseded(text))
    meta.cites = _unique(n for m in DOC_NUMBER.finditer(text) if (n := canonical_doc_number(m.group())) != own)
    return meta


def _superseded(text: str):
    """文号 of the notices a sentence says stop applying. Within the sentence, the clause that runs into
    the verb (…,《…》(穗府办〔2020〕4号)停止执行) names them; a 文号 cited earlier in it (为贯彻《…》(国办发…)
    精神,…) is only cited. When that clause names none, the whole sentence counts."""
    for verb in _SUPERSEDE.finditer(text):
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


def _own_doc_number(head: list[Line]) -> str | None:
    """The 文号 standing on a heading line of its own; one inside a title (关于贯彻国办发〔2021〕49号…) is cited."""
    for line in head:
        number = _OWN_NUMBER_LINE.match(line.text)["number"]
        m = DOC_NUMBER.fullmatch(number)
        if m and not m["prefix"].startswith("关于") and not _LEAD_IN.match(m["prefix"]):
            return canonical_doc_number(number)
    return None


def _title(head: list[Line]) -> str | None:
    """The title may run over several heading lines, from the line opening with 关于 (or holding a
    document word) to the line ending with the document word; an issuer line just above it is its start,
    as in the official form 重庆市人民政府办公厅关于…的通知."""
    texts = [line.text for line in head if not DOC_NUMBER.search(line.text) and not DATE.search(line.text)]
    for i, first in enumerate(texts):
        if not (first.startswith("关于") or _TITLE_WORDS.search(first)):
            continue
        j = i
        # A title broken over lines goes on until a line that is an issuer (a signature), not a title word:
        # "…措施" may end a line in the middle of a title.
        while j + 1 < len(texts) and not _ISSUER_TAIL.search(texts[j + 1]):
            j += 1
        title = "".join(texts[i : j + 1])
        if first.startswith("关于") and i > 0 and _ISSUER_TAIL.search(texts[i - 1]):
            title = texts[i - 1] + title
        return title
    return None


def _issuer(head: list[Line]) -> str | None:
    for line in head:
        t = line.text
        if _ISSUER_TAIL.search(t) and not t.startswith("关于") and len(t) <= 30:
            return t
        m = re.match(r"^(.{2,25}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|部|厅|局))关于", t)
        if m:
            return m.group(1)
    return None


# News names the issuer in a sentence: 省政府办公厅印发通报, 近日，长沙市政府办公厅发布通报, 农业农村部、财政部联合印发.
_ISSUER_IN_PROSE = re.compile(
    r"(?:^|[,。:;\s]|近日|日前)"
    r"(?P<org>[\u4e00-\u9fff]{0,12}?(?:人民政府办公厅|政府办公厅|人民政府办公室|政府办公室|人民政府|省政府|市政府|国务院|"
    r"办公厅|部|委|厅|局)(?:、[\u4e00-\u9fff]{1,12}?(?:部|厅|局|委))*)"
    r"(?:\d{1,2}月\d{1,2}日)?(?:先后|联合|正式|近日|日前)?(?:印发|下发|发布|发出|公布|通报|公示)"
)
# …or as the author of the title it reports: 《国务院办公厅关于对2017年…的通报》.
_ISSUER_OF_TITLE = re.compile(r"《(?P<org>[^《》]{2,30}?(?:办公厅|办公室|人民政府|部|委|厅|局))关于")


def _issuer_in_prose(opening: str) -> str | None:
    m = _ISSUER_IN_PROSE.search(opening) or _ISSUER_OF_TITLE.search(opening)
    return m["org"] if m else None


def _signature_issuer(lines: list[Line]) -> str | None:
    """Issuer signed at the end: the short line just before the closing date."""
    tail = lines[-6:]
    for i in range(len(tail) - 1, 0, -1):
        if DATE.fullmatch(tail[i].text) and _ISSUER_TAIL.search(tail[i - 1].text) and len(tail[i - 1].text) <= 30:
            return tail[i - 1].text
    return None


def _date(head: list[Line], lines: list[Line]) -> str | None:
    """The signing date: a date alone on a line (signature or heading)."""
    for line in list(reversed(lines)) + head:
        m = DATE.fullmatch(line.text.strip("()"))
        if m:
            month, day = m["m"] or m["m2"], m["d"] or m["d2"]
            return f"{int(m['y']):04d}-{int(month):02d}-{int(day):02d}"
    return None


def _work_year(opening: str) -> int | None:
    for pattern in _WORK_YEAR:
        m = pattern.search(opening)
        if m:
            return int(m.group(1))
    return None


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))
