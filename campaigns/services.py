"""The only place where registrations and sign-ups change state and where seats are counted.

Every state change of a registration runs inside one transaction that first locks the event row
(`SELECT … FOR UPDATE` on PostgreSQL; on SQLite the transaction takes the database write lock at once
by touching the row). Counting the seats and saving the new state therefore happen as one step: two
people can never both get the last seat. E-mails are queued in the outbox inside the same
transaction, so a committed state always has its e-mail, even when the mail server is down.

States: received → confirmed | waitlisted | declined | cancelled (see TRANSITIONS).
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, fields

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

import outbox
from campaigns import mails
from campaigns.models import (
    CampaignPage,
    CounsellingRequest,
    EventPage,
    EventSeries,
    MembershipApplication,
    Registrant,
    Registration,
    Signature,
)
from campaigns.models.choices import RegistrationMode
from campaigns.models.choices import RegistrationState as S
from campaigns.retention import form_retention_days, registration_retention_days, signature_retention_days
from campaigns.tokens import SIGNATURE_LINK_MAX_AGE, LinkExpired, signature_pk_from_token

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


@dataclass
class RegistrationData:
    """One participant's answers: the single declaration of the registration fields.

    The public forms produce it (`from_cleaned_data`), `register()` and `register_series()` save it, and
    `anonymise_registrations` clears the personal ones (PERSONAL_FIELDS).
    """

    name: str
    email: str = ""
    phone: str = ""
    role: str = ""
    organisation: str = ""
    region: str = ""
    under_18: bool = False
    dietary: str = ""
    accessibility_needs: str = ""
    companions: int = 0
    language: str = "da"

    @classmethod
    def from_cleaned_data(cls, data: dict, **extra) -> RegistrationData:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known and value is not None}
        return cls(**(values | extra))

    def model_fields(self) -> dict:
        values = asdict(self)
        for key in ("name", "email", "phone", "organisation", "dietary", "accessibility_needs"):
            values[key] = (values[key] or "").strip()
        return values


# What anonymising clears; role, region, companions and states stay for the figures.
PERSONAL_FIELDS = ("name", "email", "phone", "organisation", "dietary", "accessibility_needs")


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
            mails.receipt(registration)
            if event.mode == RegistrationMode.FIRST_COME:
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


# -- selection for breadth ----------------------------------------------------------------

DIMENSIONS = ("region", "role", "organisation")


def _key(value: str) -> str:
    return " ".join((value or "").lower().split())


@dataclass
class Proposal:
    """A proposed allocation: registration id → state, with balance figures per dimension."""

    decisions: dict[int, str]
    applicants: list[Registration]
    balance: dict[str, list[dict]] = field(default_factory=dict)
    seats_used: int = 0
    distinct_selected: dict[str, int] = field(default_factory=dict)
    distinct_first_come: dict[str, int] = field(default_factory=dict)


def propose_selection(event: EventPage) -> Proposal:
    """Allocate seats for breadth: a round-robin over region, role and organisation.

    Rule (deterministic, documented in docs/campaigns.md): applicants are taken in order of
    submission. At each step the next seat goes to the applicant whose region, role and organisation
    are least represented among those already selected (the sum of the three counts; ties: fewer from
    the same region, then earliest submission). So the first round gives one seat to each region, role
    and organisation before anyone gets a second, and so on. An applicant whose party (with
    companions) does not fit the seats left is passed over. Everyone not selected goes on the waiting
    list in order of submission.
    """
    applicants = list(Registration.objects.filter(event=event, state=S.RECEIVED).order_by("created_at", "id"))
    free = event.capacity - seats_taken(event)
    counts = {dim: Counter() for dim in DIMENSIONS}
    remaining = list(enumerate(applicants))
    selected_ids: set[int] = set()
    while remaining and free > 0:
        best = None
        for index, reg in remaining:
            if reg.seats > free:
                continue
            values = [_key(getattr(reg, dim)) for dim in DIMENSIONS]
            score = (
                sum(counts[d][v] for d, v in zip(DIMENSIONS, values, strict=False)),
                counts["region"][values[0]],
                index,
            )
            if best is None or score < best[0]:
                best = (score, index, reg, values)
        if best is None:
            break
        _score, index, reg, values = best
        selected_ids.add(reg.pk)
        free -= reg.seats
        for dim, value in zip(DIMENSIONS, values, strict=False):
            counts[dim][value] += 1
        remaining = [(i, r) for i, r in remaining if i != index]
    decisions = {reg.pk: (S.CONFIRMED if reg.pk in selected_ids else S.WAITLISTED) for reg in applicants}
    return describe(event, applicants, decisions)


def describe(event: EventPage, applicants: list[Registration], decisions: dict[int, str]) -> Proposal:
    """Balance figures of an allocation: per dimension, how many applied and how many got a seat."""
    proposal = Proposal(decisions=decisions, applicants=applicants)
    selected = [r for r in applicants if decisions.get(r.pk) == S.CONFIRMED]
    proposal.seats_used = sum(r.seats for r in selected)
    # What plain first come would have given, for comparison.
    first_come, free = [], event.capacity - seats_taken(event)
    for reg in applicants:
        if reg.seats <= free:
            first_come.append(reg)
            free -= reg.seats
    for dim in DIMENSIONS:
        applied = Counter(_key(getattr(r, dim)) for r in applicants)
        chosen = Counter(_key(getattr(r, dim)) for r in selected)
        labels = {}
        for r in applicants:
            labels.setdefault(_key(getattr(r, dim)), _label(r, dim))
        proposal.balance[dim] = [
            {"value": labels[key] or "–", "applied": applied[key], "selected": chosen[key]}
            for key in sorted(applied, key=lambda k: (-applied[k], k))
        ]
        proposal.distinct_selected[dim] = len([k for k in chosen if chosen[k]])
        proposal.distinct_first_come[dim] = len({_key(getattr(r, dim)) for r in first_come})
    return proposal


def apply_selection(event_id: int, decisions: dict[int, str]) -> dict[str, int]:
    """Settle every application at once (after the editor has adjusted the proposal) and send final e-mails."""
    allowed = {S.CONFIRMED, S.WAITLISTED, S.DECLINED}
    with transaction.atomic():
        event = lock_event(event_id)
        pending = {r.pk: r for r in Registration.objects.filter(event=event, state=S.RECEIVED)}
        if set(decisions) != set(pending) or not set(decisions.values()) <= allowed:
            raise RegistrationError(_("Udvælgelsen passer ikke længere med ansøgningerne. Indlæs siden igen."))
        needed = sum(pending[pk].seats for pk, state in decisions.items() if state == S.CONFIRMED)
        if seats_taken(event) + needed > event.capacity:
            raise NoSeatsLeft(
                _("Udvælgelsen bruger %(needed)s pladser, men der er kun %(free)s ledige.")
                % {"needed": needed, "free": event.capacity - seats_taken(event)}
            )
        counts = Counter()
        for pk in sorted(pending, key=lambda p: (pending[p].created_at, p)):
            registration = pending[pk]
            registration.event = event
            _set_state(registration, decisions[pk])
            counts[decisions[pk]] += 1
        event.selection_done_at = timezone.now()
        EventPage.objects.filter(pk=event.pk).update(selection_done_at=event.selection_done_at)
        return dict(counts)


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
        for registration in registrations:
            mails.receipt(registration)
        if registrant:
            mails.group_receipt(registrant, registrations, series)
        if series.mode == RegistrationMode.FIRST_COME:
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


@dataclass
class SeriesProposal:
    """A proposed allocation across a series: registration id → meeting id (a seat), "waitlisted" or "declined"."""

    decisions: dict[int, int | str]
    applicants: list[Registration]
    meetings: list[EventPage]
    overall: dict[str, list[dict]] = field(default_factory=dict)
    per_meeting: list[dict] = field(default_factory=list)
    preference_counts: list[dict] = field(default_factory=list)
    unknown_meetings: list[int] = field(default_factory=list)


def _values(registration: Registration) -> list[str]:
    return [_key(getattr(registration, dim)) for dim in DIMENSIONS]


def _series_free_seats(meetings: list[EventPage]) -> dict[int, int]:
    figures = seats_by_event([m.pk for m in meetings])
    return {m.pk: m.capacity - figures.get(m.pk, {}).get(S.CONFIRMED, 0) for m in meetings}


def propose_series_selection(series: EventSeries) -> SeriesProposal:
    """Allocate the series' seats for breadth, honouring preferences where possible (deterministic).

    Rule (documented in docs/campaigns.md): at each step the next applicant is the one whose region,
    role and organisation are least represented so far, counted across the whole series plus at the
    meeting they would get (ties: a better-ranked preference, fewer from the same region, earliest
    submission). They get the first meeting on their list that still has room. Applicants with no
    room left at any meeting they named go on the waiting list of their first choice.
    """
    meetings = [m for m in series.meetings() if m.capacity > 0]
    free = _series_free_seats(meetings)
    applicants = list(
        Registration.objects.filter(series=series, state=S.RECEIVED)
        .select_related("event")
        .order_by("created_at", "id")
    )
    overall = {dim: Counter() for dim in DIMENSIONS}
    at_meeting = {m.pk: {dim: Counter() for dim in DIMENSIONS} for m in meetings}
    decisions: dict[int, int | str] = {}
    remaining = list(enumerate(applicants))
    while remaining:
        best = None
        for index, registration in remaining:
            options = [pk for pk in registration.preferences if free.get(pk, 0) >= registration.seats]
            if not options:
                continue
            meeting_id = options[0]
            values = _values(registration)
            score = (
                sum(overall[d][v] + at_meeting[meeting_id][d][v] for d, v in zip(DIMENSIONS, values, strict=True)),
                registration.preferences.index(meeting_id),
                overall["region"][values[0]],
                index,
            )
            if best is None or score < best[0]:
                best = (score, index, registration, meeting_id, values)
        if best is None:
            break
        _score, index, registration, meeting_id, values = best
        decisions[registration.pk] = meeting_id
        free[meeting_id] -= registration.seats
        for dim, value in zip(DIMENSIONS, values, strict=True):
            overall[dim][value] += 1
            at_meeting[meeting_id][dim][value] += 1
        remaining = [(i, r) for i, r in remaining if i != index]
    for registration in applicants:
        decisions.setdefault(registration.pk, S.WAITLISTED)
    return describe_series(series, applicants, decisions, meetings=meetings)


def _label(registration: Registration, dim: str) -> str:
    if dim == "role":
        return registration.get_role_display()
    if dim == "region":
        return registration.get_region_display()
    return registration.organisation


def _balance(applied: list[Registration], selected: list[Registration]) -> dict[str, list[dict]]:
    result = {}
    for dim in DIMENSIONS:
        applied_counts = Counter(_key(getattr(r, dim)) for r in applied)
        chosen = Counter(_key(getattr(r, dim)) for r in selected)
        labels = {}
        for r in applied:
            labels.setdefault(_key(getattr(r, dim)), _label(r, dim))
        result[dim] = [
            {"value": labels[key] or "–", "applied": applied_counts[key], "selected": chosen[key]}
            for key in sorted(applied_counts, key=lambda k: (-applied_counts[k], k))
        ]
    return result


def describe_series(
    series: EventSeries, applicants: list[Registration], decisions: dict[int, int | str], *, meetings=None
) -> SeriesProposal:
    """Balance figures of an allocation, overall and per meeting, and how many got their 1st, 2nd … choice."""
    meetings = meetings if meetings is not None else [m for m in series.meetings() if m.capacity > 0]
    free = _series_free_seats(meetings)
    proposal = SeriesProposal(decisions=decisions, applicants=applicants, meetings=meetings)
    selected = [r for r in applicants if isinstance(decisions.get(r.pk), int)]
    proposal.overall = _balance(applicants, selected)
    for meeting in meetings:
        here = [r for r in selected if decisions[r.pk] == meeting.pk]
        wanted = [r for r in applicants if meeting.pk in r.preferences]
        proposal.per_meeting.append(
            {
                "meeting": meeting,
                "free": free[meeting.pk],
                "used": sum(r.seats for r in here),
                "over": sum(r.seats for r in here) > free[meeting.pk],
                "balance": _balance(wanted, here),
            }
        )
    ranks = Counter()
    for registration in applicants:
        decision = decisions.get(registration.pk)
        ranks[registration.preference_rank(decision) if isinstance(decision, int) else None] += 1
    proposal.preference_counts = [
        {"rank": rank, "count": ranks[rank]} for rank in sorted((r for r in ranks if r), key=int)
    ]
    if ranks[None]:
        proposal.preference_counts.append({"rank": None, "count": ranks[None]})
    return proposal


def apply_series_selection(series_id: int, decisions: dict[int, int | str]) -> dict[str, int]:
    """Settle every application to the series at once and send the final e-mails ("du / de du har meldt på")."""
    with transaction.atomic():
        series = lock_series(series_id)
        meetings = {m.pk: m for m in series.meetings() if m.capacity > 0}
        for pk in sorted(meetings):
            meetings[pk] = lock_event(pk)
        pending = {
            r.pk: r for r in Registration.objects.filter(series=series, state=S.RECEIVED).select_related("registrant")
        }
        valid = set(meetings) | {S.WAITLISTED, S.DECLINED}
        if set(decisions) != set(pending) or not set(decisions.values()) <= valid:
            raise RegistrationError(_("Udvælgelsen passer ikke længere med ansøgningerne. Indlæs siden igen."))
        free = _series_free_seats(list(meetings.values()))
        needed = Counter()
        for pk, decision in decisions.items():
            if isinstance(decision, int):
                needed[decision] += pending[pk].seats
        for meeting_id, seats in needed.items():
            if seats > free[meeting_id]:
                raise NoSeatsLeft(
                    _("%(title)s: udvælgelsen bruger %(needed)s pladser, men der er kun %(free)s ledige.")
                    % {"title": meetings[meeting_id].title, "needed": seats, "free": free[meeting_id]}
                )
        counts = Counter()
        by_registrant = defaultdict(list)
        for pk in sorted(pending, key=lambda p: (pending[p].created_at, p)):
            registration = pending[pk]
            decision = decisions[pk]
            if isinstance(decision, int):
                registration.event = meetings[decision]
                registration.save(update_fields=["event"])
                _set_state(registration, S.CONFIRMED, copy_registrant=False)
                counts[S.CONFIRMED] += 1
            else:
                registration.event = meetings.get(registration.event_id) or registration.event
                _set_state(registration, decision, copy_registrant=False)
                counts[decision] += 1
            if registration.registrant_id:
                by_registrant[registration.registrant_id].append(registration)
        for registrations in by_registrant.values():
            mails.group_final(registrations[0].registrant, registrations, series)
        series.selection_done_at = timezone.now()
        EventSeries.objects.filter(pk=series.pk).update(selection_done_at=series.selection_done_at)
        return dict(counts)


# -- campaign sign-ups --------------------------------------------------------------------


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


# -- membership and counselling --------------------------------------------------------------


FORM_MODELS = {"membership": MembershipApplication, "counselling": CounsellingRequest}


def submit_form(kind: str, data: dict, *, consent_text: str, language: str):
    """Save a membership application or counselling request (plain field values) and queue its e-mails."""
    model = FORM_MODELS[kind]
    known = {f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key}
    with transaction.atomic():
        instance = model(
            **{key: value for key, value in data.items() if key in known},
            consent_text=consent_text,
            language=language,
        )
        instance.full_clean(exclude=["consent_text", "language"])
        instance.save()
        mails.form_notification(instance, kind)
    return instance


# -- personal data ------------------------------------------------------------------------


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

    The numbers default to the settings CAMPAIGNS_KEEP_REGISTRATIONS_DAYS (90),
    CAMPAIGNS_KEEP_SIGNATURES_DAYS (30), CAMPAIGNS_KEEP_FORMS_DAYS (365) and OUTBOX_KEEP_UNSENT_DAYS (30).
    """
    now = now or timezone.now()
    registration_days = registration_days if registration_days is not None else registration_retention_days()
    signature_days = signature_days if signature_days is not None else signature_retention_days()
    form_days = form_days if form_days is not None else form_retention_days()
    outbox_days = outbox_days if outbox_days is not None else int(getattr(settings, "OUTBOX_KEEP_UNSENT_DAYS", 30))
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
