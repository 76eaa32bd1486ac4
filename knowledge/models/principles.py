"""Pårørendealliancen's five principles: one page listing them all, each principle also its own page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from home.blocks import BodyBlock
from home.pages import ContentPage


class MemberOrganisationBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Navn"))
    url = blocks.URLBlock(required=False, label=_("Hjemmeside"))

    class Meta:
        icon = "group"
        description = _("En organisation, der står bag principperne, med et link til dens hjemmeside.")
        # the one member the demo content names, because it could be checked (install_principles_overview)
        preview_value = {"name": "Pårørende i Danmark", "url": "https://paaroer.dk/"}


class PrinciplesPage(ContentPage):
    """The alliance's principles, each with its own anchor, the member organisations and the PDF."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))
    members = StreamField(
        [("organisation", MemberOrganisationBlock())], blank=True, verbose_name=_("medlemsorganisationer")
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("principperne som PDF"),
    )

    subpage_types = ["knowledge.PrinciplePage"]
    content_panels = ContentPage.content_panels + [FieldPanel("body"), FieldPanel("members"), FieldPanel("pdf")]

    class Meta:
        verbose_name = _("principper")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["principles"] = PrinciplePage.objects.child_of(self).live().public().order_by("number", "path")
        return context


class PrinciplePage(ContentPage):
    """One principle."""

    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))

    parent_page_types = ["knowledge.PrinciplesPage"]
    subpage_types: list[str] = []
    content_type_name = "principle"
    api_fields = [APIField("intro"), APIField("number"), APIField("body")]
    content_panels = ContentPage.content_panels + [FieldPanel("number"), FieldPanel("body")]

    class Meta:
        verbose_name = _("princip")
        verbose_name_plural = _("principper")

    @property
    def anchor(self) -> str:
        return f"princip-{self.number}"

    def get_context(self, request, *args, **kwargs):
        """The principles before and after this one (by number), for the previous/next links."""
        context = super().get_context(request, *args, **kwargs)
        siblings = list(
            PrinciplePage.objects.sibling_of(self, inclusive=True)
            .live()
            .public()
            .order_by("number", "path")
            .only("id", "title", "number", "url_path", "path", "depth")
        )
        position = next((i for i, sibling in enumerate(siblings) if sibling.pk == self.pk), None)
        if position is not None:
            context["previous_principle"] = siblings[position - 1] if position > 0 else None
            context["next_principle"] = siblings[position + 1] if position + 1 < len(siblings) else None
        return context
