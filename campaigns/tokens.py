"""Signed links in the e-mails: a person's registration page and the confirmation of a campaign sign-up.

Both are Django signed values (`signing.dumps`, timestamped) and both expire through `max_age`:

* a registration link works until the event has ended plus the retention period
  (`CAMPAIGNS_KEEP_REGISTRATIONS_DAYS`, default 90): after that the registration is anonymised anyway;
* a sign-up confirmation link works for 30 days (`SIGNATURE_LINK_MAX_AGE`).

A link that was never valid gives None; a link that was valid once raises `LinkExpired`, so the page can
say so plainly. This module depends only on the models, so `mails` and `services` both import it.
"""

from __future__ import annotations

import datetime

from django.core import signing

from campaigns.models import Registration, Signature
from campaigns.retention import registration_retention_days

REGISTRATION_SALT = "campaigns.registration"
SIGNATURE_SALT = "campaigns.signature"
SIGNATURE_LINK_MAX_AGE = 30 * 24 * 3600


class LinkExpired(Exception):
    """The link was genuine but is too old."""


def registration_link_valid_until(event) -> datetime.datetime:
    return event.end + datetime.timedelta(days=registration_retention_days())


def _signed_at(token: str, salt: str) -> datetime.datetime:
    """When a (genuine) timestamped token was made."""
    value = signing.Signer(salt=salt).unsign(token)
    return datetime.datetime.fromtimestamp(signing.b62_decode(value.rsplit(":", 1)[1]), tz=datetime.UTC)


def registration_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=REGISTRATION_SALT)


def registration_from_token(token: str) -> Registration | None:
    """The registration a link points at; None for a wrong link or erased data; LinkExpired when too old."""
    try:
        pk = signing.loads(token, salt=REGISTRATION_SALT)
    except signing.BadSignature:
        return None
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None:
        return None
    max_age = registration_link_valid_until(registration.event) - _signed_at(token, REGISTRATION_SALT)
    try:
        # max_age is measured from when the link was made, up to the end of the retention period.
        signing.loads(token, salt=REGISTRATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkExpired from None
    if registration.anonymised_at is not None:
        return None
    return registration


def signature_token(signature: Signature) -> str:
    return signing.dumps(signature.pk, salt=SIGNATURE_SALT)


def signature_pk_from_token(token: str) -> int | None:
    """The sign-up a confirmation link points at; None for a wrong link; LinkExpired after 30 days."""
    try:
        return signing.loads(token, salt=SIGNATURE_SALT, max_age=SIGNATURE_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        return None
