"""Locality profiles of one graph as this checkout makes them, for comparing two checkouts (issue 18).

    PYTHONPATH=<checkout> python benchmarks/compare_profiles.py --store ladybug:///tmp/g --out old.json
    PYTHONPATH=<other>    python benchmarks/compare_profiles.py --store ladybug:///tmp/g --out new.json
    python benchmarks/compare_profiles.py --compare old.json new.json

Which localities: 200 drawn at random (seed 18) among those with awards, the 5 most awarded, 60 drawn among
the places they are part of, and 5 with no award — the same list for both checkouts (drawn from the graph).
"""

from __future__ import annotations

import argparse
import json
import random
import sys

AWARDED = "MATCH (l:Locality)-[:RECEIVED]->(a:Award) RETURN l.id, count(a) AS c ORDER BY c DESC, l.id"
PARENTS = "MATCH (c:Locality)-[:RECEIVED]->(:Award), (c)-[:PART_OF]->(p:Locality) RETURN DISTINCT p.id ORDER BY p.id"
NEITHER = "MATCH (l:Locality) WHERE NOT EXISTS { MATCH (l)-[:RECEIVED]->() } RETURN l.id ORDER BY l.id LIMIT 5"


def localities(store) -> list[str]:
    awarded = [row[0] for row in store.query(AWARDED).rows]
    parents = [row[0] for row in store.query(PARENTS).rows]
    neither = [row[0] for row in store.query(NEITHER).rows]
    draw = random.Random(18)
    chosen = draw.sample(awarded, min(200, len(awarded))) + awarded[:5] + draw.sample(parents, min(60, len(parents)))
    return list(dict.fromkeys(chosen + neither))


def dump(url: str, out: str) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from cypher.store import open_store

    store = open_store(url, read_only=True)
    client = TestClient(create_app(store))
    answers = {}
    for locality_id in localities(store):
        answer = client.get(f"/localities/{locality_id}")
        answers[locality_id] = [answer.status_code, answer.json()]
    store.close()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False)
    print(f"{len(answers)} profiles written to {out}")


def compare(old: str, new: str) -> int:
    with open(old, encoding="utf-8") as f:
        before = json.load(f)
    with open(new, encoding="utf-8") as f:
        after = json.load(f)
    differ = [k for k in before if before[k] != after.get(k)]
    awards = sum(len(answer.get("award_history", [])) for _, answer in before.values())
    print(f"{len(before)} localities ({awards} awards listed), {len(differ)} differ: {differ[:10]}")
    return 1 if differ or before.keys() != after.keys() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store")
    parser.add_argument("--out")
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    dump(args.store, args.out)


if __name__ == "__main__":
    main()
