"""Relevance of the public search, measured through /api/search/ on the demo content.

    .venv/bin/python benchmarks/relevance.py              # fresh temporary SQLite DB + index, load_demo
    .venv/bin/python benchmarks/relevance.py --dev-db     # the configured database and index as they are
    .venv/bin/python benchmarks/relevance.py --failures   # also list the queries that missed

Prints MRR@10, Recall@5 and the zero-result rate per kind of query and overall. The queries live in
benchmarks/relevance/*.jsonl: {"query", "locale", "kind", "expected": [slugs]}. The kind "no_answer"
(queries no page answers, "expected": []) is measured apart: the share answered with at most 3
results, and whether the page said which words it has nothing about. "Answerable zero-result" is the
share of the other queries that found nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_queries(directory: Path) -> list[dict]:
    queries = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                item = json.loads(line)
                item["source"] = f"{path.name}:{number}"
                queries.append(item)
    return queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--dev-db", action="store_true", help="Use the configured database and index (after load_demo)."
    )
    parser.add_argument("--failures", action="store_true", help="List the queries whose expected page is not first.")
    parser.add_argument(
        "--rebuild", action="store_true", help="Run rebuild_search_index after loading (Elasticsearch's word list)."
    )
    parser.add_argument("--queries", default=str(ROOT / "benchmarks" / "relevance"))
    parser.add_argument(
        "--snapshot",
        help="SQLite file of a fresh install with the demo content: made on the first run, copied on later "
        "ones (the index is then rebuilt), so tuning runs skip load_demo.",
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    tmp = None
    if not args.dev_db:
        tmp = tempfile.TemporaryDirectory(prefix="relevance-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/db.sqlite3"
        if args.snapshot and Path(args.snapshot).exists():
            shutil.copyfile(args.snapshot, f"{tmp.name}/db.sqlite3")
            args.rebuild = True
        os.environ["SEARCH_INDEX_DIR"] = f"{tmp.name}/index"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    if not args.dev_db and not Path(f"{tmp.name}/db.sqlite3").exists():
        started = time.monotonic()
        call_command("migrate", verbosity=0)
        call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))
        print(f"Fresh install with the demo content in {time.monotonic() - started:.1f} s")
        if args.snapshot:
            # SQLite's online backup, not a file copy: the last transactions may still be in the -wal file
            # (a copied file then lacked the glossary, the principles and the calculator)
            import sqlite3

            with sqlite3.connect(f"{tmp.name}/db.sqlite3") as source, sqlite3.connect(args.snapshot) as target:
                source.backup(target)
    if args.rebuild:
        call_command("rebuild_search_index", stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))

    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    queries = load_queries(Path(args.queries))
    per_kind: dict[str, list[tuple[float, float, bool]]] = defaultdict(list)
    no_answer: list[tuple[bool, bool]] = []
    failures = []
    started = time.monotonic()
    for item in queries:
        response = client.get("/api/search/", {"q": item["query"], "locale": item["locale"], "limit": 10})
        assert response.status_code == 200, (item, response.status_code, response.content[:300])
        data = response.json()
        slugs = [r["slug"] for r in data["results"]]
        if item["kind"] == "no_answer":
            no_answer.append((data["total"] <= 3, bool(data.get("unmatched"))))
            if data["total"] > 3:
                failures.append((item, None, slugs[:3], data.get("suggestion")))
            continue
        expected = set(item["expected"])
        rank = next((i + 1 for i, slug in enumerate(slugs) if slug in expected), None)
        reciprocal = 1.0 / rank if rank else 0.0
        recall = len(expected & set(slugs[:5])) / len(expected)
        per_kind[item["kind"]].append((reciprocal, recall, data["total"] == 0))
        if rank != 1:
            failures.append((item, rank, slugs[:3], data.get("suggestion")))
    elapsed = time.monotonic() - started

    def line(name, rows):
        n = len(rows)
        mrr = sum(r[0] for r in rows) / n
        recall = sum(r[1] for r in rows) / n
        zero = sum(r[2] for r in rows) / n
        return f"{name:<12} {n:>5} {mrr:>8.3f} {recall:>10.3f} {zero:>10.1%}"

    print(f"{'kind':<12} {'n':>5} {'MRR@10':>8} {'Recall@5':>10} {'zero-hit':>10}")
    for kind in sorted(per_kind):
        print(line(kind, per_kind[kind]))
    everything = [row for rows in per_kind.values() for row in rows]
    print(line("overall", everything))
    if no_answer:
        n = len(no_answer)
        print(
            f"no_answer    {n:>5}  ≤ 3 results: {sum(a for a, _ in no_answer) / n:.1%}"
            f"   said what it has nothing about: {sum(b for _, b in no_answer) / n:.1%}"
        )
    print(
        f"{len(queries)} queries through /api/search/ in {elapsed:.2f} s ({1000 * elapsed / len(queries):.1f} ms each)"
    )
    if args.failures:
        print("\nNot first:")
        for item, rank, top, suggestion in failures:
            print(
                f"  [{item['kind']}/{item['locale']}] {item['query']!r} expected {item['expected']} "
                f"rank={rank} top={top} suggestion={suggestion!r}"
            )
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
