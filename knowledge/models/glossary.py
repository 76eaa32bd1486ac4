"""The glossary: official terms explained, with the everyday words parents use for them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from home.blocks import BodyBlock
from home.pages import ContentPage


class GlossaryIndexPage(ContentPage):
    """An A–Z index of terms."""

    subpage_types = ["knowledge.GlossaryPage"]

    class Meta:
        verbose_name = _("ordbog")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        letters: dict[str, list] = {}
        for term in GlossaryPage.objects.child_of(self).live().public().defer_streamfields().order_by("title"):
            letters.setdefault(term.title[:1].upper(), []).append(term)
        context["letters"] = sorted(letters.items())
        return context


class GlossaryPage(ContentPage):
    """A term (the title) with its definition (the summary), explanation and everyday synonyms."""

    synonyms = models.TextField(
        _("hverdagsord"),
        blank=True,
        help_text=_(
            "Ét ord eller udtryk pr. linje, på dansk eller norsk, som forældre siger i hverdagen. Vises under "
            "'Kaldes også' og bruges af søgningen."
        ),
    )
    search_words = models.TextField(
        _("flere søgeord"),
        blank=True,
        help_text=_(
            "Ét pr. linje: ord på andre sprog, stavefejl og hele spørgsmål, som søgningen skal finde ordet på. "
            "Vises ikke for læserne."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("forklaring"))
    related_guides = ParentalManyToManyField(
        "knowledge.GuidePage", blank=True, verbose_name=_("relaterede vejledninger")
    )

    parent_page_types = ["knowledge.GlossaryIndexPage"]
    subpage_types: list[str] = []
    content_type_name = "glossary"
    #: the label of a glossary result and autocomplete suggestion (search.service.type_label): the
    #: verbose name "ord i ordbogen" names one entry for editors; readers see where it comes from
    search_label = pgettext_lazy("search result type", "Ordbog")
    api_fields = [APIField("intro"), APIField("synonyms"), APIField("body")]
    content_panels = ContentPage.content_panels + [
        FieldPanel("synonyms"),
        FieldPanel("search_words"),
        FieldPanel("body"),
        FieldPanel("related_guides"),
    ]

    class Meta:
        verbose_name = _("ord i ordbogen")
        verbose_name_plural = _("ord i ordbogen")

    def public_related_guides(self):
        """Related guides a reader may follow: live and public (a private guide is never linked)."""
        return self.related_guides.live().public().order_by("title")

    def synonym_list(self) -> list[str]:
        """The everyday words shown under "Kaldes også"."""
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    def search_word_list(self) -> list[str]:
        return [line.strip() for line in self.search_words.splitlines() if line.strip()]

    def search_document(self) -> dict:
        document = super().search_document()
        document["synonyms"] = self.synonym_list() + self.search_word_list()  # search finds both
        return document
