"""{% structured_data page %}: Open Graph meta tags and one JSON-LD block (see publishing/structured_data.py)."""

import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from home.site_url import base_url
from publishing import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data_tags(context, page):
    request = context.get("request")
    if page is None or request is None or not hasattr(page, "locale"):
        return ""

    def build():
        return str(_render(page, request, context.get("site_footer")))

    if not hasattr(page, "per_revision"):
        return mark_safe(build())
    # Once per published revision; the chrome version under it also covers menus, footer, ancestors, view
    # restrictions and the Site. The address is part of the name: the tags hold absolute URLs.
    return mark_safe(page.per_revision(request, f"structured-data:{get_language()}:{base_url()}", build))


def _render(page, request, footer):
    data = structured_data.graph(page, request, structured_data.breadcrumb_trail(page), footer)
    # json.dumps escapes nothing HTML-special; "</" must not close the script element.
    payload = (
        json.dumps(data, ensure_ascii=False, default=str)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    tags = structured_data.open_graph(page, request)
    meta = format_html_join("\n    ", '<meta property="{}" content="{}">', tags.items())
    return format_html(
        '<link rel="canonical" href="{}">\n    {}\n    <meta name="twitter:card" content="{}">'
        '\n    <script type="application/ld+json">{}</script>',
        structured_data.canonical_url(page, request),
        meta,
        "summary_large_image" if "og:image" in tags else "summary",
        mark_safe(payload),
    )
