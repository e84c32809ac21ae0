"""Awards of an announcement: its categories (as measures) and every recipient named under each."""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from itertools import accumulate
from typing import NamedTuple

from loaders import place_words
from loaders.normalise import NormalisedText
from loaders.parse.markers import find_marker
from loaders.parse.measures import build_measure, department_refs, item_departments
from loaders.parse.money import find_amounts
from loaders.parse.numbering import Item, build_items, walk
from loaders.parse.prose import bullet_category
from loaders.records import Award, Measure, Recipient, Warning_
from loaders.segment import Line
from loaders.warning_codes import WarningCode

IsPlace = Callable[[str], bool]

_SEP = "、,;"
# A place name: ends with an administrative or zone suffix; a base keeps its bracketed speciality.
_PLACE_SUFFIX = (
    rf"(?:{place_words.BASE}(?:\([^)]{{1,30}}\))?"
    rf"|{place_words.alternation(place_words.ZONE, place_words.LEVEL, place_words.AUTONOMOUS)})"
)
_PLACE = re.compile(rf"[^、,;。:\s]{{1,40}}?{_PLACE_SUFFIX}")
# The last characters of _PLACE's suffixes: a piece ending otherwise is no place name, without trying the pattern.
_SUFFIX_WORDS = (place_words.BASE, *place_words.ZONE, *place_words.LEVEL, *place_words.AUTONOMOUS)
_PLACE_ENDINGS = frozenset([")"] + [word[-1] for word in _SUFFIX_WORDS])
# A province or prefecture prefix carried by the names after it: 成都市双流区、郫都区 → 成都市郫都区.
# The longest such prefix is carried (四川省成都市双流区 → 四川省成都市), down to the prefecture.
_PREFIX = re.compile(
    rf"^(?P<prefix>[^、,;。]{{2,14}}(?:{place_words.alternation(place_words.CARRIED)}))(?P<rest>[^、,;。]{{2,}}?)$"
)
_CHUNK = re.compile(rf"[^{_SEP}。]+")
_SPLIT = re.compile(rf"[{_SEP}]")
# Compiled once (asked for every paragraph or piece of a list; re.search(str) looks the pattern up each time).
_SPLIT_KEEPING = re.compile(rf"([{_SEP}。])")
_CONJOINED = re.compile(r"(?P<a>[^和及]{2,20}?)(?P<c>以及|和|及)(?P<b>[^和及]{2,20})")
_CLOSING = frozenset("。;:!?.)")  # the last character of a line that closes its paragraph (lines are stripped)
_PHRASE = "的"  # in a phrase (成效明显的县区), never in a place's name
_MAX_NAME = 25
_MAX_UNKNOWN_NAME = 8  # an unknown name (a typo) is still a place when short: longer runs are sentences
# 等N个 (or a bare 等 closing the list) says the list names only some of the recipients.
# The count may name the kind of recipient: 等5个地方, 等十二个县(市、区), 等3个市(州), 等10个开发区.
_KINDS = r"地方|单位|地区|(?:经济)?开发区|高新区|园区|新区|基地|平台|[县市区州]{1,3}(?:\([^()]{1,12}\))?"
_COUNTED = rf"(?P<n>\d+|[一二三四五六七八九十]+)个(?:{_KINDS})?"
_PARTIAL = re.compile(rf"等(?:{_COUNTED})?(?=[。.]?$)")
# 等N个 in the middle of a list joins two partial lists: 安顺市、遵义市等3个市(州)和六枝特区等16个县(市、区).
_PARTIAL_INNER = re.compile(rf"等{_COUNTED}(?:和|及|以及|、|,|;)")
# Statement openers: a line starting so is not the rest of a recipient list broken over lines.
_STATEMENT_START = re.compile(r"^(对|上述|以上|在|将|给予|各给予|每个|\d{4}年)")
_LABEL = re.compile(r"^(?P<label>[^:。]{2,30}?):")
# After the places of a news paragraph: an organ of the place (省政府办公厅, 人民政府) or a newspaper is no group.
_NOT_A_GROUP = re.compile(
    r"^(人民政府|政府|党委|委员会|办公厅|办公室|日报|晚报|电视台|融媒体|新闻|发布|召开|人大|政协)"
)


