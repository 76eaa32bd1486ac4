"""One slug rule for the whole site: ASCII, with the Danish and Norwegian letters spelt out (æ→ae, ø→oe, å→aa).

Used by the import (`import_content`), by pages created in code, and, as formatters of Wagtail's slug
widget, by the admin's JavaScript, which applies them before its own transliteration: a title typed in
the admin gets the same slug as the same title imported.
"""

import json

from django.utils.text import slugify
from wagtail.coreutils import get_js_regex

LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}


def ascii_slug(text: str) -> str:
    """'Søg om hjælp på Ærø' → 'soeg-om-hjaelp-paa-aeroe'; other accents lose their marks (é → e)."""
    for letter, spelt_out in LETTERS.items():
        text = text.replace(letter, spelt_out)
    return slugify(text, allow_unicode=False)


def slug_widget_formatters() -> str:
    """The same letters as formatters for Wagtail's slug widget (`data-w-slug-formatters-value`)."""
    return json.dumps(
        [[get_js_regex(letter), spelt_out] for letter, spelt_out in LETTERS.items()], separators=(",", ":")
    )
