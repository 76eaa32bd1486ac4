"""What people send through "Bliv medlem" and "Få rådgivning": stored, then the organisation is told by e-mail."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MembershipApplication(models.Model):
    class Kind(models.TextChoices):
        FAMILY = "family", _("Familiemedlemskab")
        PERSONAL = "personal", _("Personligt medlemskab")
        PROFESSIONAL = "professional", _("Fagperson")
        SUPPORTER = "supporter", _("Støttemedlem")

    kind = models.CharField(_("medlemskab"), max_length=20, choices=Kind.choices, default=Kind.FAMILY)
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.TextField(_("adresse"))
    municipality = models.CharField(_("kommune"), max_length=100, blank=True)
    message = models.TextField(_("besked"), blank=True)
    consent_text = models.TextField(_("samtykketekst"))
    language = models.CharField(_("sprog"), max_length=5, default="da")
    created_at = models.DateTimeField(_("modtaget"), default=timezone.now)
    handled = models.BooleanField(_("behandlet"), default=False)

    class Meta:
        verbose_name = _("medlemsansøgning")
        verbose_name_plural = _("medlemsansøgninger")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class CounsellingRequest(models.Model):
    class Topic(models.TextChoices):
        APPLICATION = "application", _("Ansøgning til kommunen")
        COMPLAINT = "complaint", _("Klage over en afgørelse")
        MEETING = "meeting", _("Forberedelse til et møde")
        SCHOOL = "school", _("Skole og dagtilbud")
        MONEY = "money", _("Økonomi og ydelser")
        OTHER = "other", _("Andet")

    class Contact(models.TextChoices):
        PHONE = "phone", _("Ring til mig")
        EMAIL = "email", _("Skriv til mig")

    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    municipality = models.CharField(_("kommune"), max_length=100, blank=True)
    topic = models.CharField(_("emne"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    preferred_contact = models.CharField(_("kontakt"), max_length=10, choices=Contact.choices, default=Contact.EMAIL)
    message = models.TextField(_("hvad drejer det sig om?"))
    consent_text = models.TextField(_("samtykketekst"))
    language = models.CharField(_("sprog"), max_length=5, default="da")
    created_at = models.DateTimeField(_("modtaget"), default=timezone.now)
    handled = models.BooleanField(_("behandlet"), default=False)

    class Meta:
        verbose_name = _("henvendelse om rådgivning")
        verbose_name_plural = _("henvendelser om rådgivning")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.get_topic_display()})"
