"""Open Graph tags and schema.org JSON-LD for a page: Organization, BreadcrumbList, Article, Event, FAQPage."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.html import strip_tags

from home.site_url import base_url
from publishing.share_card import og_image

ARTICLE_TYPES = {"ArticlePage": "NewsArticle", "PositionPaperPage": "Report", "GuidePage": "Article"}


def _language(page) -> str:
    """The page's language; the active language is the page's locale (i18n_patterns), without a query."""
    return translation.get_language() or page.locale.language_code


def _iso(value) -> str | None:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return None


def site_url(request) -> str:
    """The site's root URL: the one base URL (home/site_url.py), never the request's Host header."""
    return base_url() + "/"


def organization(request, footer=None) -> dict:
    data = {
        "@type": "Organization",
        "@id": site_url(request) + "#organisation",
        "name": (getattr(footer, "organisation", "") or settings.WAGTAIL_SITE_NAME),
        "url": site_url(request),
    }
    if footer is not None:
        if getattr(footer, "email", ""):
            data["email"] = footer.email
        if getattr(footer, "phone", ""):
            data["telephone"] = footer.phone
    return data


#: the breadcrumb trail is cached per published version of a page (and warmed when it is published);
#: a renamed section shows up in its descendants' JSON-LD within this many seconds
TRAIL_CACHE_SECONDS = 300


def breadcrumb_trail(page) -> list[dict]:
    """[{title, url}] of the page's ancestors below the root."""
    if page.depth <= 2:
        return []

    stamp = page.last_published_at.timestamp() if page.last_published_at else 0
    key = f"publishing:trail:{page.pk}:{page.path}:{stamp}"
    trail = cache.get(key)
    if trail is None:
        trail = [
            {"title": p.title, "url": p.get_full_url()}
            for p in page.get_ancestors().filter(depth__gt=1).select_related("locale")
        ]
        cache.set(key, trail, TRAIL_CACHE_SECONDS)
    return trail


def breadcrumbs(page, request, ancestors) -> dict | None:
    """ancestors: [{title, url}] from the top (below the root) down to the parent."""
    trail = [*ancestors, {"title": page.title, "url": page.get_full_url(request)}]
    if len(trail) < 2:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": item["title"], "item": item["url"]}
            for i, item in enumerate(trail, start=1)
        ],
    }


def article(page, request) -> dict | None:
    kind = ARTICLE_TYPES.get(type(page).__name__)
    if not kind:
        return None
    authors = page.author_list() if hasattr(page, "author_list") else []
    data = {
        "@type": kind,
        "headline": page.title[:110],
        "description": page.intro,
        "url": page.get_full_url(request),
        "inLanguage": _language(page),
        "datePublished": _iso(getattr(page, "published_at", None) or page.first_published_at),
        "dateModified": _iso(getattr(page, "last_reviewed", None) or page.last_published_at),
        "publisher": {"@id": site_url(request) + "#organisation"},
        "author": [{"@type": "Person", "name": a} for a in authors] or [{"@id": site_url(request) + "#organisation"}],
    }
    return {k: v for k, v in data.items() if v}


def event(page, request) -> dict | None:
    if type(page).__name__ != "EventPage" or not getattr(page, "start", None):
        return None
    online = bool(getattr(page, "online_url", ""))
    physical = bool(getattr(page, "venue", "") or getattr(page, "address", ""))
    mode = ("Mixed" if online and physical else "Online" if online else "Offline") + "EventAttendanceMode"
    data = {
        "@type": "Event",
        "name": page.title,
        "description": page.intro,
        "url": page.get_full_url(request),
        "startDate": _iso(page.start),
        "endDate": _iso(getattr(page, "end", None)),
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {"@id": site_url(request) + "#organisation"},
        "inLanguage": _language(page),
    }
    locations = []
    if physical:
        locations.append(
            {
                "@type": "Place",
                "name": page.venue or page.title,
                "address": " ".join((page.address or page.venue).split()),
            }
        )
    if online:
        # The online link itself is for confirmed participants only (campaigns/views.py): point at the page.
        locations.append({"@type": "VirtualLocation", "url": page.get_full_url(request)})
    if locations:
        data["location"] = locations if len(locations) > 1 else locations[0]
    return {k: v for k, v in data.items() if v}


def faq(page) -> dict | None:
    items = page.faq_items() if hasattr(page, "faq_items") else []
    if not items:
        return None
    return {
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item["answer"].source).strip()},
            }
            for item in items
        ],
    }


def graph(page, request, ancestors=(), footer=None) -> dict:
    nodes = [organization(request, footer)]
    for node in (breadcrumbs(page, request, list(ancestors)), article(page, request), event(page, request), faq(page)):
        if node:
            nodes.append(node)
    return {"@context": "https://schema.org", "@graph": nodes}


def canonical_url(page, request) -> str:
    """The page's address on the real site (the default Site's root URL, as Wagtail builds page URLs)."""
    return page.get_full_url(request)


def open_graph(page, request) -> dict:
    return {
        "og:type": "article" if type(page).__name__ in ARTICLE_TYPES else "website",
        "og:title": page.seo_title or page.title,
        "og:description": (page.search_description or getattr(page, "intro", "") or "")[:300],
        "og:url": canonical_url(page, request),
        "og:site_name": settings.WAGTAIL_SITE_NAME,
        "og:locale": {"da": "da_DK", "nb": "nb_NO"}.get(_language(page), "da_DK"),
        **og_image(page, site_url(request).rstrip("/")),
    }
