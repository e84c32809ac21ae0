"""The map's coordinates from a cpca wheel: 6-digit codes, rows without a point skipped, the licence kept, and a
wheel without the table refused with its name."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "explorer-vendor" / "build_centroids.py"
sys.path.insert(0, str(SCRIPT.parent))
from build_centroids import centroids  # noqa: E402


def wheel(tmp: Path, table: str | None) -> Path:
    path = tmp / "cpca-0.5.5-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        if table is not None:
            archive.writestr("cpca/resources/adcodes.csv", table)
        archive.writestr("cpca-0.5.5.dist-info/LICENSE", "The MIT License (MIT)\n")
    return path


def test_points_by_six_digit_code(tmp_path):
    table = (
        "adcode,name,longitude,latitude\n"
        "500112000000,渝北区,106.6306,29.7186\n"
        "520301000000,市辖区,,\n"  # a placeholder without a point
        "110000000000,北京市,116.407526,39.90403\n"
    )
    points, licence = centroids(wheel(tmp_path, table))
    assert points == {"110000": [116.408, 39.904], "500112": [106.631, 29.719]}
    assert list(points) == sorted(points) and licence.startswith("The MIT License")


def test_the_script_writes_json_and_licence(tmp_path):
    source = wheel(tmp_path, "adcode,name,longitude,latitude\n500112000000,渝北区,106.6306,29.7186\n")
    subprocess.run([sys.executable, str(SCRIPT), str(source), str(tmp_path / "out")], check=True, capture_output=True)
    assert json.loads((tmp_path / "out" / "centroids.json").read_text()) == {"500112": [106.631, 29.719]}
    assert (tmp_path / "out" / "cpca.LICENSE.txt").read_text().startswith("The MIT License")


def test_a_wheel_without_the_table_is_refused(tmp_path):
    with pytest.raises(SystemExit, match=r"cpca-0.5.5-py3-none-any.whl: no cpca/resources/adcodes.csv"):
        centroids(wheel(tmp_path, None))


def test_a_malformed_code_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="unexpected adcode '5001x2000000'"):
        centroids(wheel(tmp_path, "adcode,name,longitude,latitude\n5001x2000000,渝北区,106.6,29.7\n"))
