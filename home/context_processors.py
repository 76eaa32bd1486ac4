"""Chrome shared by every page (menu, footer), rendered once per language and cached (see home/chrome.py)."""

from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from home.chrome import cached
from home.models import Footer, HeaderNavigation


def _snippet(model, language):
    return (
        model.objects.filter(locale__language_code=language).first()
        or model.objects.filter(locale__language_code="da").first()
    )


def _render(name, model, request):
    language = get_language() or "da"

    def build():
        return render_to_string(f"components/{name}.html", {name: _snippet(model, language), "request": request})

    return mark_safe(cached(name, language, build))


def _counselling_phone():
    """The counselling phone number of the request's language (from its footer), cached with the chrome."""
    language = get_language() or "da"

    def build():
        footer = _snippet(Footer, language)
        return footer.phone if footer else ""

    return cached("counselling_phone", language, build)


def chrome(request):
    return {
        "counselling_phone": SimpleLazyObject(_counselling_phone),
        "header_navigation_html": SimpleLazyObject(lambda: _render("header_navigation", HeaderNavigation, request)),
        "site_footer_html": SimpleLazyObject(lambda: _render("site_footer", Footer, request)),
    }
