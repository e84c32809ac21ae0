"""The graph schema: node kinds, keys, properties and relationship types, defined once for every backend."""

from __future__ import annotations

from dataclasses import dataclass

# Property types are written in a neutral vocabulary; each backend maps them to its own types.
STRING, INT, STRING_LIST, INT_LIST = "string", "int", "string[]", "int[]"

# Every node and relationship created from text carries these, so any fact leads back to its evidence.
PROVENANCE: dict[str, str] = {
    "source_notice": STRING,  # id of the Notice whose text states the fact
    "span_start": INT,  # [span_start, span_end) in the original (not normalised) text of the source
    "span_end": INT,
}


@dataclass(frozen=True)
class NodeKind:
    label: str
    key: str
    properties: dict[str, str]
    path: str  # the URI path segment: {base}/id/{path}/{id}

    @property
    def all_properties(self) -> dict[str, str]:
        return {self.key: STRING, **self.properties, **PROVENANCE}


@dataclass(frozen=True)
class RelType:
    name: str
    source: str
    target: str
    properties: dict[str, str]

    @property
    def all_properties(self) -> dict[str, str]:
        return {**self.properties, **PROVENANCE}


NOTICE = NodeKind(
    "Notice",
    "id",
    {
        "title": STRING,
        "doc_number": STRING,  # 文号, e.g. 渝府办发〔2022〕74号
        "issuer": STRING,
        "jurisdiction_id": STRING,
        "date": STRING,  # ISO date YYYY-MM-DD
        "work_year": INT,  # the year whose work is judged
        "kind": STRING,
        "source_path": STRING,
        "source_sha256": STRING,
        "source_part": INT,
        "script": STRING,  # 'simplified' | 'traditional'
        "cites": STRING_LIST,  # 文号 of cited notices, as written
        "supersedes": STRING_LIST,
        "cited_titles": STRING_LIST,  # titles of notices cited without a 文号 (resolved when linking)
        "superseded_titles": STRING_LIST,
        "caps": STRING_LIST,  # limits on how many may be rewarded, as written
    },
    "notice",
)
MEASURE = NodeKind(
    "Measure",
    "id",
    {
        "notice_id": STRING,
        "ordinal": STRING,  # '7', '7.2' for (二) under 七
        "parent_ordinal": STRING,
        "title": STRING,
        "text": STRING,
        "target_levels": STRING_LIST,
        "incentive_types": STRING_LIST,
        "amounts_yuan": INT_LIST,
        "amount_bases": STRING_LIST,  # per amount: per_item | per_locality | each | total
        "caps": STRING_LIST,
    },
    "measure",
)
DEPARTMENT = NodeKind(
    "Department",
    "id",
    {"name": STRING, "jurisdiction_id": STRING},  # name: the canonical name (市发展和改革委员会)
    "department",
)
LOCALITY = NodeKind(
    "Locality",
    "id",
    {
        "code": STRING,  # GB/T 2260 code, empty for zones and bases
        "name": STRING,
        "full_name": STRING,
        "level": STRING,  # country | province | prefecture | county | zone | base | township | village
        "parent_id": STRING,
        "valid_from": INT,
        "valid_to": INT,
    },
    "locality",
)
AWARD = NodeKind(
    "Award",
    "id",
    {
        "notice_id": STRING,
        "measure_id": STRING,
        "year": INT,
        "amount_yuan": INT,
        "rank_note": STRING,
        "as_written": STRING,
    },
    "award",
)
TOPIC = NodeKind("Topic", "id", {"label_zh": STRING, "label_en": STRING}, "topic")

NODE_KINDS: tuple[NodeKind, ...] = (NOTICE, MEASURE, DEPARTMENT, LOCALITY, AWARD, TOPIC)

# Summaries kept beside the domain facts so that aggregate questions read a small table instead of joining the
# award tables (ontology/summaries.py computes them; ARCHITECTURE "Summaries kept at load"). Not domain facts:
# they are not in NODE_KINDS, so neither RDF export, SHACL, /schema, /graph nor /stats counts show them.
AWARD_TALLY = NodeKind(
    "AwardTally",
    "id",
    {
        "notice_id": STRING,  # the award notice whose awards are counted: replaced and deleted with it
        "locality_id": STRING,  # the recipient
        "year": INT,  # the awards' year (null when the notice states no work year)
        # The year as the questions' year_from/year_to compare it, with no null (0 and 9999 when there is no
        # year, as `coalesce(a.year, 0) >= $year_from AND coalesce(a.year, 9999) <= $year_to` treats an award):
        # LadybugDB filters plain comparisons while it scans, and coalesce() after (2.7 ms against 18 ms).
        "year_from": INT,
        "year_to": INT,
        "topics": STRING_LIST,  # the topics of the measure the awards are under, sorted ([] when none)
        "awards": INT,  # how many awards of the notice to this locality have that year and those topics
        "amount_yuan": INT,  # their amounts added up (an award without an amount adds 0)
    },
    "award-tally",
)
DEPARTMENT_TALLY = NodeKind(
    "DepartmentTally",
    "id",
    {
        "notice_id": STRING,  # the notice whose measures are counted: replaced and deleted with it
        "department_id": STRING,
        "leads": INT,  # how many of the notice's measures the department leads (LED_BY)
        "supports": INT,  # and supports (SUPPORTED_BY)
    },
    "department-tally",
)
# What a locality's profile lists of its awards (ontology/award_sheets.py): one per award notice × recipient ×
# award year.
AWARD_SHEET = NodeKind(
    "AwardSheet",
    "id",  # {notice_id}|{locality_id}|{year}: a profile reads its sheets by key
    {
        "notice_id": STRING,  # the award notice whose awards it lists: replaced and deleted with it
        "locality_id": STRING,  # the recipient
        "year": INT,  # the awards' year (null when the notice states none)
        "awards": INT,  # how many awards it lists
        "history": STRING,  # what the profile's award history shows of them, as JSON values
        "notice": STRING,  # the notice's part of each entry (ontology/award_sheets.py)
        "departments": STRING_LIST,  # ids of the departments implementing them (names are read live)
        "counts": STRING,  # JSON [[year, topic, awards], …]: their part of the profile's by_year_topic
    },
    "award-sheet",
)
SUMMARY_KINDS: tuple[NodeKind, ...] = (AWARD_TALLY, DEPARTMENT_TALLY, AWARD_SHEET)
# Every node table a store holds: the domain's and the summaries'.
STORED_KINDS: tuple[NodeKind, ...] = NODE_KINDS + SUMMARY_KINDS

