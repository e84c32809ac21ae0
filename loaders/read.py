"""Read a document file: detect its encoding, strip HTML markup, and keep the original text for provenance."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

from loaders.errors import DocumentError
from loaders.normalise import NormalisedText, normalise

DOCUMENT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md", ""}
# Block-level tags end a line when markup is stripped, so text order and paragraphs survive.
_BLOCK_TAGS = [
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
]


@dataclass(frozen=True)
class RawDocument:
    path: str
    sha256: str
    original: str  # the decoded text (markup stripped for HTML): spans point into this
    working: NormalisedText  # simplified, half-width working copy with a map back to `original`
    encoding: str


def read_document(path: Path) -> RawDocument:
    """Read one file; raise DocumentError naming the file when it is not a readable text document."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except IsADirectoryError:
        raise DocumentError(path, "is a directory, not a document") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror})") from None
    text, encoding = decode(data, path)
    if _looks_like_html(path, text):
        text = html_to_text(text)
    if not text.strip():
        raise DocumentError(path, "holds no text")
    return RawDocument(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        original=text,
        working=normalise(text),
        encoding=encoding,
    )


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with BOM, or a detected legacy encoding such as GB18030."""
    if not data.strip():
        raise DocumentError(path, "is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise DocumentError(path, "is not valid UTF-16 despite its byte-order mark") from None
    if b"\x00" in data[:4096]:
        # UTF-16 saved without a byte-order mark: ASCII characters (newlines, digits) leave NUL bytes on one
        # side of each pair. Anything else with NUL bytes is binary.
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise DocumentError(path, "is binary (NUL bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK and GB2312 and is what Chinese government sites serve when not UTF-8.
    try:
        text = data.decode("gb18030")
        if _mostly_cjk_or_ascii(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or not _mostly_cjk_or_ascii(str(best)):
        raise DocumentError(path, "is not text in a known encoding (tried UTF-8, UTF-16, GB18030)")
    return str(best), best.encoding


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    if len(data) % 2:
        return None
    head = data[:4096]
    for codec, nul_side in (("utf-16-le", 1), ("utf-16-be", 0)):
        # NUL bytes mostly on one side of the pairs (一 is U+4E00, so a few sit on the other side).
        if head[nul_side::2].count(0) <= 4 * head[1 - nul_side :: 2].count(0):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _mostly_cjk_or_ascii(text):
            return text, codec
    return None


def html_to_text(markup: str) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_after("\n")
    lines = (line.strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)


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
