"""Topic scheme access and keyword-based topic classification of measure texts.

The scheme lives in ``ontology/topics.ttl`` (SKOS); the keyword rules live in
``ontology/data/topic_keywords.csv`` with columns ``topic,keyword,weight,exclude_if``:

- ``weight`` (optional, default 1) is added to the topic's score for each occurrence of the keyword
  (at most ``MAX_HITS_PER_RULE`` occurrences count, so one repeated word cannot dominate);
- ``exclude_if`` (optional) lists longer phrases separated by ``|``; an occurrence of the keyword that
  lies inside one of them does not count. This keeps negatives in data: e.g. ``电力`` counts for energy
  except inside ``获得电力`` (a business-environment indicator).

A topic is returned when its score reaches ``MIN_SCORE``, so weak keywords (weight < 1) only support
a topic that other evidence already suggests.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
SCHEME_PATH = ONTOLOGY_DIR / "topics.ttl"
KEYWORDS_PATH = ONTOLOGY_DIR / "data" / "topic_keywords.csv"

TOPIC = Namespace("https://incentive-kg.org/def/topic/")
SCHEME_URI = TOPIC["scheme"]

MIN_SCORE = 1.0
MAX_HITS_PER_RULE = 3


@dataclass(frozen=True)
class Topic:
    """One SKOS concept of the topic scheme."""

    id: str
    label_zh: str
    label_en: str
    definition_en: str
    broader: str | None = None


@dataclass(frozen=True)
class KeywordRule:
    """One row of the keyword CSV."""

    topic: str
    keyword: str
    weight: float = 1.0
    exclude_if: tuple[str, ...] = ()


def _topic_id(uri: Node) -> str:
    return str(uri).removeprefix(str(TOPIC))


def _literal(graph: Graph, subject: Node, predicate: URIRef, lang: str) -> str:
    for value in graph.objects(subject, predicate):
        if getattr(value, "language", None) == lang:
            return str(value)
    return ""


@lru_cache(maxsize=1)
def load_scheme() -> dict[str, Topic]:
    """Read topics.ttl once and return its concepts keyed by id."""
    graph = Graph().parse(SCHEME_PATH, format="turtle")
    topics: dict[str, Topic] = {}
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        if (concept, SKOS.inScheme, SCHEME_URI) not in graph:
            continue
        broader = next(iter(graph.objects(concept, SKOS.broader)), None)
        topic = Topic(
            id=_topic_id(concept),
            label_zh=_literal(graph, concept, SKOS.prefLabel, "zh"),
            label_en=_literal(graph, concept, SKOS.prefLabel, "en"),
            definition_en=_literal(graph, concept, SKOS.definition, "en"),
            broader=_topic_id(broader) if broader is not None else None,
        )
        topics[topic.id] = topic
    return topics


def _parse_rule(row: dict[str, str]) -> KeywordRule:
    weight = (row.get("weight") or "").strip()
    excludes = (row.get("exclude_if") or "").strip()
    return KeywordRule(
        topic=row["topic"].strip(),
        keyword=row["keyword"].strip(),
        weight=float(weight) if weight else 1.0,
        exclude_if=tuple(p.strip() for p in excludes.split("|") if p.strip()),
    )


@lru_cache(maxsize=1)
def load_rules() -> tuple[KeywordRule, ...]:
    """Read the keyword rules once (blank lines and rows without a keyword are skipped)."""
    with KEYWORDS_PATH.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if (row.get("keyword") or "").strip()]
    return tuple(_parse_rule(row) for row in rows)


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """All (possibly overlapping) occurrences of phrase in text as [start, end) spans."""
    spans = []
    start = text.find(phrase)
    while start != -1:
        spans.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return spans


def _count_hits(text: str, rule: KeywordRule) -> int:
    """Occurrences of the rule's keyword that are not inside one of its exclusion phrases."""
    masked = [span for phrase in rule.exclude_if for span in _spans(text, phrase)]
    hits = 0
    for start, end in _spans(text, rule.keyword):
        if not any(m_start <= start and end <= m_end for m_start, m_end in masked):
            hits += 1
    return hits


@lru_cache(maxsize=1)
def _keyword_finder() -> ahocorasick.Automaton:
    """Every rule's keyword in one automaton: the keywords a text holds are found in one pass over it, where a
    substring test per rule (656 of them) cost ~70 µs a text. A keyword's value is the positions of its rules in
    load_rules(), so a text's rules are found without a pass over all of them."""
    positions: dict[str, list[int]] = {}
    for position, rule in enumerate(load_rules()):
        positions.setdefault(rule.keyword, []).append(position)
    finder = ahocorasick.Automaton()
    for keyword, at in positions.items():
        finder.add_word(keyword, tuple(at))
    finder.make_automaton()
    return finder


def score(text: str) -> dict[str, float]:
    """Raw keyword score per topic id (only topics with at least one counted hit)."""
    scores: dict[str, float] = {}
    # The keywords present first (`iter` reports every occurrence, overlapping ones too): most are absent, and
    # finding them is far cheaper than counting spans. Their rules are taken in file order, as the sums were.
    present = {at for _, positions in _keyword_finder().iter(text) for at in positions} if text else set()
    rules = load_rules()
    for rule in (rules[at] for at in sorted(present)):
        hits = min(_count_hits(text, rule), MAX_HITS_PER_RULE)
        if hits:
            scores[rule.topic] = scores.get(rule.topic, 0.0) + hits * rule.weight
    return scores


def topics_of(text: str) -> list[str]:
    """Topic ids whose score reaches MIN_SCORE, best first (ties broken by id for stable output)."""
    return list(_topics_of(text or ""))


@lru_cache(maxsize=16384)  # measure wordings recur across the notices of a jurisdiction and its years
def _topics_of(text: str) -> tuple[str, ...]:
    scores = score(text)
    kept = [(value, topic) for topic, value in scores.items() if value >= MIN_SCORE]
    return tuple(topic for value, topic in sorted(kept, key=lambda item: (-item[0], item[1])))
