"""Cached site chrome (menu, footer, language homes) and rendered page bodies.

The chrome is the same on every page of a language, so it is rendered once and cached under a
version number. Publishing, moving or deleting a page, or saving a menu or footer, bumps the version.
With a shared cache (Redis) every worker sees the bump at once; with the per-process default cache a
worker may show an old menu for at most CHROME_TTL seconds. A page body is cached per published
revision, so publishing a page shows its new body at once in every worker.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from home.versioned_cache import VersionedCache

CHROME_TTL = 300
CHROME = VersionedCache("chrome", timeout=CHROME_TTL)
version = CHROME.version
bump = CHROME.bump


def cached(name: str, language: str, build):
    return CHROME.get_or_build(f"{name}:{language}", build)


page_published.connect(bump, dispatch_uid="chrome-published")
page_unpublished.connect(bump, dispatch_uid="chrome-unpublished")
post_page_move.connect(bump, dispatch_uid="chrome-moved")


#: Snippets from these apps appear inside rendered pages (menus, legal provisions, deadline rules).
CONTENT_SNIPPET_APPS = {"home", "knowledge", "deadlines"}


@receiver(post_save, dispatch_uid="chrome-saved")
@receiver(post_delete, dispatch_uid="chrome-deleted")
def bump_on_chrome_change(sender, **kwargs):
    if sender in (Site, Locale):
        bump()
    elif issubclass(sender, Page):
        if kwargs.get("signal") is post_delete:
            bump()
    elif sender._meta.app_label in CONTENT_SNIPPET_APPS and sender in get_snippet_models():
        bump()
