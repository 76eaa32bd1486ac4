"""{% structured_data page %}: Open Graph meta tags and one JSON-LD block (see publishing/structured_data.py)."""

import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from publishing import structured_data

register = template.Library()


#: the breadcrumb trail of a page is cached briefly: it costs a query per view otherwise, and a renamed
#: section shows up in the JSON-LD within this many seconds
TRAIL_CACHE_SECONDS = 300


def breadcrumb_trail(page, request) -> list[dict]:
    """[{title, url}] of the page's ancestors below the root, cached per page path and language."""
    if page.depth <= 2:
        return []
    from django.core.cache import cache
    from django.utils import translation

    key = f"publishing:trail:{page.pk}:{page.path}:{translation.get_language()}"
    trail = cache.get(key)
    if trail is None:
        trail = [{"title": p.title, "url": p.get_full_url(request)}
                 for p in page.get_ancestors().filter(depth__gt=1).select_related("locale")]
        cache.set(key, trail, TRAIL_CACHE_SECONDS)
    return trail


@register.simple_tag(takes_context=True)
def structured_data_tags(context, page):
    request = context.get("request")
    if page is None or request is None or not hasattr(page, "locale"):
        return ""
    data = structured_data.graph(page, request, breadcrumb_trail(page, request), context.get("site_footer"))
    # json.dumps escapes nothing HTML-special; "</" must not close the script element.
    payload = (json.dumps(data, ensure_ascii=False, default=str)
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    meta = format_html_join(
        "\n    ", '<meta property="{}" content="{}">', structured_data.open_graph(page, request).items()
    )
    return format_html('{}\n    <meta name="twitter:card" content="summary">\n    <script type="application/ld+json">{}</script>',
                       meta, mark_safe(payload))
