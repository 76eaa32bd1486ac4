"""Editors see what a block is for (description) and a preview of it (preview_value), as in bakerydemo."""

import pytest

from home.blocks import BodyBlock
from knowledge.blocks import GuideBodyBlock

OWN_BLOCKS = ["heading", "callout", "document", "steps", "checklist", "deadline", "legal_provision", "faq"]
OWN_BLOCKS += ["contact", "related", "deadline_calculator"]


def test_every_block_of_ours_says_what_it_is_for():
    children = GuideBodyBlock().child_blocks
    missing = [name for name in OWN_BLOCKS if not getattr(children[name].meta, "description", "")]
    assert missing == []
    assert set(BodyBlock().child_blocks) <= set(children)


@pytest.mark.parametrize(
    "name, shown",
    [
        ("heading", "Sådan søger du"),
        ("callout", "Husk fristen"),
        ("steps", "Saml dine udgifter"),
        ("checklist", "Lægeerklæring"),
        ("deadline", "4 uger"),
        ("faq", "Skal jeg gemme kvitteringer?"),
        ("contact", "raadgivning@example.org"),
    ],
)
def test_the_preview_value_renders_as_a_reader_would_see_it(name, shown):
    block = GuideBodyBlock().child_blocks[name]
    html = block.render(block.get_preview_value(), context={})
    assert shown in html


@pytest.mark.parametrize(
    "language, expected",
    [("da", "Sådan gør du"), ("nb", "Slik gjør du")],
)
def test_an_empty_heading_shows_the_default_in_the_page_language(language, expected):
    from django.utils import translation

    block = GuideBodyBlock().child_blocks["steps"]
    value = block.to_python({"heading": "", "steps": [{"title": "Saml dine udgifter", "text": ""}]})
    with translation.override(language):
        html = block.render(value, context={})
    assert expected in html
    assert value["heading"] == ""  # the stored value is left alone


def test_a_heading_the_editor_wrote_is_kept():
    from django.utils import translation

    block = GuideBodyBlock().child_blocks["faq"]
    value = block.to_python({"heading": "Det spørger forældre om", "items": []})
    with translation.override("nb"):
        assert "Det spørger forældre om" in block.render(value, context={})
