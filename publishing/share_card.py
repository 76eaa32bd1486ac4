"""The picture a shared page shows (`og:image`): the page's own image, or a generated card.

The card is a 1200×630 PNG with the page title and the organisation's name, drawn with Pillow. It is served
from `/del/<page id>-<revision id>.png`, rendered once per published revision and kept in the cache; it is
never written to media. Only live pages without a view restriction get either: a private page has no
`og:image` at all, and its card URL answers 404.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont
from wagtail.images.models import AbstractImage

from home.visibility import is_public

CARD_SIZE = (1200, 630)
CARD_CACHE_SECONDS = 30 * 24 * 3600
BRAND = (17, 75, 95)  # --brand in static/css/site.css
PAPER = (255, 255, 255)
ACCENT = (255, 191, 71)  # --focus
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
]


def page_is_public(page) -> bool:
    """Live, and no view restriction on the page or an ancestor (home/visibility.py)."""
    return is_public(page)


def page_image(page):
    """The page's own picture: an `image` field, else the first image block of its body."""
    image = getattr(page, "image", None)
    if isinstance(image, AbstractImage):
        return image
    body = getattr(page, getattr(page, "body_field", "body"), None)
    for block in body or []:
        if block.block_type == "image" and isinstance(block.value, AbstractImage):
            return block.value
    return None


def og_image(page, base_url: str) -> dict:
    """og:image (absolute) with its size and alt text; empty for a page that is not public."""
    if not page_is_public(page):
        return {}
    image = page_image(page)
    if image is not None:
        rendition = image.get_rendition("fill-1200x630-c100")
        url = rendition.url if rendition.url.startswith("http") else base_url + rendition.url
        return {
            "og:image": url,
            "og:image:width": str(rendition.width),
            "og:image:height": str(rendition.height),
            "og:image:alt": getattr(image, "contextual_alt_text", None)
            or getattr(image, "default_alt_text", "")
            or image.title,
        }
    return {
        "og:image": base_url + card_path(page),
        "og:image:type": "image/png",
        "og:image:width": str(CARD_SIZE[0]),
        "og:image:height": str(CARD_SIZE[1]),
        "og:image:alt": page.seo_title or page.title,
    }


def card_path(page) -> str:
    return reverse("share_card", args=[page.pk, page.live_revision_id or 0])


def _font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)  # Pillow's bundled font (needs FreeType)


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + " …", font=font) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += " …"
    return lines


def render_card(title: str, organisation: str) -> bytes:
    image = Image.new("RGB", CARD_SIZE, BRAND)
    draw = ImageDraw.Draw(image)
    margin = 80
    width = CARD_SIZE[0] - 2 * margin
    draw.rectangle([0, CARD_SIZE[1] - 24, CARD_SIZE[0], CARD_SIZE[1]], fill=ACCENT)
    size = 72
    while True:
        font = _font(size)
        lines = _wrap(draw, title, font, width, 4)
        if size <= 48 or (len(lines) <= 3 and not lines[-1].endswith(" …")):
            break
        size -= 8
    y = margin
    for line in lines:
        draw.text((margin, y), line, font=font, fill=PAPER)
        y += int(size * 1.25)
    small = _font(36)
    draw.text((margin, CARD_SIZE[1] - 24 - margin - 36), organisation, font=small, fill=PAPER)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def card_for(page) -> bytes:
    """The card of the page's live revision, from the cache (rendered once per revision and language)."""
    language = page.locale.language_code
    key = f"share_card:{page.pk}:{page.live_revision_id or 0}:{language}"

    def render() -> bytes:
        with translation.override(language):
            return render_card(page.seo_title or page.title, _("Familier med særlige behov"))

    return cache.get_or_set(key, render, CARD_CACHE_SECONDS)
