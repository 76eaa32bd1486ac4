"""The choices registrations are made of: mode, state, role and region (shared by events, series and forms).

Region and role are choices, not free text, so the balance of a selection cannot be gamed by spelling.
Danish regions are offered on the Danish site and Norwegian landsdeler on the Norwegian one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationMode(models.TextChoices):
    FIRST_COME = "first_come", _("Først til mølle")
    APPLICATION = "application", _("Ansøgning med udvælgelse")


class RegistrationState(models.TextChoices):
    RECEIVED = "received", _("Modtaget")
    CONFIRMED = "confirmed", _("Bekræftet")
    WAITLISTED = "waitlisted", _("På venteliste")
    DECLINED = "declined", _("Afvist")
    CANCELLED = "cancelled", _("Afmeldt")


# States in which a registration holds (or waits for) a place; the rest are over.
ACTIVE_STATES = (RegistrationState.RECEIVED, RegistrationState.CONFIRMED, RegistrationState.WAITLISTED)


class Role(models.TextChoices):
    PARENT = "parent", _("Forælder eller pårørende")
    YOUNG = "young", _("Ung med egen erfaring")
    PROFESSIONAL = "professional", _("Fagperson")
    CASEWORKER = "caseworker", _("Sagsbehandler eller leder i en kommune")
    POLITICIAN = "politician", _("Politiker")
    ORGANISATION = "organisation", _("Repræsentant for en organisation")
    OTHER = "other", _("Andet")


class Region(models.TextChoices):
    # Denmark's five regions (proper names, the same in both languages).
    DK_HOVEDSTADEN = "dk-hovedstaden", "Region Hovedstaden"
    DK_SJAELLAND = "dk-sjaelland", "Region Sjælland"
    DK_SYDDANMARK = "dk-syddanmark", "Region Syddanmark"
    DK_MIDTJYLLAND = "dk-midtjylland", "Region Midtjylland"
    DK_NORDJYLLAND = "dk-nordjylland", "Region Nordjylland"
    # Norway's five landsdeler.
    NO_OSTLANDET = "no-ostlandet", "Østlandet"
    NO_SORLANDET = "no-sorlandet", "Sørlandet"
    NO_VESTLANDET = "no-vestlandet", "Vestlandet"
    NO_TRONDELAG = "no-trondelag", "Trøndelag"
    NO_NORD_NORGE = "no-nord-norge", "Nord-Norge"


def region_choices(language: str) -> list[tuple[str, str]]:
    """The regions offered on the site of a language: Danish regions (da), Norwegian landsdeler (nb)."""
    prefix = "no-" if language.startswith(("nb", "no", "nn")) else "dk-"
    return [(value, label) for value, label in Region.choices if value.startswith(prefix)]
