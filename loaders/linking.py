"""Links across notices, derived after loading: award categories to the policy measures they reward (IMPLEMENTS),
news reports to the award notices they report on (REPORTS_ON), and policy measures to the same measure of the
issuer's previous notice (CONTINUES).

One job: `relink(store, jurisdictions)` recomputes every derived link of those jurisdictions from what is loaded,
so loading, replacing or deleting a document is followed by a relink of its jurisdiction and the links are what a
fresh load of everything would give. Parsing never sees this; the store only stores what it is given.

IMPLEMENTS, for each award notice: the candidates are the measures of the policy notices (measures notices, else
implementation rules) of the same jurisdiction for the award's work year, or the nearest earlier year that has one
(State Council awards: the national notices, the country being their jurisdiction). Each category is scored
against each candidate (`score_pair`) and linked to the best one when the score is high and unambiguous; a
plausible but uncertain best goes to the review book (`loaders.linking_review`) instead of the graph, and a
reviewer's decision there wins over the score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz

from loaders.linking_citations import NOTICES as CITING_NOTICES
from loaders.linking_citations import RELATIONS, resolve_titles
from loaders.linking_review import ReviewBook, review_path
from ontology.rows import GraphStore, LinkSet

POLICY_KINDS = ("measures_notice", "implementation_rules")
LINK_AT = 70  # a best candidate scoring at least this (0–100) is linked …
WORDING_AT = 60  # … when its wording alone scores at least this …
MARGIN = 5  # … and the next best is this much lower; otherwise, from REVIEW_AT, it waits for a reviewer
REVIEW_AT = 50
CONTINUES_AT, CONTINUES_WORDING_AT = 75, 70  # a measure continues one of the previous notice: score and wording
WEIGHTS = {"wording": 0.6, "topic": 0.15, "lead": 0.15, "order": 0.1}

NOTICES = """
MATCH (n:Notice) WHERE n.jurisdiction_id IN $jurisdictions AND n.kind IS NOT NULL
RETURN n.id AS id, n.kind AS kind, n.jurisdiction_id AS jurisdiction, n.work_year AS work_year, n.date AS date,
       n.title AS title, n.issuer AS issuer
"""
MEASURES = """
MATCH (n:Notice)-[:HAS_MEASURE]->(m:Measure) WHERE n.id IN $ids
OPTIONAL MATCH (m)-[:LED_BY]->(d:Department)
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN n.id AS notice, m.id AS id, m.ordinal AS ordinal, m.title AS title, m.text AS text,
       collect(DISTINCT d.name) AS leads, collect(DISTINCT t.id) AS topics
