"""Following guides: subscribe (double opt-in), confirm, unsubscribe, record a major change, tell the
subscribers (one mail per change and address, or a daily digest), and purge by age.

Nothing here reveals whether an address follows a guide: `subscribe` answers the same in every case and
says what differs only in the e-mail to that address.
"""

from __future__ import annotations

import datetime
import logging
from collections import OrderedDict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.services import address_budget_spent
from knowledge.models import GuideIndexPage, GuidePage, ReviewFlag
from publishing.share_card import page_is_public
from subscriptions import mails
from subscriptions.models import ChangeNote, Notification, Subscription
from subscriptions.tokens import LinkExpired, confirm_days, subscription_from_confirm_token

logger = logging.getLogger(__name__)

FANOUT_CHUNK = 200


# -- what can be followed ---------------------------------------------------------------


def is_public(page) -> bool:
    """Live, and no login or password on the page or any ancestor: only such pages are offered or mailed."""
    return bool(page) and page_is_public(page)


def followable(page) -> bool:
    return isinstance(page, (GuidePage, GuideIndexPage)) and is_public(page)


def topics_of(index_page) -> list[str]:
    """The topics (tags) of the live, public guides under a guide index."""
    guides = GuidePage.objects.child_of(index_page).live().public()
    return sorted({name for name in guides.values_list("tags__name", flat=True) if name})


def describe(subscription) -> str:
    """What a subscription follows, in words for the e-mails and the admin."""
    page = subscription.page.specific
    if subscription.topic:
        return f"{page.title}: {subscription.topic}"
    return page.title


# -- subscribing --------------------------------------------------------------------------


def subscribe(page, *, email: str, topic: str = "", frequency: str = "immediate", language: str = "da") -> None:
    """Save an unconfirmed subscription and e-mail the confirmation link; nothing is sent until confirmed.

    Following again with an unconfirmed address sends a new link (and takes the new frequency); an address
    that already follows gets an e-mail saying so, with its unsubscribe link. A per-address budget caps the
    mail anyone can make us send to one address (`address_budget_spent`, shared with the campaigns).
    """
    email = email.strip()
    if address_budget_spent("follow", f"{page.pk}:{topic}", email):
        return
    with transaction.atomic():
        existing = Subscription.objects.select_for_update().filter(page=page, topic=topic, email__iexact=email).first()
        if existing and existing.confirmed_at:
            mails.already_following(existing)
            return
        if existing:
            existing.frequency = frequency
            existing.language = language
            existing.created_at = timezone.now()  # the purge's clock starts again with the new link
            existing.save(update_fields=["frequency", "language", "created_at"])
            subscription = existing
        else:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        page=page, topic=topic, email=email, frequency=frequency, language=language
                    )
            except IntegrityError:
                return  # the same address at the same moment: that request sends the link
        mails.confirmation(subscription)


def confirm(token: str):
    """Start a subscription once its link is followed (again: nothing changes). None for a bad/old link."""
    try:
        subscription = subscription_from_confirm_token(token)
    except LinkExpired:
        return None
    if subscription is None:
        return None
    if subscription.confirmed_at is None:
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
        subscription.refresh_from_db()
    return subscription


def unsubscribe(subscription) -> None:
    """Stop following: the row (the address) is deleted at once, with what it was told."""
    Subscription.objects.filter(pk=subscription.pk).delete()


# -- major changes ------------------------------------------------------------------------


def record_change(page, revision=None) -> ChangeNote | None:
    """Record a publish with "Væsentlig ændring" ticked as a public change note, clear the fields on the page
    and in the published revision (so the next publish starts unticked), and fan out once committed.
    Publishing the same revision again records nothing new."""
    if not getattr(page, "major_change", False):
        return None
    note = (page.change_note or "").strip()
    if not note:
        return None
    now = timezone.now()
    with transaction.atomic():
        previous = ChangeNote.objects.filter(page_id=page.pk).order_by("-published_at").first()
        flags = ReviewFlag.objects.filter(page_id=page.pk)
        if previous:
            flags = flags.filter(created_at__gt=previous.published_at)
        lookup = {"revision": revision} if revision is not None else {"page_id": page.pk, "note": note}
        change, created = ChangeNote.objects.get_or_create(
            **lookup,
            defaults={
                "page_id": page.pk,
                "note": note,
                "published_at": now,
                "legal_flags": [str(flag.reason) for flag in flags.order_by("created_at")],
            },
        )
        GuidePage.objects.filter(pk=page.pk).update(major_change=False, change_note="")
        if revision is not None and isinstance(revision.content, dict):
            content = dict(revision.content, major_change=False, change_note="")
            type(revision).objects.filter(pk=revision.pk).update(content=content)
        page.major_change, page.change_note = False, ""
    if created:
        transaction.on_commit(lambda: _fan_out_safely(change.pk))
    return change


def _fan_out_safely(change_id: int) -> None:
    try:
        fan_out(change_id)
    except Exception:  # the worker's periodic step picks it up again
        logger.exception("subscriptions: fan-out of change %s failed; the worker retries", change_id)


