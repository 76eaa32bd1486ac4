"""Registrations: locking, seat counting, registering (events and series), state changes and promotion."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import mails
from campaigns.models import (
    EventPage,
    EventSeries,
    Registrant,
    Registration,
)
from campaigns.models.choices import RegistrationMode
from campaigns.models.choices import RegistrationState as S
from campaigns.services.registration_data import RegistrationData
from campaigns.services.retention import anonymise_registrations

TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.CONFIRMED, S.WAITLISTED, S.DECLINED, S.CANCELLED},
    S.WAITLISTED: {S.CONFIRMED, S.DECLINED, S.CANCELLED},
    S.CONFIRMED: {S.WAITLISTED, S.DECLINED, S.CANCELLED},
    S.DECLINED: {S.CONFIRMED, S.WAITLISTED},
    S.CANCELLED: set(),
}


class RegistrationError(Exception):
    """A rule said no; the message is for the person (already translated)."""


class DuplicateRegistration(RegistrationError):
    pass


class RegistrationClosed(RegistrationError):
    pass


class NoSeatsLeft(RegistrationError):
    pass


class InvalidTransition(RegistrationError):
    pass


class TooManyAttempts(RegistrationError):
    """Too many registrations for one address and event today; answered like a success, no e-mail sent."""


# -- locking and counting -----------------------------------------------------------------


def _require_transaction(what: str) -> None:
    if not connection.in_atomic_block:
        # Outside a transaction the lock would end with the query and protect nothing.
        raise RuntimeError(f"{what} must run inside transaction.atomic()")


def lock_event(event_id: int) -> EventPage:
    """The event, with its row locked until the surrounding transaction ends."""
    _require_transaction("lock_event")
    if connection.vendor == "sqlite":
        # SQLite has no row locks; writing first takes the database write lock for the whole transaction.
        EventPage.objects.filter(pk=event_id).update(capacity=F("capacity"))
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def lock_series(series_id: int) -> EventSeries:
    """The series, with its row locked until the surrounding transaction ends ("kun ét møde" is checked under it)."""
    _require_transaction("lock_series")
    if connection.vendor == "sqlite":
        EventSeries.objects.filter(pk=series_id).update(max_participants=F("max_participants"))
    return EventSeries.objects.select_for_update().get(pk=series_id)


def seats_taken(event: EventPage) -> int:
    """Seats taken (the caller holds the event lock for a figure it acts on)."""
    return Registration.objects.filter(event=event).seats_taken()


def seats_and_waiting(event: EventPage) -> tuple[int, int]:
    """Seats taken and people on the waiting list, in one query (the caller holds the event lock)."""
    return Registration.objects.filter(event=event).seats_and_waiting()


def seats_by_event(event_ids) -> dict[int, dict[str, int]]:
    """Seats taken and people per state, for many events in one query (admin listings, dashboard)."""
    return Registration.objects.filter(event_id__in=list(event_ids)).seats_by_event()


# -- registration ---------------------------------------------------------------------------


def address_budget_spent(scope: str, key, email: str) -> bool:
    """Count one attempt for an e-mail address (per event or campaign); True once today's budget is spent.

    Every registration or sign-up attempt sends an e-mail, so this caps the mail anyone can make us send
    to one address (register, cancel or erase, register again …): `CAMPAIGNS_ATTEMPTS_PER_ADDRESS`
    attempts per `CAMPAIGNS_ATTEMPTS_WINDOW_SECONDS` (default 5 per 24 hours). The cache key holds a hash,
    not the address.
    """
    limit = int(getattr(settings, "CAMPAIGNS_ATTEMPTS_PER_ADDRESS", 5))
    window = int(getattr(settings, "CAMPAIGNS_ATTEMPTS_WINDOW_SECONDS", 24 * 3600))
    if limit <= 0:
        return False
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{key}:{email.strip().lower()}".encode()).hexdigest()
    cache_key = f"campaigns:attempts:{digest}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        count = 1
    return count > limit


def register(event_id: int, data: RegistrationData) -> Registration:
    """Save a registration and settle it: first come → confirmed or waiting list; application → received.

    Raises RegistrationError (with a message for the person) and then nothing is saved. A second
    registration for an address that already has an active one raises DuplicateRegistration after
    e-mailing that address its own link (the page answers the same as for a new registration, so it
    does not reveal who takes part); TooManyAttempts when the address has had too many attempts today.
    """
    duplicate = None
    with transaction.atomic():
        event = lock_event(event_id)
        if event.series_id:
            raise RegistrationClosed(_("Dette møde er en del af en serie. Ansøg gennem seriens side."))
        status = event.registration_status()
        if status == "not_open":
            raise RegistrationClosed(_("Tilmeldingen er ikke åbnet endnu."))
        if status != "open":
            raise RegistrationClosed(_("Tilmeldingen er lukket."))
        if not data.email.strip():
            raise RegistrationError(_("Skriv din e-mailadresse."))
        if data.companions > event.max_companions:
            raise RegistrationError(_("Du kan højst tage %(n)s ledsagere med.") % {"n": event.max_companions})
        email = data.email.strip()
        if address_budget_spent("register", event.pk, email):
            raise TooManyAttempts()
        registration = Registration(event=event, consent_text=event.consent(), **data.model_fields())
        try:
            # The partial unique index on (event, lower(email)) refuses a second active registration.
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            duplicate = (
                Registration.objects.filter(event=event, email__iexact=email, anonymised_at__isnull=True)
                .exclude(state=S.CANCELLED)
                .first()
            )
            if duplicate is not None:
                duplicate.event = event
                mails.already_registered(duplicate, language=data.language)
        else:
            if event.mode != RegistrationMode.FIRST_COME:
                mails.receipt(registration)  # an application waits for a decision: say we have it
            else:  # first come is settled at once: one e-mail, the seat or the waiting list, no separate receipt
                taken, waiting = seats_and_waiting(event)
                if taken + registration.seats <= event.capacity:
                    _set_state(registration, S.CONFIRMED)
                else:
                    _set_state(registration, S.WAITLISTED, waiting_position=waiting)  # the others, this one excluded
            return registration
    raise DuplicateRegistration()


def _set_state(
    registration: Registration,
    new_state: str,
    *,
    notify: bool = True,
    promoted: bool = False,
    waiting_position: int | None = None,
    copy_registrant: bool = True,
) -> None:
    """Move a registration to a new state (the caller holds the event lock) and queue its e-mail."""
    if new_state not in TRANSITIONS[registration.state]:
        raise InvalidTransition(
            _("En tilmelding kan ikke gå fra “%(old)s” til “%(new)s”.")
            % {"old": S(registration.state).label, "new": S(new_state).label}
        )
    now = timezone.now()
    registration.state = new_state
    if new_state == S.CANCELLED:
        registration.cancelled_at = now
    else:
        registration.decided_at = now
    registration.save(update_fields=["state", "decided_at", "cancelled_at"])
    if notify:
        mails.final(
            registration,
            promoted=promoted,
            waiting_position=waiting_position + 1 if waiting_position is not None else None,
            copy_registrant=copy_registrant,
        )


def _change(registration_id: int, new_state: str, *, notify: bool = True, check_seats: bool = True) -> Registration:
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = lock_event(event_id)
        registration = Registration.objects.get(pk=registration_id)
        registration.event = event
        had_seat = registration.state == S.CONFIRMED
        if (
            new_state == S.CONFIRMED
            and check_seats
            and registration.state != S.CONFIRMED
            and seats_taken(event) + registration.seats > event.capacity
        ):
            raise NoSeatsLeft(_("Der er ikke plads nok. Hæv antallet af pladser, eller afmeld en anden først."))
        _set_state(registration, new_state, notify=notify)
        if had_seat and new_state != S.CONFIRMED:
            # Someone the editor just moved to the waiting list does not get their own seat back.
            promote_waiting(event, exclude=registration.pk)
        return registration


def confirm(registration_id: int, *, notify: bool = True) -> Registration:
    return _change(registration_id, S.CONFIRMED, notify=notify)


def waitlist(registration_id: int, *, notify: bool = True) -> Registration:
    return _change(registration_id, S.WAITLISTED, notify=notify)


def decline(registration_id: int, *, notify: bool = True) -> Registration:
    return _change(registration_id, S.DECLINED, notify=notify)


def cancel(registration_id: int) -> Registration:
    """The person (or an editor) cancels; a freed seat goes to the first on the waiting list."""
    return _change(registration_id, S.CANCELLED)


def cancel_and_forget(registration_id: int) -> None:
    """The person deletes their own registration, whatever its state: personal data removed at once.

    A registration that can still be cancelled (received, waiting, confirmed) is cancelled first, so a
    seat is freed and the waiting list promoted; a declined or cancelled one is only anonymised.
    """
    with transaction.atomic():
        lock_event(Registration.objects.values_list("event_id", flat=True).get(pk=registration_id))
        state = Registration.objects.values_list("state", flat=True).get(pk=registration_id)
        if S.CANCELLED in TRANSITIONS[state]:
            _change(registration_id, S.CANCELLED)
        anonymise_registrations(Registration.objects.filter(pk=registration_id))


def promote_waiting(event: EventPage, exclude: int | None = None) -> list[Registration]:
    """Give free seats to the waiting list in order of registration (the caller holds the event lock).

    Strict order: if the first in line needs more seats than are free (companions), nobody behind
    them jumps the queue.
    """
    if event.registration_mode == RegistrationMode.APPLICATION and not event.selection_confirmed_at:
        return []
    free = event.capacity - seats_taken(event)
    promoted = []
    for registration in (
        Registration.objects.filter(event=event, state=S.WAITLISTED).exclude(pk=exclude).order_by("created_at", "id")
    ):
        if registration.seats > free:
            break
        registration.event = event
        _set_state(registration, S.CONFIRMED, promoted=True)
        free -= registration.seats
        promoted.append(registration)
    return promoted


def resend(registration_id: int) -> None:
    """Queue the e-mail that fits the registration's current state again."""
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if registration.state == S.RECEIVED:
        mails.receipt(registration)
    else:
        mails.final(registration)


