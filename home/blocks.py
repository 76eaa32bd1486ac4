"""StreamField blocks every page family shares: the rich-text features, headings, boxes, documents, the body.

They live here, beside `ContentPage` (home/pages.py), so that every app can build on them and none has
to import another app for them. Blocks that belong to one family stay in its app (knowledge/blocks.py:
steps, checklists, legal citations …). Each block has an icon and a template in templates/blocks/;
headings carry anchors so pages can build a table of contents and readers can link to a section.

Every block tells editors what it is for (`Meta.description`) and shows them a preview in the block
picker (`Meta.preview_value`, or `get_preview_value()` where the value must come from the database: an
image, a document, a page), as in wagtail/bakerydemo. The previews are rendered by
templates/wagtailcore/shared/block_preview.html with the site's own style sheet.

`body_blocks(text)` turns the plain text of an import (or of the demo pages) into this body.
"""

from typing import Any

from django.utils import translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock as WagtailImageBlock
from wagtail.rich_text import RichText

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
        description = _(
            "Overskrift med anker: den kommer med i indholdsfortegnelsen, og man kan linke direkte til den."
        )
        preview_value = "Sådan søger du"


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
        description = _("En boks, der skiller sig ud: godt at vide eller vigtigt (fx en frist, man ikke må overse).")
        preview_value = {
            "kind": "warning",
            "title": "Husk fristen",
            "text": RichText(
                "<p>Læs klagevejledningen i afgørelsen. Den fortæller, hvor lang tid du har til at klage, "
                "og hvor du skal sende klagen hen.</p>"
            ),
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(required=False, label=_("Linktekst"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Dokument")
        description = _("Et link til et dokument fra dokumentbiblioteket, fx en PDF.")

    def get_preview_value(self):
        """The newest document in the library under its own title; no link when the library is empty."""
        return self.normalize({"document": get_document_model().objects.order_by("-created_at").first(), "title": ""})


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        description = _("Almindelig tekst i korte afsnit, gerne med punktlister, fed skrift og links.")
        preview_value = (
            "<p>Mange forældre har brug for en pause fra pasningen. Skriv ned, hvordan en almindelig uge ser ud "
            "for jeres familie, <b>før</b> du taler med kommunen.</p>"
            "<ul><li>Hvad fylder mest i hverdagen?</li><li>Hvad kan barnet klare selv?</li></ul>"
        )


class ImageBlock(WagtailImageBlock):
    class Meta:
        description = _(
            "Et billede fra billedbiblioteket med en alternativ tekst, der beskriver det for dem, der ikke kan se det."
        )

    def get_preview_value(self):
        """The newest image in the library with its own alt text, or no image when the library is empty."""
        image = get_image_model().objects.order_by("-created_at").first()
        if image is not None:
            image.contextual_alt_text = image.default_alt_text
            image.decorative = False
        return image


class QuoteBlock(blocks.BlockQuoteBlock):
    class Meta:
        description = _("Et citat, der skal stå frem fra teksten, fx hvad en forælder har fortalt.")
        preview_value = "Det hjalp os at skrive en almindelig uge ned, før vi mødtes med kommunen."


#: Migrations record the paragraph and quote as Wagtail's own blocks: the subclasses above only add what
#: editors see (description, preview), which a migration has no use for, so no migration is needed for them
#: (StructBlocks and Wagtail's ImageBlock deconstruct as their Wagtail base in the same way).
DECONSTRUCT_ALIASES = {ParagraphBlock: "wagtail.blocks.RichTextBlock", QuoteBlock: "wagtail.blocks.BlockQuoteBlock"}


class LocalisedHeadingMixin:
    """A StructBlock whose `heading` may be left empty: readers then see `default_heading` in the page's
    language (the language the page is served in), so a Norwegian guide never shows a Danish default.

    `default_heading_in` is the one source of the defaults in every language: the block's rendering, the
    page's table of contents (`ContentPage.headings`) and the import (knowledge/content_types.py) ask it."""

    #: the Danish default, marked with gettext_noop; translated when shown
    default_heading = ""

    @classmethod
    def default_heading_in(cls, language: str | None = None) -> str:
        """`default_heading` in `language` (a language code), or in the active language when None."""
        if not cls.default_heading:
            return ""
        if language is None:
            return gettext(cls.default_heading)
        with translation.override(language):
            return gettext(cls.default_heading)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if not value.get("heading") and self.default_heading:
            value = blocks.StructValue(self, list(value.items()))
            value["heading"] = self.default_heading_in()
            context["value"] = context["self"] = value
        return context


def optional_heading(default: str) -> blocks.CharBlock:
    return blocks.CharBlock(
        required=False,
        label=_("Overskrift"),
        help_text=_("Tom: «%(default)s» på sidens sprog.") % {"default": default},
    )


class BodyBlock(blocks.StreamBlock):
    """The body of most pages: text, headings, boxes, images and documents."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=RICH_FEATURES, icon="pilcrow", label=_("Tekst"))
    callout = CalloutBlock()
    image = ImageBlock(label=_("Billede"), template="blocks/image.html")
    document = DocumentBlock()
    quote = QuoteBlock(label=_("Citat"), template="blocks/quote.html")

    class Meta:
        description = _("Sidens indhold: tekst, overskrifter, bokse, billeder, dokumenter og citater.")
        preview_value = [
            ("heading", "Sådan søger du"),
            (
                "paragraph",
                RichText(
                    "<p>Skriv kort, hvad jeres familie har brug for, og hvorfor. "
                    "Gem en kopi af alt, hvad du sender til kommunen.</p>"
                ),
            ),
        ]


# -- plain text → body -------------------------------------------------------------------


def body_blocks(text: str) -> list[tuple[str, Any]]:
    """Plain text → BodyBlock data: blank lines separate paragraphs, "## " starts a heading, "- " a list item.

    Text is escaped: markup in it shows as text, never as HTML.
    """
    result: list[tuple[str, Any]] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph():
        if paragraph:
            result.append(("paragraph", RichText("<p>{}</p>".format(escape(" ".join(paragraph))))))
            paragraph.clear()

    def flush_list():
        if items:
            result.append(
                ("paragraph", RichText("<ul>{}</ul>".format("".join(f"<li>{escape(i)}</li>" for i in items))))
            )
            items.clear()

    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_paragraph()
            flush_list()
        elif line.startswith("## "):
            flush_paragraph()
            flush_list()
            if line[3:].strip():
                result.append(("heading", line[3:].strip()))
        elif line.startswith("- "):
            flush_paragraph()
            if line[2:].strip():
                items.append(line[2:].strip())
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return result


def rich(text: str) -> RichText:
    """Plain text → rich text: blank lines separate paragraphs; escaped."""
    return RichText("".join(f"<p>{escape(p.strip())}</p>" for p in str(text).split("\n\n") if p.strip()))
