"""manage.py purge_personal_data: remove personal data by age, whatever its state.

The worker runs this once a day too. The default periods come from campaigns/retention.py (the settings
CAMPAIGNS_KEEP_REGISTRATIONS_DAYS, CAMPAIGNS_KEEP_SIGNATURES_DAYS, CAMPAIGNS_KEEP_FORMS_DAYS and
OUTBOX_KEEP_UNSENT_DAYS override them when set); see campaigns.services.purge_personal_data. Other apps'
purges registered in home.personal_data (e.g. the guide subscriptions: unconfirmed ones once their link
has expired, subscriptions/tokens.py) run after it.
"""

from django.core.management.base import BaseCommand

from campaigns.retention import (
    form_retention_days,
    outbox_retention_days,
    registration_retention_days,
    signature_retention_days,
)
from campaigns.services import purge_personal_data
from home.personal_data import run_registered_purges


class Command(BaseCommand):
    help = (
        "Anonymise old registrations and campaign sign-ups; delete membership/counselling forms after a year "
        "and unsent outbox messages after 30 days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--registration-days",
            type=int,
            help=f"Days after an event's end (default {registration_retention_days()}).",
        )
        parser.add_argument(
            "--signature-days",
            type=int,
            help=f"Days after a campaign's end date (default {signature_retention_days()}).",
        )
        parser.add_argument(
            "--form-days", type=int, help=f"Days after a form was received (default {form_retention_days()})."
        )
        parser.add_argument(
            "--outbox-days",
            type=int,
            help=f"Days after an unsent e-mail was queued (default {outbox_retention_days()}).",
        )

    def handle(self, *args, registration_days=None, signature_days=None, form_days=None, outbox_days=None, **options):
        result = purge_personal_data(
            registration_days=registration_days,
            signature_days=signature_days,
            form_days=form_days,
            outbox_days=outbox_days,
        )
        others = run_registered_purges()
        self.stdout.write(
            "Anonymised {registrations} registrations and {signatures} sign-ups; deleted {signatures_deleted} unconfirmed "
            "sign-ups, {membership_applications} membership applications, {counselling_requests} counselling requests "
            "and {outbox_messages} unsent e-mails.".format(**result)
        )
        for name, count in others.items():
            self.stdout.write(f"{name}: {count} deleted.")
