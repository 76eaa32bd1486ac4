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
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

import outbox
from campaigns import mails
from campaigns.models import (
    CampaignPage,
    CounsellingRequest,
    EventPage,
    MembershipApplication,
    Registration,
    Signature,
)
from campaigns.models.events import RegistrationMode
from campaigns.models.registrations import RegistrationState as S
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


def lock_event(event_id: int) -> EventPage:
    """The event, with its row locked until the surrounding transaction ends."""
    if connection.vendor == "sqlite":
        # SQLite has no row locks; writing first takes the database write lock for the whole transaction.
        EventPage.objects.filter(pk=event_id).update(capacity=F("capacity"))
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def seats_taken(event: EventPage) -> int:
    return (
        Registration.objects.filter(event=event, state=S.CONFIRMED).aggregate(seats=Sum(F("companions") + 1))["seats"]
        or 0
    )


def seats_and_waiting(event: EventPage) -> tuple[int, int]:
    """Seats taken and people on the waiting list, in one query (the caller holds the event lock)."""
    from django.db.models import Count, Q

    figures = Registration.objects.filter(event=event).aggregate(
        seats=Sum(F("companions") + 1, filter=Q(state=S.CONFIRMED)),
        waiting=Count("id", filter=Q(state=S.WAITLISTED)),
    )
    return figures["seats"] or 0, figures["waiting"]


def seats_by_event(event_ids) -> dict[int, dict[str, int]]:
    """Seats taken and people per state, for many events in one query (admin listings, dashboard)."""
    rows = (
        Registration.objects.filter(event_id__in=list(event_ids))
        .values("event_id", "state")
        .annotate(seats=Sum(F("companions") + 1))
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row["event_id"], {})[row["state"]] = row["seats"]
    return result


# -- registration ---------------------------------------------------------------------------


@dataclass
class RegistrationData:
    name: str
    email: str
    phone: str = ""
    role: str = ""
    organisation: str = ""
    region: str = ""
    dietary: str = ""
    accessibility_needs: str = ""
    companions: int = 0
    language: str = "da"


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
        status = event.registration_status()
        if status == "not_open":
            raise RegistrationClosed(_("Tilmeldingen er ikke åbnet endnu."))
        if status != "open":
            raise RegistrationClosed(_("Tilmeldingen er lukket."))
        email = data.email.strip()
        if data.companions > event.max_companions:
            raise RegistrationError(_("Du kan højst tage %(n)s ledsagere med.") % {"n": event.max_companions})
        if address_budget_spent("register", event.pk, email):
            raise TooManyAttempts()
        registration = Registration(
            event=event,
            name=data.name.strip(),
            email=email,
            phone=data.phone,
            role=data.role,
            organisation=data.organisation,
            region=data.region,
            dietary=data.dietary,
            accessibility_needs=data.accessibility_needs,
            companions=data.companions,
            consent_text=event.consent(),
            language=data.language,
        )
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
    if event.mode == RegistrationMode.APPLICATION and not event.selection_done_at:
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
    if registration.state != S.WAITLISTED:
        return None
    return (
        Registration.objects.filter(event_id=registration.event_id, state=S.WAITLISTED)
        .filter(created_at__lt=registration.created_at)
        .count()
        + 1
    )


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
            labels.setdefault(_key(getattr(r, dim)), r.get_role_display() if dim == "role" else getattr(r, dim))
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


def submit_form(form, kind: str, *, consent_text: str, language: str):
    """Save a membership application or counselling request and queue the notification e-mails with it."""
    with transaction.atomic():
        instance = form.save(commit=False)
        instance.consent_text = consent_text
        instance.language = language
        instance.save()
        mails.form_notification(instance, kind)
    return instance


# -- personal data ------------------------------------------------------------------------


def anonymise_registrations(queryset) -> int:
    now = timezone.now()
    count = 0
    for registration in queryset.filter(anonymised_at__isnull=True):
        Registration.objects.filter(pk=registration.pk).update(
            name="",
            email=f"slettet-{registration.pk}@invalid",
            phone="",
            organisation="",
            dietary="",
            accessibility_needs="",
            anonymised_at=now,
        )
        count += 1
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
