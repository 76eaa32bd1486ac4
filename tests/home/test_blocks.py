"""Editors see what a block is for (description) and a preview of it in the block picker, as in bakerydemo.

The blocks are found, not listed: every block reachable from a StreamField of any model of our apps (pages
and snippets), and every subclass of Wagtail's Block defined in our apps. Each must describe itself in a
translatable text and have a preview that the admin renders (the same URL the block picker loads).
"""

import html
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from PIL import Image as PILImage
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model

from home.blocks import BodyBlock
from home.pages import block_text, html_to_text
from knowledge.blocks import GuideBodyBlock


def project_apps() -> set[str]:
    """The labels of our own apps: those whose code lives in this repository (not in the virtualenv)."""
    root = settings.BASE_DIR.resolve()
    return {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if config.path.startswith(str(root)) and ".venv" not in config.path
    }


def is_ours(block_class) -> bool:
    return block_class.__module__.split(".")[0] in project_apps()


def child_blocks(block):
    if isinstance(block, blocks.ListBlock):
        return [block.child_block]
    return list(getattr(block, "child_blocks", {}).values())


def blocks_in_stream_fields() -> dict[type, blocks.Block]:
    """{block class of ours: a block of that class} for every block reachable from any model's StreamField."""
    found = {}
    pending = [
        field.stream_block
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    ]
    while pending:
        block = pending.pop()
        if is_ours(type(block)):
            found.setdefault(type(block), block)
        pending.extend(child_blocks(block))
    return found


def subclasses_of_block() -> set[type]:
    classes, pending = set(), [blocks.Block]
    while pending:
        for subclass in pending.pop().__subclasses__():
            classes.add(subclass)
            pending.append(subclass)
    return {cls for cls in classes if is_ours(cls)}


def our_blocks() -> dict[str, blocks.Block]:
    """{"module.Class": block} for every block class our apps define, used in a StreamField or not."""
    found = blocks_in_stream_fields()
    for cls in subclasses_of_block():
        found.setdefault(cls, cls())
    return {f"{cls.__module__}.{cls.__name__}": block for cls, block in found.items()}


OUR_BLOCKS = our_blocks()

#: blocks the walk must find: if one is missing, the walk is broken (or the block was renamed)
EXPECTED = {
    "home.blocks.HeadingBlock",
    "home.blocks.ParagraphBlock",
    "home.blocks.CalloutBlock",
    "home.blocks.ImageBlock",
    "home.blocks.DocumentBlock",
    "home.blocks.QuoteBlock",
    "home.blocks.BodyBlock",
    "home.models.TopTaskBlock",
    "home.models.NavigationLinkBlock",
    "knowledge.blocks.StepBlock",
    "knowledge.blocks.StepsBlock",
    "knowledge.blocks.ChecklistBlock",
    "knowledge.blocks.DeadlineBlock",
    "knowledge.blocks.LegalProvisionBlock",
    "knowledge.blocks.FAQItemBlock",
    "knowledge.blocks.FAQBlock",
    "knowledge.blocks.ContactBlock",
    "knowledge.blocks.RelatedPagesBlock",
    "knowledge.blocks.GuideBodyBlock",
    "knowledge.models.principles.MemberOrganisationBlock",
    "deadlines.blocks.DeadlineCalculatorBlock",
    "campaigns.blocks.ProgrammeItemBlock",
    "campaigns.blocks.SpeakerBlock",
    "campaigns.blocks.StandBlock",
    "campaigns.blocks.NetworkGroupBlock",
    "campaigns.blocks.MeetingBlock",
    "campaigns.blocks.PressContactBlock",
}


def test_the_walk_finds_every_block_class_of_ours():
    assert {"home", "knowledge", "deadlines", "campaigns"} <= project_apps()
    assert EXPECTED <= set(OUR_BLOCKS), sorted(EXPECTED - set(OUR_BLOCKS))
    # every block of a page's body is ours (Wagtail's own blocks appear only inside ours)
    for body in (BodyBlock(), GuideBodyBlock()):
        assert [name for name, child in body.child_blocks.items() if not is_ours(type(child))] == []


