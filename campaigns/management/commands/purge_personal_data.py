"""manage.py purge_personal_data: remove personal data by age, whatever its state.

The worker runs this once a day too. Defaults come from settings (CAMPAIGNS_KEEP_REGISTRATIONS_DAYS = 90,
CAMPAIGNS_KEEP_SIGNATURES_DAYS = 30, CAMPAIGNS_KEEP_FORMS_DAYS = 365, OUTBOX_KEEP_UNSENT_DAYS = 30);
see campaigns.services.purge_personal_data. Other apps' purges registered in home.personal_data (e.g. the
guide subscriptions: unconfirmed ones after SUBSCRIPTIONS_CONFIRM_DAYS = 7) run after it.
"""

from django.core.management.base import BaseCommand

from campaigns.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Anonymise old registrations and campaign sign-ups; delete membership/counselling forms after a year "
        "and unsent outbox messages after 30 days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--registration-days", type=int, help="Days after an event's end (default 90).")
        parser.add_argument("--signature-days", type=int, help="Days after a campaign's end date (default 30).")
        parser.add_argument("--form-days", type=int, help="Days after a form was received (default 365).")
        parser.add_argument("--outbox-days", type=int, help="Days after an unsent e-mail was queued (default 30).")

    def handle(self, *args, registration_days=None, signature_days=None, form_days=None, outbox_days=None, **options):
        result = purge_personal_data(
            registration_days=registration_days,
            signature_days=signature_days,
            form_days=form_days,
            outbox_days=outbox_days,
        )
        from home.personal_data import run_registered_purges

        others = run_registered_purges()
        self.stdout.write(
            "Anonymised {registrations} registrations and {signatures} sign-ups; deleted {signatures_deleted} unconfirmed "
            "sign-ups, {membership_applications} membership applications, {counselling_requests} counselling requests "
            "and {outbox_messages} unsent e-mails.".format(**result)
        )
        for name, count in others.items():
            self.stdout.write(f"{name}: {count} deleted.")
