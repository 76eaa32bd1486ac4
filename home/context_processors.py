"""Chrome shared by every page (menu, footer), rendered once per language and cached (see home/chrome.py)."""

from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


def _snippet(model, language):
    return (
        model.objects.filter(locale__language_code=language).first()
        or model.objects.filter(locale__language_code="da").first()
    )


def _render(name, model, request):
    from home.chrome import cached

    language = get_language() or "da"

    def build():
        return render_to_string(f"components/{name}.html", {name: _snippet(model, language), "request": request})

    return mark_safe(cached(name, language, build))


def chrome(request):
    from home.models import Footer, HeaderNavigation

    return {
        "header_navigation_html": SimpleLazyObject(lambda: _render("header_navigation", HeaderNavigation, request)),
        "site_footer_html": SimpleLazyObject(lambda: _render("site_footer", Footer, request)),
    }
