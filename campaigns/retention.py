"""How long personal data is kept: one source for the purge, the signed links and the consent texts."""

from django.conf import settings


def registration_retention_days() -> int:
    """Days after an event's end until its registrations are anonymised (and their links stop working)."""
    return int(getattr(settings, "CAMPAIGNS_KEEP_REGISTRATIONS_DAYS", 90))


def signature_retention_days() -> int:
    """Days after a campaign's end date until its sign-ups are anonymised or deleted."""
    return int(getattr(settings, "CAMPAIGNS_KEEP_SIGNATURES_DAYS", 30))


def form_retention_days() -> int:
    """Days after a membership application or counselling request arrived until it is deleted."""
    return int(getattr(settings, "CAMPAIGNS_KEEP_FORMS_DAYS", 365))


def outbox_retention_days() -> int:
    """Days after an e-mail was queued until it is deleted if it was never sent (failed, or still pending)."""
    return int(getattr(settings, "OUTBOX_KEEP_UNSENT_DAYS", 30))
