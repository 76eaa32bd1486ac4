"""StreamField blocks of the guides: what to do, by when and under which law.

The blocks every page family shares (rich-text features, headings, boxes, documents, `BodyBlock`) are
in home/blocks.py. `HeadingBlock` is imported here too because old migrations name it by this path.

The previews of the blocks with an optional heading leave it empty: the editor sees the default heading in
the admin's language, as a reader sees it in the page's.
"""

from django.apps import apps
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.snippets.blocks import SnippetChooserBlock

from deadlines.blocks import DeadlineCalculatorBlock
from deadlines.models import JURISDICTION_BY_LANGUAGE
from home.blocks import RICH_FEATURES, BodyBlock, HeadingBlock, LocalisedHeadingMixin, optional_heading
from home.models import Footer

__all__ = ["GuideBodyBlock", "HeadingBlock", "LegalProvisionBlock"]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Trin"))
    text = blocks.RichTextBlock(features=RICH_FEATURES, required=False, label=_("Forklaring"))

    class Meta:
        description = _("Ét trin: hvad forælderen gør, med en kort forklaring, hvis der er brug for den.")
        preview_value = {
            "title": "Send ansøgningen til kommunen",
            "text": RichText("<p>Gem en kopi af det, du sender.</p>"),
        }


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
            "heading": "",
            "steps": [
                {"title": "Saml dine udgifter", "text": RichText("<p>Lav et overblik over et helt år.</p>")},
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
        preview_value = {
            "heading": "",
            "items": ["Afgørelsen fra kommunen", "Lægeerklæring", "Kopi af det, du sender"],
        }


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
        # as the reviewed demo guides state it: the general complaint deadline on the social area
        preview_value = {
            "what": "Klage over en afgørelse på socialområdet",
            "duration": "4 uger",
            "counted_from": "den dag, afgørelsen kom frem til dig",
            "legal_basis": "Retssikkerhedsloven § 67",
        }


class LegalProvisionBlock(SnippetChooserBlock):
    """A citation of a provision in the legal register; readers also see the current provision if it moved."""

    def __init__(self, **kwargs):
        super().__init__("knowledge.LegalProvision", **kwargs)

    def bulk_to_python(self, values):
        """The cited provisions, from a cache keyed by the register's version (bumped on every change)."""
        # Not at the top: knowledge.models imports this module (guides use GuideBodyBlock), a real circle.
        from knowledge.models.legal import cached_provisions

        return cached_provisions(values)

    class Meta:
        icon = "doc-full"
        template = "knowledge/blocks/legal_provision.html"
        label = _("Lovhenvisning fra lovregistret")
        description = _("En henvisning til en paragraf i lovregistret; læseren ser også, hvis den er flyttet.")

    def get_preview_value(self):
        """A provision in force from the register (of the active language's country), or none when it is empty."""
        provisions = self.target_model.objects.filter(status=self.target_model.Status.IN_FORCE)
        return (
            provisions.filter(jurisdiction=JURISDICTION_BY_LANGUAGE.get(get_language(), "dk")).first()
            or provisions.first()
        )


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Spørgsmål"))
    answer = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Svar"))

    class Meta:
        description = _("Ét spørgsmål, som forældre stiller, og et kort svar.")
        preview_value = {
            "question": "Skal jeg gemme en kopi af det, jeg sender til kommunen?",
            "answer": RichText("<p>Ja. Gem en kopi af alt, hvad du sender, og skriv datoen på.</p>"),
        }


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
            "heading": "",
            "items": [
                {
                    "question": "Skal jeg gemme en kopi af det, jeg sender til kommunen?",
                    "answer": RichText("<p>Ja. Gem en kopi af alt, hvad du sender, og skriv datoen på.</p>"),
                }
            ],
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
            "heading": "",
            "text": RichText("<p>Ring eller skriv, hvis du vil tale din sag igennem med en rådgiver.</p>"),
            "phone": "",
            "email": "raadgivning@example.org",
            "hours": "",
        }

    def get_preview_value(self):
        """The box above with the counselling phone, e-mail and hours from the footer of the active language."""
        value = dict(self.meta.preview_value)
        footer = Footer.objects.filter(locale__language_code=get_language() or "da").first()
        if footer is not None:
            value.update(phone=footer.phone, email=footer.email or value["email"], hours=footer.counselling_hours)
        return self.normalize(value)


class RelatedPagesBlock(LocalisedHeadingMixin, blocks.StructBlock):
    default_heading = gettext_noop("Læs også")
    heading = optional_heading(default_heading)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Sider"))

    class Meta:
        icon = "link"
        template = "blocks/related_pages.html"
        label = _("Relaterede vejledninger")
        description = _("Links til vejledninger, der hænger sammen med denne.")
        preview_value = {"heading": "", "pages": []}

    def get_preview_value(self):
        """Three published guides in the active language (none when there are none yet)."""
        # by name: knowledge.models imports this module (see bulk_to_python above)
        guides = apps.get_model("knowledge", "GuidePage").objects.live().public()
        guides = guides.filter(locale__language_code=get_language() or "da").order_by("path")[:3]
        return self.normalize({**self.meta.preview_value, "pages": list(guides)})


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

    class Meta:
        description = _("En vejlednings indhold: det almindelige indhold og trin, frister, lovhenvisninger og svar.")
        preview_value = [
            ("heading", "Hvad kan du søge om?"),
            (
                "paragraph",
                RichText("<p>Skriv kort, hvad jeres familie har brug for, og hvorfor.</p>"),
            ),
            ("checklist", {"heading": "", "items": ["Afgørelsen fra kommunen", "Kopi af det, du sender"]}),
        ]
