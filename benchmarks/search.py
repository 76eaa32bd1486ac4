"""Speed of the public search at 1k / 10k (/ 100k) documents, through the API, beside a no-op endpoint.

    .venv/bin/python benchmarks/search.py                  # 1k and 10k
    .venv/bin/python benchmarks/search.py --sizes 1000 10000 100000

Documents are generated from the demo content's vocabulary (Danish words, compounds, topics) and
indexed with the configured engine's rebuild() into a temporary directory; queries (words, phrases,
typos, prefixes, questions) then go through /api/search/ with Django's test client, and the same
number of requests go to a no-op JSON endpoint in the same run, so the figures show what search adds
to a request. Prints index time, peak memory, index size and p50/p95 per size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def vocabulary() -> tuple[list[str], list[str]]:
    from search.analysis import tokenize

    words, titles = [], []
    for path in sorted((ROOT / "demo_content").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if item.get("locale") == "da":
                    words.extend(w for w in tokenize(f"{item.get('intro', '')} {item.get('body', '')}") if len(w) > 2)
                    titles.append(item["title"])
    return words, titles


def generate(n: int, seed: int = 7):
    from search.engines.base import SearchDocument

    rng = random.Random(seed)
    words, titles = vocabulary()
    topics = ["økonomi", "klage", "skole", "aflastning", "rettigheder", "sagsbehandling", "transport", "bolig"]
    kinds = ["guide"] * 5 + ["article"] * 3 + ["glossary", "principle", "position_paper"]

    def sentence(k):
        return " ".join(rng.choice(words) for _ in range(k)).capitalize() + "."

    for i in range(n):
        title = (
            f"{rng.choice(titles)} {rng.choice(words)}"
            if i % 3
            else " ".join(rng.choice(words) for _ in range(4)).capitalize()
        )
        yield SearchDocument(
            id=str(i + 1),
            locale="da",
            type=rng.choice(kinds),
            slug=f"side-{i + 1}",
            url=f"/side-{i + 1}/",
            title=title,
            summary=" ".join(sentence(rng.randint(8, 14)) for _ in range(2)),
            headings=[sentence(4) for _ in range(3)],
            body="\n".join(sentence(rng.randint(8, 18)) for _ in range(rng.randint(10, 25))),
            topics=rng.sample(topics, 2),
        )


def queries(rng: random.Random, count: int) -> list[str]:
    words, _ = vocabulary()
    common = [w for w in words if len(w) > 5]
    out = []
    for i in range(count):
        kind = i % 5
        word = rng.choice(common)
        if kind == 0:
            out.append(word)
        elif kind == 1:
            out.append(f"{word} {rng.choice(common)}")
        elif kind == 2:
            position = rng.randrange(1, len(word) - 1)
            out.append(word[:position] + word[position + 1 :])  # a typo
        elif kind == 3:
            out.append(word[: max(3, len(word) // 2)])  # a prefix
        else:
            out.append(f"hvordan får jeg {word} til mit barn")  # a question
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="search-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/db.sqlite3"
    import django
    from django.conf import settings

    django.setup()
    from django.core.management import call_command
    from django.http import JsonResponse
    from django.test import Client
    from django.urls import path

    urls = types.ModuleType("search_benchmark_urls")
    from config import urls as project_urls

    urls.urlpatterns = [path("noop/", lambda request: JsonResponse({"ok": True})), *project_urls.urlpatterns]
    sys.modules["search_benchmark_urls"] = urls
    settings.ROOT_URLCONF = "search_benchmark_urls"
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)

    from search.engines import get_engine, reset_engine

    client = Client()
    print(
        f"{'docs':>7} {'index s':>8} {'docs/s':>8} {'index MB':>9} {'peak RSS MB':>12} "
        f"{'search p50':>11} {'p95':>7} {'noop p50':>9} {'p95':>7} {'suggest p50':>12}"
    )
    for size in args.sizes:
        settings.SEARCH_INDEX_DIR = Path(tmp.name) / f"index-{size}"
        reset_engine()
        engine = get_engine()
        documents = list(generate(size))
        started = time.monotonic()
        engine.rebuild(documents)
        index_seconds = time.monotonic() - started
        del documents
        index_mb = sum(f.stat().st_size for f in Path(settings.SEARCH_INDEX_DIR).rglob("*") if f.is_file()) / 1e6
        rng = random.Random(size)
        texts = queries(rng, args.queries)
        for text in texts[:20]:  # warm up (vocabulary load, caches)
            client.get("/api/search/", {"q": text, "locale": "da"})
        search_ms, noop_ms, suggest_ms = [], [], []
        for text in texts:
            t0 = time.perf_counter()
            response = client.get("/api/search/", {"q": text, "locale": "da"})
            search_ms.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.content[:200]
            t0 = time.perf_counter()
            client.get("/noop/")
            noop_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            client.get("/api/search/suggest/", {"q": text[:4], "locale": "da"})
            suggest_ms.append((time.perf_counter() - t0) * 1000)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>7} {index_seconds:>8.1f} {size / index_seconds:>8.0f} {index_mb:>9.1f} {rss:>12.0f} "
            f"{statistics.median(search_ms):>9.1f}ms {percentile(search_ms, 95):>5.1f}ms "
            f"{statistics.median(noop_ms):>7.1f}ms {percentile(noop_ms, 95):>5.1f}ms {statistics.median(suggest_ms):>10.1f}ms",
            flush=True,
        )
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
