"""Reading hostile or damaged files: tolerated bad bytes, refused binary, and the limits that keep a file's
reading and parsing linear (loaders/limits.py). Each refusal is a DocumentError naming the file and the reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_read import NOTICE, write

from loaders.html_text import html_to_text
from loaders.limits import limit
from loaders.read import read_document
from ontology.errors import DocumentError, SettingError
from ontology.settings import Settings


def refused(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.path == str(path) and str(path) in str(info.value)
    return info.value


# ----- undecodable bytes ------------------------------------------------------------------------------


def test_bom_and_one_bad_byte_is_read_with_a_warning(tmp_path: Path) -> None:
    data = NOTICE.encode()
    cut = data.index("关于".encode())
    raw = read_document(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + data[:cut] + b"\xff" + data[cut:]))
    assert raw.encoding == "utf-8-sig"
    assert raw.original == NOTICE.replace("关于", "\ufffd关于")
    (warning,) = raw.warnings
    assert warning.code == "undecodable_bytes"
    assert warning.message.startswith("1 byte could not be decoded as utf-8")


def test_stray_bytes_in_utf8_without_bom_stay_utf8(tmp_path: Path) -> None:
    data = NOTICE.encode() * 3
    damaged = data[:40] + b"\x80\xfe" + data[40:]
    raw = read_document(write(tmp_path, "a.txt", damaged))
    assert raw.encoding == "utf-8"
    assert raw.original.count("\ufffd") == 2
    assert raw.original.replace("\ufffd", "") == NOTICE * 3
    assert raw.warnings[0].message.startswith("2 bytes")


def test_a_bad_byte_in_gb18030(tmp_path: Path) -> None:
    data = (NOTICE * 3).encode("gb18030")
    cut = data.index("关于".encode("gb18030"))  # between characters: inside one, a double-byte code resyncs late
    raw = read_document(write(tmp_path, "a.txt", data[:cut] + b"\xff" + data[cut:]))
    assert raw.encoding == "gb18030"
    assert raw.original.replace("\ufffd", "") == NOTICE * 3
    assert raw.warnings[0].code == "undecodable_bytes"


def test_lone_surrogates_in_utf16_become_replacement_characters(tmp_path: Path) -> None:
    data = NOTICE.encode("utf-16-le")
    damaged = b"\xff\xfe" + data[:20] + "\ud800".encode("utf-16-le", "surrogatepass") + data[20:]
    raw = read_document(write(tmp_path, "a.txt", damaged))
    assert raw.original == NOTICE[:10] + "\ufffd" + NOTICE[10:]
    assert raw.warnings[0].message.startswith("2 bytes")


def test_clean_files_have_no_read_warnings(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "a.txt", NOTICE.encode("gb18030"))).warnings == ()


def test_a_large_share_of_undecodable_bytes_is_refused_as_binary(tmp_path: Path) -> None:
    data = bytearray((NOTICE * 20).encode())
    for i in range(0, len(data), 40):  # 2.5 % of the bytes
        data[i] = 0xFF
    error = refused(write(tmp_path, "damaged.txt", bytes(data)))
    assert "binary or not text in a known encoding" in error.problem
    assert "1/100" in error.problem


def test_damaged_utf8_with_bom_past_the_tolerance_is_refused(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + b"\xff\xfe\xfd" * 100))
    assert "not valid UTF-8 despite its byte-order mark" in error.problem


# ----- size, text, lines, markup ---------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IKG_MAX_DOCUMENT_BYTES", "1000")
    error = refused(write(tmp_path, "big.txt", NOTICE.encode() * 20))
    assert error.problem == "is larger than the 1,000 bytes a document file may be (IKG_MAX_DOCUMENT_BYTES)"


def test_the_default_size_limit_is_20_mb(tmp_path: Path) -> None:
    assert Settings.model_fields["max_document_bytes"].default == 20 * 1024 * 1024
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(20 * 1024 * 1024 + 1)  # sparse: no 20 MB written
    assert refused(path).problem.startswith("is larger than the 20 MB a document file may be")


def test_a_line_longer_than_the_limit_is_refused_naming_the_line(tmp_path: Path) -> None:
    text = NOTICE + "啊" * 20_001 + "\n" + NOTICE
    error = refused(write(tmp_path, "long.txt", text.encode()))
    assert error.problem == (
        "line 5 has 20,001 characters: longer than the 20,000 a document line may be (IKG_MAX_LINE_CHARS)"
    )


def test_a_line_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path, "long.txt", (NOTICE + "啊" * 20_000 + "\n").encode()))
    assert max(len(line) for line in raw.original.splitlines()) == 20_000


def test_every_unicode_line_break_ends_a_line_for_the_line_limit(tmp_path: Path) -> None:
    text = "\u2028".join(["啊" * 15_000] * 3)
    assert read_document(write(tmp_path, "a.txt", text.encode())).working.text.count("\n") == 2


def test_too_much_text_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IKG_MAX_TEXT_CHARS", "100")
    error = refused(write(tmp_path, "a.txt", (NOTICE * 3).encode()))
    assert error.problem == (
        f"holds {len(NOTICE) * 3} characters of text: more than the 100 a document file may hold (IKG_MAX_TEXT_CHARS)"
    )


def test_html_with_too_much_markup_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IKG_MAX_HTML_MARKUP", "1000")
    error = refused(write(tmp_path, "a.html", b"<p>x&amp;" * 600))
    assert "HTML page with 1,200 tags and character references" in error.problem


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert refused(path).problem == "is not a regular file"


def test_limits_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("IKG_MAX_MEASURES_PER_DOCUMENT", "5_000")
    assert limit("IKG_MAX_MEASURES_PER_DOCUMENT") == 5000
    monkeypatch.setenv("IKG_MAX_MEASURES_PER_DOCUMENT", "many")
    with pytest.raises(SettingError, match="IKG_MAX_MEASURES_PER_DOCUMENT: Input should be a valid integer"):
        limit("IKG_MAX_MEASURES_PER_DOCUMENT")
    monkeypatch.setenv("IKG_MAX_MEASURES_PER_DOCUMENT", "0")
    with pytest.raises(SettingError, match="IKG_MAX_MEASURES_PER_DOCUMENT: Input should be greater than or equal to 1"):
        limit("IKG_MAX_MEASURES_PER_DOCUMENT")


# ----- HTML without a tree --------------------------------------------------------------------------


def test_deeply_nested_and_unclosed_divs(tmp_path: Path) -> None:
    # 100,000 nested <div>s never finished with BeautifulSoup (inserting line breaks was quadratic).
    deep = "<html><body>" + "<div>" * 100_000 + NOTICE + "</div>" * 100_000 + "</body></html>"
    assert read_document(write(tmp_path, "deep.html", deep.encode())).original.splitlines()[0] == "重庆市人民政府办公厅"
    unclosed = "<html><body>" + "<div>" * 50_000 + NOTICE
    assert read_document(write(tmp_path, "open.html", unclosed.encode())).original == NOTICE.rstrip("\n")


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>一<!-- <p>注释</p> -->二</p>", "一二"),
        ("<script>if (a <p) {}</script><style>p{}</style><P>正文</P>", "正文"),
        ("<head><title>标题</title><body><p>正文", "正文"),  # an unclosed head ends at the body
        ("<div title='a>b'>正文</div>", "正文"),
        ("<p>甲</p><pre>乙</pre><span>丙</span>丁<br/>戊", "甲\n乙\n丙丁\n戊"),
        ("<p>A&amp;B &lt;p&gt; &#x4e00;&#20108;</p>", "A&B <p> 一二"),
        ("<noscript><p>请启用脚本</p></noscript><p>正文", "正文"),
        ("<p>正文<!-- never closed <p>", "正文"),
        ("<p>正文<script>never closed <p>", "正文"),
        ("1 < 2 而 3 > 2<p>", "1 < 2 而 3 > 2"),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text
