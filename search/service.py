"""The one place a search runs: engine query, best bets from search promotions, the query log."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from home.versioned_cache import VersionedCache
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
    log_id: int | None = None


PROMOTIONS_CACHE = VersionedCache("sitesearch:promotions", timeout=60, local_ttl=60)
invalidate_promotions = PROMOTIONS_CACHE.bump


def promoted_queries() -> frozenset[str]:
    """The query strings that have promotions (cached; saves a database query on almost every search)."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    return PROMOTIONS_CACHE.get_or_build(
        "queries", lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True))
    )


def promotions_for(text: str, locale: str) -> list[Promotion]:
    """Wagtail search promotions ("best bets") whose query matches the normalised text, in the locale."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    candidates = {normalise_query_string(text), normalise_query(text)} - {""}
    if not candidates or not candidates & promoted_queries():
        return []
    found = []
    for promotion in (
        SearchPromotion.objects.filter(query__query_string__in=candidates)
        .select_related("page", "page__locale")
        .order_by("sort_order", "pk")
    ):
        page = promotion.page
        if page is not None:
            if not page.live or page.locale.language_code != locale:
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
    """No personal data in the log: numbers (CPR, phone) and e-mail addresses are replaced."""
    return _EMAIL.sub("<e-mail>", _DIGITS.sub("<tal>", text))


def log_query(text: str, locale: str, total: int) -> int | None:
    from search.models import QueryLog

    normalised = normalise_query(redact(text))
    if not normalised:
        return None
    try:
        return QueryLog.objects.create(query=normalised, locale=locale, results=total).pk
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
