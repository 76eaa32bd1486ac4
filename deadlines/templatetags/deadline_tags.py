"""{% calculator_url %}: the address of the deadline calculator in the page's language ("" if there is none).

Cached with the site chrome (home/chrome.py), so a page that links the calculator costs no query once warm.
"""

from django import template
from django.utils import translation

from deadlines.models import DeadlineCalculatorPage
from home.chrome import cached

register = template.Library()


@register.simple_tag(takes_context=True)
def calculator_url(context) -> str:
    language = translation.get_language() or "da"
    request = context.get("request")

    def build():
        page = DeadlineCalculatorPage.objects.live().filter(locale__language_code=language).first()
        return page.get_url(request=request) or "" if page else ""

    return cached("calculator_url", language, build)
