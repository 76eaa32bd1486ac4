"""manage.py purge_query_log: delete query-log rows past the retention period and blank queries that did not recur.

The worker (`make worker`) runs the same job once a day.
"""

from django.core.management.base import BaseCommand

from search.querylog import purge_query_log, retention_days


class Command(BaseCommand):
    help = "Delete search query-log rows older than SEARCH_QUERY_LOG_RETENTION_DAYS; blank rare query texts."

    def handle(self, *args, **options):
        result = purge_query_log()
        self.stdout.write(
            f"Deleted {result['deleted']} rows older than {retention_days()} days; "
            f"blanked {result['blanked']} queries that did not recur."
        )
