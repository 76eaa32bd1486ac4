"""Which guides are due for a professional review, and the reminder digests sent to their owners."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from knowledge.models import GuidePage, ReviewFlag

#: a guide shows up on the dashboard this many days before it is due
DUE_SOON_DAYS = 30


@dataclass
class DueGuide:
    page: object
    due: datetime.date
    overdue: bool
    flags: list


def guides_due(today: datetime.date | None = None, within_days: int = DUE_SOON_DAYS) -> list[DueGuide]:
    """Guides that are overdue, due within `within_days`, or flagged because a law they cite changed."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    open_flags = defaultdict(list)
    for flag in ReviewFlag.objects.filter(resolved_at__isnull=True).select_related("provision"):
        open_flags[flag.page_id].append(flag)
    result = []
    guides = GuidePage.objects.not_in_trash() if hasattr(GuidePage.objects, "not_in_trash") else GuidePage.objects.all()
    for guide in guides.defer_streamfields().select_related("review_owner", "locale").order_by("title"):
        due = guide.next_review_due()
        flags = open_flags.get(guide.pk, [])
        if flags or (due and due <= horizon):
            result.append(
                DueGuide(page=guide, due=due or today, overdue=bool(flags) or bool(due and due < today), flags=flags)
            )
    result.sort(key=lambda item: (not item.overdue, item.due, item.page.title))
    return result


def send_review_reminders(today: datetime.date | None = None, dry_run: bool = False) -> dict[str, int]:
    """E-mail each owner one digest of their guides due for review; unowned guides go to ORGANISATION_EMAIL.

    Returns {recipient address: number of guides}.
    """
    today = today or timezone.localdate()
    by_recipient: dict[str, list[DueGuide]] = defaultdict(list)
    names: dict[str, str] = {}
    for item in guides_due(today):
        owner = item.page.review_owner
        address = (owner.email if owner and owner.is_active and owner.email else "") or settings.ORGANISATION_EMAIL
        by_recipient[address].append(item)
        names[address] = (owner.get_full_name() or owner.get_username()) if owner and owner.email == address else ""
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = {}
    with translation.override("da"):
        for address, items in sorted(by_recipient.items()):
            context = {"items": items, "name": names[address], "today": today, "base_url": base_url}
            subject = (
                _("%(count)s vejledninger skal gennemgås") % {"count": len(items)}
                if len(items) != 1
                else _("1 vejledning skal gennemgås")
            )
            body = render_to_string("knowledge/emails/review_reminder.txt", context)
            if not dry_run:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
            sent[address] = len(items)
    return sent


def resolve_flags_on_publish(page) -> int:
    """Close the open review flags of a page once it is published as reviewed after the flag was raised.

    A guide counts as reviewed when its "last reviewed" date is on or after the day the flag was raised;
    other pages (without that field) count as reviewed by being published again.
    """
    flags = ReviewFlag.objects.filter(page_id=page.pk, resolved_at__isnull=True)
    last_reviewed = getattr(page, "last_reviewed", None)
    resolved = 0
    for flag in flags:
        if last_reviewed is None and hasattr(page, "last_reviewed"):
            continue
        if last_reviewed is not None and last_reviewed < timezone.localdate(flag.created_at):
            continue
        flag.resolved_at = timezone.now()
        flag.resolved_by = (
            getattr(page.latest_revision, "user", None) if getattr(page, "latest_revision", None) else None
        )
        flag.save(update_fields=["resolved_at", "resolved_by"])
        resolved += 1
    return resolved
