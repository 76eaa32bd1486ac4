"""Event series: several meetings that share one application, one deadline and one rule.

A series is a snippet the meetings point to (EventPage.series). People apply to the series, naming
the meetings they can attend in order of preference; one person (by e-mail) holds at most one active
place across the series. The public page of a series lives on the event index at `serie/<slug>/`.
"""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin

from campaigns.models.choices import RegistrationMode
from campaigns.retention import registration_retention_days
from home import chrome

DEFAULT_SERIES_CONSENT = _(
    "Jeg giver samtykke til, at foreningen gemmer oplysningerne om mig og dem, jeg melder på, for at kunne "
    "fordele pladserne og sende besked om møderne. Oplysningerne slettes senest %(days)s dage efter møderne."
)


class EventSeries(TranslatableMixin, models.Model):
    title = models.CharField(_("titel"), max_length=255)
    slug = models.SlugField(_("kort navn i adressen"), max_length=200)
    intro = models.TextField(_("indledning"), blank=True)
    rules = models.TextField(
        _("regler for deltagelse"),
        blank=True,
        help_text=_("Vises på seriens side, fx hvem møderne er for, og hvordan pladserne fordeles."),
    )
    mode = models.CharField(
        _("tilmeldingsform"), max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.APPLICATION
    )
    registration_opens = models.DateTimeField(_("tilmelding åbner"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("ansøgningsfrist"), null=True, blank=True)
    max_participants = models.PositiveSmallIntegerField(
        _("deltagere pr. tilmelding"),
        default=3,
        help_text=_("Hvor mange personer én person kan melde på ad gangen (sig selv og andre)."),
    )
    consent_text = models.TextField(_("samtykketekst"), blank=True, help_text=_("Tom = standardteksten."))
    selection_done_at = models.DateTimeField(_("udvælgelse bekræftet"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("rules"),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldPanel("max_participants"),
                FieldPanel("consent_text"),
            ],
            heading=_("Tilmelding"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("mødeserie")
        verbose_name_plural = _("mødeserier")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="campaigns_eventseries_unique_slug"),
            models.CheckConstraint(
                condition=Q(registration_closes__isnull=True)
                | Q(registration_opens__isnull=True)
                | Q(registration_closes__gte=F("registration_opens")),
                name="campaigns_eventseries_closes_after_opens",
            ),
        ]

    def __str__(self):
        return self.title

    def consent(self) -> str:
        return self.consent_text.strip() or str(DEFAULT_SERIES_CONSENT) % {"days": registration_retention_days()}

    def meetings(self):
        """The live meetings of the series, in order of time."""
        return self.events.live().order_by("start", "pk")

    @cached_property
    def _meetings_with_seats(self) -> list:
        """Read once per instance: a page view asks for the status more than once."""
        return [m for m in self.meetings() if m.capacity > 0]

    def registration_status(self, now=None) -> str:
        """ "none", "not_open", "open", "closed" (deadline passed, selection done or every meeting begun)."""
        now = now or timezone.now()
        meetings = self._meetings_with_seats
        if not meetings:
            return "none"
        if self.registration_opens and now < self.registration_opens:
            return "not_open"
        if self.registration_closes and now > self.registration_closes:
            return "closed"
        if self.mode == RegistrationMode.APPLICATION and self.selection_done_at:
            return "closed"
        if all(now > m.start for m in meetings):
            return "closed"
        return "open"

    def get_url(self, request=None) -> str:
        """The public page of the series, on the event index of its language."""
        from campaigns.models.events import EventIndexPage  # events.py imports this module

        def build():
            index = EventIndexPage.objects.live().filter(locale_id=self.locale_id).first()
            return (index.get_url(request) or "") + index.reverse_subpage("series", args=[self.slug]) if index else ""

        return chrome.cached(f"series-url:{self.pk}:{self.slug}", str(self.locale_id), build)
