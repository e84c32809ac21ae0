"""Look up localities (divisions, development zones, bases) by name, scope and year for the resolve stage.

Data: ontology/data/gazetteer.csv (divisions with validity periods, built by build_gazetteer.py),
ontology/data/zones.csv (curated development zones) and ontology/data/gazetteer_changes.csv (for the
successor of a division that ended). Names given to this module are already simplified Chinese.

Ids:
- a division period is its 6-digit code; when a code was used by an earlier, different name, the earlier
  periods are ``code@valid_from`` (500101@1997 is 万县区, 500101 is 万州区);
- a curated zone has the id in zones.csv (``Z`` + parent code + ``-`` + pinyin slug);
- a zone only named like one (…新区, …开发区, …园区) is ``Z`` + sha1(full name)[:10], a base (…基地)
  ``B`` + sha1(full name)[:10]; the full name is the parent's full name plus the local part, so
  成都市X园区 and X园区 within 成都市 get the same id.

Year rules: with a year, only places valid that year match; a name whose matches all ended or had not
begun is unresolved, with any recorded successor (渝北区 in 2025 → 两江新区) and then the out-of-period
matches as candidates. Without a year, a match is ignored when another match of the same name began after
it ended (an older period of a renamed or recoded place), so 铜梁县 is the 1997–2013 county, not the 1980s
one, and 江北区 stays ambiguous between Chongqing and Ningbo.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders import place_words

DATA_DIR = Path(__file__).resolve().parent.parent / "ontology" / "data"

# The words that end place names (loaders/data/place_words.toml): a name ending in a zone word is a development
# zone even when zones.csv does not list it; below the county the gazetteer lists nothing, so a township or village
# written after its county (临颍县杜曲镇…社区) is derived; without its level word a name is the stem of zone names
# (成都高新区).
ZONE_SUFFIXES = place_words.ZONE
BASE_SUFFIX = place_words.BASE
TOWNSHIP_SUFFIXES = place_words.TOWNSHIP
VILLAGE_SUFFIXES = place_words.VILLAGE
LEVEL_SUFFIXES = place_words.LEVEL
# 石柱土家族自治县 → 石柱县: the part before 自治 is a stem plus one or more ethnic names.
_AUTONOMOUS = re.compile(r"^(?P<head>.+)自治(?P<kind>[县州旗区])$")
# Ethnic names written with 族 (土家族, 苗族, 达斡尔族 …) or, in some Xinjiang and Inner Mongolia names,
# without it (哈萨克, 蒙古).
_ETHNIC_PART = re.compile(r"(?:[^族]{1,4}族)+|[^族]{2,6}")
# A bracketed note at the end of a name says what kind, not which place: …升级基地(电子信息).
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_MIN_STEM = 2
_OPEN_END = 9999
_MAX_REMEMBERED = 200_000  # resolve() answers kept; a national corpus needs ~30,000


@dataclass(frozen=True)
class Place:
    id: str
    code: str | None
    name: str
    full_name: str
    level: str  # province | prefecture | county | zone | base
    parent_id: str | None
    valid_from: int | None
    valid_to: int | None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True)
class Resolution:
    place: Place | None
    candidates: tuple[Place, ...]
    how: str  # 'exact'|'short_form'|'prefixed'|'zone'|'base'|'township'|'village'|'stem'|'ambiguous'|'unresolved'


UNRESOLVED = Resolution(None, (), "unresolved")
# The country, as the jurisdiction of national notices (国务院办公厅, ministries); it has no GB/T 2260 code.
NATIONAL = Place("CN", None, "中华人民共和国", "中华人民共和国", "country", None, None, None)


_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Drop spaces and use ASCII brackets, so written variants of one name share a key."""
    return _SPACES.sub("", name).replace("（", "(").replace("）", ")")


