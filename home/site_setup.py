"""Creates the skeleton every installation needs: locales, a home page per language and the Site."""

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from home.site_url import PLACEHOLDER, base_url, site_address

HOME_TITLES = {
    "da": "Hjælp til familier med børn med særlige behov",
    "nb": "Hjelp til familier med barn med særlige behov",
}


def ensure_locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


@transaction.atomic
def ensure_home(language_code: str = "da"):
    """The home page of a language, created (as a translation of the Danish one) if missing."""
    locale = ensure_locale(language_code)
    existing = HomePage.objects.filter(locale=locale).first()
    if existing:
        return existing
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if language_code == "da":
        home = HomePage(title=HOME_TITLES["da"], slug="forside", locale=locale)
        root.add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Familier med særlige behov"
            if (site.hostname, site.port) == PLACEHOLDER:  # Wagtail's own default: not where the site is served
                site.hostname, site.port = site_address(base_url())
            site.save()
        else:
            hostname, port = site_address(base_url())  # never Wagtail's placeholder localhost:80
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name="Familier med særlige behov",
            )
        # Wagtail's placeholder "Welcome" page is not ours to keep.
        if (
            old_root
            and old_root.pk != home.pk
            and old_root.specific_class is Page
            and not old_root.get_children().exists()
        ):
            old_root.delete()
    else:
        danish = ensure_home("da")
        home = HomePage(
            title=HOME_TITLES.get(language_code, danish.title),
            slug=slugify(f"forside-{language_code}"),
            locale=locale,
            translation_key=danish.translation_key,
        )
        root.add_child(instance=home)
    home.save_revision().publish()
    return home


@transaction.atomic
def ensure_index(model, language_code: str, titles: dict[str, str], slugs: dict[str, str]):
    """The index page of a page family in a language, created under that language's home page if missing.

    Indexes in different languages share a translation key, so the language switch links them.
    """
    home = ensure_home(language_code)
    existing = model.objects.child_of(home).first()
    if existing:
        return existing
    page = model(title=titles[language_code], slug=slugs[language_code], locale=home.locale)
    if language_code != "da":
        danish = model.objects.child_of(ensure_home("da")).first() or ensure_index(model, "da", titles, slugs)
        page.translation_key = danish.translation_key
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
