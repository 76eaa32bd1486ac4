"""Import throughput: `import_content` of N generated guides into a fresh SQLite database, in items/s.

    .venv/bin/python benchmarks/import_content.py [--items 1000]

Runs everything in one go in a temporary folder: migrates a new SQLite database, creates the skeleton,
writes N realistic guides (with steps, checklist, FAQ, tags) as JSON Lines and imports them with the
embedded search engine kept up to date, exactly as `manage.py import_content` does. The reference,
measured in the same run, is the second import of the same file (every item unchanged: reading,
validating and hashing only); the ratio shows what creating a page costs over that. Beside the wall
time it prints the CPU time of the import process: on a shared machine that is the steadier figure.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["økonomi", "aflastning", "klage", "skole", "hjælpemidler", "bolig"]


def item(n: int) -> dict:
    topic = TOPICS[n % len(TOPICS)]
    return {
        "type": "guide",
        "locale": "da" if n % 4 else "nb",
        "slug": f"vejledning-{n}",
        "title": f"Vejledning {n}: sådan søger du om hjælp til {topic}",
        "intro": f"Kort fortalt om {topic}: hvem kan få hjælp, og hvordan søger du kommunen.",
        "body": (
            f"## Hvem kan få hjælp?\n\nFamilier med et barn med en varig funktionsnedsættelse ({n}).\n\n"
            "## Sådan søger du\n\n- Skriv til kommunen\n- Læg dokumentation ved\n\n"
            "Kommunen skal svare inden for en rimelig frist. Du kan klage over afgørelsen."
        ),
        "tags": [topic],
        "steps": ["Saml dine papirer", "Skriv til kommunen", "Følg op efter fire uger"],
        "checklist": ["Lægeerklæring", "Kvitteringer"],
        "faq": [{"question": "Hvor lang tid tager det?", "answer": "Typisk nogle uger."}],
    }


def manage(env, *args) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `manage.py` run."""
    started, cpu_before = time.perf_counter(), os.times()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    cpu_after = os.times()
    cpu = (cpu_after.children_user - cpu_before.children_user) + (
        cpu_after.children_system - cpu_before.children_system
    )
    return time.perf_counter() - started, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
            SEARCH_INDEX_DIR=f"{tmp}/index",
            MEDIA_ROOT=f"{tmp}/media",
        )
        path = Path(tmp) / "items.jsonl"
        path.write_text("\n".join(json.dumps(item(n), ensure_ascii=False) for n in range(options.items)) + "\n")
        print(f"migrating a fresh SQLite database in {tmp} …")
        manage(env, "migrate", "--noinput")
        (first, first_cpu), (again, again_cpu) = (manage(env, "import_content", str(path)) for _ in range(2))
    n = options.items
    print(
        f"{n} items, created:   {first:7.1f} s  {n / first:7.1f} items/s   CPU {first_cpu:7.1f} s  {n / first_cpu:7.1f} items/s"
    )
    print(
        f"{n} items, unchanged: {again:7.1f} s  {n / again:7.1f} items/s   CPU {again_cpu:7.1f} s  "
        f"{n / again_cpu:7.1f} items/s  (reference)"
    )
    print(f"creating costs {first / again:.1f}× the unchanged run (process start and Django setup included in both)")


if __name__ == "__main__":
    main()
