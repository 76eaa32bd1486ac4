"""Page throughput: gunicorn (2 workers) on the demo SQLite database, against a bare Django view.

    .venv/bin/python benchmarks/pages.py [--seconds 10] [--concurrency 8]

Runs everything in one go: copies the demo database (`make setup` first), starts two gunicorns with a
bare 20 KB static view mounted beside the site (one with the full-page cache for anonymous readers,
one without it: PAGE_CACHE_SECONDS=0), and measures requests per second for the home page, a guide,
a position paper, an event page and the search page, cached and uncached, beside the bare view (on
the uncached server, through the same middleware); prints each figure's ratio to the bare view.
The event page carries a registration form and the search page a query: neither is ever shared
from the page cache, so their two columns measure the same work.
Install `wrk` (Debian package) for accurate figures; without it a Python thread client is used, which
competes with the server for the CPU and understates the bare view.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_APP = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
application = get_wsgi_application()
from django.urls import path
import config.urls

BODY = "<!DOCTYPE html><html lang=da><title>bare</title><p>" + "x" * 20480 + "</p>"


def bare(request):
    return HttpResponse(BODY)


# The bare view goes through the same middleware as the site, so the ratio measures page work only.
config.urls.urlpatterns.insert(0, path("__bare__/", bare))
"""


def hammer(url: str, seconds: float, concurrency: int) -> float:
    """Requests per second for `seconds`: with wrk when installed (a light client), else Python threads."""
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", "-t1", f"-c{concurrency}", f"-d{int(seconds)}s", url], capture_output=True, text=True, check=True
        ).stdout
        for line in out.splitlines():
            if line.startswith("Requests/sec:"):
                return float(line.split()[1])
        raise RuntimeError(out)
    return hammer_threads(url, seconds, concurrency)


def hammer_threads(url: str, seconds: float, concurrency: int) -> float:
    count = 0
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        nonlocal count, errors
        local = 0
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                local += 1
            except Exception:  # noqa: BLE001
                with lock:
                    errors += 1
        with lock:
            count += local

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"  ({errors} errors on {url})")
    return count / (time.perf_counter() - start)


def start_server(port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench_app:application",
        ],
        cwd=ROOT,
        env=env,
    )


def wait_until_up(base: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/__bare__/", timeout=1).read()
            return
        except Exception:  # noqa: BLE001
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


def first_event_path(db: Path) -> str:
    import sqlite3

    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT p.url_path FROM wagtailcore_page p JOIN django_content_type t ON t.id = p.content_type_id "
            "JOIN wagtailcore_locale l ON l.id = p.locale_id "
            "WHERE t.model = 'eventpage' AND p.live AND l.language_code = 'da' ORDER BY p.path LIMIT 1"
        ).fetchone()
    if not row:
        sys.exit("No event page in the demo database.")
    return "/" + row[0].strip("/").split("/", 1)[1] + "/"  # drop the home page's slug


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    source_db = ROOT / "db.sqlite3"
    if not source_db.exists():
        sys.exit("No demo database: run `make setup` (or `make run`) first.")
    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    db = workdir / "db.sqlite3"
    shutil.copy(source_db, db)
    (workdir / "bench_app.py").write_text(BARE_APP)
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{db}",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        PYTHONPATH=f"{workdir}:{ROOT}",
        SEARCH_INDEX_DIR=str(workdir / "index"),
    )
    env.pop("REDIS_URL", None)  # the local-memory cache: the figures measure the site, not a network hop
    subprocess.run(
        [sys.executable, "manage.py", "rebuild_search_index"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    pages = {
        "home": "/",
        "guide": "/vejledninger/merudgifter/",
        "position paper": "/holdningspapirer/retssikkerhed-i-sager-om-boern-med-handicap/",
        "event (form)": first_event_path(db),
        "search ?q=": "/search/?q=aflastning",
    }
    uncached_port, cached_port = args.port, args.port + 1
    servers = [
        start_server(uncached_port, dict(env, PAGE_CACHE_SECONDS="0")),
        start_server(cached_port, dict(env, PAGE_CACHE_SECONDS="600")),
    ]
    uncached, cached = f"http://127.0.0.1:{uncached_port}", f"http://127.0.0.1:{cached_port}"
    results: dict[str, dict[str, float]] = {}
    try:
        wait_until_up(uncached)
        wait_until_up(cached)
        for base in (uncached, cached):
            for path in pages.values():  # warm up both workers (and fill the page cache)
                for _ in range(10):
                    try:
                        urllib.request.urlopen(base + path, timeout=60).read()
                    except Exception as error:
                        raise RuntimeError(f"{base + path}: {error}") from error
        bare_before = hammer(uncached + "/__bare__/", args.seconds, args.concurrency)
        for name, path in pages.items():
            results[name] = {
                "uncached": hammer(uncached + path, args.seconds, args.concurrency),
                "cached": hammer(cached + path, args.seconds, args.concurrency),
            }
        bare_after = hammer(uncached + "/__bare__/", args.seconds, args.concurrency)
        bare = (bare_before + bare_after) / 2  # measured before and after: a busy machine drifts
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'page':<18}{'uncached req/s':>16}{'ratio':>8}{'cached req/s':>15}{'ratio':>8}")
    print(f"{'bare view (20 KB)':<18}{bare:>16.1f}{1:>8.0%}   (before {bare_before:.1f}, after {bare_after:.1f})")
    for name, figures in results.items():
        print(
            f"{name:<18}{figures['uncached']:>16.1f}{figures['uncached'] / bare:>8.1%}"
            f"{figures['cached']:>15.1f}{figures['cached'] / bare:>8.1%}"
        )
    print("Targets: cached guide ≥ 50 % of the bare view; uncached guide ≥ 12 % (a stock Wagtail demo manages 1–2 %).")
    print("A page from the cache can beat the bare view: a hit skips the middleware after the page cache")
    print("(sessions, CSRF, authentication, messages, redirects) that the bare view still goes through.")
    print("On a shared or busy machine the figures are noisy; the ratios (measured in the same run) less so.")


if __name__ == "__main__":
    main()
