"""A person's registration for an event, and the person who registered others. State changes only in campaigns.services."""

from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.choices import ACTIVE_STATES, Region, RegistrationState, Role
from campaigns.models.events import EventPage
from campaigns.models.series import EventSeries

__all__ = ["Registrant", "Registration", "RegistrationQuerySet", "RegistrationState", "Role"]


class RegistrationQuerySet(models.QuerySet):
    """Read-only seat counting. The figures are exact only under the event lock (campaigns.services)."""

    def seats_taken(self) -> int:
        return self.filter(state=RegistrationState.CONFIRMED).aggregate(seats=Sum(F("companions") + 1))["seats"] or 0

    def seats_and_waiting(self) -> tuple[int, int]:
        """Seats taken and people on the waiting list, in one query."""
        figures = self.aggregate(
            seats=Sum(F("companions") + 1, filter=Q(state=RegistrationState.CONFIRMED)),
            waiting=Count("id", filter=Q(state=RegistrationState.WAITLISTED)),
        )
        return figures["seats"] or 0, figures["waiting"]

    def seats_by_event(self) -> dict[int, dict[str, int]]:
        """Seats per event and state, in one query (admin listings, dashboard)."""
        result: dict[int, dict[str, int]] = {}
        for row in self.values("event_id", "state").annotate(seats=Sum(F("companions") + 1)).order_by():
            result.setdefault(row["event_id"], {})[row["state"]] = row["seats"]
        return result

    def active(self):
        return self.filter(state__in=ACTIVE_STATES)


class Registrant(models.Model):
    """The person who registered one or more participants ("du / de du har meldt på")."""

    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    language = models.CharField(_("sprog"), max_length=5, default="da")
    consent_text = models.TextField(_("samtykketekst"))
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    class Meta:
        verbose_name = _("tilmelder")
        verbose_name_plural = _("tilmeldere")

    def __str__(self):
        return self.name


class Registration(models.Model):
    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("arrangement")
    )
    series = models.ForeignKey(
        EventSeries,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("mødeserie"),
    )
    preferences = models.JSONField(
        _("ønskede møder"), default=list, blank=True, help_text=_("Møderne i prioriteret rækkefølge (id'er).")
    )
    registrant = models.ForeignKey(
        Registrant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=_("meldt på af"),
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True)
    organisation = models.CharField(_("organisation eller kommune"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=100, choices=Region.choices, blank=True)
    under_18 = models.BooleanField(_("under 18 år"), default=False)
    dietary = models.CharField(_("kost"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("behov for tilgængelighed"), max_length=300, blank=True)
    companions = models.PositiveSmallIntegerField(_("ledsagere"), default=0)
    state = models.CharField(
        _("status"), max_length=12, choices=RegistrationState.choices, default=RegistrationState.RECEIVED
    )
    consent_text = models.TextField(_("samtykketekst"))
    created_at = models.DateTimeField(_("tilmeldt"), default=timezone.now)
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afmeldt"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)
    language = models.CharField(_("sprog"), max_length=5, default="da")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["created_at", "id"]
        constraints = [
            # The last line of defence against a second seat for the same person (services checks first).
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(state="cancelled") & ~Q(email=""),
                name="campaigns_registration_one_active_per_email",
            ),
            # "Kun ét møde": one active place per person across a series (services checks first, under
            # the series lock; this index holds even if two requests slip past the check).
            models.UniqueConstraint(
                "series",
                Lower("email"),
                condition=Q(series__isnull=False) & Q(state__in=ACTIVE_STATES) & ~Q(email=""),
                name="campaigns_registration_one_per_series",
            ),
        ]
        indexes = [models.Index(fields=["event", "state"], name="campaigns_reg_event_state")]

    def __str__(self):
        return f"{self.name} – {self.event_id} ({self.state})"

    @property
    def seats(self) -> int:
        return 1 + self.companions

    @property
    def is_active(self) -> bool:
        return self.state not in (RegistrationState.CANCELLED, RegistrationState.DECLINED)

    def waiting_position(self) -> int | None:
        """1 for the first on the event's waiting list (by time of registration); None if not waiting."""
        if self.state != RegistrationState.WAITLISTED:
            return None
        earlier = Registration.objects.filter(
            event_id=self.event_id, state=RegistrationState.WAITLISTED, created_at__lt=self.created_at
        )
        return earlier.count() + 1

    def preferred_meetings(self) -> list:
        """The meetings the person named, in their order (one query)."""
        if not self.preferences:
            return []
        found = EventPage.objects.in_bulk(self.preferences)
        return [found[pk] for pk in self.preferences if pk in found]

    def preference_rank(self, event_id: int) -> int | None:
        """1 for the first choice, 2 for the second …; None if the person did not name the meeting."""
        try:
            return list(self.preferences).index(event_id) + 1
        except ValueError:
            return None
