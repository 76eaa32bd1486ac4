"""The one place a search runs: engine query, best bets from search promotions, the query log."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.analysis import normalise_query
from search.engines import get_engine
from search.engines.base import SearchHit, SearchResults

LOCALES = ("da", "nb")
MAX_LIMIT = 50
MAX_OFFSET = 10_000
_DIGITS = re.compile(r"\d[\d\s-]{4,}\d")
_EMAIL = re.compile(r"\S+@\S+")


def known_types() -> list[str]:
    from search.documents import searchable_models

    return sorted({m.content_type_name for m in searchable_models()})


@dataclass
class Promotion:
    title: str
    url: str
    description: str
    type: str | None = None
    slug: str | None = None


@dataclass
class SearchOutcome:
    results: SearchResults
    promotions: list[Promotion] = field(default_factory=list)
    log_id: str | None = None


PROMOTED_CACHE_KEY = "sitesearch:promotions:version"
_promoted: dict[str, object] = {}


def invalidate_promotions(**kwargs) -> None:
    import time

    from django.core.cache import cache

    _promoted.clear()
    try:
        cache.set(PROMOTED_CACHE_KEY, time.time(), None)
    except Exception:  # noqa: BLE001 - a cache outage must not break saving a promotion
        pass


def promoted_queries() -> frozenset[str]:
    """The query strings that have promotions (cached; saves a database query on almost every search)."""
    import time

    from django.core.cache import cache
    from wagtail.contrib.search_promotions.models import SearchPromotion

    version = cache.get(PROMOTED_CACHE_KEY, 0)
    now = time.monotonic()
    if _promoted.get("version") != version or now - _promoted.get("at", 0) > 60:
        _promoted["queries"] = frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True))
        _promoted["version"], _promoted["at"] = version, now
    return _promoted["queries"]


def promotions_for(text: str, locale: str) -> list[Promotion]:
    """Wagtail search promotions ("best bets") whose query matches the normalised text, in the locale."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    candidates = {normalise_query_string(text), normalise_query(text)} - {""}
    if not candidates or not candidates & promoted_queries():
        return []
    from wagtail.models import Page

    found = []
    promotions = list(
        SearchPromotion.objects.filter(query__query_string__in=candidates)
        .select_related("page", "page__locale")
        .order_by("sort_order", "pk")
    )
    page_ids = {p.page_id for p in promotions if p.page_id}
    # A best bet never points at a private page (password, login or group restriction on it or above it).
    public_ids = (
        set(Page.objects.filter(pk__in=page_ids).live().public().values_list("pk", flat=True)) if page_ids else set()
    )
    for promotion in promotions:
        page = promotion.page
        if page is not None:
            if page.pk not in public_ids or page.locale.language_code != locale:
                continue
            specific_class = page.specific_class
            found.append(
                Promotion(
                    page.title,
                    page.get_url() or page.url,
                    promotion.description,
                    getattr(specific_class, "content_type_name", None),
                    page.slug,
                )
            )
        elif promotion.external_link_url:
            found.append(
                Promotion(
                    promotion.external_link_text or promotion.external_link_url,
                    promotion.external_link_url,
                    promotion.description,
                )
            )
    return found


def redact(text: str) -> str:
    """Numbers (CPR, phone) and e-mail addresses replaced (kept for callers; the log drops such queries)."""
    return _EMAIL.sub("<e-mail>", _DIGITS.sub("<tal>", text))


def log_query(text: str, locale: str, total: int) -> str | None:
    """Buffer the search for the query log (no database write here); returns the click reference or None."""
    from search import querylog

    try:
        return querylog.record_search(text, locale, total)
    except Exception:  # noqa: BLE001 - logging must never break a search
        return None


def run_search(text: str, locale: str, *, types=None, topics=None, limit=10, offset=0, log=True) -> SearchOutcome:
    engine = get_engine()
    text = (text or "")[:1000]
    if offset > MAX_OFFSET:
        probe = engine.search(text, locale, types=types, topics=topics, limit=1, offset=0)
        results = SearchResults(
            query=text, total=probe.total, hits=[], facets=probe.facets, suggestion=probe.suggestion
        )
    else:
        results = engine.search(text, locale, types=types, topics=topics, limit=limit, offset=offset)
    promotions = promotions_for(text, locale) if text.strip() and offset == 0 else []
    if types:
        promotions = [p for p in promotions if p.type in types]
    log_id = log_query(text, locale, results.total) if log and text.strip() and offset == 0 else None
    return SearchOutcome(results, promotions, log_id)


def merged_hits(outcome: SearchOutcome, limit: int) -> list[SearchHit | Promotion]:
    """Best bets first, then the engine's hits without the promoted pages (used by the JSON API)."""
    promoted_urls = {p.url for p in outcome.promotions}
    hits = [h for h in outcome.results.hits if h.url not in promoted_urls]
    return [*outcome.promotions, *hits][:limit]
