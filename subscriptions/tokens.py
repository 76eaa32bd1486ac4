"""Signed links in the subscription e-mails (Django signing, like campaigns.tokens).

* the confirmation link expires after `SUBSCRIPTIONS_CONFIRM_DAYS` (default 7): the unconfirmed
  subscription is deleted then anyway;
* the unsubscribe link never expires (it must work from a mail years old) and is bound to the address as
  well as the row, so a link can only ever end the subscription it was sent for.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing

from subscriptions.models import Subscription

CONFIRM_SALT = "subscriptions.confirm"
UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"


class LinkExpired(Exception):
    """The link was genuine but is too old."""


def confirm_days() -> int:
    return int(getattr(settings, "SUBSCRIPTIONS_CONFIRM_DAYS", 7))


def _address_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12]


def confirm_token(subscription) -> str:
    return signing.dumps([subscription.pk, _address_digest(subscription.email)], salt=CONFIRM_SALT)


def unsubscribe_token(subscription) -> str:
    return signing.dumps([subscription.pk, _address_digest(subscription.email)], salt=UNSUBSCRIBE_SALT)


def _subscription(value):
    try:
        pk, digest = value
    except (TypeError, ValueError):
        return None
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None or _address_digest(subscription.email) != digest:
        return None
    return subscription


def subscription_from_confirm_token(token: str):
    """The subscription a confirmation link names; None for a wrong link; LinkExpired when too old."""
    try:
        value = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_days() * 24 * 3600)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        return None
    return _subscription(value)


def unsubscribe_token_genuine(token: str) -> bool:
    try:
        signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return False
    return True


def subscription_from_unsubscribe_token(token: str):
    """The subscription an unsubscribe link names; None for a wrong link or one already ended."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return _subscription(value)
