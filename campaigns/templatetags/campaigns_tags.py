from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from home.models import StandardPage

register = template.Library()

PRIVACY_SLUGS = ("privatlivspolitik", "personvern", "privacy")


@register.simple_tag
def privacy_url() -> str:
    """The privacy page of the current language (a standard page with one of the usual slugs)."""
    language = (get_language() or "da").split("-")[0]
    return cache.get_or_set(f"campaigns:privacy_url:{language}", lambda: _find_privacy_url(language), 300)


def _find_privacy_url(language: str) -> str:
    page = (
        StandardPage.objects.live().filter(slug__in=PRIVACY_SLUGS, locale__language_code=language).first()
        or StandardPage.objects.live().filter(slug__in=PRIVACY_SLUGS).first()
    )
    return (page.url or "") if page else ""


@register.filter
def is_checkbox(field) -> bool:
    return getattr(field.field.widget, "input_type", "") == "checkbox"


@register.filter
def is_radio(field) -> bool:
    return field.field.widget.__class__.__name__ == "RadioSelect"
