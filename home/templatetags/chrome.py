"""Template tags for the language switch (with hreflang) and breadcrumbs."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from home.chrome import cached
from home.links import safe_link
from home.visibility import public_pages

register = template.Library()


def _locale_homes(request) -> dict[str, dict]:
    """{language: {"url", "full_url"}} of each language's home page (cached with the chrome)."""

    def build():
        return {
            p.locale.language_code: {"url": p.get_url(request), "full_url": p.get_full_url(request)}
            for p in Page.objects.filter(depth=2, live=True).select_related("locale")
        }

    return cached("homes", "all", build)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One link per language: the translation of this page where there is one, else that language's front page.

    Cached per page with the chrome (publishing, unpublishing or moving any page refreshes it).
    """
    request = context.get("request")
    current = get_language() or settings.LANGUAGE_CODE
    memo = getattr(request, "_language_links", None) if request is not None else None
    if memo is not None:
        return memo

    def build():
        translations = {}
        if page is not None and getattr(page, "pk", None):
            for other in page.get_translations(inclusive=True).live().public().select_related("locale"):
                translations[other.locale.language_code] = other
        homes = None
        links = []
        for code, name in settings.LANGUAGES:
            target = translations.get(code)
            if target is not None:
                urls = {"url": target.get_url(request), "full_url": target.get_full_url(request)}
            else:
                homes = homes if homes is not None else _locale_homes(request)
                urls = homes.get(code)
            if urls is None:
                continue
            links.append(
                {
                    "code": code,
                    "name": name,
                    **urls,
                    "is_current": code == current,
                    "is_translation": code in translations,
                }
            )
        return links

    page_key = getattr(page, "pk", None) or "none"
    links = cached(f"languages-{page_key}", current, build)
    if request is not None:
        request._language_links = links
    return links


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context.get("request")

    def build():
        if page.depth <= 2:
            return []
        return [
            {"url": a.get_url(request), "title": a.title, "depth": a.depth}
            for a in page.get_ancestors().filter(depth__gt=1)
        ]

    ancestors = cached(f"breadcrumbs-{page.pk}", get_language() or "da", build)
    return {"ancestors": ancestors, "page": page, "request": request}


@register.filter
def nav_url(link, request=None):
    if link.get("page"):
        return link["page"].get_url(request)
    return safe_link(link.get("url"))


@register.simple_tag(takes_context=True)
def cached_stream(context, page, field_name="body"):
    """Render a page's StreamField once per published revision and language, and reuse the HTML.

    Previews and unsaved pages are rendered fresh. Blocks that show other pages or snippets are
    refreshed through the chrome version (publishing, moving, deleting pages; saving content snippets).
    """
    request = context.get("request")
    value = getattr(page, field_name)

    def render():
        return str(value.render_as_block(context=context.flatten()))

    if not page.pk or getattr(request, "is_preview", False) or not page.live:
        return mark_safe(render())
    key = f"stream-{page.pk}-{field_name}-{page.live_revision_id or page.latest_revision_id}"
    return mark_safe(cached(key, get_language() or "da", render))


@register.filter
def public_only(pages):
    """Leaves out pages that are not live or not public: `{% for p in value.pages|public_only %}`.

    Also takes a stream of page blocks (`page.related_pages|public_only`) and returns the pages.
    """
    return public_pages(page if isinstance(page, Page) else getattr(page, "value", None) for page in pages or [])
