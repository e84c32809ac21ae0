"""Generate synthetic documents of the genre (clearly marked as sample data) from the real gazetteer.

    python benchmarks/gen_corpus.py --scale sample --out data/sample
    python benchmarks/gen_corpus.py --scale 0.1 --seed 7 --out /tmp/corpus

`sample` writes one measures notice and one award notice for one province: what `make run` serves when
no real corpus is at hand. A number scales the national corpus (1.0 ≈ every province, several years).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from loaders.gazetteer import Place, load_gazetteer

SAMPLE_MARK = "(示例数据,由 incentive-kg 生成,非真实公文)"
CN_NUMBERS = "一二三四五六七八九十"
# Policy areas as a measure's wording and its lead department body; enough variety to exercise topics.
AREAS = [
    ("推进生态环境保护、污染防治攻坚战成效明显", "生态环境厅"),
    ("招商引资成效显著、重大项目落地率高", "商务厅"),
    ("扩大有效投资、固定资产投资增长较快", "发展改革委"),
    ("推进科技创新、培育高新技术企业成效明显", "科技厅"),
    ("优化营商环境、深化放管服改革成效明显", "政务服务管理局"),
    ("实施乡村振兴战略、推进农村人居环境整治成效明显", "农业农村厅"),
    ("落实就业优先政策、促进重点群体就业成效明显", "人力资源社会保障厅"),
    ("推进养老服务体系建设成效明显", "民政厅"),
]


def cn_ordinal(n: int) -> str:
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def measures_notice(province: Place, year: int) -> str:
    lines = [
        f"{province.name}人民政府办公厅",
        f"关于开展{year}年督查激励工作的通知{SAMPLE_MARK}",
        "",
        "各市(州)、县(市、区)人民政府,省政府各部门:",
        f"为进一步加强督查激励,现将{year}年督查激励措施通知如下:",
    ]
    for i, (wording, department) in enumerate(AREAS, 1):
        lines.append(
            f"{cn_ordinal(i)}、对{wording}的市州、县市区,每个地方给予500万元激励支持。(牵头单位:省{department})"
        )
    lines += ["", f"{province.name}人民政府办公厅", f"{year}年3月1日"]
    return "\n".join(lines)


def award_notice(province: Place, year: int, places: list[Place], rng: random.Random) -> str:
    lines = [
        f"{province.name}人民政府办公厅",
        f"关于对{year}年度落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报{SAMPLE_MARK}",
        "",
        "各市(州)人民政府,省政府有关部门:",
        f"经省政府同意,决定对{year}年真抓实干、取得明显成效的地方予以激励。",
        "",
    ]
    for i, (wording, department) in enumerate(AREAS, 1):
        winners = rng.sample(places, k=min(5, len(places)))
        lines += [
            f"{cn_ordinal(i)}、{wording}的地方",
            "、".join(_written(p) for p in winners) + "。",
            f"{year + 1}年对上述地方各给予500万元激励支持。(省{department}组织实施)",
            "",
        ]
    lines += [f"{province.name}人民政府办公厅", f"{year + 1}年5月20日"]
    return "\n".join(lines)


def _written(place: Place) -> str:
    """Counties are written with their prefecture, as such notices do (成都市武侯区)."""
    parent = load_gazetteer().get(place.parent_id) if place.parent_id else None
    if place.level == "county" and parent and parent.level == "prefecture":
        return f"{parent.name}{place.name}"
    return place.name


def provinces(year: int) -> list[Place]:
    """Provinces with places below them in the gazetteer (Taiwan, Hong Kong and Macao have none listed)."""
    return [
        p for p in load_gazetteer().all_places() if p.level == "province" and p.valid_in(year) and places_in(p, year)
    ]


def places_in(province: Place, year: int) -> list[Place]:
    gazetteer = load_gazetteer()
    found = []
    for child in gazetteer.children(province.id, year):
        found.append(child)
        found.extend(gazetteer.children(child.id, year))
    return [p for p in found if p.level in ("prefecture", "county")]


def generate(scale: str, seed: int, out: Path) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    if scale == "sample":
        chosen, years = [p for p in provinces(2022) if p.code == "510000"], [2022]
    else:
        all_provinces = provinces(2022)
        chosen = rng.sample(all_provinces, max(1, round(len(all_provinces) * float(scale))))
        years = list(range(2019, 2024))
    written = []
    for province in chosen:
        for year in years:
            for kind, text in (
                ("measures", measures_notice(province, year)),
                ("awards", award_notice(province, year, places_in(province, year), rng)),
            ):
                path = out / f"sample_{province.code}_{year}_{kind}.txt"
                path.write_text(text + "\n", encoding="utf-8")
                written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="sample", help="'sample' or a fraction of the provinces (0-1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    paths = generate(args.scale, args.seed, args.out)
    print(f"wrote {len(paths)} sample documents to {args.out}")


if __name__ == "__main__":
    main()
