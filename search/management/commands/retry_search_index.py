"""manage.py retry_search_index [--loop]: retry index updates that failed (the database-backed queue)."""

import time

from django.core.management.base import BaseCommand

from search.indexing import retry_pending
from search.models import IndexTask


class Command(BaseCommand):
    help = "Retry queued search index updates; --loop keeps running as a worker."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between runs with --loop.")

    def handle(self, *args, loop=False, interval=30.0, **options):
        while True:
            done, failed = retry_pending()
            if done or failed or not loop:
                self.stdout.write(f"{done} updated, {failed} still failing, {IndexTask.objects.count()} queued.")
            if not loop:
                return
            time.sleep(interval)
