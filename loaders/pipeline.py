"""The loader pipeline: find document files, then read → segment/parse → resolve → load into a store."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from loaders.checks import self_check
from loaders.citations import cited_titles
from loaders.gazetteer import load_gazetteer
from loaders.graph import graph_rows
from loaders.limits import current_settings, limit
from loaders.linking import LinkReport, relink
from loaders.parse.document import parse_document
from loaders.patterns import load_patterns
from loaders.read import DOCUMENT_SUFFIXES, RawDocument, read_document
from loaders.records import ParsedDocument, Warning_
from loaders.resolve import resolve_document
from ontology.errors import DocumentError, NotOfGenre, ParseFailed, StoreError, TooLarge, Unreadable
from ontology.rows import GraphRows, GraphStore
from ontology.settings import Settings


def find_documents(paths: Iterable[Path]) -> tuple[list[Path], list[DocumentError]]:
    """Files to load under the given paths (directories are searched recursively), and the paths that
    give none (missing paths, directories holding no documents)."""
    files: list[Path] = []
    errors: list[DocumentError] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_document_name(p))
            if not found:
                errors.append(Unreadable(path, "directory holds no documents (.txt, .html, .htm, .md, .pdf, .docx)"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            errors.append(Unreadable(path, "no such file or directory"))
    return files, errors


def _is_document_name(path: Path) -> bool:
    """Document files by suffix, leaving out hidden files and a folder's own README or LICENSE."""
    if path.name.startswith(".") or path.stem.upper() in ("README", "LICENSE", "CHANGELOG"):
        return False
    return path.suffix.lower() in DOCUMENT_SUFFIXES


# Longer than any place name with its prefixes (新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县: 25). The gazetteer
# tries every opening of a name as a prefix and remembers each: a 200,000-character "name" took 7.9 GB.
_MAX_PLACE_NAME = 60


@lru_cache(maxsize=65536)  # the same openings of lines are tried again and again while parsing
def _is_place(name: str) -> bool:
    """A name the gazetteer lists (not one it would only derive from a zone- or base-like ending)."""
    if len(name) > _MAX_PLACE_NAME:
        return False
    gazetteer = load_gazetteer()
    if not gazetteer.may_be_listed(name):
        return False  # no name of the gazetteer ends it: the full look-up would say so, ~40 µs later
    result = gazetteer.resolve(name)
    return result.how == "ambiguous" or (result.place is not None and gazetteer.is_listed(result.place))


def parse_file(path: Path) -> tuple[RawDocument, list[ParsedDocument]]:
    """Read, parse and resolve one file; raises DocumentError naming the file. Whatever goes wrong with one
    file (a bug included) is that file's error, so a batch goes on with the others."""
    try:
        settings = current_settings()  # the limits of this file, read once
        raw = read_document(path, settings)
    except DocumentError:
        raise
    except Exception as exc:
        raise ParseFailed(path, f"could not be read ({type(exc).__name__}: {exc})") from exc
    try:
        docs = parse_document(raw, _is_place)
    except Exception as exc:  # a parser bug must not stop a batch: report it against the file
        raise ParseFailed(path, f"could not be parsed ({type(exc).__name__}: {exc})") from exc
    # A document of the genre is never refused for its layout: what could be read is kept, with warnings.
    # Only a text with nothing of the genre at all (no measures, no awards, not one of its words) is refused.
    if not any(doc.measures or doc.awards for doc in docs) and not load_patterns().genre_word.search(raw.working.text):
        raise NotOfGenre(
            path, "holds no document of this genre (no measures, no awards, none of its words such as 激励 or 奖励)"
        )
    _check_counts(path, docs, settings)
    try:
        gazetteer = load_gazetteer()
        for doc in docs:
            doc.warnings[:0] = [replace(w) for w in raw.warnings]
            text = document_text(raw, doc)
            resolve_document(doc, gazetteer, text)
            doc.notice.cited_titles, doc.notice.superseded_titles = cited_titles(text, doc.notice.title)
            self_check(doc, text)
    except Exception as exc:
        raise ParseFailed(path, f"could not be resolved ({type(exc).__name__}: {exc})") from exc
    return raw, docs


def document_text(raw: RawDocument, doc: ParsedDocument) -> str:
    """The working text of one document of the file (a page may hold several)."""
    offsets = raw.working.offsets
    start, end = doc.source.span
    return raw.working.text[bisect_left(offsets, start) : bisect_left(offsets, end)]


def _check_counts(path: Path, docs: list[ParsedDocument], settings: Settings) -> None:
    """Refuse a file with a document claiming more measures or awards than any real one comes near."""
    for what, env in (("measures", "IKG_MAX_MEASURES_PER_DOCUMENT"), ("awards", "IKG_MAX_AWARDS_PER_DOCUMENT")):
        most = limit(env, settings)
        for number, doc in enumerate(docs, start=1):
            found = len(getattr(doc, what))
            if found > most:
                raise TooLarge(
                    path,
                    f"document {number} of the file has {found:,} {what}: more than the {most:,} a document "
                    f"may have ({env})",
                )


@dataclass(frozen=True)
class LoadedDocument:
    """What a load report keeps of a document once its rows are made: the parsed records themselves, all held to
    the end of a national load (10,247 documents, 530,000 awards), took the load's peak memory past 2 GB."""

    path: str
    part: int
    sha256: str
    notice_id: str
    doc_number: str | None
    kind: str
    jurisdiction_id: str | None
    measures: int
    awards: int
    warnings: tuple[Warning_, ...]
    localities: frozenset[str]  # the recipients resolved to a place
    departments: frozenset[str | None]  # leading or supporting a measure (None: one not resolved)

    @classmethod
    def of(cls, doc: ParsedDocument) -> LoadedDocument:
        return cls(
            path=doc.source.path,
            part=doc.source.part,
            sha256=doc.source.sha256,
            notice_id=doc.notice.id,
            doc_number=doc.notice.doc_number,
            kind=doc.notice.kind,
            jurisdiction_id=doc.notice.jurisdiction.id,
            measures=len(doc.measures),
            awards=len(doc.awards),
            warnings=tuple(doc.warnings),
            localities=frozenset(a.recipient.id for a in doc.awards if a.recipient.id),
            departments=frozenset(r.id for m in doc.measures for r in m.lead_departments + m.supporting_departments),
        )


