"""Which pages a reader may see linked: live and public (no password, login or group restriction on or above them).

The paths of the restricted pages are few and change rarely, so they are cached under a version that
saving or deleting a view restriction retires; a page is public when none of them is a prefix of its
path. That answers "may this page be shown?" without a query on every page view.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction

from home.versioned_cache import VersionedCache

# A short timeout bounds how long a process that cannot see the bump (a per-process cache, which production
# refuses without ALLOW_LOCAL_CACHE) may keep an old list (at most a minute); with Redis a bump is seen at once.
RESTRICTIONS = VersionedCache("view-restrictions", timeout=30, local_ttl=30)
post_save.connect(RESTRICTIONS.bump, sender=PageViewRestriction, dispatch_uid="visibility-restriction-saved")
post_delete.connect(RESTRICTIONS.bump, sender=PageViewRestriction, dispatch_uid="visibility-restriction-deleted")


def _bump_on_alias(sender, instance, **kwargs):
    """An alias page takes its source's restrictions (Wagtail): creating or deleting one retires the cache."""
    if isinstance(instance, Page) and getattr(instance, "alias_of_id", None):
        RESTRICTIONS.bump()


post_save.connect(_bump_on_alias, dispatch_uid="visibility-alias-saved")
post_delete.connect(_bump_on_alias, dispatch_uid="visibility-alias-deleted")


def aliases_exist() -> bool:
    return RESTRICTIONS.get_or_build("aliases", lambda: Page.objects.filter(alias_of__isnull=False).exists())


def may_have_restrictions(page: Page) -> bool:
    """False when no view restriction can apply to `page`: none on it or above it, and no alias pages on the
    site (whose restrictions come from their source page). True means: ask Wagtail."""
    return aliases_exist() or _under_a_restriction(page)


def restricted_paths() -> tuple[str, ...]:
    """The tree paths of every page that carries a view restriction."""
    return RESTRICTIONS.get_or_build(
        "paths", lambda: tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))
    )


def is_public(page: Page) -> bool:
    """Live, and no view restriction on the page or an ancestor."""
    return bool(page.live) and not _under_a_restriction(page)


def _under_a_restriction(page: Page) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths())


def public_pages(pages: Iterable[Page | None]) -> list[Page]:
    """The pages of `pages` that are live and public, in the same order."""
    return [page for page in pages if page is not None and is_public(page)]
