"""Events: the index (upcoming/past, filters, iCal feed) and the event page with its registration settings."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from campaigns.blocks import NetworkGroupBlock, ProgrammeItemBlock, SpeakerBlock, StandBlock
from campaigns.ical import calendar_response
from campaigns.models.choices import RegistrationMode
from campaigns.models.series import EventSeries
from campaigns.retention import registration_retention_days
from home.blocks import BodyBlock
from home.pages import ContentPage, block_text

__all__ = ["EventIndexPage", "EventKind", "EventPage", "RegistrationMode"]

DEFAULT_REGISTRATION_CONSENT = _(
    "Jeg giver samtykke til, at foreningen gemmer mine oplysninger for at kunne håndtere min tilmelding og "
    "sende mig besked om arrangementet. Oplysningerne slettes senest %(days)s dage efter arrangementet."
)


class EventKind(models.TextChoices):
    DIALOGUE_MEETING = "dialogue_meeting", _("Dialogmøde")
    CONFERENCE = "conference", _("Konference")
    THEME_DAY = "theme_day", _("Temadag")
    COURSE = "course", _("Kursus")
    WEBINAR = "webinar", _("Webinar")
    NETWORK = "network", _("Netværksmøde")
    OTHER = "other", _("Andet")


class EventIndexPage(RoutablePageMixin, ContentPage):
    subpage_types = ["campaigns.EventPage"]

    class Meta:
        verbose_name = _("oversigt over arrangementer")

    def events(self):
        return EventPage.objects.child_of(self).live().public().defer_streamfields()

    @path("")
    def listing(self, request):
        now = timezone.now()
        events = self.events().select_related("series")
        present = set(events.values_list("region", "kind"))
        regions = sorted({region for region, _kind in present if region})
        present_kinds = {kind for _region, kind in present}
        kinds = [(value, label) for value, label in EventKind.choices if value in present_kinds]
        region = request.GET.get("region", "")
        kind = request.GET.get("type", "")
        if region in regions:
            events = events.filter(region=region)
        else:
            region = ""
        if kind in dict(kinds):
            events = events.filter(kind=kind)
        else:
            kind = ""
        show_past = request.GET.get("tidligere") == "1"
        if show_past:
            listed = events.filter(end__lt=now).order_by("-start")
        else:
            listed = events.filter(end__gte=now).order_by("start")
        page_obj = Paginator(listed, 20).get_page(request.GET.get("side"))
        return self.render(
            request,
            context_overrides={
                "events": page_obj,
                "regions": regions,
                "kinds": kinds,
                "region": region,
                "kind": kind,
                "show_past": show_past,
                "series_list": self.open_series(),
            },
        )

    def open_series(self):
        """The series of this language with meetings still ahead, for the listing."""
        return list(
            EventSeries.objects.filter(locale_id=self.locale_id, events__end__gte=timezone.now(), events__live=True)
            .distinct()
            .order_by("title")
        )

    @path("serie/<slug:slug>/", name="series")
    def series_detail(self, request, slug):
        from campaigns.views import series_apply  # views import the models: a genuine circle

        series = EventSeries.objects.filter(locale_id=self.locale_id, slug=slug).first()
        if series is None:
            raise Http404
        return series_apply(request, self, series)

    @path("kalender/")
    def feed(self, request):
        events = self.events().filter(end__gte=timezone.now() - datetime.timedelta(days=180)).order_by("start")
        return calendar_response(list(events), request, filename="arrangementer.ics", name=self.title)


class EventPage(RoutablePageMixin, ContentPage):
    """One event: time, place, programme, and how seats are given out."""

    start = models.DateTimeField(_("starter"))
    end = models.DateTimeField(_("slutter"))
    kind = models.CharField(_("type"), max_length=30, choices=EventKind.choices, default=EventKind.OTHER)
    region = models.CharField(_("region"), max_length=100, blank=True, help_text=_("Fx Region Hovedstaden"))
    venue = models.CharField(_("sted"), max_length=200, blank=True)
    address = models.TextField(_("adresse"), blank=True)
    accessibility = models.TextField(
        _("tilgængelighed"), blank=True, help_text=_("Adgang for kørestol, toilet, parkering, teleslynge, stillerum …")
    )
    online_url = models.URLField(
        _("link til online deltagelse"), blank=True, help_text=_("Vises kun for bekræftede deltagere.")
    )
    price_note = models.CharField(
        _("pris"), max_length=200, blank=True, help_text=_("Fx 'Gratis for medlemmer'. Ingen betaling på siden.")
    )
    programme = StreamField([("item", ProgrammeItemBlock())], blank=True, verbose_name=_("program"))
    speakers = StreamField([("speaker", SpeakerBlock())], blank=True, verbose_name=_("oplægsholdere"))
    stands = StreamField([("stand", StandBlock())], blank=True, verbose_name=_("minimesse"))
    network_groups = StreamField([("group", NetworkGroupBlock())], blank=True, verbose_name=_("netværksgrupper"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))

    # registration settings
    capacity = models.PositiveIntegerField(_("antal pladser"), default=0, help_text=_("0 = ingen tilmelding på siden."))
    mode = models.CharField(
        _("tilmeldingsform"), max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.FIRST_COME
    )
    registration_opens = models.DateTimeField(_("tilmelding åbner"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("tilmeldingsfrist"), null=True, blank=True)
    max_companions = models.PositiveSmallIntegerField(
        _("ledsagere pr. tilmelding"), default=0, help_text=_("Hvor mange ekstra pladser én tilmelding må tage.")
    )
    ask_role = models.BooleanField(_("spørg om rolle"), default=True)
    ask_organisation = models.BooleanField(_("spørg om organisation"), default=True)
    ask_region = models.BooleanField(_("spørg om region"), default=False)
    ask_dietary = models.BooleanField(_("spørg om kost"), default=True)
    ask_accessibility = models.BooleanField(_("spørg om tilgængelighedsbehov"), default=True)
    consent_text = models.TextField(_("samtykketekst"), blank=True, help_text=_("Tom = standardteksten."))
    selection_done_at = models.DateTimeField(_("udvælgelse bekræftet"), null=True, blank=True, editable=False)
    series = models.ForeignKey(
        EventSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("mødeserie"),
        help_text=_(
            "Et møde i en serie tager imod ansøgninger gennem serien: seriens frist og tilmeldingsform gælder, "
            "og hver person kan kun få plads til ét af seriens møder."
        ),
    )

    parent_page_types = ["campaigns.EventIndexPage"]
    subpage_types: list[str] = []
    content_type_name = "event"
    content_panels = ContentPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("kind"),
                FieldPanel("region"),
                FieldPanel("price_note"),
            ],
            heading=_("Hvornår"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("accessibility"), FieldPanel("online_url")],
            heading=_("Hvor"),
        ),
        FieldPanel("programme"),
        FieldPanel("speakers"),
        FieldPanel("stands"),
        FieldPanel("network_groups"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("series"),
                FieldPanel("capacity"),
                FieldPanel("mode"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldPanel("max_companions"),
                FieldRowPanel([FieldPanel("ask_role"), FieldPanel("ask_organisation"), FieldPanel("ask_region")]),
                FieldRowPanel([FieldPanel("ask_dietary"), FieldPanel("ask_accessibility")]),
                FieldPanel("consent_text"),
            ],
            heading=_("Tilmelding"),
        ),
    ]

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Slutningen skal ligge efter starten.")})
        if self.registration_opens and self.registration_closes and self.registration_closes < self.registration_opens:
            raise ValidationError({"registration_closes": _("Fristen skal ligge efter åbningen.")})
        if self.series_id and self.locale_id and self.series.locale_id != self.locale_id:
            raise ValidationError({"series": _("Vælg en serie på samme sprog som arrangementet.")})

    # -- registration state ------------------------------------------------------------
    def consent(self) -> str:
        return self.consent_text.strip() or str(DEFAULT_REGISTRATION_CONSENT) % {"days": registration_retention_days()}

    @property
    def takes_registrations(self) -> bool:
        return self.capacity > 0

    @property
    def registration_mode(self) -> str:
        """The mode that applies: the series' for a meeting in a series, else the event's own."""
        return self.series.mode if self.series_id else self.mode

    @property
    def selection_confirmed_at(self):
        return self.series.selection_done_at if self.series_id else self.selection_done_at

    def registration_status(self, now=None) -> str:
        """ "none", "not_open", "open", "closed" (deadline passed or event over).

        A meeting in a series takes registrations only through the series; its status is the series'.
        """
        now = now or timezone.now()
        if not self.takes_registrations:
            return "none"
        if self.series_id:
            return "closed" if now > self.start else self.series.registration_status(now)
        if self.registration_opens and now < self.registration_opens:
            return "not_open"
        if (self.registration_closes and now > self.registration_closes) or now > self.end:
            return "closed"
        if self.mode == RegistrationMode.APPLICATION and self.selection_done_at:
            return "closed"
        return "open"

    def seats_taken(self) -> int:
        return self.registrations.seats_taken()

    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken(), 0)

    # -- search ------------------------------------------------------------------------
    def search_document(self) -> dict:
        document = super().search_document()
        document["body"] = "\n".join(
            filter(
                None,
                [
                    self.get_kind_display(),
                    self.region,
                    self.venue,
                    self.address,
                    block_text(self.programme),
                    block_text(self.speakers),
                    block_text(self.stands),
                    block_text(self.network_groups),
                    document["body"],
                ],
            )
        )
        document["date"] = timezone.localtime(self.start).date() if self.start else document.get("date")
        return document

    # -- routes ------------------------------------------------------------------------
    @path("")
    def detail(self, request):
        from campaigns.views import event_register  # views import the models: a genuine circle

        return event_register(request, self)

    @path("tilmeldt/")
    def registered(self, request):
        from campaigns.views import event_registered  # views import the models: a genuine circle

        return event_registered(request, self)

    @path("kalender/")
    def ics(self, request):
        return calendar_response([self], request, filename=f"{self.slug}.ics", name=self.title)


def upcoming_events(locale_id, limit=3):
    """The next events of a locale, for the front page (registered in campaigns/apps.py)."""
    return (
        EventPage.objects.live()
        .public()
        .filter(locale_id=locale_id, start__gte=timezone.now())
        .order_by("start")
        .defer_streamfields()[:limit]
    )