def matching_subscriptions(page):
    """Confirmed subscriptions that a change of this guide concerns: the guide itself, its index, or the
    index's topic when the guide carries it."""
    topics = [tag.name for tag in page.tags.all()]
    parent_id = page.get_parent().pk
    return (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .filter(Q(page_id=page.pk) | Q(page_id=parent_id, topic="") | Q(page_id=parent_id, topic__in=topics))
        .order_by("pk")
    )


def _specificity(subscription, page_id) -> int:
    return 0 if subscription.page_id == page_id else (1 if subscription.topic else 2)


def fan_out(change_id: int) -> dict[str, int]:
    """Tell every confirmed subscriber of a change exactly once: one e-mail per address (even if the address
    follows the guide, its topic and the index), or a place in the daily digest. Running it again sends
    nothing twice (one Notification per subscription and change; the change row is locked)."""
    counts = {"mails": 0, "digest": 0}
    with transaction.atomic():
        change = ChangeNote.objects.select_for_update().filter(pk=change_id).first()
        if change is None:
            return counts
        page = change.page
        if not is_public(page):
            # Private or unpublished now: never announced (the note stays in the page's own history).
            ChangeNote.objects.filter(pk=change.pk).update(notified_at=timezone.now())
            return counts
        told = set(Notification.objects.filter(change=change).values_list("subscription_id", flat=True))
        by_address: OrderedDict[str, list[Subscription]] = OrderedDict()
        for subscription in matching_subscriptions(page).select_related("page"):
            by_address.setdefault(subscription.email.lower(), []).append(subscription)
        # An address already told through one of its subscriptions is not told again through another.
        pending = {
            address: subscriptions
            for address, subscriptions in by_address.items()
            if not any(subscription.pk in told for subscription in subscriptions)
        }
        now = timezone.now()
        batch: list[Notification] = []
        for subscriptions in pending.values():
            subscriptions.sort(key=lambda item: _specificity(item, page.pk))
            primary = subscriptions[0]
            message = None
            if primary.frequency == Subscription.Frequency.IMMEDIATE:
                message = mails.change(primary, change, page)
                counts["mails"] += 1
            else:
                counts["digest"] += 1
            batch.extend(
                Notification(
                    subscription=subscription,
                    change=change,
                    message=message,
                    sent_at=now if message else None,
                )
                for subscription in subscriptions
            )
            if len(batch) >= FANOUT_CHUNK:
                Notification.objects.bulk_create(batch)
                batch = []
        Notification.objects.bulk_create(batch)
        ChangeNote.objects.filter(pk=change.pk).update(notified_at=now)
    return counts


def fan_out_pending() -> int:
    """The worker's catch-up: changes whose fan-out did not complete (e.g. the process stopped)."""
    done = 0
    for change_id in ChangeNote.objects.filter(notified_at__isnull=True).values_list("pk", flat=True):
        fan_out(change_id)
        done += 1
    return done


# -- daily digests ----------------------------------------------------------------------


def digest_hour() -> int:
    return int(getattr(settings, "SUBSCRIPTIONS_DIGEST_HOUR", 7))


def send_digests(now: datetime.datetime | None = None, *, force: bool = False) -> int:
    """One e-mail per address with the day's changes, sent from `SUBSCRIPTIONS_DIGEST_HOUR` (local time, 7)
    and at most once a day per address; `force` ignores the hour (the management command's --now).
    Returns the number of digests queued."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    todays_slot = local.replace(hour=digest_hour(), minute=0, second=0, microsecond=0)
    if not force and local < todays_slot:
        return 0
    pending = (
        Notification.objects.filter(sent_at__isnull=True, subscription__confirmed_at__isnull=False)
        .select_related("subscription__page", "change__page")
        .order_by("change__published_at", "pk")
    )
    by_address: OrderedDict[str, list[Notification]] = OrderedDict()
    for notification in pending:
        by_address.setdefault(notification.subscription.email.lower(), []).append(notification)
    sent = 0
    for notifications in by_address.values():
        subscriptions = {item.subscription.pk: item.subscription for item in notifications}
        last = max((s.last_digest_at for s in subscriptions.values() if s.last_digest_at), default=None)
        if not force and last is not None and last >= todays_slot:
            continue
        with transaction.atomic():
            changes = OrderedDict()
            for item in notifications:
                if is_public(item.change.page):
                    changes.setdefault(item.change.pk, (item.change, item.subscription))
            message = mails.digest(list(subscriptions.values()), list(changes.values())) if changes else None
            Notification.objects.filter(pk__in=[item.pk for item in notifications]).update(sent_at=now, message=message)
            Subscription.objects.filter(pk__in=list(subscriptions)).update(last_digest_at=now)
        sent += bool(message)
    return sent


def worker_step() -> None:
    fan_out_pending()
    send_digests()


# -- personal data ------------------------------------------------------------------------


def purge_personal_data(now: datetime.datetime | None = None) -> dict[str, int]:
    """Unconfirmed subscriptions are deleted once their link has expired (`SUBSCRIPTIONS_CONFIRM_DAYS`, 7).
    Unsubscribing deletes at once, so there is nothing else to keep."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=confirm_days())
    deleted = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[1]
    return {"unconfirmed": deleted.get("subscriptions.Subscription", 0)}
