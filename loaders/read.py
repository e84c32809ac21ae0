"""Read a document file: detect its encoding, strip HTML markup (or extract a PDF's or DOCX's text), and keep the
original text for provenance."""

from __future__ import annotations

import codecs
import hashlib
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from loaders.formats import FORMATS, extract_text, format_of
from loaders.html_text import html_to_text
from loaders.limits import current_settings, limit
from loaders.normalise import LINE_BREAK, NormalisedText, normalise
from loaders.records import Warning_
from loaders.warning_codes import WarningCode
from ontology.errors import TooLarge, Unreadable
from ontology.settings import Settings

__all__ = ["DOCUMENT_SUFFIXES", "RawDocument", "decode", "html_to_text", "read_document"]

DOCUMENT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md", "", *FORMATS}

# Undecodable bytes tolerated in a file: 1 % of its bytes (and at least 8, for short files). Damage in
# transit or a cut at the end leaves a few isolated bad bytes, which become U+FFFD with a warning. Past
# 1 % one character in about every 30 is lost, the names and amounts read from the text cannot be
# trusted, and the file is binary or in an encoding we do not know (random bytes fail UTF-8 at ~50 %).
TOLERATED_SHARE = 100  # 1 / share of the bytes
TOLERATED_MIN = 8


@dataclass(frozen=True)
class RawDocument:
    path: str
    sha256: str
    original: str  # the decoded text (markup stripped for HTML; extracted for PDF, DOCX): spans point into this
    working: NormalisedText  # simplified, half-width working copy with a map back to `original`
    encoding: str  # of a text file; "pdf" or "docx" for text extracted from one
    warnings: tuple[Warning_, ...] = ()  # about the file as a whole (undecodable bytes), copied to its documents


def read_document(path: Path, settings: Settings | None = None) -> RawDocument:
    """Read one file; raise DocumentError naming the file when it is not a readable text document. Its limits are
    those of `settings`, else of the environment now."""
    settings = settings or current_settings()
    data = _read_bytes(path, settings)
    kind = format_of(path)
    if kind:
        if not data.strip():
            raise Unreadable(path, "is empty")
        text, encoding, replaced = extract_text(path, data, kind), kind, 0
    else:
        text, encoding, replaced = decode(data, path)
    if not kind and _looks_like_html(path, text):
        _check_markup(text, path, settings)
        text = html_to_text(text)
    if not text.strip():
        raise Unreadable(path, "holds no text")
    _check_text_length(text, path, settings)
    _check_line_lengths(text, path, settings)
    warnings: tuple[Warning_, ...] = ()
    if replaced:
        warnings = (
            Warning_(
                WarningCode.UNDECODABLE_BYTES,
                f"{replaced} byte{'s' if replaced > 1 else ''} could not be decoded as {encoding} "
                "and became U+FFFD (the replacement character)",
            ),
        )
    return RawDocument(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        original=text,
        working=normalise(text),
        encoding=encoding,
        warnings=warnings,
    )


