"""Chrome shared by every page (menu, footer), loaded lazily in the reader's language."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language


def _for_language(model):
    def load():
        return (
            model.objects.filter(locale__language_code=get_language() or "da").first()
            or model.objects.filter(locale__language_code="da").first()
        )

    return load


def chrome(request):
    from home.models import Footer, HeaderNavigation

    return {
        "header_navigation": SimpleLazyObject(_for_language(HeaderNavigation)),
        "site_footer": SimpleLazyObject(_for_language(Footer)),
    }
