"""manage.py run_worker: deliver queued e-mails (with retries) and run periodic jobs, until stopped.

Each round: periodic jobs (the search-index queue, purging old data …), then what is due in the outbox.
SIGTERM or SIGINT stops it cleanly: the message being sent finishes (bounded by EMAIL_TIMEOUT),
the rest of the claimed batch is given back, and the process exits.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection

from outbox.worker import process_due, run_periodic

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send e-mails from the outbox with retries and run periodic jobs. Stop with Ctrl+C or SIGTERM."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Process what is due once and exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between rounds (default 5).")
        parser.add_argument("--batch", type=int, default=50, help="Messages per round (default 50).")

    def handle(self, *args, once=False, interval=5.0, batch=50, **options):
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write("Outbox worker started" + (" (once)" if once else f", every {interval:g} s"))
        try:
            while not stop.is_set():
                try:
                    run_periodic()
                    while not stop.is_set():
                        counts = process_due(batch, should_stop=stop.is_set)
                        if any(counts.values()):
                            self.stdout.write(
                                f"sent {counts['sent']}, retry later {counts['retry']}, gave up {counts['failed']}"
                            )
                        if counts["sent"] + counts["retry"] + counts["failed"] < batch:
                            break
                except DatabaseError as error:
                    # The database restarting or unreachable: wait for it, never die (nothing is lost).
                    logger.warning("worker: database unavailable, retrying in %s s: %s", interval, error)
                if once:
                    break
                # A long-running process must not keep a broken or expired connection between rounds.
                _close_old_connections()
                stop.wait(interval)  # a signal wakes it at once
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            _close_old_connections()
        self.stdout.write("Outbox worker stopped")


def _close_old_connections() -> None:
    """Drop a broken or expired connection, never one inside a transaction (a caller's atomic block,
    such as a test's: closing it would throw the caller's work away)."""
    if not connection.in_atomic_block:
        close_old_connections()