_SENTENCE_PUNCTUATION = re.compile(r"[。,;:!?]")


def _is_headline(text: str) -> bool:
    """A title line: short and without sentence punctuation."""
    return len(text) <= 40 and not _SENTENCE_PUNCTUATION.search(text)


class PlaceMention(NamedTuple):  # a tuple: one is made for every name of every list
    as_written: str
    start: int  # working-text offsets
    end: int
    prefix: str | None  # carried prefecture-level prefix, as written


def split_places(text: str, locate: Callable[[int], int], is_place: IsPlace | None = None) -> list[PlaceMention]:
    """Split a delimited list of place names, carrying prefixes. `locate` maps an index in `text` to its
    working-text offset (a list may run over several lines). With `is_place`, a name that is a place in
    its own right but not under the carried prefix (成都市双流区、自贡市) ends the prefix's scope."""
    mentions = []
    prefix = None
    end = -1  # of the piece before, in `text`: the separators are single characters
    for raw in _SPLIT.split(text):  # the pieces between separators, found in one call (a match object each before)
        start = end + 1
        end = start + len(raw)
        name = raw.strip(" 。.")
        if name:
            at = start if raw[0] not in " 。." else end - len(raw.lstrip(" 。."))
            prefix = _carry_prefix(name, prefix)
            carried = prefix if prefix and not name.startswith(prefix) else None
            if carried and is_place and not is_place(carried + name) and is_place(name):
                prefix = carried = None
            mentions.append(PlaceMention(name, locate(at), locate(at + len(name) - 1) + 1, carried))
    return mentions


def _carry_prefix(name: str, current: str | None) -> str | None:
    """The prefix carried to the names after `name`: its own prefix, else the one before. A name that is a place
    in its own right outside that prefix (成都市双流区、自贡市) ends its scope in split_places."""
    if name.endswith(")") or "基地" in name:
        return current
    prefix = _prefix_of(name) if len(name) <= 60 else _match_prefix(name)
    return prefix or current


@lru_cache(maxsize=65536)  # lists name the same places again and again (and the pattern backtracks)
def _prefix_of(name: str) -> str | None:
    return _match_prefix(name)


def _match_prefix(name: str) -> str | None:
    m = _PREFIX.match(name)
    return m["prefix"] if m else None


def leading_places(text: str, is_place: IsPlace) -> int:
    """Length of the run of place names that opens a sentence ("渝北区、武隆区在…"); 0 when none.
    A name followed by a separator needs only the shape of a short place name (a typo stays a recipient);
    the last one runs into the sentence, so it is the longest opening that is a known place."""
    pos = 0
    while True:
        chunk = _CHUNK.match(text, pos)
        if not chunk:
            return 0
        name = chunk.group()
        delimited = chunk.end() < len(text) and text[chunk.end()] in _SEP
        if delimited and (is_place(name) or (_PLACE.fullmatch(name) and len(name) <= _MAX_UNKNOWN_NAME)):
            pos = chunk.end() + 1
            continue
        for k in range(min(len(name), _MAX_NAME), 1, -1):
            if name[k - 1] in _PLACE_ENDINGS and _PLACE.fullmatch(name[:k]) and is_place(name[:k]):
                return pos + k
        return 0


class AwardLists(NamedTuple):
    measures: list[Measure]
    awards: list[Award]
    warnings: list[Warning_]
    list_lines: set[int]  # where each line read as (part of) a list of recipients starts: the prose reader skips them


