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
