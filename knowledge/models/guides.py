"""Guides to municipal processes: what to do, by when, with which paper, under which law."""

import calendar
import datetime

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from home.pages import ContentPage
from home.site_url import absolute
from knowledge.blocks import GuideBodyBlock


class GuideIndexPage(ContentPage):
    """All guides in a locale, each listed once, with topic filters."""

    subpage_types = ["knowledge.GuidePage"]
    content_type_name = None

    class Meta:
        verbose_name = _("oversigt over vejledninger")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guides = list(
            GuidePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .prefetch_related("tags")
            .order_by("title")
        )
        selected = request.GET.get("emne", "").strip()
        all_topics = set()
        for guide in guides:
            guide.topic_names = sorted(tag.name for tag in guide.tags.all())
            all_topics.update(guide.topic_names)
        context["selected_topic"] = selected if selected in all_topics else ""
        # each guide once (A–Z); a topic filter narrows the list instead of repeating guides under every topic
        context["guides"] = [g for g in guides if not context["selected_topic"] or selected in g.topic_names]
        context["all_topics"] = sorted(all_topics)
        context["guide_count"] = len(guides)
        return context


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.GuidePage", related_name="tagged_items", on_delete=models.CASCADE)


class GuidePage(RoutablePageMixin, ContentPage):
    """A plain-language guide to one municipal process."""

    audience = models.CharField(_("målgruppe"), max_length=255, blank=True, help_text=_("Hvem er vejledningen til?"))
    tags = ClusterTaggableManager(through=GuidePageTag, blank=True, verbose_name=_("emner"))
    body = StreamField(GuideBodyBlock(), blank=True, verbose_name=_("indhold"))
    last_reviewed = models.DateField(_("senest gennemgået"), null=True, blank=True)
    reviewed_by = models.CharField(_("gennemgået af"), max_length=255, blank=True)
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_guides",
        verbose_name=_("ansvarlig"),
        help_text=_("Den redaktør, der får påmindelser, når vejledningen skal gennemgås."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("gennemgås hver (måneder)"),
        default=12,
        help_text=_("Hvor ofte vejledningen skal gennemgås fagligt. Normalt 12 måneder."),
    )

    # Set by the editor for one publish; the subscriptions app records them as a change note (with the
    # revision) when the page is published and then clears them, so the next publish starts unticked.
    major_change = models.BooleanField(
        _("væsentlig ændring"),
        default=False,
        help_text=_(
            "Sæt kryds, hvis ændringen har betydning for læserne (fx ny lov, nye frister eller beløb). "
            "Så får de, der følger vejledningen, besked med ændringsnoten, når du udgiver. "
            "Rettelser af stavefejl og formuleringer er ikke væsentlige."
        ),
    )
    change_note = models.TextField(
        _("ændringsnote"),
        blank=True,
        max_length=1000,
        help_text=_("Hvad er ændret, i én eller to sætninger. Vises under 'Ændringer' på vejledningen."),
    )

    parent_page_types = ["knowledge.GuideIndexPage"]
    subpage_types: list[str] = []
    content_type_name = "guide"
    api_fields = [
        APIField("intro"),
        APIField("audience"),
        APIField("body"),
        APIField("last_reviewed"),
        APIField("reviewed_by"),
        APIField("tags"),
    ]

    content_panels = ContentPage.content_panels + [
        FieldPanel("audience"),
        FieldPanel("tags"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed"),
                FieldPanel("reviewed_by"),
                FieldPanel("review_owner"),
                FieldPanel("review_interval_months"),
            ],
            heading=_("Faglig gennemgang"),
            help_text=_(
                "Sæt 'senest gennemgået' til dagens dato, når du har gennemgået vejledningen. "
                "Så lukkes eventuelle markeringer om ændrede love, når siden udgives."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("major_change"), FieldPanel("change_note")],
            heading=_("Ændring til dem, der følger vejledningen"),
            help_text=_(
                "Kun væsentlige ændringer sendes til dem, der følger vejledningen. "
                "Feltet nulstilles, når siden er udgivet."
            ),
        ),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("vejledning")
        verbose_name_plural = _("vejledninger")

    def clean(self):
        super().clean()
        if self.major_change and not (self.change_note or "").strip():
            raise ValidationError(
                {"change_note": _("Skriv en ændringsnote: den sendes til dem, der følger vejledningen.")}
            )

    @path("")
    def guide(self, request):
        return self.render(request)

    @path("print/")
    def print_view(self, request):
        """A print-friendly page where every link is listed as a numbered footnote."""
        html = (
            self.render(request, template="knowledge/guide_page_print.html", context_overrides={"print_view": True})
            .render()
            .content.decode()
        )
        soup = BeautifulSoup(html, "html.parser")
        main = soup.find("main")
        footnotes = []
        for link in main.select("article a[href]") if main else []:
            href = link["href"]
            if href.startswith("#"):
                continue
            if href.startswith("/"):
                href = absolute(href)  # the one base URL, like the "printed from" line
            if href not in footnotes:
                footnotes.append(href)
            marker = soup.new_tag("sup")
            marker.string = f"[{footnotes.index(href) + 1}]"
            link.insert_after(marker)
        if footnotes and main:
            section = soup.new_tag("section", attrs={"class": "footnotes", "aria-labelledby": "footnotes-heading"})
            heading = soup.new_tag("h2", id="footnotes-heading")
            heading.string = str(_("Links i vejledningen"))
            section.append(heading)
            items = soup.new_tag("ol")
            for href in footnotes:
                item = soup.new_tag("li")
                item.string = href
                items.append(item)
            section.append(items)
            main.append(section)

        return HttpResponse(str(soup))

    def next_review_due(self) -> datetime.date | None:
        """The day the guide is due for review: last reviewed (or first published) plus the interval."""
        start = self.last_reviewed or (self.first_published_at and timezone.localdate(self.first_published_at))
        if not start:
            return None
        return add_months(start, self.review_interval_months or 12)

    def review_overdue(self, today: datetime.date | None = None) -> bool:
        due = self.next_review_due()
        return bool(due and due < (today or timezone.localdate()))

    def faq_items(self):
        return [item for block in self.body if block.block_type == "faq" for item in block.value["items"]]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the last day of the month if that month is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
