"""The bound on one file: any file up to 20 MB is parsed in ≤ 10 s and ≤ 1 GB, or refused with a reason.

    python benchmarks/fuzz_bound.py        (or: python benchmarks/fuzz.py --bound)

Builds adversarial files at the limits from the real documents: 20 MB of bytes; text just under the
250,000-character limit in the shapes that cost the parsers most per character; lines just under 20,000
characters; HTML just under 500,000 tags; documents past the measure and award caps. Runs `parse_file` on
each in a fresh process after an untimed warm-up (imports, gazetteer), as the first file of an `ikg load`
would, and prints seconds and the process's peak resident set. Exit status 1 when a file takes longer or more
memory than the bound, or fails other than with a DocumentError naming it.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fuzz_inputs import corpus

# Measure the checkout this file is in, not whatever copy of the project is installed (as bench_parse.py does).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.limits import current_settings  # noqa: E402

MB = 1024 * 1024
# The limits as this environment sets them (loaders.limits kept a table of defaults once; they are settings now).
FILE_BYTES = current_settings().max_document_bytes
TEXT_CHARS = current_settings().max_text_chars
BOUND_SECONDS = 10.0
BOUND_RSS_MB = 1024


def _doc(name_start: str) -> str:
    return next(text for name, text in corpus() if name.startswith(name_start)) if _has(name_start) else corpus()[0][1]


def _has(name_start: str) -> bool:
    return any(name.startswith(name_start) for name, _ in corpus())


def _fill(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _bytes_fill(unit: bytes, size: int) -> bytes:
    return (unit * (size // len(unit) + 1))[:size]


def _random_cjk_lines(chars: int) -> str:
    rng = random.Random(1)
    pool = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(50_000))
    lines, total = [], 0
    while total < chars:
        start = rng.randrange(0, 49_000)
        line = pool[start : start + rng.randrange(20, 400)]
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)[:chars]


def _html_at_the_limit(text: str) -> bytes:
    """A page with 499,000 tags and character references in all, the text, and a comment filling it to 20 MB."""
    body = text.replace("\n", "<br>")
    head = "<html><body>" + "<div>" * (499_000 - 3 - body.count("<") - body.count("&")) + body + "<!--"
    data = head.encode()
    return data + b"x" * (FILE_BYTES - len(data) - 3) + b"-->"


HEAD = "重庆市人民政府办公厅\n关于印发督查激励措施的通知\n各区县(自治县)人民政府,市政府各部门:\n现将有关事项通知如下:\n"
AWARDS = "重庆市人民政府办公厅关于对2022年度真抓实干成效明显地方予以激励的通报\n一、稳增长成效明显的区县\n"
# Shapes that cost the parsers most per character (found by profiling each stage): an opening, then a unit
# repeated up to the text limit.
SHAPES = {
    "a numbered item on every line": (HEAD, "1\n"),
    "numbering nested five deep": (HEAD, "一、甲\n(一)乙\n1.丙(市财政局负责)\n(1)丁\n①戊\n"),
    "a document opening on every other line": ("", "各区县人民政府:\n一、对甲给予奖励。(市财政局负责)\n"),
    "unpunctuated place names, one a line": (AWARDS, "万州区\n"),
    "place lists joined by 和": (AWARDS, "成都市和泸州市、"),
    "news lines opening with places": ("", "万州区、黔江区、涪陵区在稳增长方面成效明显。\n"),
    "an article on every line": ("实施细则\n", "第一条 对甲给予奖励。\n"),
}


def cases() -> dict[str, Callable[[], tuple[str, bytes]]]:
    """name → builder of (suffix, bytes); built one at a time so that only one sits in memory."""
    measures, news, awards, page = _doc("000"), _doc("002"), _doc("003"), _doc("004")
    under = TEXT_CHARS - 1
    many_measures = HEAD + "".join(f"{i % 200 + 1}.对成效明显的区县给予奖励。(市财政局负责)\n" for i in range(8_000))
    places = "".join("、".join(["万州区", "黔江区", "涪陵区", "渝中区"] * 25) + "。\n" for _ in range(240))
    shapes = {
        f"{name}, text at the limit": (
            lambda head=head, unit=unit: (".txt", (head + _fill(unit, under - len(head))).encode())
        )
        for name, (head, unit) in SHAPES.items()
    }
    return shapes | {
        "measures notice repeated to 20 MB": lambda: (".txt", _bytes_fill(measures.encode(), FILE_BYTES)),
        "measures notice repeated, text at the limit": lambda: (".txt", _fill(measures, under).encode()),
        "award notice repeated, text at the limit": lambda: (".txt", _fill(awards, under).encode()),
        "traditional news report repeated, text at the limit": lambda: (".txt", _fill(news, under).encode()),
        "page of three documents repeated, text at the limit": lambda: (".txt", _fill(page, under).encode()),
        "random CJK lines, text at the limit": lambda: (".txt", _random_cjk_lines(under).encode()),
        "stray spaces, lines at the line limit": lambda: (
            ".txt",
            "\n".join([_fill("1 啊 ", 19_999)] * (under // 20_000)).encode(),
        ),
        "one line of 20 MB": lambda: (".txt", _bytes_fill("啊".encode(), FILE_BYTES - 2)),
        "200,000 × 啊 then a news report (the reported attack)": lambda: (
            ".txt",
            ("啊" * 200_000).encode() + news.encode(),
        ),
        "a notice claiming 8,000 measures": lambda: (".txt", many_measures.encode()),
        "an award list of 24,000 places in 240 lines": lambda: (".txt", (AWARDS + places).encode()),
        "HTML: measures under 499,000 tags, padded to 20 MB": lambda: (".html", _html_at_the_limit(measures)),
        "HTML: 20 MB of nested <div>s": lambda: (".html", _bytes_fill(b"<div>", FILE_BYTES)),
        "HTML: 20 MB of '<'": lambda: (".html", _bytes_fill(b"<", FILE_BYTES)),
        "HTML: a 20 MB comment around the text": lambda: (
            ".html",
            b"<p>" + measures.encode() + b"<!--" + _bytes_fill(b"x", FILE_BYTES - 100 - len(measures.encode())),
        ),
        "UTF-16 with BOM, 20 MB": lambda: (
            ".txt",
            b"\xff\xfe" + _bytes_fill(measures.encode("utf-16-le"), FILE_BYTES - 2),
        ),
        "GB18030, 20 MB": lambda: (".txt", _bytes_fill(measures.encode("gb18030"), FILE_BYTES)),
        "UTF-8 with 0.3 % bad bytes, 20 MB": lambda: (
            ".txt",
            _bytes_fill(b"".join(measures.encode()[i : i + 997] + b"\xff" for i in range(0, 18_000, 997)), FILE_BYTES),
        ),
        "20 MB of 0xFF": lambda: (".txt", b"\xff" * FILE_BYTES),
        "20 MB of random bytes without NUL": lambda: (
            ".txt",
            random.Random(2).randbytes(FILE_BYTES).replace(b"\x00", b"\x01"),
        ),
    }


def _measure(conn, path: str) -> None:
    from loaders.pipeline import parse_file
    from ontology.errors import DocumentError

    warm = Path(path).with_name("warm.txt")
    warm.write_text(corpus()[0][1], encoding="utf-8")
    try:
        parse_file(warm)  # imports, gazetteer, patterns: paid once per run, not per file
    except DocumentError:
        pass
    started = time.perf_counter()
    try:
        _, docs = parse_file(Path(path))
        outcome = f"parsed: {len(docs)} documents, {sum(len(d.measures) for d in docs):,} measures"
        ok = True
    except DocumentError as exc:
        outcome, ok = f"refused: {exc.problem}", exc.path == path
    except Exception as exc:
        outcome, ok = f"CRASH {type(exc).__name__}: {exc}", False
    seconds = time.perf_counter() - started
    conn.send((outcome, ok, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))


def main() -> int:
    ctx = mp.get_context("spawn")
    within = True
    print(f"bound: any file ≤ 20 MB parses in ≤ {BOUND_SECONDS:g} s and ≤ {BOUND_RSS_MB} MB, or is refused")
    print(f"{'case':54} {'bytes':>11} {'seconds':>8} {'peak RSS':>9}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in cases().items():
            suffix, data = build()
            path = Path(tmp) / f"case{suffix}"
            path.write_bytes(data)
            size = len(data)
            del data
            parent, child = ctx.Pipe()
            process = ctx.Process(target=_measure, args=(child, str(path)))
            process.start()
            if parent.poll(120):
                outcome, ok, seconds, rss_mb = parent.recv()
            else:
                outcome, ok, seconds, rss_mb = "HANG (killed after 120 s)", False, 120.0, 0
                process.kill()
            process.join()
            fits = ok and seconds <= BOUND_SECONDS and rss_mb <= BOUND_RSS_MB
            within &= fits
            mark = "" if fits else "  ← OUT OF BOUND"
            print(f"{name:54} {size:>11,} {seconds:>8.2f} {rss_mb:>6,} MB  {outcome[:110]}{mark}", flush=True)
    print("all within the bound" if within else "SOME FILES ARE OUT OF THE BOUND")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
