"""Which pages a reader may see linked: live and public (no password, login or group restriction on or above them)."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page


def public_pages(pages: Iterable[Page | None]) -> list[Page]:
    """The pages of `pages` that are live and public, in the same order (one query; none for an empty list)."""
    pages = [page for page in pages if page is not None and page.live]
    if not pages:
        return []
    public = set(Page.objects.filter(pk__in=[page.pk for page in pages]).public().values_list("pk", flat=True))
    return [page for page in pages if page.pk in public]
