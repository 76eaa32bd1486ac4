"""Synonyms the search uses: editors' synonym lists (snippets) plus the glossary's everyday words.

`synonym_groups(locale)` is the one entry point for every engine (the Elasticsearch engine feeds it to
a synonym_graph filter). Results are cached (home/versioned_cache.py) and invalidated when a list or a glossary page
changes (the version lives in the Django cache, so other processes see the change too when Redis is used).
"""

from __future__ import annotations

from django.apps import apps

from home.versioned_cache import VersionedCache
from search.analysis import base_locale, is_stop, tokenize

# With a per-process cache a change made in another process shows here within a minute.
SYNONYMS_CACHE = VersionedCache("sitesearch:synonyms", timeout=60, local_ttl=60)
version = SYNONYMS_CACHE.version
invalidate = SYNONYMS_CACHE.bump


def load_groups(locale: str) -> list[list[str]]:
    """Groups from the database: synonym lists of the locale, then one group per glossary term (its title,
    everyday words and search words).

    The models are looked up in the app registry, not imported: the engines import this module, and a
    process that only indexes (tests/search/writer_process.py) imports an engine without setting Django up.
    """
    code = base_locale(locale)
    groups: list[list[str]] = []
    for synonym_list in apps.get_model("sitesearch", "SynonymList").objects.filter(locale=code):
        groups.extend(synonym_list.group_list())
    terms = apps.get_model("knowledge", "GlossaryPage").objects.live().public().filter(locale__language_code=code)
    for title, synonyms, search_words in terms.values_list("title", "synonyms", "search_words"):
        # the term, its everyday words ("Kaldes også") and its hidden search words (other languages,
        # misspellings, whole questions) are one group: a query with any of them finds all of them
        # (a whole question, "hvornår skal jeg klage", starts with a stop word: it stays in the term's
        # document, where it finds the term, but as a synonym it would shrink to "klage")
        words = [title]
        for line in f"{synonyms or ''}\n{search_words or ''}".splitlines():
            line = line.strip()
            first = tokenize(line)[:1]
            if first and not is_stop(first[0], code) and line not in words:
                words.append(line)
        if len(words) >= 2:
            groups.append(words)
    return groups


def synonym_groups(locale: str) -> list[list[str]]:
    """[[word, word, …], …] for a locale; each inner list is one group of equivalent words or phrases."""
    code = base_locale(locale)
    return SYNONYMS_CACHE.get_or_build(code, lambda: load_groups(code))
