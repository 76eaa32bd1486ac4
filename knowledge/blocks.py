"""StreamField blocks of the guides: what to do, by when and under which law.

The blocks every page family shares (rich-text features, headings, boxes, documents, `BodyBlock`) are
in home/blocks.py. `HeadingBlock` is imported here too because old migrations name it by this path.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.snippets.blocks import SnippetChooserBlock

from deadlines.blocks import DeadlineCalculatorBlock
from home.blocks import RICH_FEATURES, BodyBlock, HeadingBlock, LocalisedHeadingMixin, optional_heading

__all__ = ["GuideBodyBlock", "HeadingBlock", "LegalProvisionBlock"]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Trin"))
    text = blocks.RichTextBlock(features=RICH_FEATURES, required=False, label=_("Forklaring"))


class StepsBlock(LocalisedHeadingMixin, blocks.StructBlock):
    default_heading = gettext_noop("Sådan gør du")
    heading = optional_heading(default_heading)
    steps = blocks.ListBlock(StepBlock(), label=_("Trin"))

    class Meta:
        icon = "list-ol"
        template = "blocks/steps.html"
        label = _("Nummererede trin")
        description = _("Nummererede trin: hvad forælderen gør, i rækkefølge.")
        preview_value = {
            "heading": "Sådan gør du",
            "steps": [
                {"title": "Saml dine udgifter", "text": RichText("<p>Gem kvitteringerne.</p>")},
                {"title": "Søg kommunen", "text": RichText("")},
            ],
        }


class ChecklistBlock(LocalisedHeadingMixin, blocks.StructBlock):
    default_heading = gettext_noop("Det skal du bruge")
    heading = optional_heading(default_heading)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Punkt")), label=_("Punkter"))

    class Meta:
        icon = "tasks"
        template = "blocks/checklist.html"
        label = _("Det skal du bruge")
        description = _("En liste over det, forælderen skal have klar.")
        preview_value = {"heading": "Det skal du bruge", "items": ["Kvitteringer", "Lægeerklæring"]}


class DeadlineBlock(blocks.StructBlock):
    what = blocks.CharBlock(label=_("Hvad er fristen for"))
    duration = blocks.CharBlock(label=_("Hvor lang"), help_text=_("Fx '4 uger'"))
    counted_from = blocks.CharBlock(label=_("Regnes fra"), help_text=_("Fx 'den dag du modtog afgørelsen'"))
    legal_basis = blocks.CharBlock(required=False, label=_("Lovgrundlag"))

    class Meta:
        icon = "time"
        template = "blocks/deadline.html"
        label = _("Frist")
        description = _("En frist: hvad den gælder, hvor lang den er, hvorfra den regnes, og lovgrundlaget.")
        preview_value = {
            "what": "Klage over afgørelsen",
            "duration": "4 uger",
            "counted_from": "den dag du modtog afgørelsen",
            "legal_basis": "Barnets lov § 168",
        }


class LegalProvisionBlock(SnippetChooserBlock):
    """A citation of a provision in the legal register; readers also see the current provision if it moved."""

    def __init__(self, **kwargs):
        super().__init__("knowledge.LegalProvision", **kwargs)

    def bulk_to_python(self, values):
        """The cited provisions, from a cache keyed by the register's version (bumped on every change)."""
        from knowledge.models.legal import cached_provisions

        return cached_provisions(values)

    class Meta:
        icon = "doc-full"
        template = "knowledge/blocks/legal_provision.html"
        label = _("Lovhenvisning fra lovregistret")
        description = _("En henvisning til en paragraf i lovregistret; læseren ser også, hvis den er flyttet.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Spørgsmål"))
    answer = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Svar"))


class FAQBlock(LocalisedHeadingMixin, blocks.StructBlock):
    default_heading = gettext_noop("Spørgsmål og svar")
    heading = optional_heading(default_heading)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Spørgsmål"))

    class Meta:
        icon = "help"
        template = "blocks/faq.html"
        label = _("Spørgsmål og svar")
        description = _("Spørgsmål og svar, som forældre ofte stiller.")
        preview_value = {
            "heading": "Spørgsmål og svar",
            "items": [{"question": "Skal jeg gemme kvitteringer?", "answer": RichText("<p>Ja, gem dem.</p>")}],
        }


class ContactBlock(LocalisedHeadingMixin, blocks.StructBlock):
    default_heading = gettext_noop("Få rådgivning")
    heading = optional_heading(default_heading)
    text = blocks.RichTextBlock(features=RICH_FEATURES, required=False, label=_("Tekst"))
    phone = blocks.CharBlock(required=False, label=_("Telefon"))
    email = blocks.EmailBlock(required=False, label=_("E-mail"))
    hours = blocks.CharBlock(required=False, label=_("Åbningstid"))

    class Meta:
        icon = "user"
        template = "blocks/contact.html"
        label = _("Rådgivning og kontakt")
        description = _("Hvor forælderen kan få rådgivning: telefon, e-mail og åbningstid.")
        preview_value = {
            "heading": "Få rådgivning",
            "text": RichText("<p>Ring, hvis du vil tale din sag igennem.</p>"),
            "phone": "70 00 00 00",
            "email": "raadgivning@example.org",
            "hours": "Mandag-torsdag 10-14",
        }


class RelatedPagesBlock(LocalisedHeadingMixin, blocks.StructBlock):
    default_heading = gettext_noop("Læs også")
    heading = optional_heading(default_heading)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Sider"))

    class Meta:
        icon = "link"
        template = "blocks/related_pages.html"
        label = _("Relaterede vejledninger")
        description = _("Links til vejledninger, der hænger sammen med denne.")


class GuideBodyBlock(BodyBlock):
    """A guide's body adds the blocks that tell a parent what to do, by when and under which law."""

    steps = StepsBlock()
    checklist = ChecklistBlock()
    deadline = DeadlineBlock()
    legal_provision = LegalProvisionBlock()
    deadline_calculator = DeadlineCalculatorBlock()
    faq = FAQBlock()
    contact = ContactBlock()
    related = RelatedPagesBlock()
