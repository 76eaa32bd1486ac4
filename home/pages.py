"""The abstract base of every public content page: summary, import bookkeeping and what search needs."""

import html
import re

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from home import chrome
from home.slugs import slug_widget_formatters
from home.visibility import may_have_restrictions

#: body blocks rendered as a section with its own h2 (their templates use the same `anchor` filter)
SECTION_BLOCKS = ("steps", "checklist", "faq", "related")
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def anchor(text) -> str:
    """A heading's id that keeps æ/ø/å readable: "Sådan søger du" → "saadan-soeger-du" (not "sadan-sger-du")."""
    return slugify(str(text).translate(DANISH_LETTERS))


TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")


def html_to_text(markup: str) -> str:
    """Readable text of an HTML fragment: tags become spaces, entities are decoded, no markup is left."""
    if not markup:
        return ""
    text = html.unescape(TAG_RE.sub(" ", markup))
    return " ".join(TAG_RE.sub(" ", text).split())  # a tag written as text ("&lt;p&gt;") is markup too


def block_text(value) -> str:
    """Plain text of any StreamField value, one block a line (search, the print view, the exports).

    The one walker over StreamField: rich text loses its markup, list items and paragraphs keep a space
    between them ("a</li><li>b" → "a b"), chosen pages, images and other non-text values give nothing.
    """
    if value is None:
        return ""
    if isinstance(value, RichText):
        return html_to_text(value.source)
    if isinstance(value, str):
        return value
    if isinstance(value, StreamValue):
        children = (block_text(child.value) for child in value)
    elif isinstance(value, StructValue):
        children = (block_text(v) for v in value.values())
    elif isinstance(value, (ListValue, list, tuple)):
        children = (block_text(v) for v in value)
    else:
        return ""
    return "\n".join(text for text in children if text)


class ContentPageForm(WagtailAdminPageForm):
    """The admin form of every content page: the slug widget spells out æ, ø and å as the import does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].widget.attrs["data-w-slug-formatters-value"] = slug_widget_formatters()


class ContentPage(Page):
    """A public page with a short summary that can be imported with `import_content` and searched."""

    intro = models.TextField(_("kort fortalt"), blank=True, help_text=_("Et til tre sætninger i hverdagssprog."))
    import_hash = models.CharField(max_length=64, blank=True, editable=False)

    #: the `type` name used by import_content and the search API; None = not importable/searchable
    content_type_name: str | None = None
    #: the type's label on search results and suggestions when the verbose name (written for editors) is
    #: not what a reader should see; None = the verbose name (search.service.type_label)
    search_label = None
    body_field = "body"

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = ContentPageForm

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_topics"] = self.per_revision(request, "topics", self.topics)
        context["page_toc"] = self.per_revision(request, "toc", self.headings)
        return context

    def per_revision(self, request, name: str, build):
        """`build()` once per published revision of this page (a preview builds its own)."""
        if getattr(request, "is_preview", False) or not self.live or not self.live_revision_id:
            return build()
        return chrome.cached(f"{name}:{self.pk}:{self.live_revision_id}", "", build)

    def get_view_restrictions(self):
        """Wagtail's check costs two queries on every page view; the cached restricted paths answer
        "none" without a query for the (usual) page that no restriction can reach."""
        if not may_have_restrictions(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    # -- table of contents -------------------------------------------------------------
    def headings(self) -> list[dict]:
        """Every section of the body with its own h2: headings, and blocks with a heading (steps, checklist,
        questions and answers, related guides), in page order, for the contents box."""
        body = getattr(self, self.body_field, None)
        if not body:
            return []
        sections = []
        for block in body:
            if block.block_type == "heading":
                text = block.value
            elif block.block_type in SECTION_BLOCKS and hasattr(block.value, "get"):
                # an empty heading shows the block's default in the page's language: the contents box says the same
                text = block.value.get("heading") or self._default_heading(block.block)
            else:
                continue
            if text:
                sections.append({"text": text, "anchor": anchor(text)})
        return sections

    def _default_heading(self, block) -> str:
        shown = getattr(block, "default_heading_in", None)  # home.blocks.LocalisedHeadingMixin
        return shown(self.locale.language_code) if shown else ""

    # -- search ---------------------------------------------------------------------
    def topics(self) -> list[str]:
        tags = getattr(self, "tags", None)
        return [tag.name for tag in tags.all()] if tags is not None else []

    def search_document(self) -> dict:
        """What the public search indexes for this page: weighted fields, filters and display data."""
        body = getattr(self, self.body_field, None)
        return {
            "title": self.title,
            "summary": self.intro,
            "headings": [h["text"] for h in self.headings()],
            "body": block_text(body),
            "topics": self.topics(),
            "synonyms": [],
            "date": getattr(self, "published_at", None) or (self.first_published_at and self.first_published_at.date()),
        }