def parse_award_lists(lines: list[Line], working: NormalisedText, is_place: IsPlace | None = None) -> AwardLists:
    """An award notice: numbered categories (一、 (一) …), each followed by lines of recipients
    (optionally labelled: 总量前五的地方:…) and a line saying what they get and who implements it."""
    roots, _ = build_items(lines)
    measures: list[Measure] = []
    awards: list[Award] = []
    warnings: list[Warning_] = []
    list_lines: set[int] = set()
    document_end = lines[-1].end if lines else None
    by_item: dict[int, tuple[Measure, list[Award]]] = {}
    for item in walk(roots):
        # The departments of a category are those of the statement after its list; the item's own marker only
        # when no statement names any (_category_awards).
        measure = build_measure(item, item.ordinal, item.parent.ordinal if item.parent else None, working, False, False)
        category_awards = _category_awards(item, measure, working, warnings, list_lines, is_place, document_end)
        if category_awards or item.children:
            measure.text = item.head
            measures.append(measure)
            awards.extend(category_awards)
            by_item[id(item)] = (measure, category_awards)
    for item in walk(roots):
        _share_closing_statement([by_item[id(c)] for c in item.children if id(c) in by_item])
    return AwardLists(measures, awards, warnings, list_lines)


def _share_closing_statement(siblings: list[tuple[Measure, list[Award]]]) -> None:
    """Sub-lists followed by one statement ((一)设区市 … (二)县(市、区) … 对上述地方…(省发展改革委组织实施)):
    the departments of the statement after the last of them also implement the earlier ones that have none."""
    following: tuple[list, list] | None = None
    for measure, awards in reversed(siblings):
        if not awards:
            continue
        if measure.lead_departments or measure.supporting_departments:
            following = (measure.lead_departments, measure.supporting_departments)
        elif following is not None:
            measure.lead_departments, measure.supporting_departments = list(following[0]), list(following[1])
            for award in awards:
                award.implementing_departments = measure.lead_departments + measure.supporting_departments


@dataclass(frozen=True)
class _LogicalLine:
    """Lines of one paragraph joined back together (text extracted from PDFs breaks lines mid-name)."""

    parts: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)

    @cached_property
    def _ends(self) -> list[int]:
        """Where each part ends in `text`: locating every name of a long list by walking the parts was slow."""
        return list(accumulate(len(part.text) for part in self.parts))

    def locate(self, index: int) -> int:
        k = bisect_right(self._ends, index)
        if k == len(self.parts):
            return self.parts[-1].end
        return self.parts[k].start + index - (self._ends[k - 1] if k else 0)


def _locate_in(para, skip: int, index: int) -> int:
    """Where character `index` of a paragraph's list (after `skip`) stands in the working text."""
    return para.locate(skip + index)


# Lines (and characters) joined into one paragraph at most. A list broken by a PDF runs over a few lines (2 in
# every document at hand); each joined line re-reads the paragraph so far, so 8,000 unpunctuated lines took 78 s.
_MAX_PARAGRAPH_LINES = 50
_MAX_PARAGRAPH_CHARS = 5_000


def _paragraphs(lines: list[Line]) -> list[_LogicalLine]:
    """A line that stops without closing punctuation goes on in the next line, unless it ends a complete
    list of places and the next line opens a sentence (a list whose closing 。 was lost)."""
    out: list[list[Line]] = []
    chars = 0  # in the paragraph so far
    for line in lines:
        if (
            out
            and len(out[-1]) < _MAX_PARAGRAPH_LINES
            and chars < _MAX_PARAGRAPH_CHARS
            and out[-1][-1].text[-1:] not in _CLOSING
            and not _ends_list(out[-1], line)
            and not _heading_then_list(out[-1], line)
        ):
            out[-1].append(line)
            chars += len(line.text)
        else:
            out.append([line])
            chars = len(line.text)
    return [_LogicalLine(tuple(parts)) for parts in out]


