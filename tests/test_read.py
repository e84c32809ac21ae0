"""Tests for loaders.read: encodings, HTML, and the errors for files that are not documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.read import decode, html_to_text, read_document
from ontology.errors import DocumentError

NOTICE = "重庆市人民政府办公厅\n关于开展督查激励工作的通知\n渝府办发〔2022〕74号\n一、激励措施（牵头单位：市财政局）\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ----- encodings ---------------------------------------------------------------------------------


def test_utf8_without_bom(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path, "a.txt", NOTICE.encode("utf-8")))
    assert raw.encoding == "utf-8"
    assert raw.original == NOTICE
    assert raw.working.text.startswith("重庆市人民政府办公厅\n")


def test_utf8_with_bom_drops_the_bom(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + NOTICE.encode("utf-8")))
    assert raw.encoding == "utf-8-sig"
    assert raw.original == NOTICE
    assert not raw.original.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    data = NOTICE.encode(codec)
    if codec == "utf-16-le":
        data = b"\xff\xfe" + data
    elif codec == "utf-16-be":
        data = b"\xfe\xff" + data
    raw = read_document(write(tmp_path, "a.txt", data))
    assert raw.encoding == "utf-16"
    assert raw.original == NOTICE


def test_utf16_without_bom_is_still_read(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path, "a.txt", NOTICE.encode("utf-16-le")))
    assert raw.original == NOTICE
    assert raw.encoding.startswith("utf-16")


def test_gb18030_file(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path, "a.txt", NOTICE.encode("gb18030")))
    assert raw.encoding == "gb18030"
    assert raw.original == NOTICE
    assert "渝府办发〔2022〕74号" in raw.working.text


def test_gbk_traditional_text_is_read_as_gb18030(tmp_path: Path) -> None:
    text = "萬州區、黔江區、城口縣在推進工作中成效明顯。\n"
    raw = read_document(write(tmp_path, "a.txt", text.encode("gb18030")))
    assert raw.original == text
    assert raw.working.text.startswith("万州区、黔江区、城口县")
    assert raw.working.script == "traditional"


def test_sha256_is_of_the_bytes(tmp_path: Path) -> None:
    import hashlib

    data = NOTICE.encode("gb18030")
    raw = read_document(write(tmp_path, "a.txt", data))
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert raw.path == str(tmp_path / "a.txt")


# ----- errors ----------------------------------------------------------------------------------


def test_empty_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", b"")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    assert "empty" in info.value.problem


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", b" \r\n\t\n  ")
    with pytest.raises(DocumentError, match="empty"):
        read_document(path)


def test_full_width_space_only_file_holds_no_text(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", "\u3000\u3000\n".encode())
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.path == str(path)


def test_html_without_text_holds_no_text(tmp_path: Path) -> None:
    path = write(tmp_path, "a.html", b"<html><head><title>x</title></head><body><p> </p></body></html>")
    with pytest.raises(DocumentError, match="holds no text"):
        read_document(path)


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.path == str(path)
    assert "binary" in info.value.problem or "encoding" in info.value.problem


def test_random_high_bytes_are_not_text(tmp_path: Path) -> None:
    data = bytes((i * 37 + 129) % 128 + 128 for i in range(3000))  # no NUL, not UTF-8
    path = write(tmp_path, "noise.txt", data)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.path == str(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "absent.txt")
    with pytest.raises(DocumentError, match="directory"):
        read_document(tmp_path)


def test_decode_rejects_empty_bytes() -> None:
    with pytest.raises(DocumentError):
        decode(b"", Path("x.txt"))


# ----- HTML ------------------------------------------------------------------------------------


HTML = """<!DOCTYPE html>
<html><head><title>站点标题</title><style>p {color: red}</style><script>var a = "一、不是正文";</script></head>
<body><div class="content">
<p>各区县（自治县）人民政府：</p>
<p>一、扩大有效投资。<br>对成效明显的区县予以支持。（牵头单位：市发展改革委）</p>
<p>二、促进消费&nbsp;提质。</p>
</div></body></html>"""


def test_html_paragraphs_and_breaks_become_lines(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path, "page.html", HTML.encode("utf-8")))
    lines = raw.original.splitlines()
    assert lines == [
        "各区县（自治县）人民政府：",
        "一、扩大有效投资。",
        "对成效明显的区县予以支持。（牵头单位：市发展改革委）",
        "二、促进消费\xa0提质。",
    ]
    assert "var a" not in raw.original and "color" not in raw.original and "站点标题" not in raw.original


def test_html_is_recognised_by_content_without_suffix(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path, "page.txt", HTML.encode("utf-8")))
    assert "<p>" not in raw.original
    assert raw.original.splitlines()[0] == "各区县（自治县）人民政府："


def test_html_in_gb18030(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path, "page.htm", HTML.encode("gb18030")))
    assert raw.encoding == "gb18030"
    assert raw.original.splitlines()[1] == "一、扩大有效投资。"


def test_html_to_text_keeps_table_cells_apart() -> None:
    text = html_to_text("<table><tr><td>万州区</td></tr><tr><td>黔江区</td></tr></table>")
    assert text.splitlines() == ["万州区", "黔江区"]


def test_plain_text_mentioning_tags_is_not_html(tmp_path: Path) -> None:
    text = "关于<数字政府>建设的通知\n一、总体要求。\n"
    raw = read_document(write(tmp_path, "a.txt", text.encode("utf-8")))
    assert raw.original == text


def test_truncated_utf16_is_read_with_a_warning_for_the_cut_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.txt", b"\xff\xfe" + NOTICE.encode("utf-16-le")[:-1])
    raw = read_document(path)
    assert raw.original == NOTICE[:-1] + "\ufffd"
    assert [(w.code, w.message.split()[0]) for w in raw.warnings] == [("undecodable_bytes", "1")]


def test_binary_with_nul_bytes_on_both_sides_is_not_taken_for_utf16(tmp_path: Path) -> None:
    path = write(tmp_path, "blob.txt", (b"\x00\x00\x01\x02" + "文".encode("utf-16-le")) * 200)
    with pytest.raises(DocumentError, match="binary"):
        read_document(path)
