"""The counselling and membership forms as search results (type "tool"), in every language the site has.

They are views, not pages (campaigns/urls.py), so they reach the index through
`search.documents.register_tools`. Their texts are translated like the forms themselves; they name what a
parent looks for ("rådgivning", "blive medlem") and stay clear of the guides' subjects (a form must not
outrank the guide about a complaint or a meeting).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from search.engines.base import SearchDocument

TOOLS = {
    "counselling": {
        "title": _("Få rådgivning"),
        "summary": _(
            "Gratis rådgivning fra en rådgiver, der kender reglerne. Skriv til os, så ringer eller skriver "
            "vi tilbage. Vi har tavshedspligt."
        ),
        "words": _(
            "rådgivning, rådgiver, råd og vejledning, tal med en rådgiver, kontakt en rådgiver, counselling, advice"
        ),
    },
    "membership": {
        "title": _("Bliv medlem"),
        "summary": _(
            "Meld dig ind i foreningen. Som medlem støtter du vores arbejde og får rådgivning, arrangementer "
            "og et fællesskab."
        ),
        "words": _("medlem, medlemskab, indmeldelse, melde sig ind, kontingent, membership, join"),
    },
}


def tool_documents() -> list[SearchDocument]:
    languages = set(Locale.objects.values_list("language_code", flat=True))
    documents = []
    for code, _name in settings.LANGUAGES:
        if code not in languages:
            continue
        with translation.override(code):
            for name, texts in TOOLS.items():
                documents.append(
                    SearchDocument(
                        id=f"tool:{name}:{code}",
                        locale=code,
                        type="tool",
                        slug=name,
                        url=reverse(f"campaigns:{name}"),
                        title=gettext(texts["title"]),
                        summary=gettext(texts["summary"]),
                        headings=[],
                        body="",
                        topics=[],
                        synonyms=[w.strip() for w in gettext(texts["words"]).split(",") if w.strip()],
                        date=None,
                    )
                )
    return documents
