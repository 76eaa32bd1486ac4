"""The e-mails registrations and sign-ups send, rendered in the person's language and queued in the outbox."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

import outbox
from campaigns.tokens import registration_token, signature_token


def base_url() -> str:
    return getattr(settings, "PUBLIC_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute(path: str) -> str:
    return base_url() + path


def manage_url(registration) -> str:
    with translation.override(registration.language):
        return absolute(reverse("campaigns:registration", args=[registration_token(registration)]))


def _event_context(registration, waiting_position=None) -> dict:
    from campaigns.services import waiting_position as position_of

    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "event_url": absolute(event.get_url() or ""),
        "address_line": ", ".join(line.strip() for line in event.address.splitlines() if line.strip()),
        "manage_url": manage_url(registration),
        "waiting_position": waiting_position or position_of(registration),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def _send(to, template: str, subject: str, context: dict, *, attachments=None, topic="", reply_to=None):
    body = render_to_string(f"campaigns/email/{template}.txt", context)
    return outbox.send(to, subject, body, attachments=attachments, topic=topic, reply_to=reply_to)


def receipt(registration) -> None:
    """Step one: we have your registration (first come) or your application (application mode)."""
    with translation.override(registration.language):
        event = registration.event
        if event.mode == "application":
            subject = _("Vi har modtaget din ansøgning: %(title)s") % {"title": event.title}
        else:
            subject = _("Vi har modtaget din tilmelding: %(title)s") % {"title": event.title}
        _send(registration.email, "receipt", subject, _event_context(registration), topic="receipt")


def already_registered(registration, *, language: str) -> None:
    """Someone registered again with an address that already has a registration: tell that address only."""
    with translation.override(language):
        subject = _("Du er allerede tilmeldt: %(title)s") % {"title": registration.event.title}
        _send(
            registration.email,
            "already_registered",
            subject,
            _event_context(registration),
            topic="already_registered",
        )


def final(registration, *, promoted: bool = False, waiting_position: int | None = None) -> None:
    """Step two: a seat (with the event as .ics), the waiting list, a polite no, or a cancellation."""
    from campaigns.ical import calendar

    with translation.override(registration.language):
        event = registration.event
        context = _event_context(registration, waiting_position) | {"promoted": promoted}
        state = registration.state
        attachments = None
        if state == "confirmed":
            subject = (
                _("Der er blevet en plads til dig: %(title)s") if promoted else _("Du har fået en plads: %(title)s")
            ) % {"title": event.title}
            attachments = [
                (f"{event.slug}.ics", calendar([event], online_urls={event.pk: event.online_url}), "text/calendar")
            ]
        elif state == "waitlisted":
            subject = _("Du er på ventelisten: %(title)s") % {"title": event.title}
        elif state == "declined":
            subject = _("Desværre ingen plads: %(title)s") % {"title": event.title}
        elif state == "cancelled":
            subject = _("Din afmelding er registreret: %(title)s") % {"title": event.title}
        else:
            return
        _send(registration.email, state, subject, context, attachments=attachments, topic=state)


def signature_confirmation(signature, language: str) -> None:
    with translation.override(language):
        campaign = signature.campaign
        link = absolute(reverse("campaigns:confirm_signature", args=[signature_token(signature)]))
        _send(
            signature.email,
            "signature_confirm",
            _("Bekræft din underskrift: %(title)s") % {"title": campaign.title},
            {
                "signature": signature,
                "campaign": campaign,
                "confirm_url": link,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
            topic="signature",
        )


def signature_already_confirmed(signature, language: str) -> None:
    """Someone signed again with an address that has already confirmed: tell that address only."""
    with translation.override(language):
        campaign = signature.campaign
        _send(
            signature.email,
            "signature_already_confirmed",
            _("Du har allerede skrevet under: %(title)s") % {"title": campaign.title},
            {
                "signature": signature,
                "campaign": campaign,
                "campaign_url": absolute(campaign.get_url() or ""),
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
            topic="signature",
        )


def form_notification(instance, kind: str) -> None:
    """Tell the organisation about a membership application or counselling request, and the person that it arrived."""
    with translation.override("da"):
        subject = {
            "membership": _("Ny medlemsansøgning: %(name)s"),
            "counselling": _("Ny henvendelse om rådgivning: %(name)s"),
        }[kind] % {"name": instance.name}
        _send(
            settings.ORGANISATION_EMAIL,
            f"{kind}_notification",
            subject,
            {"item": instance},
            topic=kind,
            reply_to=instance.email,
        )
    with translation.override(instance.language):
        subject = {
            "membership": _("Tak for din medlemsansøgning"),
            "counselling": _("Vi har modtaget din henvendelse"),
        }[kind]
        _send(
            instance.email,
            f"{kind}_receipt",
            subject,
            {"item": instance, "site_name": settings.WAGTAIL_SITE_NAME},
            topic=kind,
        )
