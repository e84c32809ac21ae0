"""Self-checks against the totals a document states about itself."""

from __future__ import annotations

from loaders.pipeline import parse_file

NEWS = """日前,市政府办公厅发出通报,对在2021年工作中真抓实干、取得明显成效的{total}个区县(开发区)予以督查激励。
据统计,此次通报表扬的区县(开发区)名单共{groups}组。具体包括:
渝北区、江津区在招商引资工作中成效显著。
永川区、合川区在污染防治攻坚战中成效明显。
璧山区、荣昌区在科技创新工作中成效明显。
来源:重庆日报
"""


def _codes(tmp_path, text: str) -> list[str]:
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    _, docs = parse_file(path)
    return [w.code for d in docs for w in d.warnings if w.code == "count_mismatch"]


def test_totals_that_agree_give_no_warning(tmp_path):
    assert _codes(tmp_path, NEWS.format(total=6, groups=3)) == []


def test_a_truncated_list_is_flagged(tmp_path):
    # The text claims four groups and seven places; only three groups of six places are there.
    assert _codes(tmp_path, NEWS.format(total=7, groups=4)) == ["count_mismatch", "count_mismatch"]
