"""N concurrent HTTP registrations against gunicorn on PostgreSQL: throughput and the seat invariants.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_registration \
        .venv/bin/python benchmarks/registration.py --people 200 --seats 50 --workers 4

Creates (or empties) the database, migrates it, adds one event, starts gunicorn, and lets every
person GET the event page (for the CSRF cookie) and then POST the registration form at the same
moment. Afterwards it checks that confirmed seats ≤ capacity, that everyone who got a receipt page
has exactly one saved registration, and that every saved registration has its receipt e-mail in the
outbox. The rate limit is switched off for the run (FORM_RATE_LIMIT=0): all requests come from one IP.
"""

import argparse
import http.cookiejar
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare_database(url: str) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def create_event(seats: int, mode: str):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from campaigns.content_types import EVENT_INDEX
    from campaigns.models import EventIndexPage, EventPage
    from home.site_setup import ensure_home, ensure_index

    call_command("migrate", verbosity=0)
    ensure_home("da")
    index = ensure_index(EventIndexPage, "da", *EVENT_INDEX)
    start = timezone.now() + datetime.timedelta(days=30)
    event = EventPage(
        title="Benchmark-temadag",
        slug="benchmark",
        start=start,
        end=start + datetime.timedelta(hours=3),
        capacity=seats,
        mode=mode,
        ask_role=False,
        ask_organisation=False,
        ask_dietary=False,
        ask_accessibility=False,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


class Person:
    def __init__(self, base: str, path: str, n: int):
        self.url = base + path
        self.n = n
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.token = ""
        self.status = None
        self.seconds = 0.0

    def prepare(self):
        html = self.opener.open(self.url, timeout=60).read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def register(self):
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "name": f"Deltager {self.n}",
                "email": f"deltager{self.n}@example.org",
                "consent": "on",
                "website": "",
            }
        ).encode()
        request = urllib.request.Request(self.url, data=data, headers={"Referer": self.url})
        started = time.perf_counter()
        try:
            response = self.opener.open(request, timeout=120)
            self.status = response.status
        except urllib.error.HTTPError as error:
            self.status = error.code
        self.seconds = time.perf_counter() - started


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for(url: str, seconds: float = 60):
    deadline, last_error = time.time() + seconds, None
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except Exception as error:  # noqa: BLE001 - not up yet
            last_error = error
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer at {url}: {last_error}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--mode", choices=["first_come", "application"], default="first_come")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://… (this benchmark needs PostgreSQL; its database is recreated)")
    prepare_database(url)
    setup_django()
    event = create_event(args.seats, args.mode)

    env = dict(os.environ) | {
        "PYTHONWARNINGS": "ignore",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "FORM_RATE_LIMIT": "0",
        "DB_CONN_MAX_AGE": "60",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_for(base + event.url)
        people = [Person(base, event.url, n) for n in range(args.people)]
        with ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(lambda p: p.prepare(), people))
        barrier = threading.Barrier(args.people)

        def go(person):
            barrier.wait()
            person.register()

        started = time.perf_counter()
        threads = [threading.Thread(target=go, args=(p,)) for p in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    from campaigns import services
    from campaigns.models import Registration
    from outbox.models import Message

    statuses = [p.status for p in people]
    accepted = sum(1 for s in statuses if s == 302)
    rows = Registration.objects.filter(event_id=event.pk)
    states = {state: rows.filter(state=state).count() for state in ("confirmed", "waitlisted", "received")}
    taken = services.seats_taken(event)
    receipts = Message.objects.filter(topic="receipt").count()
    latencies = sorted(p.seconds for p in people)
    print(
        f"{args.people} concurrent registrations for {args.seats} seats, gunicorn {args.workers}×{args.threads} (gthread)"
    )
    print(f"  wall time {elapsed:.2f} s → {args.people / elapsed:.1f} registrations/s")
    print(
        f"  latency median {statistics.median(latencies) * 1000:.0f} ms, p95 {latencies[int(0.95 * (len(latencies) - 1))] * 1000:.0f} ms"
    )
    print(f"  HTTP: {accepted} redirected to the receipt, others: {sorted({s for s in statuses if s != 302})}")
    print(f"  saved: {rows.count()} ({states}), seats taken {taken}/{args.seats}, receipts queued {receipts}")
    problems = []
    if taken > args.seats:
        problems.append(f"over-booked: {taken} > {args.seats}")
    if rows.count() != accepted:
        problems.append(f"lost or phantom registrations: {accepted} receipts shown, {rows.count()} saved")
    if args.mode == "first_come" and taken != min(args.seats, args.people):
        problems.append(f"free seats left while people were waitlisted: {taken}")
    if receipts != rows.count():
        problems.append(f"{rows.count() - receipts} registrations without a receipt e-mail")
    if problems:
        print("INVARIANTS BROKEN: " + "; ".join(problems))
        raise SystemExit(1)
    print("  invariants hold: confirmed ≤ capacity, nobody lost, every registration has its receipt in the outbox")


if __name__ == "__main__":
    main()
