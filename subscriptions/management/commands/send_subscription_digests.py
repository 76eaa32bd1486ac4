"""manage.py send_subscription_digests: queue the daily digests (the worker does this every 10 minutes too)."""

from django.core.management.base import BaseCommand

from subscriptions.services import fan_out_pending, send_digests


class Command(BaseCommand):
    help = (
        "Tell subscribers about unannounced major changes, and queue the day's digests from SUBSCRIPTIONS_DIGEST_HOUR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send due digests now, whatever the hour.")

    def handle(self, *args, now=False, **options):
        changes = fan_out_pending()
        digests = send_digests(force=now)
        self.stdout.write(f"Announced {changes} changes; queued {digests} digests.")