def short_forms(name: str) -> set[str]:
    """Names an autonomous division is also written as: 石柱土家族自治县 → 石柱县, 甘孜藏族自治州 → 甘孜州,
    湘西土家族苗族自治州 → 湘西自治州.

    Where the stem ends cannot be told from the characters alone (张家川|回族 but 石柱|土家族), so every
    reading whose dropped part looks like ethnic names is returned; readings that are not real names are
    harmless because nobody writes them.
    """
    match = _AUTONOMOUS.match(name)
    if not match:
        return set()
    head, kind = match["head"], match["kind"]
    forms = {head + kind}  # 鄂伦春自治旗 → 鄂伦春旗
    for cut in range(_MIN_STEM, len(head)):
        if _ETHNIC_PART.fullmatch(head[cut:]):
            forms |= {head[:cut] + kind, head[:cut] + "自治" + kind}
    return forms


def stems(name: str) -> set[str]:
    """The name without its level word (成都市 → 成都, 甘孜藏族自治州 → 甘孜), as used inside zone names."""
    result = set()
    for form in {name} | short_forms(name):
        for suffix in LEVEL_SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_STEM:
                result.add(form[: -len(suffix)])
                break
    return result


_DERIVED_PREFIX = {"zone": "Z", "base": "B", "township": "T", "village": "V"}
_NAMED_WITH_PARENT = {"township", "village"}  # derived levels named with their county (浏阳市古港镇)


def _unit_name(parent: Place | None, local: str, written: str) -> str:
    """A derived town's or village's name: its parent's name and its own (醴陵市白兔潭镇), however it was written
    (alone under the county's scope, or with a province before the county). Derived once and kept for the
    process, it must not be whichever spelling came first."""
    if parent is None:
        return written
    if local == written and any(written.startswith(stem) for stem in stems(parent.name)):
        return written  # written with its parent's short form already (浏阳大瑶镇)
    return parent.name + local


def level_of_name(name: str) -> str | None:
    """The level a name's last word says, for a name no place answers (荣经县, a typo, is still a county)."""
    return next((level for words, level in place_words.LEVEL_OF_WORD if name.endswith(words)), None)


def derived_id(prefix: str, full_name: str) -> str:
    return prefix + hashlib.sha1(full_name.encode("utf-8")).hexdigest()[:10]


def _year(text: str) -> int | None:
    return int(text) if text else None


