"""manage.py send_review_reminders: e-mail each guide owner a digest of guides due or overdue for review.

Run it once a day or once a week from cron or a systemd timer (see docs/editorial.md). Guides without an
owner go to ORGANISATION_EMAIL. Running it twice sends the digest twice, so schedule it, don't loop it.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from knowledge.review import send_review_reminders


class Command(BaseCommand):
    help = "E-mail each guide owner one digest of the guides that are due, overdue or flagged for review."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List who would get what, send nothing.")
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from None
        sent = send_review_reminders(today=today, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        for address, count in sent.items():
            self.stdout.write(f"{verb} {address}: {count} guide(s)")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} digest(s) {verb}."))
