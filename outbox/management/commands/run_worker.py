"""manage.py run_worker: deliver queued e-mails (with retries) and run periodic jobs, until stopped."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections


class Command(BaseCommand):
    help = "Send e-mails from the outbox with retries and run periodic jobs. Stop with Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Process what is due once and exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between rounds (default 5).")
        parser.add_argument("--batch", type=int, default=50, help="Messages per round (default 50).")

    def handle(self, *args, once=False, interval=5.0, batch=50, **options):
        from outbox.worker import process_due, run_periodic

        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write("Outbox worker started" + (" (once)" if once else f", every {interval:g} s"))
        try:
            while not stopping:
                run_periodic()
                while True:
                    counts = process_due(batch)
                    if any(counts.values()):
                        self.stdout.write(
                            f"sent {counts['sent']}, retry later {counts['retry']}, gave up {counts['failed']}"
                        )
                    if counts["sent"] + counts["retry"] + counts["failed"] < batch:
                        break
                if once:
                    break
                time.sleep(interval)
                # A long-running process must not keep a broken or expired connection between rounds.
                close_old_connections()
        except KeyboardInterrupt:
            pass
        self.stdout.write("Outbox worker stopped")