def _ends_list(parts: list[Line], following: Line) -> bool:
    text = "".join(p.text for p in parts)
    if text[-1:] in _SEP or not _is_place_list(text[_label_end(text) :]):
        return False
    # The next line opens a sentence, not the rest of a name broken over lines (郴州|市、怀化市).
    first = _CHUNK.match(following.text)
    sentence = first is not None and len(first.group()) > _MAX_NAME and not _PLACE.fullmatch(first.group())
    return bool(_STATEMENT_START.match(following.text)) or sentence


def _heading_then_list(parts: list[Line], following: Line) -> bool:
    """A category's heading on its own line (推动高质量发展成效明显的县区) and its list on the next: two paragraphs,
    or the heading runs into the first name. A heading is a phrase (的), which no place name is; a list's own label
    (规模前五的基地:…) is not the heading."""
    text = "".join(p.text for p in parts)
    return _PHRASE in text[_label_end(text) :] and _is_place_list(following.text)


def _label_end(text: str) -> int:
    m = _LABEL.match(text)
    return m.end() if m else 0


def _category_awards(
    item: Item,
    measure: Measure,
    working: NormalisedText,
    warnings: list,
    list_lines: set[int],
    is_place: IsPlace | None = None,
    document_end: int | None = None,
) -> list[Award]:
    listed_names: list[tuple[PlaceMention, str | None]] = []  # each name with its list's label
    per_recipient = None
    lead, support = [], []
    for para in _paragraphs(item.lines[1:]):
        text = para.text
        label_match = _LABEL.match(text)
        skip = label_match.end() if label_match else 0
        body = _split_conjunctions(text[skip:], is_place)
        truncated = None
        is_list = _is_place_list(body)  # asked once: it splits the paragraph and matches every name
        if not is_list and para.parts[-1].end == document_end:
            truncated = _truncated_tail(body)
            if truncated is not None:
                warnings.append(
                    Warning_(
                        WarningCode.TRUNCATED_LIST,
                        f"list under {item.ordinal} breaks off at {body[truncated:]!r}: the text is truncated",
                        working.original_span(para.parts[0].start, para.parts[-1].end),
                    )
                )
                body = body[:truncated]
                is_list = _is_place_list(body)
        if is_list:
            list_lines.update(part.start for part in para.parts)
            label = label_match["label"] if label_match else None
            partials = list(_PARTIAL_INNER.finditer(body)) + list(_PARTIAL.finditer(body))
            # Blank out the counts so names keep their positions (and their spans).
            listed = _PARTIAL_INNER.sub(lambda m: "、" * len(m.group()), body)
            listed = _PARTIAL.sub(lambda m: " " * len(m.group()), listed)
            locate: Callable[[int], int]
            if len(para.parts) == 1:  # most lists are one line: no need to find the line of each name
                locate = partial(operator.add, para.parts[0].start + skip)
            else:
                locate = partial(_locate_in, para, skip)
            listed_names += [(mention, label) for mention in split_places(listed.rstrip("。. "), locate, is_place)]
            for counted in partials:
                warnings.append(
                    Warning_(
                        WarningCode.PARTIAL_LIST,
                        f"list under {item.ordinal} names only some of "
                        f"{counted.group().rstrip('和及以、,;')} recipients",
                        working.original_span(para.parts[0].start, para.parts[-1].end),
                    )
                )
            continue
        amounts = [a for a in find_amounts(text) if a.per_recipient]
        if amounts:
            per_recipient = amounts[0].yuan
        last = para.parts[-1]
        marker = find_marker(last.text, last.start)
        if marker:
            lead, support = marker.lead, marker.support
    if lead or support:
        # One call, so a short name among the supporters inherits the first name's prefix (省农业农村厅会同财政厅).
        refs = department_refs(lead + support, working)
        measure.lead_departments, measure.supporting_departments = refs[: len(lead)], refs[len(lead) :]
    else:
        measure.lead_departments, measure.supporting_departments = item_departments(item, working, False)
    # The awards are made once the statement after the lists has given their amount and departments (they were
    # made with neither and then filled in).
    departments = measure.lead_departments + measure.supporting_departments
    span = working.original_span
    return [
        Award(
            measure.ordinal,  # the item's, found once (Item.ordinal walks up the parents at every call)
            Recipient(mention.as_written, parent=mention.prefix),
            span(mention.start, mention.end),
            per_recipient,
            label,
            departments[:],  # each award its own list, as before
        )
        for mention, label in listed_names
    ]


