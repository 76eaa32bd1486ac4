"""Partner organisations and the partnerships the organisation takes part in."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from campaigns.blocks import MeetingBlock, PressContactBlock
from home.blocks import RICH_FEATURES, BodyBlock
from home.pages import ContentPage, block_text


@register_snippet
class Organisation(index.Indexed, models.Model):
    """A partner: ministry, municipality association, organisation. Shared by both languages."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    url = models.URLField(_("hjemmeside"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    description = models.TextField(_("kort beskrivelse"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnershipPage(ContentPage):
    """A partnership: who takes part, the charter's recommendations (with anchors), meetings, press contacts."""

    partners = ParentalManyToManyField(
        Organisation, blank=True, related_name="partnerships", verbose_name=_("partnere")
    )
    recommendations = StreamField(
        [("recommendation", blocks.RichTextBlock(features=RICH_FEATURES, label=_("Anbefaling")))],
        blank=True,
        verbose_name=_("chartrets anbefalinger"),
        help_text=_("Nummereres automatisk; anker #anbefaling-1, #anbefaling-2 …"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))
    meetings = StreamField([("meeting", MeetingBlock())], blank=True, verbose_name=_("møder"))
    press_contacts = StreamField([("contact", PressContactBlock())], blank=True, verbose_name=_("pressekontakter"))

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []
    # Partnerships are part of the advocacy the public search shows as "campaign".
    content_type_name = "campaign"
    content_panels = ContentPage.content_panels + [
        FieldPanel("partners"),
        FieldPanel("recommendations"),
        FieldPanel("body"),
        FieldPanel("meetings"),
        FieldPanel("press_contacts"),
    ]

    class Meta:
        verbose_name = _("partnerskab")
        verbose_name_plural = _("partnerskaber")

    def numbered_recommendations(self):
        return [
            {"number": i, "anchor": f"anbefaling-{i}", "text": block.value}
            for i, block in enumerate(self.recommendations, start=1)
        ]

    def search_document(self) -> dict:
        document = super().search_document()
        document["body"] = "\n".join(
            [
                ", ".join(partner.name for partner in self.partners.all()),
                block_text(self.recommendations),
                document["body"],
                block_text(self.meetings),
            ]
        )
        return document