def waiting_position(registration: Registration) -> int | None:
    return registration.waiting_position()


# -- series: one application, meetings in order of preference, one place per person -------------


@dataclass
class SeriesApplication:
    """An application to a series: who sends it, who takes part (themselves and/or others), which meetings."""

    registrant_name: str
    registrant_email: str
    participants: list[RegistrationData]
    preferences: list[int]
    registrant_phone: str = ""
    guardian: bool = False  # the registrant is parent or guardian of the participants under 18
    language: str = "da"


def _active_emails_in_series(series: EventSeries, emails: list[str]) -> list[str]:
    return list(
        Registration.objects.filter(series=series)
        .active()
        .annotate(lower_email=Lower("email"))
        .filter(lower_email__in=emails)
        .values_list("lower_email", flat=True)
    )


def _tell_already_in_series(series: EventSeries, email: str, language: str) -> None:
    """E-mail an address that already holds a place in the series (the page answers as for a new application)."""
    existing = (
        Registration.objects.filter(series=series, email__iexact=email)
        .active()
        .select_related("event", "series", "registrant")
        .first()
    )
    if existing is not None:
        mails.already_in_series(existing, language=language)


def register_series(series_id: int, application: SeriesApplication) -> list[Registration]:
    """Save an application to a series: one registration per participant, with the meetings in order of preference.

    "Kun ét møde": under the series lock, nobody (by e-mail, case-insensitive) may already hold an
    active registration in the series; a partial unique index guarantees it even so. A participant whose
    address already has one is not saved again: that address gets an e-mail saying so (with its own
    link), and the page answers as for any application, so it never reveals who takes part. The
    others in the same application are saved. First come: each participant gets the first preferred
    meeting with a free seat, else the waiting list of their first choice. Application: everyone stays
    `received` until the selection after the deadline. Returns the saved registrations (possibly none).
    TooManyAttempts when the sender's address has had too many attempts today (answered like a success).
    Raises RegistrationError (with a message for the person) and then nothing is saved.
    """
    registrant_email = application.registrant_email.strip()
    with transaction.atomic():
        series = lock_series(series_id)
        status = series.registration_status()
        if status == "not_open":
            raise RegistrationClosed(_("Tilmeldingen er ikke åbnet endnu."))
        if status != "open":
            raise RegistrationClosed(_("Tilmeldingen er lukket."))
        now = timezone.now()
        meetings = {m.pk: m for m in series.meetings() if m.capacity > 0 and m.start > now}
        preferences = list(dict.fromkeys(application.preferences))
        if not preferences or any(pk not in meetings for pk in preferences):
            raise RegistrationError(_("Vælg mindst ét af seriens møder."))
        participants = application.participants
        if not participants:
            raise RegistrationError(_("Meld mindst én deltager på."))
        if len(participants) > series.max_participants:
            raise RegistrationError(
                _("Du kan højst melde %(n)s deltagere på ad gangen.") % {"n": series.max_participants}
            )
        emails = [p.email.strip().lower() for p in participants if p.email.strip()]
        if len(emails) != len(set(emails)):
            raise DuplicateRegistration(
                _(
                    "Den samme e-mailadresse står ved flere deltagere. Hver deltager skal have sin egen adresse eller ingen."
                )
            )
        for participant in participants:
            if participant.under_18 and (
                not application.guardian or participant.email.strip().lower() == registrant_email.lower()
            ):
                raise RegistrationError(_("Unge under 18 år skal meldes på af en forælder eller værge."))
        if address_budget_spent("register-series", series.pk, registrant_email):
            raise TooManyAttempts()
        taken = set(_active_emails_in_series(series, emails))
        for email in sorted(taken):
            _tell_already_in_series(series, email, application.language)
        participants = [p for p in participants if p.email.strip().lower() not in taken]
        if not participants:
            return []
        emails = [p.email.strip().lower() for p in participants if p.email.strip()]
        registrant = None
        if len(participants) > 1 or emails != [registrant_email.lower()]:
            registrant = Registrant.objects.create(
                name=application.registrant_name.strip(),
                email=registrant_email,
                phone=application.registrant_phone.strip(),
                language=application.language,
                consent_text=series.consent(),
            )
        registrations = []
        for participant in participants:
            values = participant.model_fields() | {"language": application.language, "companions": 0}
            registration = Registration(
                event=meetings[preferences[0]],
                series=series,
                preferences=preferences,
                registrant=registrant,
                consent_text=series.consent(),
                **values,
            )
            try:
                with transaction.atomic():
                    registration.save()
            except IntegrityError:
                # Someone saved the same address at this moment (past the check): theirs stands.
                _tell_already_in_series(series, registration.email, application.language)
                continue
            registrations.append(registration)
        if not registrations:
            if registrant:
                registrant.delete()
            return []
        if series.mode != RegistrationMode.FIRST_COME:  # first come is settled at once: one e-mail, no receipt
            for registration in registrations:
                mails.receipt(registration)
            if registrant:
                mails.group_receipt(registrant, registrations, series)
        else:
            locked = {pk: lock_event(pk) for pk in sorted(preferences)}  # always in the same order: no deadlocks
            for registration in registrations:
                _place_first_come(registration, [locked[pk] for pk in preferences])
            if registrant:
                mails.group_final(registrant, registrations, series)
        return registrations


def _place_first_come(registration: Registration, meetings: list[EventPage]) -> None:
    """The first preferred meeting with a free seat, else the waiting list of the first choice (events locked)."""
    for meeting in meetings:
        if seats_taken(meeting) + registration.seats <= meeting.capacity:
            if registration.event_id != meeting.pk:
                registration.event = meeting
                registration.save(update_fields=["event"])
            registration.event = meeting
            _set_state(registration, S.CONFIRMED, copy_registrant=False)
            return
    registration.event = meetings[0]
    _, waiting = seats_and_waiting(meetings[0])
    _set_state(registration, S.WAITLISTED, waiting_position=waiting, copy_registrant=False)