def _split_conjunctions(body: str, is_place: IsPlace | None) -> str:
    """成都市、泸州市和宜宾市: 和/及 between two places separates them like 、 (same length, so offsets hold).
    A name that is a place as a whole (河源市和平县, 和田市) is kept."""
    if is_place is None or ("和" not in body and "及" not in body):
        return body
    pieces = _SPLIT_KEEPING.split(body)
    out = []
    for piece in pieces:
        m = _CONJOINED.fullmatch(piece.strip())
        if (
            m
            and _PLACE.fullmatch(m["a"])
            and _PLACE.fullmatch(m["b"].rstrip("。."))
            and not is_place(piece.strip())
            and (is_place(m["a"]) or is_place(m["b"].rstrip("。.")))
        ):
            piece = piece.replace(m["c"], "、" * len(m["c"]), 1)
        out.append(piece)
    return "".join(out)


def _truncated_tail(body: str) -> int | None:
    """Where a list that the end of the text cut short (…驻马店市平舆县、新) stops being whole: the start of
    its last, unfinished name; None when the names before it are not a list of places."""
    cut = max(body.rfind(c) for c in _SEP)
    if cut <= 0 or not _is_place_list(body[:cut]):
        return None
    return cut


def _is_place_list(body: str) -> bool:
    """A line made only of place names and separators, such as 成都市、泸州市、宜宾市。"""
    named = False
    for piece in _SPLIT.split(_PARTIAL.sub("", body)):
        name = piece.strip(" 。.")
        if name:
            if not _has_place_shape(name):
                return False  # the first name that is none answers (every line of prose is asked)
            named = True
    return named


def _has_place_shape(name: str) -> bool:
    return len(name) <= 60 and _place_shape(name)  # a longer piece is a sentence: not kept in the cache


@lru_cache(maxsize=65536)  # list lines name the same places again and again; the lazy pattern tries each length
def _place_shape(name: str) -> bool:
    # 的 is in a phrase (成效明显的县区), 上述 and 以上 refer back to a list (对上述市): never in a place's name.
    return _PHRASE not in name and "上述" not in name and "以上" not in name and bool(_PLACE.fullmatch(name))


def parse_news_groups(lines: list[Line], working: NormalisedText, is_place: IsPlace):
    """A news report: each paragraph that opens with places ("黔江区、渝北区…在…成效显著") is one group."""
    measures: list[Measure] = []
    awards: list[Award] = []
    for index, line in enumerate(lines):
        end = leading_places(line.text, is_place)
        if not end or len(line.text) - end < 4:  # a place alone on a line is a heading or a site footer
            continue
        if bullet_category(lines, index - 1):
            continue  # ➤…先进的地方 names the category of the list below it: the prose reader reads the two
        if _NOT_A_GROUP.match(line.text[end:]) or _is_headline(line.text):
            continue  # 湖北省政府办公厅通报表扬… names the issuer; a headline has no sentence
        ordinal = str(len(measures) + 1)
        rest = line.text[end:]
        measures.append(
            Measure(
                ordinal=ordinal,
                parent=None,
                title=None,
                text=rest,
                span=working.original_span(line.start + end, line.end),
            )
        )
        for mention in split_places(line.text[:end], partial(operator.add, line.start), is_place):
            awards.append(
                Award(
                    measure_ordinal=ordinal,
                    recipient=Recipient(as_written=mention.as_written, parent=mention.prefix),
                    span=working.original_span(mention.start, mention.end),
                )
            )
    return measures, awards
