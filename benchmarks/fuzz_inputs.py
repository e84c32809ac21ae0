"""Hostile inputs for the fuzz harness (benchmarks/fuzz.py), each made from (seed, index) alone.

Real documents (the shared seeds and tests/eval) are mutated byte by byte and line by line, re-encoded
(GB18030, UTF-16 with and without BOM, Big5, UTF-32), truncated at random bytes, made into DOCX and PDF files
and damaged, wrapped in deep or broken HTML, repeated, given huge lines, every Unicode line break, NULs and lone
surrogates; random binary and random text are mixed in. The same seed and index always give the same bytes, so
any failure can be replayed.
"""

from __future__ import annotations

import io
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CORPUS_DIRS = (PROJECT.parent / "shared" / "corpus" / "seeds", PROJECT / "tests" / "eval")
LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1e"]
# Byte strings that break decoders: invalid UTF-8, overlong forms, an encoded surrogate, BOMs, NUL, GB18030
# lead bytes without their trail.
BAD_BYTES = [b"\xff", b"\xfe", b"\x80", b"\xc0\x80", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x00", b"\x81", b"\xf4\x90"]
# Characters of the genre's syntax: brackets, separators, numbering, markers; and some outside it.
SYNTAX = list("（）()〔〕［］、，,；;：:。一二三十1234567890第条号年月日元万") + [
    "牵头单位:",
    "配合单位:",
    "负责)",
    "各区县人民政府:",
    "等5个",
    "\u3000",
    "\ufeff",
    "\ufffd",
    "\u200b",
    "\U0002a6a5",
    "\u0301",
    "\u202e",
    "&amp;",
    "<p>",
    "</div>",
    "<!--",
]


@dataclass(frozen=True)
class Input:
    name: str  # file name, with a suffix that sends HTML families through the HTML reader
    family: str
    data: bytes


@cache
def corpus() -> tuple[tuple[str, str], ...]:
    """(name, text) of every real document to vary, sorted so that a seed means the same inputs."""
    docs = []
    for folder in CORPUS_DIRS:
        for path in sorted(folder.glob("*")):
            if path.suffix in (".txt", ".html", ".htm"):
                data = path.read_bytes()
                for codec in ("utf-8", "gb18030"):
                    try:
                        docs.append((path.name, data.decode(codec)))
                        break
                    except UnicodeDecodeError:
                        continue
    if not docs:
        raise SystemExit(f"fuzz: no documents to vary in {', '.join(map(str, CORPUS_DIRS))}")
    return tuple(docs)


def make_input(seed: int, index: int) -> Input:
    rng = random.Random(seed * 1_000_003 + index)
    family = rng.choices(list(FAMILIES), weights=[w for w, _ in FAMILIES.values()])[0]
    suffix, data = FAMILIES[family][1](rng)
    return Input(f"{index:06d}-{family}{suffix}", family, data)


def _doc(rng: random.Random) -> str:
    return rng.choice(corpus())[1]


def _suffix(rng: random.Random, html: bool = False) -> str:
    if html:
        return rng.choice([".html", ".html", ".htm", ".txt"])
    return rng.choice([".txt"] * 6 + [".md", "", ".html"])


# ----- families: each returns (suffix, bytes) ----------------------------------------------------------


def mutate_bytes(rng: random.Random) -> tuple[str, bytes]:
    data = bytearray(_doc(rng).encode(rng.choice(["utf-8", "utf-8", "gb18030"])))
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(data) + 1)
        op = rng.randrange(6)
        if op == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif op == 1:
            data[at:at] = rng.randbytes(rng.randint(1, 16))
        elif op == 2:
            del data[at : at + rng.randint(1, max(1, len(data) // 20))]
        elif op == 3:
            data[at:at] = data[at : at + rng.randint(1, 2000)] * rng.randint(2, 20)
        else:
            data[at:at] = rng.choice(BAD_BYTES) * rng.randint(1, 3)
    return _suffix(rng), bytes(data)


def mutate_text(rng: random.Random) -> tuple[str, bytes]:
    lines = _doc(rng).split("\n")
    for _ in range(rng.randint(1, 10)):
        i = rng.randrange(len(lines))
        op = rng.randrange(5)
        if op == 0:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 1:
            lines[i:i] = [lines[i]] * rng.randint(1, 30)
        elif op == 2:
            del lines[i]
            lines = lines or [""]
        else:
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + rng.choice(SYNTAX) * rng.randint(1, 40) + lines[i][at:]
    return _suffix(rng), "\n".join(lines).encode()


def encodings(rng: random.Random) -> tuple[str, bytes]:
    text = _doc(rng)
    codec = rng.choice(["gb18030", "utf-16", "utf-16-le", "utf-16-be", "big5", "utf-8-sig", "utf-32", "gbk"])
    data = text.encode(codec, errors="replace")
    if rng.random() < 0.3:
        at = rng.randrange(len(data))
        data = data[:at] + rng.choice(BAD_BYTES) + data[at:]
    return _suffix(rng), data


def truncated(rng: random.Random) -> tuple[str, bytes]:
    data = _doc(rng).encode(rng.choice(["utf-8", "gb18030", "utf-16", "utf-16-le"]))
    return _suffix(rng), data[: rng.randrange(1, len(data))]


def binary(rng: random.Random) -> tuple[str, bytes]:
    size = rng.choice([0, 1, 2, 3, 17, 512, 4096, 65536, rng.randrange(1, 200_000)])
    kind = rng.randrange(4)
    if kind == 0:
        data = rng.randbytes(size)
    elif kind == 1:
        data = bytes(rng.randrange(0x80, 0x100) for _ in range(min(size, 50_000)))  # no NUL, no ASCII
    elif kind == 2:
        data = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + rng.randbytes(size)
    else:
        data = rng.choice([b"\x00", b"\xff", b" ", b"\n", b"\r\n", b"\xef\xbb\xbf"]) * size
    return _suffix(rng), data


def random_text(rng: random.Random) -> tuple[str, bytes]:
    ranges = [(0x20, 0x7F), (0x4E00, 0x9FA5), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x80, 0x2FFF), (0x10000, 0x2FFFF)]
    chars = []
    for _ in range(rng.randint(1, 5000)):
        lo, hi = rng.choice(ranges)
        chars.append(chr(rng.randrange(lo, hi)) if rng.random() > 0.05 else rng.choice(LINE_BREAKS))
    return _suffix(rng), "".join(chars).encode("utf-8", errors="surrogatepass")


def long_line(rng: random.Random) -> tuple[str, bytes]:
    lines = _doc(rng).split("\n")
    length = rng.choice([1_000, 5_000, 19_999, 20_000, 20_001, 60_000, rng.randrange(100, 200_000)])
    unit = rng.choice(["啊", "1 ", "成都市、", "(", "一、", " ", "各区县人民政府", "（牵头单位：市财政局", "2022 年 "])
    line = (unit * (length // len(unit) + 1))[:length]
    at = rng.randrange(len(lines) + 1)
    if rng.random() < 0.5:
        lines[at:at] = [line]
    else:
        lines[min(at, len(lines) - 1)] += line  # a real line made long, not a separate one
    return _suffix(rng), "\n".join(lines).encode()


def deep_html(rng: random.Random) -> tuple[str, bytes]:
    text = _doc(rng).replace("\n", "<br>")
    depth = rng.choice([10, 1_000, 50_000, 100_000, rng.randrange(1, 120_000)])
    tag = rng.choice(["div", "span", "table", "p", "font", "li", "td"])
    closed = rng.random() < 0.5
    kind = rng.randrange(5)
    if kind == 0:
        markup = f"<{tag}>" * depth + text + (f"</{tag}>" * depth if closed else "")
    elif kind == 1:
        markup = "<!--" * rng.randint(1, 50_000) + text
    elif kind == 2:
        markup = rng.choice(["<", "</", "<a ", '<a "', "<!", "<?", "&#", "&amp;", "<script>"]) * depth + text
    elif kind == 3:
        markup = "<html><head><title>x" + text  # an unclosed head swallows the page
    else:
        markup = "".join(f"<{rng.choice(['div', 'p', 'b', 'x-y'])} a='{i}'>" for i in range(depth // 10)) + text
    return _suffix(rng, html=True), ("<html><body>" + markup).encode()


def html_wrap(rng: random.Random) -> tuple[str, bytes]:
    pieces = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>p{}</style></head><body>"]
    for line in _doc(rng).split("\n"):
        wrapper = rng.choice(["p", "div", "td", "span", "li", "h2"])
        extra = rng.choice(
            ["", "<!-- x -->", "<script>var a='<p>';</script>", "&nbsp;", "&#x4e00;", "<br/>", "&bogus;"]
        )
        pieces.append(f'<{wrapper} class="c">{line.replace("&", "&amp;")}{extra}</{wrapper}>')
    return _suffix(rng, html=True), "\n".join(pieces).encode(rng.choice(["utf-8", "gb18030"]))


def repeated(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.randrange(4)
    if kind == 0:
        text = _doc(rng) * rng.randint(2, 40)
    elif kind == 1:  # a notice claiming thousands of measures
        head = "各区县人民政府:\n现将有关事项通知如下:\n"
        n = rng.choice([100, 1_999, 2_000, 2_001, 5_000])
        text = head + "".join(f"{i % 200 + 1}.对成效明显的区县给予奖励。(市财政局负责)\n" for i in range(n))
    elif kind == 2:  # an award list of thousands of places
        names = "、".join(["万州区", "黔江区", "涪陵区", "渝中区"] * rng.choice([100, 5_000, 6_000]))
        text = (
            "重庆市人民政府办公厅关于对2022年度真抓实干成效明显地方予以激励的通报\n一、稳增长成效明显的区县\n"
            + names
            + "。\n"
        )
    else:
        line = rng.choice(_doc(rng).split("\n"))
        text = (line + "\n") * rng.randint(100, 20_000)
    return _suffix(rng), text.encode()


def line_breaks(rng: random.Random) -> tuple[str, bytes]:
    text = _doc(rng)
    if rng.random() < 0.5:
        text = text.replace("\n", rng.choice(LINE_BREAKS))
    else:
        text = "".join(rng.choice(LINE_BREAKS) if ch == "\n" else ch for ch in text)
    return _suffix(rng), text.encode(rng.choice(["utf-8", "utf-16", "gb18030"]), errors="replace")


def nuls(rng: random.Random) -> tuple[str, bytes]:
    data = bytearray(_doc(rng).encode())
    for _ in range(rng.randint(1, 50)):
        at = rng.randrange(len(data) + 1)
        data[at:at] = b"\x00" * rng.randint(1, 4)
    return _suffix(rng), bytes(data)


def lone_surrogates(rng: random.Random) -> tuple[str, bytes]:
    codec = rng.choice(["utf-16-le", "utf-16-be"])
    data = bytearray(_doc(rng).encode(codec))
    for _ in range(rng.randint(1, 30)):
        at = rng.randrange(len(data) // 2 + 1) * 2
        data[at:at] = chr(rng.randrange(0xD800, 0xE000)).encode(codec, "surrogatepass")
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec] if rng.random() < 0.5 else b""
    return _suffix(rng), bom + bytes(data)


def spliced(rng: random.Random) -> tuple[str, bytes]:
    a, b = _doc(rng).split("\n"), _doc(rng).split("\n")
    if rng.random() < 0.5:
        lines = a + b
    else:
        lines = [line for pair in zip(a, b) for line in pair]
    return _suffix(rng), "\n".join(lines).encode()


def tiny(rng: random.Random) -> tuple[str, bytes]:
    return _suffix(rng), rng.choice(
        [b"", b" ", b"\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n", b"\xff\xfe", b"a", "一".encode(), b"<html></html>"]
    )


def large(rng: random.Random) -> tuple[str, bytes]:
    """Around the text limit (250,000 characters): just under is parsed, just over is refused."""
    text = _doc(rng)
    target = rng.choice([100_000, 249_000, 250_001, 1_000_000])
    return _suffix(rng), (text * (target // len(text) + 1))[:target].encode()


@cache
def _office_file(name: str, kind: str) -> bytes:
    """A corpus document as a DOCX (python-docx) or a PDF (fpdf2, when a CJK font is installed), its first
    lines as paragraphs and a few as a table, made once per document."""
    lines = [line for line in dict(corpus())[name].split("\n") if line.strip()][:40]
    buffer = io.BytesIO()
    if kind == "docx":
        import docx

        document = docx.Document()
        document.core_properties.created = datetime(2024, 1, 1)  # the same bytes every run
        for line in lines[:30]:
            document.add_paragraph(line)
        table = document.add_table(rows=len(lines[30:]), cols=2)
        for row, line in zip(table.rows, lines[30:]):
            row.cells[0].text, row.cells[1].text = line[:10], line[10:]
        document.save(buffer)
        return buffer.getvalue()
    from fpdf import FPDF

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # its notes on the font's bitmap tables
    font = next((f for f in ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",) if Path(f).exists()), None)
    if font is None:
        return b"%PDF-1.4\n"  # no CJK font here: a PDF with nothing after its header
    pdf = FPDF()
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.add_font("cjk", fname=font)
    pdf.set_font("cjk", size=9)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def office(rng: random.Random) -> tuple[str, bytes]:
    """A DOCX or PDF made from a real document, then damaged: bytes changed, cut, or named as the other kind."""
    kind = rng.choice(["docx", "pdf"])
    data = bytearray(_office_file(rng.choice(corpus())[0], kind))
    op = rng.randrange(4)
    if op == 0:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif op == 1:
        del data[rng.randrange(1, len(data)) :]
    elif op == 2:
        kind = "pdf" if kind == "docx" else "docx"
    return "." + kind, bytes(data)


FAMILIES: dict[str, tuple[float, Callable[[random.Random], tuple[str, bytes]]]] = {
    "mutate_bytes": (20, mutate_bytes),
    "mutate_text": (12, mutate_text),
    "encodings": (10, encodings),
    "truncated": (8, truncated),
    "binary": (6, binary),
    "random_text": (5, random_text),
    "long_line": (6, long_line),
    "deep_html": (6, deep_html),
    "html_wrap": (6, html_wrap),
    "repeated": (5, repeated),
    "line_breaks": (6, line_breaks),
    "nuls": (4, nuls),
    "lone_surrogates": (4, lone_surrogates),
    "spliced": (4, spliced),
    "tiny": (2, tiny),
    "large": (0.4, large),
    "office": (3, office),
}
