"""Department names: split the jurisdiction prefix, expand abbreviations, and derive stable ids.

Pure functions over ``ontology/data/department_aliases.csv`` (columns ``canonical,alias,scope``).
Names in the table are generic bodies without a jurisdiction prefix (发展改革委, not 市发展改革委);
``scope=central`` marks national organs (财政部, 人民银行, 国务院办公厅 …) that never take a local prefix.
The words of a department marker (its labels, the tails glued after a name) are ``loaders/data/departments.toml``.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from loaders import place_words

ALIASES_PATH = Path(__file__).resolve().parents[1] / "ontology" / "data" / "department_aliases.csv"
# The labels of a department marker and the words glued after a name (loaders/data/departments.toml).
MARKER_WORDS_PATH = Path(__file__).resolve().parent / "data" / "departments.toml"

# Single-character prefixes meaning "this level" in a document of that level (市财政局 in a city notice).
GENERIC_PREFIXES = frozenset("省市区县州")
NATIONAL_PREFIX = "国家"
# Words that start with a generic prefix character but are not a prefix (市场监管…, 区域…, 县域…).
# 市政 (municipal works) is not a prefix; 市政府 and 市政务服务… are 市 + a body.
_NOT_A_PREFIX = re.compile(r"^(?:市场|市政(?!府|务)|区域|县域|州际)")

_SUFFIXES = place_words.alternation(place_words.LEVEL, place_words.AUTONOMOUS)
# A named jurisdiction chain: 重庆市, 四川省成都市, 成都市双流区, 黔东南苗族侗族自治州, 忠县.
_NAMED_CHAIN = re.compile(rf"(?:[\u4e00-\u9fff]{{1,12}}?(?:{_SUFFIXES}))+")
# Without a known department body to confirm a split, only accept place names of two or more
# characters with no 省/市/区/县 inside them, so 广州市城市更新局 is 广州市 + 城市更新局, not 广州市城市 + ….
_STRICT_CHAIN = re.compile(rf"(?:(?:(?![省市区县])[\u4e00-\u9fff]){{2,12}}?(?:{_SUFFIXES}))+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class AliasTable:
    """Alias → canonical body, and the names of national organs."""

    canonical_of: dict[str, str]
    central: frozenset[str]

    def is_known(self, body: str) -> bool:
        return body in self.canonical_of


@lru_cache(maxsize=1)
def load_aliases() -> AliasTable:
    """Read the alias table once; every canonical name is also an alias of itself."""
    canonical_of: dict[str, str] = {}
    central: set[str] = set()
    with ALIASES_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            canonical, alias = row["canonical"].strip(), row["alias"].strip()
            canonical_of.setdefault(canonical, canonical)
            canonical_of[alias] = canonical
            if (row.get("scope") or "").strip() == "central":
                central.update((canonical, alias))
    return AliasTable(canonical_of=canonical_of, central=frozenset(central))


def _clean(name: str) -> str:
    return _SPACES.sub("", name or "")


def _is_prefix(candidate: str, strict: bool) -> bool:
    if candidate == NATIONAL_PREFIX or candidate in GENERIC_PREFIXES:
        return True
    return (_STRICT_CHAIN if strict else _NAMED_CHAIN).fullmatch(candidate) is not None


def _split_on_known_body(name: str, table: AliasTable) -> tuple[str, str] | None:
    """The shortest prefix whose remainder is a department the table knows."""
    for cut in range(1, len(name)):
        prefix, body = name[:cut], name[cut:]
        if table.is_known(body) and _is_prefix(prefix, strict=False):
            return prefix, body
    return None


def _split_by_shape(name: str) -> tuple[str, str]:
    """Fallback for departments missing from the table: longest plausible named prefix, else generic."""
    # A named place does not start with a generic prefix character (市城市… is 市 + 城市…).
    if name[:1] not in GENERIC_PREFIXES:
        for cut in range(len(name) - 2, 1, -1):
            if _is_prefix(name[:cut], strict=True):
                return name[:cut], name[cut:]
    if name[:1] in GENERIC_PREFIXES and len(name) > 2 and not _NOT_A_PREFIX.match(name):
        return name[:1], name[1:]
    if name.startswith(NATIONAL_PREFIX) and len(name) > 3:
        return NATIONAL_PREFIX, name[2:]
    return "", name


@lru_cache(maxsize=65536)  # markers name the same few dozen departments again and again; the split tries every cut
def split_prefix(name: str) -> tuple[str, str]:
    """Separate the jurisdiction prefix from the department body.

    '市发展改革委' → ('市', '发展改革委'); '重庆市人民政府办公厅' → ('重庆市', '人民政府办公厅');
    '财政厅' → ('', '财政厅'); '市场监管局' → ('', '市场监管局'). Whitespace is removed first.
    """
    name = _clean(name)
    table = load_aliases()
    if not name or table.is_known(name):
        return "", name
    return _split_on_known_body(name, table) or _split_by_shape(name)


def canonical_body(body: str) -> str:
    """Full generic name of a department body without prefix ('发展改革委' → '发展和改革委员会')."""
    body = _clean(body)
    return load_aliases().canonical_of.get(body, body)


def canonical_name(name: str) -> str:
    """Full canonical name keeping the prefix ('市发展改革委' → '市发展和改革委员会').

    Unknown departments keep their written body, so the result is never worse than the input.
    """
    prefix, body = split_prefix(name)
    return prefix + canonical_body(body)


def is_central(name: str) -> bool:
    """True for national organs (财政部, 人民银行重庆营业管理部 …), which never inherit a local prefix."""
    return _clean(name).startswith(_central_names())


@lru_cache(maxsize=1)
def _central_names() -> tuple[str, ...]:
    """The national organs as one tuple: str.startswith tries them all in one call (a generator of 46 calls took
    ~2 µs a name, and every name of a marker that does not carry its own prefix is asked)."""
    return tuple(sorted(load_aliases().central))


def expand_abbreviated(names: list[str]) -> list[str]:
    """Give unprefixed names inside one marker the prefix of the first name.

    ['市发展改革委', '财政局'] → ['市发展改革委', '市财政局']. A name with its own prefix keeps it,
    national organs are left alone, and nothing is inherited when the first name has no prefix.
    """
    if not names:
        return []
    inherited, _ = split_prefix(names[0])
    expanded = [names[0]]
    for name in names[1:]:
        own_prefix, _ = split_prefix(name)
        if own_prefix or not inherited or is_central(name):
            expanded.append(name)
        else:
            expanded.append(inherited + _clean(name))
    return expanded


def department_id(canonical: str, jurisdiction_id: str | None) -> str:
    """Stable ASCII id of a department scoped to its jurisdiction.

    Scheme: ``{jurisdiction_id or 'unknown'}-{sha1(body)[:10]}`` where ``body`` is the canonical body
    with any jurisdiction prefix removed (市/省/重庆市/国家 …) and aliases resolved, UTF-8 encoded.
    The jurisdiction says whose department it is, so Chongqing's 市发展和改革委员会 and Guangzhou's get
    different ids while 重庆市发展改革委 and 市发展和改革委员会 in a Chongqing notice share one.
    Pass the department's own jurisdiction (e.g. the district for 渝北区财政局 named in a city notice),
    resolved from its prefix; ``None`` yields the ``unknown-`` namespace.
    """
    _, body = split_prefix(canonical)
    digest = hashlib.sha1(canonical_body(body).encode("utf-8")).hexdigest()[:10]
    return f"{jurisdiction_id or 'unknown'}-{digest}"


@dataclass(frozen=True)
class MarkerVocabulary:
    """loaders/data/departments.toml compiled: the labels of a marker and the tails glued to a name."""

    label: re.Pattern  # any label with its colon; group `label` is the word
    role_of: dict[str, str]  # label word -> lead | support | responsible
    label_line: re.Pattern  # a line that opens with a label (the marker on lines of its own)
    trailing_labels: re.Pattern  # labels closing a line after its sentence (…。牵头单位:A;责任单位:B); group `labels`
    lead_mark: re.Pattern  # (牵头) after a name
    name_tail: re.Pattern  # one tail word at the end of a name
    level_list: re.Pattern  # a catch-all of government levels written as a list: 各县、区人民政府


@cache
def marker_vocabulary() -> MarkerVocabulary:
    data = tomllib.loads(MARKER_WORDS_PATH.read_text(encoding="utf-8"))
    role_of = {word: role for role in ("lead", "support", "responsible") for word in data[f"{role}_labels"]}
    words = "|".join(sorted(role_of, key=len, reverse=True))
    tails = "|".join(sorted(map(re.escape, data["name_tails"]), key=len, reverse=True))
    marks = "|".join(data["lead_marks"])
    return MarkerVocabulary(
        label=re.compile(rf"(?P<label>{words})\s*[:：]"),
        role_of=role_of,
        label_line=re.compile(rf"^\s*(?:{words})\s*[:：]"),
        # No bracket but a lead mark in them: (牵头单位:A;配合单位:B) or [牵头单位:A;责任单位:B] closing a line is the
        # bracketed marker (its second label is no trailing label).
        trailing_labels=re.compile(
            rf"(?:^|(?<=[。;；]))\s*(?P<labels>(?:{words})\s*[:：](?:[^。()\[\]]|\((?:{marks})\))*)。?\s*$"
        ),
        lead_mark=re.compile(rf"\((?:{marks})\)$"),
        name_tail=re.compile(rf"(?:{tails})$"),
        level_list=re.compile(data["level_list"]),
    )