def _read_bytes(path: Path, settings: Settings) -> bytes:
    """The file's bytes; only regular files (a FIFO or a device would block or never end) up to the size limit."""
    max_bytes = limit("IKG_MAX_DOCUMENT_BYTES", settings)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable(path, "is a directory, not a document")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(path, "is not a regular file")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise Unreadable(path, "no such file") from None
    except IsADirectoryError:
        raise Unreadable(path, "is a directory, not a document") from None
    except OSError as exc:
        raise Unreadable(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise TooLarge(
            path,
            f"is larger than the {_size(max_bytes)} a document file may be (IKG_MAX_DOCUMENT_BYTES)",
        )
    return data


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _check_markup(markup: str, path: Path, settings: Settings) -> None:
    """Refuse a page with more tags and character references than any real page: each costs ~2-4 µs to
    strip, so 20 MB of bare `<` would take over a minute."""
    found = markup.count("<") + markup.count("&")
    _refuse_over(
        path,
        found,
        "IKG_MAX_HTML_MARKUP",
        "is an HTML page with {:,} tags and character references",
        "a page",
        settings,
    )


def _check_text_length(text: str, path: Path, settings: Settings) -> None:
    """Refuse more text than the parsers get through in a few seconds (a real file holds ~10,000 characters)."""
    _refuse_over(path, len(text), "IKG_MAX_TEXT_CHARS", "holds {:,} characters of text", "a document file", settings)


def _refuse_over(path: Path, found: int, variable: str, what: str, holder: str, settings: Settings) -> None:
    most = limit(variable, settings)
    if found > most:
        raise TooLarge(path, f"{what.format(found)}: more than the {most:,} {holder} may hold ({variable})")


def _check_line_lengths(text: str, path: Path, settings: Settings) -> None:
    """Refuse a file with a line longer than the limit: per-line rules would take too long on it."""
    max_chars = limit("IKG_MAX_LINE_CHARS", settings)
    if len(text) <= max_chars:
        return
    previous = -1
    for number, match in enumerate(LINE_BREAK.finditer(text + "\n"), start=1):
        length = match.start() - previous - 1
        if length > max_chars:
            raise TooLarge(
                path,
                f"line {number:,} has {length:,} characters: longer than the {max_chars:,} a document line "
                "may be (IKG_MAX_LINE_CHARS)",
            )
        previous = match.start()


def decode(data: bytes, path: Path) -> tuple[str, str, int]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16, or a detected legacy encoding such as GB18030.
    Returns the text, the encoding and how many undecodable bytes became U+FFFD (see TOLERATED_SHARE)."""
    if not data.strip():
        raise Unreadable(path, "is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return _tolerant_or_refuse(data[3:], "utf-8", path, "utf-8-sig", " despite its byte-order mark")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _tolerant_or_refuse(data, "utf-16", path, "utf-16", " despite its byte-order mark")
    if b"\x00" in data[:4096]:
        # UTF-16 saved without a byte-order mark: ASCII characters (newlines, digits) leave NUL bytes on one
        # side of each pair. Anything else with NUL bytes is binary.
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise Unreadable(path, "is binary (NUL bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK and GB2312 and is what Chinese government sites serve when not UTF-8.
    try:
        text = data.decode("gb18030")
        if _mostly_cjk_or_ascii(text):
            return text, "gb18030", 0
    except UnicodeDecodeError:
        pass
    # A few bad bytes in otherwise good UTF-8 or GB18030 (damage, a cut at the end): the fewest wins.
    tolerated = [
        (found[1], found[0], codec)
        for codec in ("utf-8", "gb18030")
        if (found := _decode_tolerant(data, codec)) is not None and _mostly_cjk_or_ascii(found[0])
    ]
    if tolerated:
        replaced, text, codec = min(tolerated, key=lambda t: t[0])
        return text, codec, replaced
    detected = _detect(data)
    if detected is None:
        raise Unreadable(
            path,
            f"is binary or not text in a known encoding (tried UTF-8, UTF-16, GB18030; more than "
            f"1/{TOLERATED_SHARE} of its bytes could not be decoded)",
        )
    return detected[0], detected[1], 0


# charset_normalizer decodes what it is given with dozens of codecs: it sees only the opening of a file
# (seconds for 20 MB of binary otherwise), and the whole file is then decoded with what it found.
_DETECTION_SAMPLE = 64 * 1024


def _detect(data: bytes) -> tuple[str, str] | None:
    sample = data[:_DETECTION_SAMPLE]
    if len(data) > len(sample) and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]  # whole lines: a cut character would mislead it
    best = from_bytes(sample).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return (text, best.encoding) if _mostly_cjk_or_ascii(text) else None


def _tolerant_or_refuse(data: bytes, codec: str, path: Path, name: str, why: str) -> tuple[str, str, int]:
    found = _decode_tolerant(data, codec)
    if found is None:
        raise Unreadable(
            path, f"is not valid {codec.upper()}{why}: more than 1/{TOLERATED_SHARE} of its bytes cannot be decoded"
        )
    return found[0], name, found[1]


def _bomless_utf16(data: bytes) -> tuple[str, str, int] | None:
    head = data[:4096]
    for codec, nul_side in (("utf-16-le", 1), ("utf-16-be", 0)):
        # NUL bytes mostly on one side of the pairs (一 is U+4E00, so a few sit on the other side).
        if head[nul_side::2].count(0) <= 4 * head[1 - nul_side :: 2].count(0):
            continue
        found = _decode_tolerant(data, codec)
        if found is not None and _mostly_cjk_or_ascii(found[0]):
            return found[0], codec, found[1]
    return None


# ----- decoding with a count of replaced bytes ----------------------------------------------------------

_state = threading.local()  # [replaced so far, tolerated] of the decode running in this thread


class _TooManyErrors(Exception):
    """Raised from the error handler to stop decoding a file that is not text in this encoding."""


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    counts = _state.counts
    counts[0] += exc.end - exc.start
    if counts[0] > counts[1]:
        raise _TooManyErrors
    return "\ufffd", exc.end


codecs.register_error("ikg-count-replace", _count_and_replace)


def _decode_tolerant(data: bytes, codec: str) -> tuple[str, int] | None:
    """The text with each undecodable byte run replaced by U+FFFD and the number of bytes replaced, or None
    when more than the tolerated share cannot be decoded (decoding stops as soon as that is clear)."""
    _state.counts = [0, max(TOLERATED_MIN, len(data) // TOLERATED_SHARE)]
    try:
        text = data.decode(codec, "ikg-count-replace")
    except _TooManyErrors:
        return None
    return text, _state.counts[0]


def _looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in {".html", ".htm"}:
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _mostly_cjk_or_ascii(text: str) -> bool:
    """Reject decodings that produce mojibake: most characters should be CJK, ASCII or common punctuation."""
    if not text:
        return False
    sample = text[:5000]
    good = sum(
        1
        for ch in sample
        if (ch.isascii() and (ch.isprintable() or ch in "\n\r\t"))
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’…—·﹒"
    )
    return good / len(sample) > 0.9
