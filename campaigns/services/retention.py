"""Personal data: anonymising registrations and sign-ups, deleting old form data (manage.py purge_personal_data)."""

from __future__ import annotations

import datetime

from django.utils import timezone

import outbox
from campaigns.models import (
    CounsellingRequest,
    MembershipApplication,
    Registrant,
    Registration,
    Signature,
)
from campaigns.retention import (
    form_retention_days,
    outbox_retention_days,
    registration_retention_days,
    signature_retention_days,
)
from campaigns.services.registration_data import PERSONAL_FIELDS
from campaigns.tokens import SIGNATURE_LINK_MAX_AGE


def anonymise_registrations(queryset) -> int:
    """Clear the personal fields (PERSONAL_FIELDS) and, once all their participants are anonymised, the registrant's."""
    now = timezone.now()
    count = 0
    registrant_ids = set()
    for registration in queryset.filter(anonymised_at__isnull=True):
        Registration.objects.filter(pk=registration.pk).update(
            **(dict.fromkeys(PERSONAL_FIELDS, "") | {"email": f"slettet-{registration.pk}@invalid"}),
            under_18=False,
            anonymised_at=now,
        )
        if registration.registrant_id:
            registrant_ids.add(registration.registrant_id)
        count += 1
    for registrant in Registrant.objects.filter(pk__in=registrant_ids, anonymised_at__isnull=True).exclude(
        registrations__anonymised_at__isnull=True
    ):
        Registrant.objects.filter(pk=registrant.pk).update(
            name="", email=f"slettet-{registrant.pk}@invalid", phone="", anonymised_at=now
        )
    return count


def purge_personal_data(
    *,
    registration_days: int | None = None,
    signature_days: int | None = None,
    form_days: int | None = None,
    outbox_days: int | None = None,
    now: datetime.datetime | None = None,
) -> dict[str, int]:
    """Remove personal data by age, whatever state it is in (what the consent texts promise).

    * registrations: anonymised `registration_days` after their event ended (any state);
    * sign-ups: unconfirmed ones deleted once their link has expired; all anonymised (confirmed) or
      deleted (unconfirmed) `signature_days` after the campaign's end date;
    * membership applications and counselling requests: deleted `form_days` after they arrived,
      handled or not;
    * the outbox: messages that were never sent (failed, or still pending) deleted `outbox_days` after
      they were queued (sent ones are deleted by the worker 30 days after sending).

    The numbers default to campaigns.retention (the settings CAMPAIGNS_KEEP_REGISTRATIONS_DAYS,
    CAMPAIGNS_KEEP_SIGNATURES_DAYS, CAMPAIGNS_KEEP_FORMS_DAYS and OUTBOX_KEEP_UNSENT_DAYS when set).
    """
    now = now or timezone.now()
    registration_days = registration_days if registration_days is not None else registration_retention_days()
    signature_days = signature_days if signature_days is not None else signature_retention_days()
    form_days = form_days if form_days is not None else form_retention_days()
    outbox_days = outbox_days if outbox_days is not None else outbox_retention_days()
    result = {
        "registrations": anonymise_registrations(
            Registration.objects.filter(event__end__lt=now - datetime.timedelta(days=registration_days))
        ),
    }
    cutoff_date = (now - datetime.timedelta(days=signature_days)).date()
    signatures = Signature.objects.filter(campaign__ends_on__lt=cutoff_date, anonymised=False)
    # Unconfirmed sign-ups never counted; they are simply deleted once the link has expired.
    stale = Signature.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(seconds=SIGNATURE_LINK_MAX_AGE)
    )
    result["signatures_deleted"] = stale.delete()[0] + signatures.filter(confirmed_at__isnull=True).delete()[0]
    anonymised = 0
    for signature in signatures.filter(confirmed_at__isnull=False):
        Signature.objects.filter(pk=signature.pk).update(
            name="",
            email=f"slettet-{signature.pk}@invalid",
            municipality="",
            show_name=False,
            anonymised=True,
        )
        anonymised += 1
    result["signatures"] = anonymised
    form_cutoff = now - datetime.timedelta(days=form_days)
    result["membership_applications"] = MembershipApplication.objects.filter(created_at__lt=form_cutoff).delete()[0]
    result["counselling_requests"] = CounsellingRequest.objects.filter(created_at__lt=form_cutoff).delete()[0]
    result["outbox_messages"] = outbox.purge_unsent(older_than=now - datetime.timedelta(days=outbox_days))
    return result
