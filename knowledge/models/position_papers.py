"""Position papers that policymakers read, quote and cite."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from home.pages import ContentPage
from knowledge.blocks import RICH_FEATURES, BodyBlock


class PositionPaperIndexPage(ContentPage):
    subpage_types = ["knowledge.PositionPaperPage"]

    class Meta:
        verbose_name = _("oversigt over holdningspapirer")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["papers"] = (
            PositionPaperPage.objects.child_of(self).live().public().defer_streamfields()
            .order_by("-published_at", "title")
        )
        return context


class PositionPaperPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.PositionPaperPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PositionPaperPage(ContentPage):
    """A position paper: summary, numbered recommendations with stable anchors, body, citation."""

    recommendations = StreamField(
        [("recommendation", blocks.RichTextBlock(features=RICH_FEATURES, label=_("Anbefaling")))],
        blank=True, verbose_name=_("anbefalinger"),
        help_text=_("Nummereres automatisk; anker #anbefaling-1, #anbefaling-2 …"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))
    tags = ClusterTaggableManager(through=PositionPaperPageTag, blank=True, verbose_name=_("emner"))
    published_at = models.DateField(_("dato"), null=True, blank=True)
    authors = models.CharField(_("forfattere"), max_length=500, blank=True, help_text=_("Adskil med komma"))
    pdf = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("PDF"),
    )

    parent_page_types = ["knowledge.PositionPaperIndexPage"]
    subpage_types: list[str] = []
    content_type_name = "position_paper"
    content_panels = ContentPage.content_panels + [
        FieldPanel("published_at"), FieldPanel("authors"), FieldPanel("tags"),
        FieldPanel("recommendations"), FieldPanel("body"), FieldPanel("pdf"),
    ]

    class Meta:
        verbose_name = _("holdningspapir")
        verbose_name_plural = _("holdningspapirer")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["citation"] = self.citation(request)
        return context

    def numbered_recommendations(self):
        return [
            {"number": i, "anchor": f"anbefaling-{i}", "text": block.value}
            for i, block in enumerate(self.recommendations, start=1)
        ]

    def author_list(self) -> list[str]:
        return [a.strip() for a in self.authors.split(",") if a.strip()]

    def citation(self, request=None) -> str:
        """A ready-to-copy citation: authors (year). Title. Organisation. URL."""
        from django.conf import settings

        authors = ", ".join(self.author_list()) or settings.WAGTAIL_SITE_NAME
        year = self.published_at.year if self.published_at else ""
        url = self.get_full_url(request) or ""
        return f"{authors} ({year}). {self.title}. {settings.WAGTAIL_SITE_NAME}. {url}".replace(" ()", "")

    def search_document(self) -> dict:
        document = super().search_document()
        document["body"] = "\n".join(
            [str(rec["text"].source) for rec in self.numbered_recommendations()] + [document["body"]]
        )
        return document