"""
EXISTING_MEASURES = "MATCH (m:Measure) WHERE m.id IN $ids RETURN m.id"
JURISDICTIONS = (
    "MATCH (n:Notice) WHERE n.kind IS NOT NULL AND n.jurisdiction_id IS NOT NULL RETURN DISTINCT n.jurisdiction_id"
)
NOTICE_JURISDICTION = "MATCH (n:Notice {id: $id}) RETURN n.jurisdiction_id"
DERIVED_CITATIONS = (
    "MATCH (a:Notice)-[r:{relation}]->(b:Notice) WHERE r.score IS NOT NULL RETURN a.id, b.id, r.score, r.evidence"
)
CITING_BY_TITLE = "MATCH (a:Notice)-[r:{relation}]->(:Notice {{id: $id}}) WHERE r.score IS NOT NULL RETURN a.id"


@dataclass
class Measure:
    id: str
    notice: str
    ordinal: str
    text: str
    leads: set[str]
    topics: set[str]
    position: float = 0.0  # 0 for the first measure of its notice, 1 for the last

    @cached_property  # scored against every candidate
    def core(self) -> str:
        return wording_core(self.text)


@dataclass
class Candidate:
    category: Measure
    measure: Measure
    score: int
    parts: dict[str, int]

    def evidence(self) -> str:
        c, m = self.category, self.measure
        shared_topics = sorted(c.topics & m.topics)
        shared_leads = sorted(c.leads & m.leads)
        return (
            f"wording {self.parts['wording']}: {c.core} ~ {m.core}; "
            f"topics {self.parts['topic']}: {'、'.join(shared_topics) or 'none shared'}; "
            f"lead {self.parts['lead']}: {'、'.join(shared_leads) or 'none shared'}; "
            f"order {self.parts['order']}: {c.ordinal} ~ {m.ordinal}"
        )


@dataclass
class LinkReport:
    jurisdictions: int = 0
    linked: int = 0
    pending: int = 0
    reports_on: int = 0
    continues: int = 0
    decided: int = 0
    citations: int = 0  # CITES / SUPERSEDES resolved from a title
    links: list[dict[str, Any]] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ scoring

_BRACKETS = re.compile(r"[（(][^（()）]*[）)]")
_CLAUSE = re.compile(r"[，,。；;：:！!]")
_TARGET = re.compile(r"的[^的]{0,12}$")  # 的地方, 的市、县: who is rewarded, not for what
# Words every category and measure of the genre says: they would make any two look alike.
_GENERIC = re.compile(
    r"真抓实干|取得明显成效|成效明显|成效显著|成效突出|工作成效突出|成绩突出|表现突出|工作|推进|落实|有关|重大政策措施|[、和及与]"
)


def wording_core(text: str) -> str:
    """What a measure or category is about: its first clause without brackets, the leading 对, the rewarded
    (的区县) and the genre's stock words. 对推进养老服务体系建设成效明显的市(州),给予… → 养老服务体系建设."""
    text = _BRACKETS.sub("", text or "").strip()
    text = _CLAUSE.split(text, 1)[0].removeprefix("对")
    text = _TARGET.sub("", text)
    return _GENERIC.sub("", text)


def score_pair(category: Measure, measure: Measure) -> Candidate:
    """0–100 per part and in all. Wording: rapidfuzz's plain and partial ratio of the cores, averaged (an award
    often names a measure by half its words). Topic and lead department: shared or not (½ when a side has none).
    Order: award notices mostly keep the measures' order."""
    a, b = category.core, measure.core
    wording = (fuzz.ratio(a, b) + fuzz.partial_ratio(a, b)) / 2 if a and b else 0.0
    parts = {
        "wording": round(wording),
        "topic": _overlap(category.topics, measure.topics),
        "lead": _overlap(category.leads, measure.leads),
        "order": round(100 * (1 - abs(category.position - measure.position))),
    }
    total = sum(WEIGHTS[k] * parts[k] for k in WEIGHTS)
    return Candidate(category, measure, round(total), parts)


def _overlap(a: set[str], b: set[str]) -> int:
    if not a or not b:
        return 50
    return round(100 * len(a & b) / len(a | b))


# ------------------------------------------------------------------------------------------ choosing


def choose(categories: list[Measure], measures: list[Measure], decisions: dict[str, dict]) -> tuple[list, list]:
    """(links, pending): a link is (Candidate, decided_by); pending are Candidates for a reviewer."""
    links, pending = [], []
    by_id = {m.id: m for m in measures}
    for category in categories:
        decision = decisions.get(category.id)
        rejected = decision["measure"] if decision and decision["action"] == "reject" else None
        if decision and decision["action"] in ("accept", "relink"):
            target = by_id.get(decision["measure"]) or Measure(decision["measure"], "", "", "", set(), set())
            links.append((score_pair(category, target), f"reviewer:{decision['action']}"))
            continue
        ranked = sorted(
            (score_pair(category, m) for m in measures if m.id != rejected), key=lambda c: (-c.score, c.measure.id)
        )
        if not ranked:
            continue
        best = ranked[0]
        runner_up = ranked[1].score if len(ranked) > 1 else 0
        if best.score >= LINK_AT and best.parts["wording"] >= WORDING_AT and best.score - runner_up >= MARGIN:
            links.append((best, "score"))
        elif best.score >= REVIEW_AT or best.parts["wording"] >= WORDING_AT:
            pending.append(best)
    return links, pending


