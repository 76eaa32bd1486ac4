"""A person's registration for an event. Its state changes only through campaigns.services."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.events import EventPage


class RegistrationState(models.TextChoices):
    RECEIVED = "received", _("Modtaget")
    CONFIRMED = "confirmed", _("Bekræftet")
    WAITLISTED = "waitlisted", _("På venteliste")
    DECLINED = "declined", _("Afvist")
    CANCELLED = "cancelled", _("Afmeldt")


class Role(models.TextChoices):
    PARENT = "parent", _("Forælder eller pårørende")
    PROFESSIONAL = "professional", _("Fagperson")
    CASEWORKER = "caseworker", _("Sagsbehandler eller leder i en kommune")
    POLITICIAN = "politician", _("Politiker")
    ORGANISATION = "organisation", _("Repræsentant for en organisation")
    OTHER = "other", _("Andet")


class Registration(models.Model):
    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("arrangement")
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True)
    organisation = models.CharField(_("organisation eller kommune"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
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

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["created_at", "id"]
        constraints = [
            # The last line of defence against a second seat for the same person (services checks first).
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(state="cancelled"),
                name="campaigns_registration_one_active_per_email",
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
