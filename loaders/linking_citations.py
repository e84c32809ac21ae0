"""Citations by title: a notice's `cited_titles` / `superseded_titles` (named without a 文号, loaders.citations)
resolved to the loaded notices they name, by issuer, title and year.

A citation names its issuer in the title (湖南省人民政府办公厅关于…) or in the sentence (省政府办公厅印发《关于…》),
sometimes not at all, and its year only when the title holds one (关于印发2022年…措施的通知). A loaded notice is a
candidate when its issuer is compatible (the same body, written in full or short: 省政府办公厅 is 湖南省人民政府办公厅
of a Hunan notice), its year is the title's (when the title has one) and it is not dated after the citing notice.
Titles are compared without the issuer and 关于, with rapidfuzz's ratio: re-typed titles differ by a character or
two (的/地, 进一步, a quotation mark). The best is linked when it scores at least LINK_AT and no other candidate comes
within MARGIN; a plausible but uncertain best (ambiguous, or from REVIEW_AT) goes to the review list instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

LINK_AT, REVIEW_AT, MARGIN = 90, 75, 5
RELATIONS = {"cited_titles": "CITES", "superseded_titles": "SUPERSEDES"}
_ORGAN_END = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|部|厅|局|委|署|办)$")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|州|盟|县|区|旗)")
_NOISE = re.compile(r"[\s“”\"'‘’「」『』〈〉<>()（）、,，.。:：;；\-—]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|—|-|\s*[至到])")

NOTICES = """
MATCH (n:Notice) WHERE n.kind IS NOT NULL
RETURN n.id AS id, n.title AS title, n.issuer AS issuer, n.date AS date, n.work_year AS work_year,
       n.jurisdiction_id AS jurisdiction, n.cites AS cites, n.supersedes AS supersedes, n.doc_number AS doc_number,
       n.cited_titles AS cited_titles, n.superseded_titles AS superseded_titles
"""


@dataclass(frozen=True)
class Title:
    issuer: str | None  # as the citation or the notice writes it
    core: str  # the title without issuer, 关于 and punctuation
    year: int | None  # a year the title names

    @classmethod
    def parse(cls, title: str, issuer: str | None = None) -> Title:
        head, sep, rest = title.partition("关于")
        if sep and head and _ORGAN_END.search(head):
            issuer, title = head, rest
        elif sep and not head:
            title = rest
        year = _YEAR.search(title)
        return cls(issuer or None, _NOISE.sub("", title), int(year.group(1)) if year else None)


@dataclass
class Resolution:
    citing: str
    relation: str  # CITES | SUPERSEDES
    title: str  # as the citing notice wrote it
    ranked: list[tuple[int, dict[str, Any]]]  # (score, candidate notice), best first

    def evidence(self, score: int, target: dict[str, Any]) -> str:
        cited = Title.parse(self.title)
        return (
            f"title {score}: 《{self.title}》 ~ 《{target['title']}》; issuer {cited.issuer or 'not named'} ~ "
            f"{target['issuer'] or 'unknown'}; year {cited.year or 'not named'} ~ {target['date'] or 'undated'}"
            f"; {len(self.ranked)} candidate(s)"
        )


def resolve_titles(notices: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(links, pending) over every loaded notice: link rows ('relation', 'from', 'to', score, evidence) and the
    citations waiting for a reviewer (each with its candidates)."""
    links, pending = [], []
    loaded = _Loaded(notices)
    for notice in notices:
        for prop, relation in RELATIONS.items():
            for title in notice.get(prop) or []:
                found = resolve(notice, relation, title, loaded)
                if not found.ranked:
                    continue
                (best, target), runner_up = found.ranked[0], (found.ranked[1][0] if len(found.ranked) > 1 else 0)
                if target.get("doc_number") and target["doc_number"] in (notice.get("cites") or []) + (
                    notice.get("supersedes") or []
                ):
                    continue  # cited by its 文号 as well: the stated link says it already
                if best >= LINK_AT and best - runner_up >= MARGIN:
                    links.append(
                        {
                            "relation": relation,
                            "from": notice["id"],
                            "to": target["id"],
                            "score": best,
                            "evidence": found.evidence(best, target),
                            "source_notice": notice["id"],
                        }
                    )
                elif best >= REVIEW_AT:
                    pending.append(
                        {
                            "notice": notice["id"],
                            "relation": relation,
                            "title": title,
                            "jurisdiction": notice.get("jurisdiction"),
                            "candidates": [
                                {"id": c["id"], "title": c["title"], "date": c["date"], "score": s}
                                for s, c in found.ranked[:5]
                            ],
                            "evidence": found.evidence(best, target),
                        }
                    )
    return links, pending


