"""Synonyms the search uses: editors' synonym lists (snippets) plus the glossary's everyday words.

`synonym_groups(locale)` is the one entry point for every engine (the Elasticsearch engine feeds it to
a synonym_graph filter). Results are cached in the process and invalidated when a list or a glossary
page changes (through the Django cache, so other processes see the change too when Redis is used).
"""

from __future__ import annotations

import time

from django.core.cache import cache

from search.analysis import base_locale

CACHE_KEY = "sitesearch:synonyms:version"
TTL_SECONDS = 60

_cache: dict[str, tuple[float, object, list[list[str]]]] = {}


def version() -> object:
    return cache.get(CACHE_KEY, 0)


def invalidate() -> None:
    try:
        cache.set(CACHE_KEY, time.time(), None)
    except Exception:  # noqa: BLE001 - a cache outage must not break saving a snippet
        pass
    _cache.clear()


def load_groups(locale: str) -> list[list[str]]:
    """Groups from the database: synonym lists of the locale, then one group per glossary term."""
    from django.apps import apps

    from search.models import SynonymList

    code = base_locale(locale)
    groups: list[list[str]] = []
    for synonym_list in SynonymList.objects.filter(locale=code):
        groups.extend(synonym_list.group_list())
    try:
        glossary = apps.get_model("knowledge", "GlossaryPage")
    except LookupError:
        glossary = None
    if glossary is not None:
        for title, synonyms in (
            glossary.objects.live().public().filter(locale__language_code=code).values_list("title", "synonyms")
        ):
            words = [title] + [line.strip() for line in (synonyms or "").splitlines() if line.strip()]
            if len(words) >= 2:
                groups.append(words)
    return groups


def synonym_groups(locale: str) -> list[list[str]]:
    """[[word, word, …], …] for a locale; each inner list is one group of equivalent words or phrases."""
    code = base_locale(locale)
    current = version()
    cached = _cache.get(code)
    now = time.monotonic()
    if cached and cached[1] == current and now - cached[0] < TTL_SECONDS:
        return cached[2]
    groups = load_groups(code)
    _cache[code] = (now, current, groups)
    return groups
