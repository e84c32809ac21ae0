"""A short award notice and a measures notice written for these tests (no sentence copied from any real text),
saved as .txt, .html, .docx (python-docx) and .pdf (fpdf2 with a CJK font), with the same tables in each."""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

import pytest

TABLE_HEAD = ["序号", "地方", "奖励金额"]
GROWTH = [["1", "绵阳市", "1000万元"], ["2", "宜宾市", "1000万元"]]
RURAL = [["1", "成都市郫都区", "300万元"], ["2", "广元市苍溪县", "300万元"], ["3", "凉山州会理市", "300万元"]]

# (kind, content): a paragraph, or a table (header row first).
BLOCKS: list[tuple[str, object]] = [
    ("p", "四川省人民政府办公厅"),
    ("p", "关于对2023年度落实有关重大政策措施真抓实干成效明显地方予以激励的通报"),
    ("p", "川办函〔2024〕15号"),
    ("p", "各市(州)人民政府,省政府各部门、各直属机构:"),
    (
        "p",
        "为进一步调动各地担当作为的积极性,经省政府同意,对2023年度落实有关重大政策措施真抓实干成效明显的地方"
        "予以督查激励。现将有关情况通报如下:",
    ),
    ("p", "一、稳住经济增长成效明显的市(州)"),
    ("table", [TABLE_HEAD, *GROWTH]),
    ("p", "对上述地方各给予1000万元奖励,用于重大项目前期工作。"),
    ("p", "二、推进乡村振兴成效明显的县(市、区)"),
    ("table", [TABLE_HEAD, *RURAL]),
    ("p", "对上述地方各给予300万元奖励。"),
    ("p", "希望受到激励的地方再接再厉,各地要学习先进,推动各项政策措施落地见效。"),
    ("p", "四川省人民政府办公厅"),
    ("p", "2024年3月15日"),
    ("p", "四川省人民政府办公厅关于印发督查激励措施的通知"),
    ("p", "川办发〔2024〕3号"),
    ("p", "各市(州)人民政府,省政府各部门、各直属机构:"),
    ("p", "经省政府同意,现将有关事项通知如下:"),
    ("p", "一、对稳住经济增长成效明显的市(州),每个给予1000万元奖励。(牵头单位:省发展改革委;配合单位:省财政厅)"),
    (
        "p",
        "二、对推进乡村振兴成效明显的县(市、区),每个给予300万元奖励。"
        "(牵头单位:省农业农村厅;配合单位:省财政厅、省乡村振兴局)",
    ),
    ("p", "三、对营商环境评价结果较好的市(州),在用地指标安排上予以倾斜支持。(牵头单位:省发展改革委)"),
    ("p", "四川省人民政府办公厅"),
    ("p", "2024年1月10日"),
]

# The same notice as the text a person would save: each table row on its own line, cells between bars.
TEXT = (
    "\n".join(
        line
        for kind, content in BLOCKS
        for line in ([content] if kind == "p" else ["| " + " | ".join(row) + " |" for row in content])
    )
    + "\n"
)


def write_txt(path: Path) -> Path:
    path.write_text(TEXT, encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    """A page as sites publish it: the body in a one-cell layout table, the award tables inside it."""
    parts = ["<html><head><title>通报</title></head><body><table class='layout'><tr><td>"]
    for kind, content in BLOCKS:
        if kind == "p":
            parts.append(f"<p>{html.escape(content)}</p>")
        else:
            head, *rows = content
            heading = "".join(f"<th>{c}</th>" for c in head)
            parts.append(f"<table border='1'><thead><tr>{heading}</tr></thead><tbody>")
            parts.extend("<tr>" + "".join(f"<td>\n  {html.escape(c)}\n</td>" for c in row) + "</tr>" for row in rows)
            parts.append("</tbody></table>")
    parts.append("</td></tr></table></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def write_docx(path: Path, blocks=BLOCKS) -> Path:
    import docx

    document = docx.Document()
    for kind, content in blocks:
        if kind == "p":
            document.add_paragraph(content)
        else:
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for r, row in enumerate(content):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    document.save(path)
    return path


FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


def cjk_font() -> str:
    """A CJK font for fpdf2. CI installs fonts-wqy-zenhei (.ci/run, with the browser), so there a missing font
    fails; elsewhere the PDF tests skip with the package to install."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    message = "no CJK font for the PDF tests: apt-get install fonts-wqy-zenhei"
    if os.environ.get("IKG_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def new_pdf():
    from fpdf import FPDF

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # its notes on the font's bitmap tables
    pdf = FPDF(orientation="L", format="A4")
    pdf.add_font("cjk", fname=cjk_font())
    pdf.set_font("cjk", size=9)
    return pdf


def _plain():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="")


def write_pdf(path: Path, blocks=BLOCKS) -> Path:
    """Landscape A4 at 9 pt, so that every paragraph fits one line and the text compares line for line."""
    pdf = new_pdf()
    pdf.add_page()
    for kind, content in blocks:
        if kind == "p":
            pdf.cell(0, 6, content, new_x="LMARGIN", new_y="NEXT")
        else:
            layout = {"width": 120, "col_widths": (20, 60, 40), "text_align": "LEFT", "line_height": 6}
            with pdf.table(headings_style=_plain(), **layout) as table:
                for row in content:
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(2)
    pdf.output(str(path))
    return path
