"""The explorer map's coordinates from the cpca wheel (PyPI, MIT): its resources/adcodes.csv has one row per
province, prefecture and county (12-digit adcode, name, longitude, latitude). Written as {"500112": [lon, lat], …}
keyed by the 6-digit GB/T 2260 code the graph uses, with cpca's licence beside it.

    python tools/explorer-vendor/build_centroids.py WHEEL OUT_DIR

Run by `make vendor` and the Dockerfile; the output is deterministic (sorted, rounded to 3 decimals, ~100 m)."""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

TABLE = "cpca/resources/adcodes.csv"


def centroids(wheel: Path) -> tuple[dict[str, list[float]], str]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        licence = next((n for n in names if n.endswith(".dist-info/LICENSE")), None)
        if TABLE not in names or licence is None:
            raise SystemExit(f"{wheel}: no {TABLE} or licence in the wheel (not cpca 0.5.5?)")
        rows = csv.DictReader(io.TextIOWrapper(archive.open(TABLE), encoding="utf-8"))
        points: dict[str, list[float]] = {}
        for row in rows:
            code = row["adcode"][:6]
            if not (code.isdigit() and row["adcode"][6:].strip("0") == ""):
                raise SystemExit(f"{wheel}:{TABLE}: unexpected adcode {row['adcode']!r}")
            if not row["longitude"]:  # the placeholder "市辖区" rows carry no point
                continue
            points[code] = [round(float(row["longitude"]), 3), round(float(row["latitude"]), 3)]
        return dict(sorted(points.items())), archive.read(licence).decode("utf-8")


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    wheel, out = Path(argv[0]), Path(argv[1])
    points, licence = centroids(wheel)
    out.mkdir(parents=True, exist_ok=True)
    (out / "centroids.json").write_text(json.dumps(points, separators=(",", ":")), encoding="utf-8")
    (out / "cpca.LICENSE.txt").write_text(licence, encoding="utf-8")
    print(f"{len(points)} centroids from {wheel.name} → {out / 'centroids.json'}")


if __name__ == "__main__":
    main(sys.argv[1:])
