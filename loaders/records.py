"""Typed records passed between loader stages; their JSON is the `ikg parse` contract."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from loaders.warning_codes import WarningCode

Span = tuple[int, int]  # [start, end) in the original text of the source file


@dataclass
class Warning_:
    code: str  # one of loaders.warning_codes.WarningCode, kept as its plain string
    message: str
    span: Span | None = None
    suggestion: str | None = None

    def __post_init__(self) -> None:
        self.code = WarningCode(self.code).value  # a code outside the fixed list is a bug: ValueError


@dataclass(slots=True)
class DepartmentRef:
    as_written: str
    name: str  # canonical name, with the jurisdiction prefix as written (市财政局)
    id: str | None = None
    span: Span | None = None


@dataclass(slots=True)  # one for every name read: slots are quicker to make and to read
class Recipient:
    as_written: str
    name: str | None = None
    id: str | None = None
    code: str | None = None
    level: str | None = None
    parent: str | None = None


@dataclass(slots=True)
class Measure:
    ordinal: str
    parent: str | None
    title: str | None
    text: str
    span: Span
    lead_departments: list[DepartmentRef] = field(default_factory=list)
    supporting_departments: list[DepartmentRef] = field(default_factory=list)
    target_levels: list[str] = field(default_factory=list)
    incentive_types: list[str] = field(default_factory=list)
    amounts_yuan: list[int] = field(default_factory=list)
    amount_bases: list[str] = field(default_factory=list)  # per amount: per_item | per_locality | each | total
    caps: list[str] = field(default_factory=list)  # limits on recipients as written (每类…原则上不超3个)
    topics: list[str] = field(default_factory=list)


@dataclass(slots=True)  # one for every name read: slots are quicker to make and to read
class Award:
    measure_ordinal: str
    recipient: Recipient
    span: Span
    amount_yuan: int | None = None
    rank_note: str | None = None
    implementing_departments: list[DepartmentRef] = field(default_factory=list)


@dataclass
class Jurisdiction:
    id: str | None = None
    name: str | None = None
    inferred: bool = False  # True when taken from clues rather than stated


@dataclass
class Notice:
    id: str
    kind: str
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    jurisdiction: Jurisdiction = field(default_factory=Jurisdiction)
    date: str | None = None
    work_year: int | None = None
    cites: list[str] = field(default_factory=list)
    supersedes: list[str] = field(default_factory=list)
    # Notices named by title alone, no 文号 (loaders.citations): resolved by issuer, title and year when linking.
    cited_titles: list[str] = field(default_factory=list)
    superseded_titles: list[str] = field(default_factory=list)
    caps: list[str] = field(default_factory=list)  # limits stated for the whole notice (每类…原则上不超3个)
    script: str = "simplified"


@dataclass
class Source:
    path: str
    sha256: str
    part: int
    span: Span  # where this document stands in the file's original text


@dataclass
class ParsedDocument:
    source: Source
    notice: Notice
    measures: list[Measure] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)
