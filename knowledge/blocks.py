"""StreamField blocks shared by the knowledge pages (and reused by home and campaigns).

Each block has an icon and a template in templates/blocks/; headings carry anchors so pages
can build a table of contents and readers can link to a section.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from deadlines.blocks import DeadlineCalculatorBlock

RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value)
        return context

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Overskrift")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Trin"))
    text = blocks.RichTextBlock(features=RICH_FEATURES, required=False, label=_("Forklaring"))


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Sådan gør du", label=_("Overskrift"))
    steps = blocks.ListBlock(StepBlock(), label=_("Trin"))

    class Meta:
        icon = "list-ol"
        template = "blocks/steps.html"
        label = _("Nummererede trin")


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Det skal du bruge", label=_("Overskrift"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Punkt")), label=_("Punkter"))

    class Meta:
        icon = "tasks"
        template = "blocks/checklist.html"
        label = _("Det skal du bruge")


class DeadlineBlock(blocks.StructBlock):
    what = blocks.CharBlock(label=_("Hvad er fristen for"))
    duration = blocks.CharBlock(label=_("Hvor lang"), help_text=_("Fx '4 uger'"))
    counted_from = blocks.CharBlock(label=_("Regnes fra"), help_text=_("Fx 'den dag du modtog afgørelsen'"))
    legal_basis = blocks.CharBlock(required=False, label=_("Lovgrundlag"))

    class Meta:
        icon = "time"
        template = "blocks/deadline.html"
        label = _("Frist")


class LegalReferenceBlock(blocks.StructBlock):
    """Free-text legal reference: no longer offered to editors (guides cite the legal register instead);
    kept so migration 0002 can describe what it converts."""

    law = blocks.CharBlock(label=_("Lov"))
    section = blocks.CharBlock(required=False, label=_("Paragraf"))
    url = blocks.URLBlock(required=False, label=_("Link til retsinformation.dk eller lovdata.no"))

    class Meta:
        icon = "doc-full"
        template = "blocks/legal_reference.html"
        label = _("Lovhenvisning")


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


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Godt at vide")), ("warning", _("Vigtigt"))], default="info", label=_("Slags")
    )
    title = blocks.CharBlock(required=False, label=_("Titel"))
    text = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Tekst"))

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        label = _("Advarsel eller boks")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Spørgsmål"))
    answer = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Svar"))


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Spørgsmål og svar", label=_("Overskrift"))
    items = blocks.ListBlock(FAQItemBlock(), label=_("Spørgsmål"))

    class Meta:
        icon = "help"
        template = "blocks/faq.html"
        label = _("Spørgsmål og svar")


class ContactBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Få rådgivning", label=_("Overskrift"))
    text = blocks.RichTextBlock(features=RICH_FEATURES, required=False, label=_("Tekst"))
    phone = blocks.CharBlock(required=False, label=_("Telefon"))
    email = blocks.EmailBlock(required=False, label=_("E-mail"))
    hours = blocks.CharBlock(required=False, label=_("Åbningstid"))

    class Meta:
        icon = "user"
        template = "blocks/contact.html"
        label = _("Rådgivning og kontakt")


class RelatedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Læs også", label=_("Overskrift"))
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Sider"))

    class Meta:
        icon = "link"
        template = "blocks/related_pages.html"
        label = _("Relaterede vejledninger")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(required=False, label=_("Linktekst"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Dokument")


class BodyBlock(blocks.StreamBlock):
    """The body of most pages: text, headings, boxes, images and documents."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_FEATURES, icon="pilcrow", label=_("Tekst"))
    callout = CalloutBlock()
    image = ImageBlock(label=_("Billede"), template="blocks/image.html")
    document = DocumentBlock()
    quote = blocks.BlockQuoteBlock(label=_("Citat"), template="blocks/quote.html")


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