RELATIONSHIPS: tuple[RelType, ...] = (
    RelType("HAS_MEASURE", "Notice", "Measure", {}),
    RelType("LED_BY", "Measure", "Department", {"position": INT}),
    RelType("SUPPORTED_BY", "Measure", "Department", {"position": INT}),
    RelType("ABOUT", "Measure", "Topic", {}),
    RelType("RECEIVED", "Locality", "Award", {}),
    RelType("UNDER", "Award", "Measure", {}),
    RelType("ANNOUNCED_IN", "Award", "Notice", {}),
    RelType("IMPLEMENTED_BY", "Award", "Department", {}),
    RelType("PART_OF", "Locality", "Locality", {}),
    RelType("OF", "Department", "Locality", {}),
    RelType("ISSUED_BY", "Notice", "Department", {}),
    # Stated by 文号 (no score), or derived when linking from a title without one (score and evidence).
    RelType("CITES", "Notice", "Notice", {"score": INT, "evidence": STRING}),
    RelType("SUPERSEDES", "Notice", "Notice", {"score": INT, "evidence": STRING}),
    # Links across notices: not stated by one text but derived after loading (loaders/linking.py), recomputed
    # for a jurisdiction whenever one of its notices is loaded, replaced or deleted. source_notice is the notice
    # the link belongs to (the award notice, the news report); score is 0–100.
    RelType("IMPLEMENTS", "Measure", "Measure", {"score": INT, "evidence": STRING, "decided_by": STRING}),
    RelType("REPORTS_ON", "Notice", "Notice", {"score": INT, "evidence": STRING}),
    RelType("CONTINUES", "Measure", "Measure", {"score": INT, "evidence": STRING}),  # the same measure a year on
)

# Relationships kept as summaries, like the summary kinds (not domain facts: no RDF, /schema, /stats). TALLY_TOPIC
# is an AwardTally's share under one of its topics, with what the questions about topics read on the relationship
# itself: LadybugDB stores a node's relationships with their properties together, so the tallies of some topics
# are read from the topics (~3,000 of 333,000 at national scale) where a filter on the tallies' `topics` list had
# to scan all of them. `earlier`: the tally's topics sorted before this one, so "awards under any of these topics"
# counts a tally once, in the first asked topic it has (ARCHITECTURE "Summaries kept at load").
TALLY_TOPIC = RelType(
    "TALLY_TOPIC",
    "AwardTally",
    "Topic",
    {
        "locality_id": STRING,
        "year": INT,
        "year_from": INT,
        "year_to": INT,
        "earlier": STRING_LIST,
        "awards": INT,
        "amount_yuan": INT,
    },
)
SUMMARY_RELATIONSHIPS: tuple[RelType, ...] = (TALLY_TOPIC,)
# Every relationship table a store holds.
STORED_RELATIONSHIPS: tuple[RelType, ...] = RELATIONSHIPS + SUMMARY_RELATIONSHIPS

# Kinds whose nodes belong to one notice: reloading a notice replaces exactly these and their relationships.
# A tally counts what one notice states, so replacing or deleting the notice replaces it with its Measures and Awards.
OWNED_BY_NOTICE: tuple[str, ...] = ("Measure", "Award", "AwardTally", "DepartmentTally", "AwardSheet")

# Properties that loads and the query library look nodes up by (besides each kind's key): backends that have
# secondary indexes index these. Reloading a notice finds what it owns by notice_id.
LOOKUP_PROPERTIES: dict[str, tuple[str, ...]] = {
    "Notice": ("doc_number", "jurisdiction_id", "kind"),
    "Measure": ("notice_id",),
    "Department": ("name", "jurisdiction_id"),
    "Locality": ("name", "level", "parent_id"),
    "Award": ("notice_id", "year"),
    "AwardTally": ("notice_id",),
    "DepartmentTally": ("notice_id",),
    "AwardSheet": ("notice_id",),
}

LOCALITY_LEVELS = ("country", "province", "prefecture", "county", "zone", "base", "township", "village")
NOTICE_KINDS = ("measures_notice", "award_notice", "news_report", "implementation_rules", "plan")


def node_kind(label: str) -> NodeKind:
    for kind in STORED_KINDS:
        if kind.label == label:
            return kind
    raise KeyError(f"unknown node label {label!r}")


def rel_type(name: str) -> RelType:
    for rel in STORED_RELATIONSHIPS:
        if rel.name == name:
            return rel
    raise KeyError(f"unknown relationship type {name!r}")
