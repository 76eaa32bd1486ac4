"""sitemap.xml for every locale tree, each URL with hreflang alternates to its translations; and robots.txt."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Page, Site

from home.site_url import base_url


def sitemap_entries(request) -> list[dict]:
    site = Site.find_for_request(request) or Site.objects.select_related("root_page").get(is_default_site=True)
    roots = list(Page.objects.filter(translation_key=site.root_page.translation_key).live())
    if not roots:
        return []
    query = Page.objects.none()
    for root in roots:
        query = query | Page.objects.descendant_of(root, inclusive=True)
    pages = list(
        query.live().public().exclude(content_type__model="redirectpage").select_related("locale").order_by("path")
    )
    by_key = defaultdict(list)
    for page in pages:
        page.sitemap_url = page.get_full_url(request)
        by_key[page.translation_key].append(page)
    entries = []
    for page in pages:
        translations = by_key[page.translation_key]
        alternates = (
            [{"hreflang": other.locale.language_code, "href": other.sitemap_url} for other in translations]
            if len(translations) > 1
            else []
        )
        if alternates:
            danish = next((o for o in translations if o.locale.language_code == "da"), None)
            if danish:
                alternates.append({"hreflang": "x-default", "href": danish.sitemap_url})
        entries.append({"location": page.sitemap_url, "lastmod": page.last_published_at, "alternates": alternates})
    return entries


def sitemap(request):
    xml = render_to_string("publishing/sitemap.xml", {"entries": sitemap_entries(request)})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /*/print/$",
        "",
        f"Sitemap: {base_url()}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