def _read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a data CSV, skipping '#' comment lines."""
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


class Gazetteer:
    """Places and their names; derived zones and bases are kept once resolved so get() finds them."""

    def __init__(
        self, divisions: list[dict[str, str]], zones: list[dict[str, str]], changes: list[dict[str, str]]
    ) -> None:
        self._by_id: dict[str, Place] = {}
        self._names: dict[str, list[tuple[Place, str]]] = defaultdict(list)  # key → (place, how)
        self._local_names: dict[tuple[str, str], list[Place]] = defaultdict(list)  # (parent id, key)
        self._stems: dict[str, list[Place]] = defaultdict(list)  # provinces and prefectures
        self._county_stems: dict[str, list[Place]] = defaultdict(list)  # 古田 → 古田县
        self._children: dict[str, list[Place]] = defaultdict(list)
        self._successor_codes: dict[tuple[str, str], str] = {}
        self._derived: dict[str, Place] = {}
        # resolve() answers by (name, year, scope): a corpus names the same places again and again, and the
        # prefix search behind one answer costs ~60 µs. Safe to keep: a name's answer never changes (a
        # derived zone is registered on its first resolution and found again by its id after).
        self._resolved: dict[tuple[str, int | None, str | None], Resolution] = {}
        self._direct_answers: dict[tuple[str, int | None, str | None], Resolution] = {}
        # _stem_place answers by (stem, year, scope): asked for every opening of every name the prefix search tries.
        # Stems name provinces and prefectures only (loaded, never derived), so an answer cannot change.
        self._stem_answers: dict[tuple[str, int | None, str | None], Place | None] = {}
        self._scopes: dict[str, frozenset[str]] = {}  # a place's id → its id and its ancestors' ids (_is_within)
        self._add_divisions(divisions)
        self._add_zones(zones)
        # Every name a look-up can end on (names, short forms, aliases, zones' local names): see may_be_listed.
        self._endings = frozenset(self._names) | {name for _, name in self._local_names}
        self._longest_ending = max(map(len, self._endings), default=0)
        for change in changes:
            if change.get("successor_code"):
                self._successor_codes[(change["code"], change["name"])] = change["successor_code"]

    # ----- loading -------------------------------------------------------------------------------

    def _add_divisions(self, rows: list[dict[str, str]]) -> None:
        periods_by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in rows:
            periods_by_code[row["code"]].append(row)
        ids: dict[int, str] = {}
        for periods in periods_by_code.values():
            periods.sort(key=lambda r: int(r["valid_from"]))
            for row in periods[:-1]:
                ids[id(row)] = f"{row['code']}@{row['valid_from']}"
            ids[id(periods[-1])] = periods[-1]["code"]
        for row in rows:
            parent_id = self._parent_period_id(row, periods_by_code, ids)
            place = Place(
                ids[id(row)],
                row["code"],
                row["name"],
                row["full_name"],
                row["level"],
                parent_id,
                _year(row["valid_from"]),
                _year(row["valid_to"]),
            )
            self._register(place)
            for form in short_forms(place.name) - {place.name}:
                self._names[form].append((place, "short_form"))
            if place.level in ("province", "prefecture"):
                for stem in stems(place.name):
                    self._stems[stem].append(place)
            elif place.level == "county":
                for stem in stems(place.name):
                    self._county_stems[stem].append(place)

    @staticmethod
    def _parent_period_id(
        row: dict[str, str], periods_by_code: dict[str, list[dict[str, str]]], ids: dict[int, str]
    ) -> str | None:
        """The period of the parent code that covers the child's last year (parents get renamed too)."""
        parents = periods_by_code.get(row["parent_code"])
        if not parents:
            return None
        last_year = int(row["valid_to"]) if row["valid_to"] else _OPEN_END
        for parent in parents:
            start, end = int(parent["valid_from"]), int(parent["valid_to"] or _OPEN_END)
            if start <= last_year <= end:
                return ids[id(parent)]
        return ids[id(parents[-1])]

    def _add_zones(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            parent = self._by_id.get(row["parent_code"])
            full_name = self._full_name(parent, row["name"])
            place = Place(
                row["id"],
                None,
                row["name"],
                full_name,
                row["level"] or "zone",
                parent.id if parent else None,
                _year(row["valid_from"]),
                _year(row["valid_to"]),
            )
            self._register(place, how="zone")
            for alias in filter(None, row["aliases"].split("|")):
                self._names[normalise_name(alias)].append((place, "zone"))
            if parent:
                self._add_local_names(place, parent, [place.name, *row["aliases"].split("|")])

    def _add_local_names(self, zone: Place, parent: Place, names: list[str]) -> None:
        """成都高新区 is also 高新区 inside 成都市 (so 成都市高新区 resolves by its prefix)."""
        for name in filter(None, map(normalise_name, names)):
            for stem in stems(parent.name) | {parent.name}:
                if name.startswith(stem) and len(name) > len(stem):
                    self._local_names[(parent.id, name[len(stem) :])].append(zone)

    def _register(self, place: Place, how: str = "exact") -> None:
        self._by_id[place.id] = place
        self._names[normalise_name(place.name)].append((place, how))
        if place.parent_id:
            self._children[place.parent_id].append(place)

    @staticmethod
    def _full_name(parent: Place | None, local_name: str) -> str:
        """Parent's full name + local name, replacing a leading parent stem (成都高新区 → 四川省成都市高新区)."""
        if parent is None:
            return local_name
        for stem in sorted(stems(parent.name), key=len, reverse=True):
            if local_name.startswith(stem) and not local_name.startswith(parent.name):
                return parent.full_name + local_name[len(stem) :]
        if local_name.startswith(parent.name):
            return parent.full_name + local_name[len(parent.name) :]
        return parent.full_name + local_name

    # ----- public API ----------------------------------------------------------------------------

    def get(self, place_id: str) -> Place | None:
        if place_id == NATIONAL.id:
            return NATIONAL
        return self._by_id.get(place_id) or self._derived.get(place_id)

    def names(self) -> list[str]:
        """Every name a place is known by (official, short forms, zone names and aliases), normalised."""
        return list(self._names)

    def may_be_listed(self, name: str) -> bool:
        """False when `resolve(name)` (no year, no scope) can give neither a listed place nor an ambiguous answer.
        Those come from the whole name (`_direct`) or from the rest after a place's prefix, found directly at the end
        of the chain of prefixes (`_prefixed`, `_lookup`); the rest may be a zone's local name. So one of the names
        ends `name`. The list readers ask about every opening of a sentence, which a look-up tries at every cut
        (~40 µs each); most end with no name, which this tells from at most the longest name's length of endings."""
        key = normalise_name(name)
        return any(key[-k:] in self._endings for k in range(1, min(len(key), self._longest_ending) + 1))

    def is_listed(self, place: Place) -> bool:
        """True for divisions and curated zones; False for zones and bases derived from a name's shape."""
        return place.id in self._by_id

    def all_places(self) -> Iterable[Place]:
        """Every division period and curated zone, then the derived zones and bases resolved so far."""
        yield from self._by_id.values()
        yield from list(self._derived.values())

    def children(self, place_id: str, year: int | None = None) -> list[Place]:
        return [p for p in self._children.get(place_id, []) if year is None or p.valid_in(year)]

    def ancestors(self, place_id: str) -> list[Place]:
        """Parent first, up to the province."""
        result = []
        place = self.get(place_id)
        while place is not None and place.parent_id:
            place = self.get(place.parent_id)
            if place is not None:
                result.append(place)
        return result

    def resolve(self, name: str, *, year: int | None = None, within: str | None = None) -> Resolution:
        """Find the place a name refers to: official name, short form, prefixed name, zone or base."""
        return _remembered(self._resolved, (name, year, within), self._resolve)

    def _resolve(self, name: str, year: int | None, within: str | None) -> Resolution:
        key = normalise_name(name)
        if not key:
            return UNRESOLVED
        direct = self._direct(key, year, within)
        if direct.how != "unresolved":
            return direct
        if _is_named(key, (BASE_SUFFIX,)):
            return self._derive(key, year, within, "base")
        prefixed = self._prefixed(key, year, within)
        if prefixed is not None:
            return prefixed
        if _is_named(key, ZONE_SUFFIXES):
            return self._derive(key, year, within, "zone")
        below = "village" if key.endswith(VILLAGE_SUFFIXES) else "township" if key.endswith(TOWNSHIP_SUFFIXES) else None
        if below and (
            self._parent_at_start(key, year, within, allow_zones=False)[0] is not None or self._is_county(within)
        ):
            # A county's own notice names its towns without the county (授予A街道等6个镇街为…): they lie in it.
            return self._derive(key, year, within, below)
        county = self._bare_county(key, year, within)
        if county is None or (year is None and county.place and county.place.valid_to is not None):
            # Without a year, a county gone long ago (德州市 the county-level city, to 1993) is not what a bare 德州
            # of a current list means when a province or prefecture has that stem.
            return self._bare_division(key, year, within) or county or direct
        return county

    def _bare_county(self, key: str, year: int | None, within: str | None) -> Resolution | None:
        """古田 for 古田县, only inside a jurisdiction where one county has that stem: news lists counties
        without their level word (古田、周宁…14个县市), and nationwide a stem is often shared."""
        if within is None:
            return None
        place = self._only(self._county_stems.get(key, ()), year, within)
        return Resolution(place, (place,), "stem") if place else None

    def _is_county(self, place_id: str | None) -> bool:
        place = self.get(place_id) if place_id else None
        return place is not None and place.level == "county"

    def _bare_division(self, key: str, year: int | None, within: str | None) -> Resolution | None:
        """江苏 for 江苏省, 济南 for 济南市: lists name provinces and prefectures without their level word
        (名单如下:江苏、福建… / 济南、青岛等…5个设区市). Unlike a county's, such a stem is seldom shared, so it is
        read without a jurisdiction too, when one province or prefecture (inside `within`) has it. The parser
        reads a bare name only where its list says it is a place (loaders/parse/bare_names.py)."""
        place = self._stem_place(key, year, within)
        if place is None and key in self._stems:
            places = self._stems[key]
            if year is None:  # 宁波 was also 宁波地区 (to 1982): without a year, the division that still exists
                places = [p for p in places if p.valid_to is None]
                place = self._only(places, year, within)
            if place is None:
                # 吉林 is a province and a prefecture in it: nationwide the province, inside a scope the prefecture.
                places = [p for p in places if (p.level == "province") == (within is None) and p.id != within]
                place = self._only(places, year, within)
        return Resolution(place, (place,), "stem") if place else None

    def suggest(self, name: str, *, within: str | None, year: int | None = None) -> Place | None:
        """The place a misspelt name most likely means: one character off, same length and level word.

        Searches inside `within`, or inside the place named by the name's prefix (雅安市荣经县 → 荥经县).
        Returns None unless exactly one name fits.
        """
        key = normalise_name(name)
        if within is None:
            head, key = self._split_prefix(key, year)
            if head is None:
                return None
            within = head.id
        fits: dict[str, list[Place]] = defaultdict(list)
        for place in self._descendants(within):
            if (year is None or place.valid_in(year)) and _one_character_off(place.name, key):
                fits[place.name].append(place)
        if len(fits) != 1:
            return None
        (places,) = fits.values()
        return max(places, key=lambda p: p.valid_to or _OPEN_END)

    # ----- resolution steps ----------------------------------------------------------------------

    def _direct(self, key: str, year: int | None, within: str | None) -> Resolution:
        """Match the whole name against names, short forms, zone aliases (and local zone names in scope).
        Remembered like resolve(): the prefix search asks it for every opening of every name. It reads only
        the loaded names, never the derived places, so an answer cannot change."""
        if key not in self._names and (within is None or (within, key) not in self._local_names):
            return UNRESOLVED  # most keys asked are openings of names that name nothing: nothing to remember
        return _remembered(self._direct_answers, (key, year, within), self._direct_match)

    def _direct_match(self, key: str, year: int | None, within: str | None) -> Resolution:
        matches = list(self._names.get(key, ()))
        if within is not None:
            matches += [(zone, "zone") for zone in self._local_names.get((within, key), ())]
            matches = [(p, how) for p, how in matches if self._is_within(p, within)]
        if year is not None:
            valid = [(p, how) for p, how in matches if p.valid_in(year)]
            if not valid:
                return self._out_of_period(matches, year)
        else:
            valid = _drop_superseded(matches)
        return _choose(valid)

    def _out_of_period(self, matches: list[tuple[Place, str]], year: int) -> Resolution:
        successors = []
        for place, _how in matches:
            code = self._successor_codes.get((place.code or "", place.name))
            successor = self.get(code) if code else None
            if successor is not None and successor.valid_in(year):
                successors.append(successor)
        candidates = _unique([*successors, *(p for p, _how in matches)])
        return Resolution(None, tuple(candidates), "unresolved")

    def _lookup(self, key: str, year: int | None, within: str | None) -> Place | None:
        """A unique place for the whole name or for a prefix followed by a name inside it."""
        direct = self._direct(key, year, within)
        if direct.place is not None:
            return direct.place
        prefixed = self._prefixed(key, year, within)
        return prefixed.place if prefixed is not None else None

    def _prefixed(self, key: str, year: int | None, within: str | None) -> Resolution | None:
        """成都市武侯区, 甘孜州稻城县, 上海浦东新区: resolve the shortest prefix that names a place (or is the
        stem of a province or prefecture), then the rest inside it."""
        for cut in range(_MIN_STEM, len(key) - 1):
            head = self._direct(key[:cut], year, within).place or self._stem_place(key[:cut], year, within)
            if head is None:
                continue
            tail = self._lookup(key[cut:], year, head.id)
            if tail is not None:
                return Resolution(tail, (tail,), "zone" if tail.level == "zone" else "prefixed")
        return None

    def _stem_place(self, stem: str, year: int | None, within: str | None) -> Place | None:
        """The one province or prefecture a stem names (上海 in 上海浦东新区, 天津 in 天津滨海新区)."""
        if stem not in self._stems:
            return None  # asked for every opening of a name, which is seldom a stem
        key = (stem, year, within)
        if key not in self._stem_answers:
            if len(self._stem_answers) >= _MAX_REMEMBERED:
                self._stem_answers.clear()
            self._stem_answers[key] = self._only(self._stems[stem], year, within)
        return self._stem_answers[key]

    def _only(self, places: Iterable[Place], year: int | None, within: str | None) -> Place | None:
        """The one place of `places` valid in `year` (without a year: not superseded) and inside `within`."""
        found = [
            p for p in places if (year is None or p.valid_in(year)) and (within is None or self._is_within(p, within))
        ]
        if year is None:
            found = [p for p, _ in _drop_superseded([(p, "") for p in found])]
        found = _unique(found)
        return found[0] if len(found) == 1 else None

    def _split_prefix(self, key: str, year: int | None) -> tuple[Place | None, str]:
        """The longest prefix that names a place, and the rest of the name."""
        for cut in range(len(key) - 1, _MIN_STEM - 1, -1):
            head = self._lookup(key[:cut], year, None)
            if head is not None:
                return head, key[cut:]
        return None, key

    def _derive(self, key: str, year: int | None, within: str | None, level: str) -> Resolution:
        """A zone, base, township or village not in the data: parent from the start of its name, else the scope."""
        parent, local = self._parent_at_start(key, year, within, allow_zones=level == "base")
        if parent is None and within is not None:
            parent = self.get(within)
        full_name = self._full_name(parent, local) if parent else key
        place_id = derived_id(_DERIVED_PREFIX[level], full_name)
        place = self._derived.get(place_id)
        if place is None:
            name = _unit_name(parent, local, key) if level in _NAMED_WITH_PARENT else key
            place = Place(place_id, None, name, full_name, level, parent.id if parent else None, None, None)
            self._derived[place_id] = place
            if place.parent_id:
                self._children[place.parent_id].append(place)
        return Resolution(place, (place,), level)

    def _parent_at_start(
        self, key: str, year: int | None, within: str | None, allow_zones: bool
    ) -> tuple[Place | None, str]:
        """The place named at the start of a zone or base name, and the local rest of the name.

        Longest prefix first, so a base inside a zone (X经济技术开发区…基地) hangs under the zone; for
        bases an unlisted zone-like prefix becomes a derived zone. Failing that, a province or
        prefecture stem (遂宁经济技术开发区 → 遂宁市), keeping the name whole.
        """
        for cut in range(len(key) - 1, _MIN_STEM - 1, -1):
            prefix = key[:cut]
            head = self._lookup(prefix, year, within)
            if head is None and allow_zones and _is_named(prefix, ZONE_SUFFIXES):
                head = self._derive(prefix, year, within, "zone").place
            if head is not None:
                return head, key[cut:]
        for cut in range(min(len(key) - 1, 6), _MIN_STEM - 1, -1):
            head = self._only(self._stems.get(key[:cut], ()), year, within)
            if head is not None:
                return head, key
        return None, key

    # ----- scope ---------------------------------------------------------------------------------

    def _is_within(self, place: Place, scope_id: str) -> bool:
        """True when the place is the scope itself or lies inside it."""
        return scope_id in self._scope_ids(place)

    def _scope_ids(self, place: Place) -> frozenset[str]:
        """The place's id and its ancestors' ids, found once a place: every scoped look-up asks it of each match.
        A place's parent never changes (a derived place is made once, with its parent), so neither does this."""
        ids = self._scopes.get(place.id)
        if ids is None:
            chain = []
            current: Place | None = place
            while current is not None:
                chain.append(current.id)
                current = self.get(current.parent_id) if current.parent_id else None
            ids = self._scopes[place.id] = frozenset(chain)
        return ids

    def _descendants(self, place_id: str) -> Iterator[Place]:
        for child in self._children.get(place_id, []):
            yield child
            yield from self._descendants(child.id)


def _remembered(answers: dict, key: tuple, compute) -> Resolution:
    """answers[key], computed from the key's parts the first time (the dict is emptied when it is full)."""
    answer = answers.get(key)
    if answer is None:
        if len(answers) >= _MAX_REMEMBERED:
            answers.clear()
        answer = answers[key] = compute(*key)
    return answer


def _is_named(key: str, suffixes: tuple[str, ...]) -> bool:
    """Whether the name ends in one of the suffixes, before a bracketed note: …基地(电子信息)."""
    core = _TRAILING_NOTE.sub("", key) if key.endswith(")") else key
    return any(core.endswith(s) and len(core) > len(s) for s in suffixes)


def _one_character_off(candidate: str, written: str) -> bool:
    if len(candidate) != len(written) or candidate[-1] != written[-1]:
        return False
    return sum(a != b for a, b in zip(candidate, written)) == 1


def _drop_superseded(matches: list[tuple[Place, str]]) -> list[tuple[Place, str]]:
    """Without a year: ignore a match when another match began after it ended."""
    starts = [p.valid_from for p, _ in matches if p.valid_from is not None]
    latest_start = max(starts, default=None)
    return [(p, how) for p, how in matches if latest_start is None or p.valid_to is None or latest_start <= p.valid_to]


def _unique(places: Iterable[Place]) -> list[Place]:
    return list({p.id: p for p in places}.values())


def _choose(matches: list[tuple[Place, str]]) -> Resolution:
    """Official names and zone names win over short forms; more than one place left is ambiguous."""
    if not matches:
        return UNRESOLVED
    if len(matches) == 1:  # most names: one place, however it is named
        place, how = matches[0]
        return Resolution(place, (place,), how)
    preferred = [(p, how) for p, how in matches if how != "short_form"] or matches
    places = _unique(p for p, _ in preferred)
    if len(places) > 1:
        return Resolution(None, tuple(places), "ambiguous")
    how = next(how for p, how in preferred if p.id == places[0].id)
    return Resolution(places[0], (places[0],), how)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from ontology/data, loaded once per process."""
    gazetteer = Gazetteer(
        divisions=_read_csv(DATA_DIR / "gazetteer.csv"),
        zones=_read_csv(DATA_DIR / "zones.csv"),
        changes=_read_csv(DATA_DIR / "gazetteer_changes.csv"),
    )
    # Its ~70,000 objects (and the modules loaded so far) live as long as the process: frozen, the collector's full
    # passes no longer walk them all (gc.freeze(), Python's documented permanent generation). Each such pass took
    # ~40 ms while parsing, 5 % of the parse time of the 0.1 corpus. Garbage made so far is freed first, not frozen.
    gc.collect()
    gc.freeze()
    return gazetteer
