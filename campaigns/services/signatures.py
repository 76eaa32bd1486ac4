"""Campaign sign-ups: double opt-in, counted once the link is followed."""

from __future__ import annotations

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import mails
from campaigns.models import (
    CampaignPage,
    Signature,
)
from campaigns.services.registrations import address_budget_spent
from campaigns.tokens import LinkExpired, signature_pk_from_token


class SignatureError(Exception):
    pass


def sign(
    campaign: CampaignPage,
    *,
    name: str,
    email: str,
    municipality: str = "",
    show_name: bool = False,
    language: str = "da",
) -> Signature | None:
    """Save a sign-up (not counted yet) and e-mail the confirmation link.

    Signing again with an unconfirmed address replaces the details (the latest submission is what the
    confirmation link will publish) and sends a new link; an address that has already confirmed gets an
    e-mail saying so. The page answers the same in every case, so it never reveals who has signed.
    Returns None when the address has had too many attempts today (nothing saved, no e-mail).
    """
    if not campaign.is_open():
        raise SignatureError(_("Kampagnen er slut, og man kan ikke længere skrive under."))
    email = email.strip()
    details = {
        "name": name.strip(),
        "municipality": municipality.strip(),
        "show_name": show_name,
        "consent_text": campaign.consent(),
    }
    if address_budget_spent("sign", campaign.pk, email):
        return None
    with transaction.atomic():
        existing = (
            Signature.objects.select_for_update()
            .filter(campaign=campaign, email__iexact=email, anonymised=False)
            .first()
        )
        if existing and existing.confirmed_at:
            mails.signature_already_confirmed(existing, language)
            return existing
        if existing:
            for attribute, value in details.items():
                setattr(existing, attribute, value)
            existing.created_at = timezone.now()  # the link's 30 days start again
            existing.save(update_fields=[*details, "created_at"])
            signature = existing
        else:
            try:
                with transaction.atomic():
                    signature = Signature.objects.create(campaign=campaign, email=email, **details)
            except IntegrityError:
                # Someone signed with this address at the same moment: that sign-up gets the e-mail.
                return None
        mails.signature_confirmation(signature, language)
        return signature


def confirm_signature(token: str) -> Signature | None:
    """Count a sign-up once its link is followed; following the link again changes nothing."""
    try:
        pk = signature_pk_from_token(token)
    except LinkExpired:
        return None
    if pk is None:
        return None
    with transaction.atomic():
        signature = (
            Signature.objects.select_for_update().select_related("campaign").filter(pk=pk, anonymised=False).first()
        )
        if signature and not signature.confirmed_at:
            signature.confirmed_at = timezone.now()
            signature.save(update_fields=["confirmed_at"])
            cache.delete(signature.campaign.stats_cache_key())
            transaction.on_commit(lambda: cache.delete(signature.campaign.stats_cache_key()))
        return signature