def policy_notices_for(award: dict, policies: list[dict]) -> list[dict]:
    """The policy notices an award notice's categories implement: those of its work year, else of the nearest
    earlier year; measures notices first, implementation rules when there is no measures notice."""
    year = notice_year(award)
    if not year:
        return []
    for kinds in (("measures_notice",), ("implementation_rules",)):
        earlier = [(y, p) for p in policies if p["kind"] in kinds and (y := notice_year(p)) and y <= year]
        if earlier:
            nearest = max(y for y, _ in earlier)
            return [p for y, p in earlier if y == nearest]
    return []


def notice_year(notice: dict) -> int | None:
    """The work year; an award notice without one judges the year before it was dated."""
    if notice.get("work_year"):
        return int(notice["work_year"])
    if notice.get("date"):
        return int(notice["date"][:4]) - (1 if notice["kind"] in ("award_notice", "news_report") else 0)
    return None


# ------------------------------------------------------------------------------------------ the job


@dataclass
class LinkPlan:
    """What a relink writes: every link set, in one transaction, then the review book."""

    sets: list[LinkSet]
    pending: list  # (Candidate, award notice) waiting for a reviewer
    citations_pending: list[dict[str, Any]]  # citations by title with no clear notice (loaders.linking_citations)
    jurisdictions: list[str]
    report: LinkReport


def relink(
    store: GraphStore, jurisdictions: Iterable[str | None] | None = None, book: ReviewBook | None = None
) -> LinkReport:
    """Recompute IMPLEMENTS, REPORTS_ON and CONTINUES for these jurisdictions (all when None), the citations by
    title everywhere, and the review list. All links are written in one transaction: a failure part-way leaves the
    links as they were (and the review book unchanged)."""
    book = book or ReviewBook(review_path(store.url))
    plan = plan_links(store, jurisdictions, book)
    write_links(store, plan, book)
    return plan.report


def write_links(store: GraphStore, plan: LinkPlan, book: ReviewBook) -> None:
    if plan.sets:
        store.replace_links(plan.sets)
    _update_pending(book, store, plan.jurisdictions, plan.pending, plan.citations_pending)


def plan_links(store: GraphStore, jurisdictions: Iterable[str | None] | None, book: ReviewBook) -> LinkPlan:
    """The links of these jurisdictions and the citations by title, computed from what is loaded; nothing written."""
    if jurisdictions is None:
        jurisdictions = [row[0] for row in _read(store, JURISDICTIONS).rows]
    wanted = sorted({j for j in jurisdictions if j})
    report = LinkReport(jurisdictions=len(wanted))
    cite_sets, citations_pending = _citation_sets(store, report)
    plan = LinkPlan(cite_sets, [], citations_pending, wanted, report)
    if not wanted:
        return plan
    notices = _read(store, NOTICES, {"jurisdictions": wanted}).records()
    ids = [n["id"] for n in notices if n["kind"] in (*POLICY_KINDS, "award_notice")]
    measures = _measures(store, ids) if ids else {}
    decisions = book.read()["decisions"]
    by_jurisdiction: dict[str, list[dict]] = {}
    for n in notices:
        by_jurisdiction.setdefault(n["jurisdiction"], []).append(n)

    links, pending, reports, categories, continues = [], [], [], [], []
    for group in by_jurisdiction.values():
        policies = [n for n in group if n["kind"] in POLICY_KINDS]
        continues += _continues(policies, measures)
        awards = [n for n in group if n["kind"] == "award_notice"]
        for award in awards:
            own = measures.get(award["id"], [])
            categories += [c.id for c in own]
            candidates = [m for p in policy_notices_for(award, policies) for m in measures.get(p["id"], [])]
            chosen, waiting = choose(own, candidates, decisions)
            links += [(c, by, award) for c, by in chosen]
            pending += [(c, award) for c in waiting]
        reports += _reports_on(group, awards)

    rows = [
        {
            "from": c.category.id,
            "to": c.measure.id,
            "score": c.score,
            "evidence": c.evidence(),
            "decided_by": by,
            "source_notice": award["id"],
        }
        for c, by, award in links
    ]
    # A reviewer's relink may name a measure that is not loaded (yet): it is linked once it is.
    targets = {r["to"] for r in rows}
    present = {row[0] for row in _read(store, EXISTING_MEASURES, {"ids": sorted(targets)}).rows} if targets else set()
    rows = [r for r in rows if r["to"] in present]
    news = [n["id"] for group in by_jurisdiction.values() for n in group if n["kind"] == "news_report"]
    policy_measures = [m.id for n in notices if n["kind"] in POLICY_KINDS for m in measures.get(n["id"], [])]
    plan.sets += [
        LinkSet("IMPLEMENTS", categories, rows),
        LinkSet("REPORTS_ON", news, reports),
        LinkSet("CONTINUES", policy_measures, continues),
    ]
    plan.pending = pending
    report.linked, report.pending, report.reports_on = len(rows), len(pending), len(reports)
    report.continues = len(continues)
    report.decided = sum(1 for r in rows if r["decided_by"] != "score")
    report.links = rows
    return plan