@pytest.mark.parametrize("name", sorted(OUR_BLOCKS))
def test_every_block_says_what_it_is_for_in_a_translatable_text(name):
    block = OUR_BLOCKS[name]
    assert isinstance(block.meta.description, Promise), f"{name}: Meta.description must be gettext_lazy"
    assert str(block.get_description()).strip()


@pytest.mark.parametrize("name", sorted(OUR_BLOCKS))
def test_every_block_has_a_preview_the_admin_renders(name, sample_content, admin_client):
    block = OUR_BLOCKS[name]
    assert block.is_previewable, f"{name}: no preview in the block picker"
    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    page = html.unescape(html_to_text(response.content.decode()))
    text = block_text(block.get_preview_value()).splitlines()
    if text:  # a value that carries text shows it (chosen images, documents and pages carry none)
        longest = max(text, key=len)  # the words a reader reads, not a choice's code such as "warning"
        assert longest in page, f"{name}: {longest!r} is not in its preview"
    assert "site.css" in response.content.decode()  # as readers see it, with the site's style sheet


def rendered_preview(block) -> str:
    return str(block.render(block.get_preview_value(), context={}))


@pytest.mark.parametrize(
    "name, shown",
    [
        ("heading", "Sådan søger du"),
        ("paragraph", "Mange forældre har brug for en pause fra pasningen."),
        ("callout", "Husk fristen"),
        ("quote", "Det hjalp os at skrive en almindelig uge ned"),
        ("steps", "Saml dine udgifter"),
        ("checklist", "Lægeerklæring"),
        ("deadline", "Retssikkerhedsloven § 67"),
        ("faq", "Skal jeg gemme en kopi af det, jeg sender til kommunen?"),
        ("contact", "raadgivning@example.org"),
    ],
)
def test_the_preview_value_renders_as_a_reader_would_see_it(name, shown, db):  # the deadline box links the calculator
    block = GuideBodyBlock().child_blocks[name]
    assert shown in html.unescape(rendered_preview(block))


def test_previews_of_chosen_things_come_from_the_library_and_render_without_it(sample_content):
    body = BodyBlock().child_blocks
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    assert rendered_preview(body["image"]).strip() == ""
    assert rendered_preview(body["document"]).strip() == ""

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#114b5f").save(buffer, "PNG")
    get_image_model().objects.create(title="Familie ved bordet", file=ImageFile(buffer, name="familie.png"))
    document = get_document_model().objects.create(
        title="Skema til udgifter", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="skema.pdf")
    )
    image_html = rendered_preview(body["image"])
    assert "<img" in image_html and 'alt="Familie ved bordet"' in image_html
    document_html = rendered_preview(body["document"])
    assert document.url in document_html and "Skema til udgifter" in document_html


def test_related_guides_and_the_legal_provision_preview_what_the_site_has(sample_content):
    related = GuideBodyBlock().child_blocks["related"]
    with translation.override("nb"):
        pages = related.get_preview_value()["pages"]
        assert pages and {page.locale.language_code for page in pages} == {"nb"}
        assert "Les også" in rendered_preview(related)
    provision = GuideBodyBlock().child_blocks["legal_provision"].get_preview_value()
    assert provision is not None and provision.in_force


@pytest.mark.parametrize(
    "language, expected",
    [("da", "Sådan gør du"), ("nb", "Slik gjør du")],
)
def test_an_empty_heading_shows_the_default_in_the_page_language(language, expected):
    block = GuideBodyBlock().child_blocks["steps"]
    value = block.to_python({"heading": "", "steps": [{"title": "Saml dine udgifter", "text": ""}]})
    with translation.override(language):
        html = block.render(value, context={})
    assert expected in html
    assert value["heading"] == ""  # the stored value is left alone


def test_a_heading_the_editor_wrote_is_kept():
    block = GuideBodyBlock().child_blocks["faq"]
    value = block.to_python({"heading": "Det spørger forældre om", "items": []})
    with translation.override("nb"):
        assert "Det spørger forældre om" in block.render(value, context={})
