"""{{ html|link_guide_mentions }}: "Læs vores guide om at klage over en afgørelse." becomes a link to that guide.

The guide is found among the live guides of the page's language by the words after "guide om" (fuzzy, so
"transport til skole" finds "Transport til og fra skole (befordring)"); a sentence without a clear match is
left as it is. The list of guides is cached with the site chrome, so no query once warm.
"""

import re

from django import template
from django.apps import apps
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from rapidfuzz import fuzz, process, utils

from home.chrome import cached

register = template.Library()

MENTION = re.compile(
    r"(?P<lead>(?:Læs|Se) (?:mere i |også )?vores guide om |Les (?:mer i |også )?veiledningen vår om )"
    r"(?P<topic>[^.<>]{3,120})(?P<end>\.)"
)
MIN_SCORE = 70


def _guides(language: str) -> list[tuple[str, str]]:
    def build():
        guide_model = apps.get_model("knowledge", "GuidePage")
        return [
            (guide.title, guide.url)
            for guide in guide_model.objects.live().public().filter(locale__language_code=language).specific()
            if guide.url
        ]

    return cached("guide_titles", language, build)


@register.filter
def link_guide_mentions(html, current_url=""):
    html = str(html)
    if "guide om " not in html and "veiledningen vår om " not in html:
        return mark_safe(html)
    guides = [(title, url) for title, url in _guides(get_language() or "da") if url != current_url]
    if not guides:
        return mark_safe(html)
    titles = [title.lower() for title, _url in guides]

    def link(match):
        found = process.extractOne(match["topic"], titles, scorer=fuzz.token_set_ratio, processor=utils.default_process)
        if not found or found[1] < MIN_SCORE:
            return match.group(0)
        url = guides[found[2]][1]
        return f'{match["lead"]}<a href="{escape(url)}">{match["topic"]}</a>{match["end"]}'

    return mark_safe(MENTION.sub(link, html))
