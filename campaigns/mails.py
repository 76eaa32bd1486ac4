"""The e-mails registrations and sign-ups send, rendered in the person's language and queued in the outbox.

A participant with their own e-mail gets their own messages. Someone who registered others (a
Registrant) gets one message for all of them at each step ("du / de du har meldt på"): the receipt,
the final answer, and a copy of every later change for the participant concerned.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

import outbox
from campaigns.ical import calendar
from campaigns.models.choices import RegistrationMode, RegistrationState
from campaigns.tokens import registration_token, signature_token
from home.site_url import base_url


def absolute(path: str) -> str:
    return base_url() + path


def manage_url(registration) -> str:
    with translation.override(registration.language):
        return absolute(reverse("campaigns:registration", args=[registration_token(registration)]))


def _address_line(event) -> str:
    return ", ".join(line.strip() for line in event.address.splitlines() if line.strip())


def _event_context(registration, waiting_position=None) -> dict:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "series": registration.series,
        "preferred": registration.preferred_meetings() if registration.series_id else [],
        "event_url": absolute(event.get_url() or ""),
        "address_line": _address_line(event),
        "manage_url": manage_url(registration),
        "waiting_position": waiting_position or registration.waiting_position(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def _send(to, template: str, subject: str, context: dict, *, attachments=None, topic="", reply_to=None):
    body = render_to_string(f"campaigns/email/{template}.txt", context)
    return outbox.send(to, subject, body, attachments=attachments, topic=topic, reply_to=reply_to)


def _own_address(registration) -> str:
    """The participant's own e-mail, unless it is the registrant's (who already hears about them)."""
    email = (registration.email or "").strip()
    registrant = registration.registrant if registration.registrant_id else None
    if not email or (registrant and email.lower() == registrant.email.strip().lower()):
        return ""
    return email


def _ics(events) -> tuple[str, str, str]:
    events = list(events)
    name = f"{events[0].slug}.ics" if len(events) == 1 else "moeder.ics"
    return (name, calendar(events, online_urls={e.pk: e.online_url for e in events}), "text/calendar")


def receipt(registration) -> None:
    """Step one: we have your registration (first come) or your application (application mode)."""
    to = _own_address(registration)
    if not to:
        return
    with translation.override(registration.language):
        event = registration.event
        title = registration.series.title if registration.series_id else event.title
        if event.registration_mode == RegistrationMode.APPLICATION:
            subject = _("Vi har modtaget din ansøgning: %(title)s") % {"title": title}
        else:
            subject = _("Vi har modtaget din tilmelding: %(title)s") % {"title": title}
        _send(to, "receipt", subject, _event_context(registration), topic="receipt")


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


def final(
    registration, *, promoted: bool = False, waiting_position: int | None = None, copy_registrant: bool = True
) -> None:
    """Step two: a seat (with the event as .ics), the waiting list, a polite no, or a cancellation.

    With copy_registrant the person who registered the participant gets the news too (in their own
    words: "den du har meldt på"); a selection sends them one message for everyone instead.
    """
    state = registration.state
    if state not in (
        RegistrationState.CONFIRMED,
        RegistrationState.WAITLISTED,
        RegistrationState.DECLINED,
        RegistrationState.CANCELLED,
    ):
        return
    to = _own_address(registration)
    if to:
        with translation.override(registration.language):
            event = registration.event
            context = _event_context(registration, waiting_position) | {"promoted": promoted}
            attachments = None
            if state == RegistrationState.CONFIRMED:
                subject = (
                    _("Der er blevet en plads til dig: %(title)s") if promoted else _("Du har fået en plads: %(title)s")
                ) % {"title": event.title}
                attachments = [_ics([event])]
            elif state == RegistrationState.WAITLISTED:
                subject = _("Du er på ventelisten: %(title)s") % {"title": event.title}
            elif state == RegistrationState.DECLINED:
                subject = _("Desværre ingen plads: %(title)s") % {"title": event.title}
            else:
                subject = _("Din afmelding er registreret: %(title)s") % {"title": event.title}
            _send(to, state, subject, context, attachments=attachments, topic=state)
    if copy_registrant and registration.registrant_id:
        group_final(registration.registrant, [registration], registration.series, promoted=promoted)


def _participant_items(registrations) -> list[dict]:
    items = []
    for registration in registrations:
        event = registration.event
        items.append(
            {
                "registration": registration,
                "event": event,
                "address_line": _address_line(event),
                "event_url": absolute(event.get_url() or ""),
                "manage_url": manage_url(registration),
                "waiting_position": registration.waiting_position(),
                "preferred": registration.preferred_meetings(),
            }
        )
    return items


def group_receipt(registrant, registrations, series) -> None:
    """Step one for the person who registered others: one receipt listing everyone."""
    with translation.override(registrant.language):
        if series.mode == RegistrationMode.APPLICATION:
            subject = _("Vi har modtaget jeres ansøgning: %(title)s") % {"title": series.title}
        else:
            subject = _("Vi har modtaget jeres tilmelding: %(title)s") % {"title": series.title}
        context = {
            "registrant": registrant,
            "series": series,
            "items": _participant_items(registrations),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        _send(registrant.email, "group_receipt", subject, context, topic="receipt")


def group_final(registrant, registrations, series, *, promoted: bool = False) -> None:
    """Step two for the person who registered others: each participant's answer, with programme and .ics."""
    registrations = list(registrations)
    with translation.override(registrant.language):
        title = series.title if series else registrations[0].event.title
        if len(registrations) == 1:
            subject = _("Nyt om %(name)s: %(title)s") % {"name": registrations[0].name, "title": title}
        else:
            subject = _("Svar på jeres ansøgning: %(title)s") % {"title": title}
        seated = {}
        for registration in registrations:
            if registration.state == RegistrationState.CONFIRMED:
                seated[registration.event_id] = registration.event
        context = {
            "registrant": registrant,
            "series": series,
            "items": _participant_items(registrations),
            "promoted": promoted,
            "has_seat": bool(seated),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        attachments = [_ics(seated.values())] if seated else None
        _send(registrant.email, "group_final", subject, context, attachments=attachments, topic="final")


def already_in_series(registration, *, language: str) -> None:
    """Someone applied again with an address that already has a place or an application in the series."""
    to = (registration.email or "").strip()
    if not to:
        return
    with translation.override(language):
        subject = _("Du er allerede med: %(title)s") % {"title": registration.series.title}
        _send(to, "already_in_series", subject, _event_context(registration), topic="already")


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
