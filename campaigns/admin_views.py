"""Wagtail admin: registrations per event (filter, search, CSV, actions), selection for breadth, dashboard panel.

All state changes go through campaigns.services; these views only collect the editor's decisions.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.ui.components import Component

from campaigns import services
from campaigns.models import EventPage, EventSeries, Registration
from campaigns.models.choices import RegistrationMode, RegistrationState
from home.exports import safe_row

PERMISSION = "campaigns.change_registration"
ACTIONS = {
    "confirm": services.confirm,
    "waitlist": services.waitlist,
    "decline": services.decline,
    "cancel": services.cancel,
}


def say_selection_confirmed(request, counts: dict) -> None:
    """The message after an editor confirms a selection (an event's or a series')."""
    messages.success(
        request,
        _(
            "Udvælgelsen er bekræftet: %(c)s får plads, %(w)s kommer på venteliste, %(d)s får afslag. E-mailene er lagt i udbakken."
        )
        % {
            "c": counts.get(RegistrationState.CONFIRMED, 0),
            "w": counts.get(RegistrationState.WAITLISTED, 0),
            "d": counts.get(RegistrationState.DECLINED, 0),
        },
    )


def event_rows(events):
    """Per event: seats taken, percent full and an alert level (80 % = warning, 100 % = full)."""
    figures = services.seats_by_event([e.pk for e in events])
    rows = []
    for event in events:
        counts = figures.get(event.pk, {})
        taken = counts.get(RegistrationState.CONFIRMED, 0)
        percent = round(100 * taken / event.capacity) if event.capacity else 0
        rows.append(
            {
                "event": event,
                "taken": taken,
                "percent": percent,
                "waitlisted": counts.get(RegistrationState.WAITLISTED, 0),
                "received": counts.get(RegistrationState.RECEIVED, 0),
                "alert": "full" if percent >= 100 else ("warning" if percent >= 80 else ""),
            }
        )
    return rows


def upcoming_events():
    return list(
        EventPage.objects.filter(end__gte=timezone.now(), capacity__gt=0)
        .select_related("locale")
        .defer_streamfields()
        .order_by("start")
    )


def upcoming_series():
    """Series with meetings ahead, and how many applications wait for the selection."""
    series_list = list(
        EventSeries.objects.filter(events__end__gte=timezone.now())
        .distinct()
        .select_related("locale")
        .order_by("title")
    )
    waiting = dict(
        Registration.objects.filter(series__in=series_list, state=RegistrationState.RECEIVED)
        .values_list("series_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [{"series": s, "received": waiting.get(s.pk, 0)} for s in series_list]


@permission_required(PERMISSION)
def events_overview(request):
    return TemplateResponse(
        request,
        "campaigns/admin/events.html",
        {
            "rows": event_rows(upcoming_events()),
            "series_rows": upcoming_series(),
            "header_title": _("Tilmeldinger"),
        },
    )


def _registrations(event, state, query):
    queryset = Registration.objects.filter(event=event).order_by("created_at", "id")
    if state in RegistrationState.values:
        queryset = queryset.filter(state=state)
    if query:
        queryset = queryset.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__icontains=query)
            | Q(region__icontains=query)
        )
    return queryset


CSV_FIELDS = [
    "id",
    "created_at",
    "state",
    "name",
    "email",
    "phone",
    "role",
    "organisation",
    "region",
    "dietary",
    "accessibility_needs",
    "companions",
    "decided_at",
    "cancelled_at",
]


def _csv(event, registrations):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tilmeldinger-{event.slug}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow([Registration._meta.get_field(name).verbose_name for name in CSV_FIELDS])
    for registration in registrations:
        row = []
        for name in CSV_FIELDS:
            value = getattr(registration, name)
            if name == "state":
                value = registration.get_state_display()
            elif name == "role":
                value = registration.get_role_display()
            elif name == "region":
                value = registration.get_region_display()
            elif hasattr(value, "isoformat"):
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            row.append("" if value is None else str(value))
        writer.writerow(safe_row(row))
    return response


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def event_registrations(request, event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    if request.method == "POST":
        action, registration_id = request.POST.get("action"), request.POST.get("registration")
        registration = get_object_or_404(Registration, pk=registration_id, event=event)
        try:
            if action == "resend":
                services.resend(registration.pk)
                messages.success(request, _("E-mailen til %(name)s er lagt i udbakken.") % {"name": registration.name})
            elif action in ACTIONS:
                ACTIONS[action](registration.pk)
                registration.refresh_from_db()
                messages.success(
                    request,
                    _("%(name)s: %(state)s. Personen får besked på e-mail.")
                    % {"name": registration.name, "state": registration.get_state_display()},
                )
            else:
                messages.error(request, _("Ukendt handling."))
        except services.RegistrationError as error:
            messages.error(request, str(error))
        return redirect(request.get_full_path())
    state, query = request.GET.get("state", ""), request.GET.get("q", "").strip()
    registrations = _registrations(event, state, query)
    if request.GET.get("format") == "csv":
        return _csv(event, registrations)
    [row] = event_rows([event])
    return TemplateResponse(
        request,
        "campaigns/admin/registrations.html",
        {
            "event": event,
            "row": row,
            "registrations": registrations,
            "state": state,
            "query": query,
            "states": RegistrationState.choices,
            "header_title": event.title,
            "selection_pending": event.registration_mode == RegistrationMode.APPLICATION and row["received"] > 0,
        },
    )


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def event_selection(request, event_id):
    """The proposed allocation for breadth, adjustable per person; confirming sends the final e-mails."""
    event = get_object_or_404(EventPage, pk=event_id)
    if event.series_id:
        return redirect("campaigns_admin:series_selection", series_id=event.series_id)
    proposal = services.propose_selection(event)
    choices = [
        (RegistrationState.CONFIRMED, _("Plads")),
        (RegistrationState.WAITLISTED, _("Venteliste")),
        (RegistrationState.DECLINED, _("Afslag")),
    ]
    if request.method == "POST":
        decisions = {}
        for registration in proposal.applicants:
            value = request.POST.get(f"decision-{registration.pk}", "")
            if value not in dict(choices):
                messages.error(request, _("Vælg en beslutning for alle ansøgere."))
                break
            decisions[registration.pk] = value
        else:
            if request.POST.get("preview"):
                proposal = services.describe(event, proposal.applicants, decisions)
            else:
                try:
                    counts = services.apply_selection(event.pk, decisions)
                except services.RegistrationError as error:
                    messages.error(request, str(error))
                    proposal = services.describe(event, proposal.applicants, decisions)
                else:
                    say_selection_confirmed(request, counts)
                    return redirect("campaigns_admin:registrations", event_id=event.pk)
    rows = [{"registration": r, "decision": proposal.decisions.get(r.pk)} for r in proposal.applicants]
    return TemplateResponse(
        request,
        "campaigns/admin/selection.html",
        {
            "event": event,
            "proposal": proposal,
            "rows": rows,
            "choices": choices,
            "header_title": _("Udvælgelse"),
            "free": event.capacity - services.seats_taken(event),
            "deadline_passed": event.registration_status() == "closed",
            "dimension_labels": {"region": _("Region"), "role": _("Rolle"), "organisation": _("Organisation")},
        },
    )


DIMENSION_LABELS = {"region": _("Region"), "role": _("Rolle"), "organisation": _("Organisation")}


def _series_decision(value: str, meeting_ids: set[int]):
    """A posted decision: a meeting id (a seat there), "waitlisted" or "declined"; None if it is not one."""
    if value in (RegistrationState.WAITLISTED, RegistrationState.DECLINED):
        return value
    if value.isdigit() and int(value) in meeting_ids:
        return int(value)
    return None


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def series_selection(request, series_id):
    """Selection for breadth across a series: a seat at one meeting per person, honouring preferences.

    The proposal shows the balance per meeting and overall; the editor adjusts it per person and confirms,
    then the final e-mails go out (the registrants get one message for everyone they registered).
    """
    series = get_object_or_404(EventSeries, pk=series_id)
    proposal = services.propose_series_selection(series)
    meeting_ids = {m.pk for m in proposal.meetings}
    if request.method == "POST":
        decisions = {}
        for registration in proposal.applicants:
            decision = _series_decision(request.POST.get(f"decision-{registration.pk}", ""), meeting_ids)
            if decision is None:
                messages.error(request, _("Vælg en beslutning for alle ansøgere."))
                break
            decisions[registration.pk] = decision
        else:
            if request.POST.get("preview"):
                proposal = services.describe_series(series, proposal.applicants, decisions, meetings=proposal.meetings)
            else:
                try:
                    counts = services.apply_series_selection(series.pk, decisions)
                except services.RegistrationError as error:
                    messages.error(request, str(error))
                    proposal = services.describe_series(
                        series, proposal.applicants, decisions, meetings=proposal.meetings
                    )
                else:
                    say_selection_confirmed(request, counts)
                    return redirect("campaigns_admin:events")
    titles = {m.pk: m.title for m in proposal.meetings}
    rows = []
    for registration in proposal.applicants:
        options = []
        for meeting in proposal.meetings:
            rank = registration.preference_rank(meeting.pk)
            label = _("Plads: %(title)s") % {"title": meeting.title}
            if rank:
                label += " " + _("(%(n)s. ønske)") % {"n": rank}
            options.append((str(meeting.pk), label))
        options += [(RegistrationState.WAITLISTED, _("Venteliste")), (RegistrationState.DECLINED, _("Afslag"))]
        rows.append(
            {
                "registration": registration,
                "decision": str(proposal.decisions.get(registration.pk)),
                "preferences": [titles[pk] for pk in registration.preferences if pk in titles],
                "options": options,
            }
        )
    return TemplateResponse(
        request,
        "campaigns/admin/series_selection.html",
        {
            "series": series,
            "proposal": proposal,
            "rows": rows,
            "header_title": _("Udvælgelse"),
            "deadline_passed": series.registration_status() == "closed",
            "dimension_labels": DIMENSION_LABELS,
        },
    )


class SeatsPanel(Component):
    """Dashboard: upcoming events with seats taken; a warning from 80 % and an alert at 100 %."""

    name = "event_seats"
    template_name = "campaigns/admin/seats_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = event_rows(upcoming_events()[:10])
        return context
