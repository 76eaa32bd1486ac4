"""Page throughput: gunicorn (2 workers) on the demo SQLite database, against a bare Django view.

    .venv/bin/python benchmarks/pages.py [--seconds 10] [--concurrency 8]

Runs everything in one go: copies the demo database (`make setup` first), starts gunicorn with a
bare 20 KB static view mounted beside the site, and measures requests per second for the home page,
a guide, a position paper and the bare view; prints each page's ratio to the bare view.
Pages are served uncached (no page cache; only the site chrome fragment cache, as in production).
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
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
            "bench_app:application",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/__bare__/", timeout=1).read()
                break
            except Exception:  # noqa: BLE001
                time.sleep(0.2)
        pages = {
            "bare view (20 KB)": "/__bare__/",
            "home": "/",
            "guide": "/vejledninger/merudgifter/",
            "position paper": "/holdningspapirer/retssikkerhed-i-sager-om-boern-med-handicap/",
        }
        for path in pages.values():  # warm up both workers
            for _ in range(10):
                urllib.request.urlopen(base + path, timeout=10).read()
        results = {name: hammer(base + path, args.seconds, args.concurrency) for name, path in pages.items()}
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)
    bare = results["bare view (20 KB)"]
    print(f"{'page':<22}{'req/s':>10}{'ratio to bare':>16}")
    for name, rps in results.items():
        print(f"{name:<22}{rps:>10.1f}{rps / bare:>15.1%}")
    print("Target: a guide ≥ 10 % of the bare view (a stock Wagtail demo site manages 1–2 %).")


if __name__ == "__main__":
    main()