Entry = tuple[dict[str, Any], Title]


class _Group:
    """The notices of one issuer (of one jurisdiction), by the years they may be cited with."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_year: dict[int, list[Entry]] = {}

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        notice, title = entry
        for year in {title.year, _year(notice.get("date")), notice.get("work_year")}:
            if year:
                self.by_year.setdefault(int(year), []).append(entry)

    def of_year(self, year: int | None) -> list[Entry]:
        return self.by_year.get(year, []) if year else self.entries


class _Loaded:
    """The loaded notices with their titles parsed once, indexed so that a citation is compared only with the
    notices its issuer can name, of its year: those of the same issuer (人民政府 written 政府) or of an unknown one,
    and, for an issuer written shorter or longer (省政府办公厅 ~ 湖南省人民政府办公厅), those of the citing notice's
    jurisdiction whose issuer differs from it by a leading place."""

    def __init__(self, notices: list[dict[str, Any]]):
        self.all = _Group()
        self.by_issuer: dict[str | None, _Group] = {}
        self.by_jurisdiction: dict[str | None, dict[str | None, _Group]] = {}
        for notice in notices:
            if notice.get("title"):
                entry = (notice, Title.parse(notice["title"], notice.get("issuer")))
                key = _plain(entry[1].issuer)
                self.all.add(entry)
                self.by_issuer.setdefault(key, _Group()).add(entry)
                self.by_jurisdiction.setdefault(notice.get("jurisdiction"), {}).setdefault(key, _Group()).add(entry)

    def candidates(self, cited: Title, jurisdiction: str | None) -> list[Entry]:
        issuer = _plain(cited.issuer)
        if issuer is None:
            return self.all.of_year(cited.year)
        groups = [self.by_issuer.get(issuer), self.by_issuer.get(None)]
        if jurisdiction:
            groups += [
                group
                for key, group in self.by_jurisdiction.get(jurisdiction, {}).items()
                if key and key != issuer and _place_apart(issuer, key)
            ]
        return [entry for group in groups if group for entry in group.of_year(cited.year)]


def resolve(citing: dict[str, Any], relation: str, title: str, loaded: _Loaded) -> Resolution:
    """The loaded notices this title may name, scored 0–100, best first."""
    cited = Title.parse(title)
    ranked = []
    for other, candidate in loaded.candidates(cited, citing.get("jurisdiction")):
        if other["id"] == citing["id"]:
            continue
        if citing.get("date") and other.get("date") and other["date"] > citing["date"]:
            continue  # a notice cites only what was issued before it
        score = round(fuzz.ratio(cited.core, candidate.core, score_cutoff=REVIEW_AT))
        if score >= REVIEW_AT:
            ranked.append((score, other))
    ranked.sort(key=lambda pair: (-pair[0], pair[1]["id"]))
    return Resolution(citing["id"], relation, title, ranked)


def _plain(issuer: str | None) -> str | None:
    return issuer.replace("人民政府", "政府") if issuer else None


def _place_apart(a: str, b: str) -> bool:
    """One issuer is the other with a leading place (省政府办公厅 ~ 湖南省政府办公厅): what the shorter leaves out,
    with the level word that opens it (省, 市 …), is a place. Only within the citing notice's jurisdiction."""
    short, full = sorted((a, b), key=len)
    if not full.endswith(short):
        return False
    return bool(_PLACE.match(full[: len(full) - len(short)] + short[:1]))


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None
