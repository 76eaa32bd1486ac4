"""Selection for breadth after the deadline: per event, and across a series honouring preferences."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import mails
from campaigns.models import (
    EventPage,
    EventSeries,
    Registration,
)
from campaigns.models.choices import RegistrationState as S
from campaigns.services.registrations import (
    NoSeatsLeft,
    RegistrationError,
    _set_state,
    lock_event,
    lock_series,
    seats_by_event,
    seats_taken,
)

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


# -- selection across a series ------------------------------------------------------------


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
