"""The subscription e-mails, in the subscriber's language, queued in the outbox.

Every mail about a guide carries the one-click unsubscribe link in the text and as the List-Unsubscribe
header (with List-Unsubscribe-Post, RFC 8058, so mail programs can unsubscribe without opening a page).
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

import outbox
from home.site_url import base_url
from subscriptions.tokens import confirm_days, confirm_token, unsubscribe_token


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else base_url() + path


def unsubscribe_url(subscription) -> str:
    with translation.override(subscription.language):
        return absolute(reverse("subscriptions:unsubscribe", args=[unsubscribe_token(subscription)]))


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers for the link that is also in the text (one signed token: it carries its signing time)."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def page_url(subscription) -> str:
    page = subscription.page.specific
    url = page.get_full_url() or ""
    if subscription.topic:
        url += f"?emne={quote(subscription.topic)}"
    return absolute(url)


def _context(subscription, **extra) -> dict:
    from subscriptions.services import describe  # services imports this module: a genuine circle

    return {
        "subscription": subscription,
        "following": describe(subscription),
        "page_url": page_url(subscription),
        "unsubscribe_url": unsubscribe_url(subscription),
        "site_name": settings.WAGTAIL_SITE_NAME,
        **extra,
    }


def confirmation(subscription):
    with translation.override(subscription.language):
        link = absolute(reverse("subscriptions:confirm", args=[confirm_token(subscription)]))
        context = _context(subscription, confirm_url=link, confirm_days=confirm_days())
        return outbox.send(
            subscription.email,
            _("Bekræft, at du vil følge: %(title)s") % {"title": context["following"]},
            render_to_string("subscriptions/email/confirm.txt", context),
            topic="follow_confirm",
        )


def already_following(subscription):
    with translation.override(subscription.language):
        context = _context(subscription)
        return outbox.send(
            subscription.email,
            _("Du følger allerede: %(title)s") % {"title": context["following"]},
            render_to_string("subscriptions/email/already.txt", context),
            topic="follow_confirm",
            headers=unsubscribe_headers(context["unsubscribe_url"]),
        )


def change(subscription, change_note, page):
    with translation.override(subscription.language):
        context = _context(
            subscription,
            change=change_note,
            guide=page,
            guide_url=absolute(page.get_full_url() or ""),
        )
        return outbox.send(
            subscription.email,
            _("Vejledningen er ændret: %(title)s") % {"title": page.title},
            render_to_string("subscriptions/email/change.txt", context),
            topic="follow_change",
            headers=unsubscribe_headers(context["unsubscribe_url"]),
        )


def digest(subscriptions, changes):
    """One mail with several changes; `changes` is a list of (change note, the subscription it came through)."""
    first = subscriptions[0]
    with translation.override(first.language):
        items = [
            {
                "change": change_note,
                "guide": change_note.page,
                "guide_url": absolute(change_note.page.get_full_url() or ""),
            }
            for change_note, _subscription in changes
        ]
        context = _context(
            first,
            items=items,
            subscriptions=[
                {"following": _context(item)["following"], "unsubscribe_url": unsubscribe_url(item)}
                for item in subscriptions
            ],
        )
        subject = (
            _("Vejledningen er ændret: %(title)s") % {"title": items[0]["guide"].title}
            if len(items) == 1
            else _("%(count)s vejledninger er ændret") % {"count": len(items)}
        )
        return outbox.send(
            first.email,
            subject,
            render_to_string("subscriptions/email/digest.txt", context),
            topic="follow_digest",
            headers=unsubscribe_headers(context["unsubscribe_url"]),
        )