def _citation_sets(store: GraphStore, report: LinkReport) -> tuple[list[LinkSet], list[dict[str, Any]]]:
    """CITES and SUPERSEDES resolved from titles, over the whole graph (a notice may cite one of another
    jurisdiction, e.g. the national scheme): only the citing notices whose links changed are rewritten."""
    notices = _read(store, CITING_NOTICES).records()
    links, pending = resolve_titles(notices)
    sets = []
    for relation in RELATIONS.values():
        wanted: dict[str, set[tuple]] = {}
        rows = [r for r in links if r["relation"] == relation]
        for r in rows:
            wanted.setdefault(r["from"], set()).add((r["to"], r["score"], r["evidence"]))
        now: dict[str, set[tuple]] = {}
        for source, target, score, evidence in _read(store, DERIVED_CITATIONS.format(relation=relation)).rows:
            now.setdefault(source, set()).add((target, score, evidence))
        changed = sorted(k for k in wanted.keys() | now.keys() if wanted.get(k) != now.get(k))
        if changed:
            keep = set(changed)
            sets.append(
                LinkSet(
                    relation,
                    changed,
                    [{k: v for k, v in r.items() if k != "relation"} for r in rows if r["from"] in keep],
                    derived_only=True,
                )
            )
    report.citations = len(links)
    return sets, pending


def forget_notice(store: GraphStore, notice_id: str) -> str | None:
    """Before a notice is deleted: drop the reports linked to it (a link into a deleted notice would keep it as a
    stub) and return its jurisdiction, to relink after the delete."""
    rows = _read(store, NOTICE_JURISDICTION, {"id": notice_id}).rows
    reporters = _read(store, "MATCH (r:Notice)-[:REPORTS_ON]->(:Notice {id: $id}) RETURN r.id", {"id": notice_id}).rows
    sets = [LinkSet("REPORTS_ON", [r[0] for r in reporters], [])] if reporters else []
    # Citations by title into it go too (the relink that follows puts back the citing notices' others).
    for relation in RELATIONS.values():
        citing = _read(store, CITING_BY_TITLE.format(relation=relation), {"id": notice_id}).rows
        if citing:
            sets.append(LinkSet(relation, [r[0] for r in citing], [], derived_only=True))
    if sets:
        store.replace_links(sets)
    return rows[0][0] if rows else None


def _read(store: GraphStore, cypher: str, params: dict[str, Any] | None = None):
    """Linking reads what it is about to rewrite, as a writer: on the embedded store through the writer's
    connection, not the readers' few kept ones. Queued there, its reads were starved by a burst of readers right
    after a load's checkpoint, and stalled them too (tests/test_concurrent_reads.py). Neo4j reads in a read
    transaction (a write one would change the graph's version)."""
    return store.query(cypher, params, read_only=store.dialect != "ladybug")


def _measures(store: GraphStore, notice_ids: list[str]) -> dict[str, list[Measure]]:
    out: dict[str, list[Measure]] = {}
    for r in _read(store, MEASURES, {"ids": notice_ids}).records():
        text = r["title"] or r["text"] or ""
        out.setdefault(r["notice"], []).append(
            Measure(r["id"], r["notice"], r["ordinal"] or "", text, set(r["leads"]), set(r["topics"]))
        )
    for group in out.values():
        group.sort(key=lambda m: _ordinal_key(m.ordinal))
        for index, m in enumerate(group):
            m.position = index / (len(group) - 1) if len(group) > 1 else 0.0
    return out


