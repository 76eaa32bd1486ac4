"""Campaigns people sign (double opt-in), and the index they live under."""

from django.core.cache import cache
from django.db import models
from django.db.models.functions import Lower
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField

from campaigns.models.partnerships import Organisation, PartnershipPage
from campaigns.retention import signature_retention_days
from home.blocks import RICH_FEATURES, BodyBlock
from home.pages import ContentPage, block_text

DEFAULT_SIGNATURE_CONSENT = _(
    "Jeg giver samtykke til, at foreningen gemmer mit navn, min e-mail og min kommune for at tælle min "
    "underskrift og sende mig en bekræftelse. Bekræfter jeg ikke inden 30 dage, slettes oplysningerne. "
    "Ellers slettes de senest %(days)s dage efter, at kampagnen er slut."
)


class CampaignIndexPage(ContentPage):
    subpage_types = ["campaigns.CampaignPage", "campaigns.PartnershipPage"]

    class Meta:
        verbose_name = _("oversigt over kampagner")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = (
            CampaignPage.objects.child_of(self).live().public().defer_streamfields().order_by("-first_published_at")
        )
        context["partnerships"] = (
            PartnershipPage.objects.child_of(self).live().public().defer_streamfields().order_by("title")
        )
        return context


class CampaignPage(RoutablePageMixin, ContentPage):
    """A campaign: the problem, numbered demands, partners, related reading and a sign-up with double opt-in."""

    problem = RichTextField(_("problemet"), features=RICH_FEATURES, blank=True)
    demands = StreamField(
        [("demand", blocks.CharBlock(label=_("Krav")))],
        blank=True,
        verbose_name=_("det kræver vi"),
        help_text=_("Nummereres automatisk; anker #krav-1, #krav-2 …"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))
    partners = ParentalManyToManyField(Organisation, blank=True, related_name="campaigns", verbose_name=_("partnere"))
    related_pages = StreamField(
        [
            (
                "page",
                blocks.PageChooserBlock(
                    page_type=["knowledge.GuidePage", "knowledge.PositionPaperPage"], label=_("Side")
                ),
            )
        ],
        blank=True,
        verbose_name=_("relaterede vejledninger og holdningspapirer"),
    )
    goal = models.PositiveIntegerField(_("mål for antal underskrifter"), default=1000)
    ends_on = models.DateField(
        _("kampagnen slutter"),
        null=True,
        blank=True,
        help_text=_("Efter denne dato kan man ikke skrive under, og underskrifterne anonymiseres senere."),
    )
    consent_text = models.TextField(
        _("samtykketekst"), blank=True, help_text=_("Tom = standardteksten. Gemmes sammen med hver underskrift.")
    )
    signed_count_offset = models.PositiveIntegerField(
        _("underskrifter indsamlet andre steder"),
        default=0,
        help_text=_("Fx på papir; lægges til tælleren."),
    )
    counter_minimum = models.PositiveIntegerField(
        _("vis tælleren fra"),
        default=0,
        help_text=_(
            "Tælleren vises først, når så mange har skrevet under (med dem indsamlet andre steder). "
            "Et lille tal i starten kan afskrække. 0 = vis altid."
        ),
    )

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []
    content_type_name = "campaign"
    content_panels = ContentPage.content_panels + [
        FieldPanel("problem"),
        FieldPanel("demands"),
        FieldPanel("body"),
        FieldPanel("partners"),
        FieldPanel("related_pages"),
        MultiFieldPanel(
            [
                FieldPanel("goal"),
                FieldPanel("ends_on"),
                FieldPanel("signed_count_offset"),
                FieldPanel("counter_minimum"),
                FieldPanel("consent_text"),
            ],
            heading=_("Underskrifter"),
        ),
    ]

    class Meta:
        verbose_name = _("kampagne")
        verbose_name_plural = _("kampagner")

    # -- display ---------------------------------------------------------------------
    def numbered_demands(self):
        return [
            {"number": i, "anchor": f"krav-{i}", "text": block.value} for i, block in enumerate(self.demands, start=1)
        ]

    def consent(self) -> str:
        return self.consent_text.strip() or str(DEFAULT_SIGNATURE_CONSENT) % {"days": signature_retention_days()}

    def is_open(self) -> bool:
        return self.ends_on is None or self.ends_on >= timezone.localdate()

    def confirmed_count(self) -> int:
        return self.signatures.filter(confirmed_at__isnull=False).count() + self.signed_count_offset

    def stats_cache_key(self) -> str:
        return f"campaigns:stats:{self.pk}"

    def stats(self) -> dict:
        """Count and recent public signers, cached briefly (cleared when a sign-up is confirmed)."""

        def compute():
            count = self.confirmed_count()
            return {
                "count": count,
                "percent": self.progress_percent(count),
                "signers": self.public_signers() if count > self.signed_count_offset else [],
            }

        return cache.get_or_set(self.stats_cache_key(), compute, 60)

    def shows_counter(self, count: int) -> bool:
        return count >= self.counter_minimum

    def progress_percent(self, count=None) -> int:
        count = self.confirmed_count() if count is None else count
        return min(100, round(100 * count / self.goal)) if self.goal else 100

    def public_signers(self, limit=20):
        return list(
            self.signatures.filter(confirmed_at__isnull=False, show_name=True, anonymised=False)
            .order_by("-confirmed_at")
            .values_list("name", "municipality")[:limit]
        )

    def search_document(self) -> dict:
        document = super().search_document()
        document["body"] = "\n".join(
            [
                block_text(self.problem) if self.problem else "",
                "\n".join(block_text(d["text"]) for d in self.numbered_demands()),
                document["body"],
            ]
        )
        return document

    # -- routes ----------------------------------------------------------------------
    @path("")
    def sign(self, request):
        from campaigns.views import campaign_sign  # views import the models: a genuine circle

        return campaign_sign(request, self)

    @path("tak/")
    def thanks(self, request):
        from campaigns.views import campaign_thanks  # views import the models: a genuine circle

        return campaign_thanks(request, self)

    @path("antal/")
    def count_json(self, request):
        stats = self.stats()
        if not self.shows_counter(stats["count"]):  # below the editor's minimum: no number, not even here
            response = JsonResponse({"shown": False, "goal": self.goal})
            response["Cache-Control"] = "max-age=10"
            return response
        response = JsonResponse({"count": stats["count"], "goal": self.goal, "percent": stats["percent"]})
        response["Cache-Control"] = "max-age=10"
        return response


class Signature(models.Model):
    """One person's sign-up for a campaign. Counts only once confirmed through the e-mailed link."""

    campaign = models.ForeignKey(
        CampaignPage, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("kampagne")
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    municipality = models.CharField(_("kommune"), max_length=100, blank=True)
    show_name = models.BooleanField(_("vis mit navn offentligt"), default=False)
    consent_text = models.TextField(_("samtykketekst"))
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    anonymised = models.BooleanField(_("anonymiseret"), default=False)

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint("campaign", Lower("email"), name="campaigns_signature_one_per_email"),
        ]

    def __str__(self):
        return f"{self.name} ({self.campaign_id})"