@dataclass
class FileResult:
    path: str
    documents: list[LoadedDocument] = field(default_factory=list)  # what was stored of this file
    error: str | None = None


@dataclass
class LoadReport:
    files: list[FileResult] = field(default_factory=list)
    links: LinkReport | None = None
    link_error: str | None = None

    @property
    def documents(self) -> list[LoadedDocument]:
        return [d for f in self.files for d in f.documents]

    @property
    def errors(self) -> list[str]:
        return [f.error for f in self.files if f.error]

    def summary(self) -> dict:
        docs = self.documents
        return {
            "files": len(self.files),
            "documents": len(docs),
            "failed": len(self.errors),
            "measures": sum(d.measures for d in docs),
            "awards": sum(d.awards for d in docs),
            "localities": len(frozenset().union(*(d.localities for d in docs))),
            "departments": len(frozenset().union(*(d.departments for d in docs))),
            "warnings": sum(len(d.warnings) for d in docs),
        }


# Rows (nodes + relationships) gathered before a write, ~700 generated documents. Every batch pays a commit
# (~1 s) and re-merges the shared rows it names (departments OF places, places PART_OF places), so bigger
# batches are faster; this size keeps a batch's rows to ~200 MB of memory.
BATCH_ROWS = 200_000


def load_paths(
    paths: Iterable[Path],
    store: GraphStore,
    on_file: Callable[[Path, int, int], None] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> LoadReport:
    """Load every document found. Parsed documents are written in batches (one transaction each, see
    `GraphStore.replace_notices`); a file that cannot be read or parsed is reported and never reaches the store,
    and when a batch cannot be written its files are written one by one, so only the failing file fails.
    `on_file(path, index, total)` is told before each file is read (a progress bar)."""
    files, errors = find_documents(paths)
    report = LoadReport([FileResult(e.path, error=str(e)) for e in errors])
    batch = _Batch(store)
    for index, path in enumerate(files):
        if on_file:
            on_file(path, index, len(files))
        result, parsed = _parse_result(path)
        report.files.append(result)
        if parsed:
            batch.add(result, parsed)
        if batch.rows >= batch_rows:
            batch.write()
    batch.write()
    report.links, report.link_error = relink_loaded(store, report.documents)
    return report


def load_file(path: Path, store: GraphStore) -> FileResult:
    """Read, parse and store one file, its documents in one transaction."""
    result, parsed = _parse_result(path)
    if parsed:
        batch = _Batch(store)
        batch.add(result, parsed)
        batch.write()
        relink_loaded(store, result.documents)
    return result


def relink_loaded(store: GraphStore, documents: list[LoadedDocument]) -> tuple[LinkReport | None, str | None]:
    """Recompute the links across notices of the jurisdictions just loaded (loaders.linking). The documents are
    stored whatever happens here, so a failure is reported, not raised."""
    if not documents:
        return None, None
    try:
        return relink(store, {doc.jurisdiction_id for doc in documents}), None
    except Exception as exc:
        return None, f"links across notices could not be recomputed ({type(exc).__name__}: {exc})"


def _parse_result(path: Path) -> tuple[FileResult, list[ParsedDocument]]:
    try:
        _, docs = parse_file(path)
    except DocumentError as exc:
        return FileResult(str(path), error=str(exc)), []
    return FileResult(str(path)), docs


class _Batch:
    """Parsed files waiting to be written together."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.items: list[tuple[FileResult, list[tuple[str, GraphRows]]]] = []
        self.rows = 0

    def add(self, result: FileResult, parsed: list[ParsedDocument]) -> None:
        """Turn a file's documents into rows for the next write; the report keeps only their summaries."""
        gazetteer = load_gazetteer()
        # A notice given more than once in one file (a page repeating it): its copies would replace each other
        # in order, one transaction each, so only the last is written.
        last = {doc.notice.id: doc for doc in parsed}
        try:
            notices = [(doc.notice.id, graph_rows(doc, gazetteer)) for doc in parsed if last[doc.notice.id] is doc]
        except Exception as exc:  # a bug with one file's records must not stop the batch
            result.error = f"{result.path}: could not be turned into graph rows ({type(exc).__name__}: {exc})"
            return
        result.documents = [LoadedDocument.of(doc) for doc in parsed]
        self.items.append((result, notices))
        self.rows += sum(len(r) for _, rows in notices for r in (*rows.nodes.values(), *rows.rels.values()))

    def write(self) -> None:
        items, self.items, self.rows = self.items, [], 0
        if not items:
            return
        if len(items) > 1:
            try:
                self.store.replace_notices([notice for _, notices in items for notice in notices])
                return
            except Exception:  # StoreError, or what the engine raised unwrapped: find the file that fails
                pass
        for result, notices in items:
            try:
                self.store.replace_notices(notices)
            except Exception as exc:
                # A StoreError says what; anything else the engine raised (a COMMIT interrupted by the query
                # timeout came out as RuntimeError) is named too, so the run goes on with the next file.
                what = "" if isinstance(exc, StoreError) else f"{type(exc).__name__}: "
                result.error = f"{result.path}: could not be stored ({what}{(str(exc) or '?').splitlines()[0]})"
                result.documents = []