def _ordinal_key(ordinal: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in ordinal.split("."))


def _reports_on(group: list[dict], awards: list[dict]) -> list[dict]:
    """A news report of a jurisdiction reports on its award notice of the same work year; of several, the one
    whose title is most like the report's."""
    rows = []
    for news in (n for n in group if n["kind"] == "news_report"):
        same_year = [a for a in awards if notice_year(a) and notice_year(a) == notice_year(news)]
        if not same_year:
            continue
        best = max(same_year, key=lambda a: (fuzz.partial_ratio(news["title"] or "", a["title"] or ""), a["id"]))
        similarity = round(fuzz.partial_ratio(news["title"] or "", best["title"] or ""))
        rows.append(
            {
                "from": news["id"],
                "to": best["id"],
                "source_notice": news["id"],
                "score": round(60 + 0.4 * similarity) if len(same_year) > 1 else 100,
                "evidence": f"same jurisdiction and work year {notice_year(news)}; title similarity {similarity}"
                f" among {len(same_year)} award notice(s)",
            }
        )
    return rows


def previous_notice(notice: dict, policies: list[dict]) -> dict | None:
    """The same issuer's latest earlier notice of the same kind."""
    year = notice_year(notice)
    if not year:
        return None
    earlier = [
        (y, p)
        for p in policies
        if p["issuer"]
        and p["issuer"] == notice["issuer"]
        and p["kind"] == notice["kind"]
        and p["id"] != notice["id"]
        and (y := notice_year(p))
        and y < year
    ]
    return max(earlier, key=lambda e: (e[0], e[1]["date"] or "", e[1]["id"]))[1] if earlier else None


def _continues(policies: list[dict], measures: dict[str, list[Measure]]) -> list[dict]:
    """Each policy measure to the measure of the issuer's previous notice it continues: pairs scored as IMPLEMENTS
    scores them, best first, each measure used once."""
    rows = []
    for notice in policies:
        previous = previous_notice(notice, policies)
        if previous is None:
            continue
        pairs = sorted(
            (
                score_pair(new, old)
                for new in measures.get(notice["id"], [])
                for old in measures.get(previous["id"], [])
            ),
            key=lambda c: (-c.score, c.category.id, c.measure.id),
        )
        used: set[str] = set()
        for pair in pairs:
            if pair.score < CONTINUES_AT:
                break
            if pair.parts["wording"] < CONTINUES_WORDING_AT or pair.category.id in used or pair.measure.id in used:
                continue
            used |= {pair.category.id, pair.measure.id}
            rows.append(
                {
                    "from": pair.category.id,
                    "to": pair.measure.id,
                    "score": pair.score,
                    "evidence": pair.evidence(),
                    "source_notice": notice["id"],
                }
            )
    return rows


def _update_pending(
    book: ReviewBook, store: GraphStore, jurisdictions: list[str], pending: list, citations: list[dict[str, Any]]
) -> None:
    """The review list of these jurisdictions is replaced by what this run found; entries whose category or measure
    is gone (a notice deleted or moved) go too. Citations by title waiting for a reviewer are replaced whole (they
    are resolved over the whole graph)."""
    if not pending and not citations and not book.path.exists():
        return  # nothing to review, nothing reviewed: no file
    with book.editing() as data:
        data["citations"] = {f"{c['notice']}|{c['relation']}|{c['title']}": c for c in citations}
        kept = {k: v for k, v in data["pending"].items() if v.get("jurisdiction") not in jurisdictions}
        named = sorted({v["category"] for v in kept.values()} | {v["measure"] for v in kept.values()})
        present = {row[0] for row in _read(store, EXISTING_MEASURES, {"ids": named}).rows} if named else set()
        kept = {k: v for k, v in kept.items() if v["category"] in present and v["measure"] in present}
        for c, award in pending:
            kept[c.category.id] = {
                "category": c.category.id,
                "category_text": c.category.text,
                "measure": c.measure.id,
                "measure_text": c.measure.text,
                "score": c.score,
                "evidence": c.evidence(),
                "award_notice": award["id"],
                "policy_notice": c.measure.notice,
                "jurisdiction": award["jurisdiction"],
            }
        data["pending"] = kept
