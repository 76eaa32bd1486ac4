"""The one place a search runs: engine query, best bets from search promotions, the query log.

Best bets ("promotions") come back as hits flagged ``promoted``, first on the first page, and the
engine's own hits follow without the promoted pages, so every caller shows one list.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from home.versioned_cache import VersionedCache
from search import querylog
from search.analysis import clean_query, normalise_query
from search.documents import searchable_models
from search.engines import get_engine
from search.engines.base import SearchHit, SearchResults, empty_results

LOCALES = ("da", "nb")
MAX_LIMIT = 50
MAX_OFFSET = 10_000


def known_types() -> list[str]:
    return sorted({m.content_type_name for m in searchable_models()})


def type_model(name: str):
    """The page model of a search type (the first by class name when several share it)."""
    models = sorted((m for m in searchable_models() if m.content_type_name == name), key=lambda m: m.__name__)
    return models[0] if models else None


def type_label(name: str, plural: bool = False) -> str:
    """A search type's label from its page model: the model's `search_label` when it has one (the glossary:
    "Ordbog"), else its verbose name ("Vejledning", "Arrangementer")."""
    model = type_model(name)
    if model is None:
        return name.replace("_", " ").capitalize()
    label = str(
        getattr(model, "search_label_plural" if plural else "search_label", None)
        or (model._meta.verbose_name_plural if plural else model._meta.verbose_name)
    )
    return label[:1].upper() + label[1:]


@dataclass
class Promotion:
    title: str
    url: str
    description: str
    type: str | None = None
    slug: str | None = None


@dataclass
class SearchOutcome:
    results: SearchResults  # promoted hits first (flagged), then the engine's
    log_id: str | None = None

    @property
    def promoted(self) -> list[SearchHit]:
        return [hit for hit in self.results.hits if hit.promoted]

    @property
    def found(self) -> list[SearchHit]:
        return [hit for hit in self.results.hits if not hit.promoted]


PROMOTIONS_CACHE = VersionedCache("sitesearch:promotions", timeout=60, local_ttl=60)
invalidate_promotions = PROMOTIONS_CACHE.bump


def promoted_queries() -> frozenset[str]:
    """The query strings that have promotions (cached; saves a database query on almost every search)."""
    return PROMOTIONS_CACHE.get_or_build(
        "queries", lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True))
    )


def promotions_for(text: str, locale: str) -> list[Promotion]:
    """Wagtail search promotions ("best bets") whose query matches the normalised text, in the locale."""
    candidates = {normalise_query_string(text), normalise_query(text)} - {""}
    if not candidates or not candidates & promoted_queries():
        return []
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


def log_query(text: str, locale: str, total: int) -> str | None:
    """Buffer the search for the query log (no database write here); returns the click reference or None."""
    try:
        return querylog.record_search(text, locale, total)
    except Exception:  # noqa: BLE001 - logging must never break a search
        return None


def promoted_hit(promotion: Promotion, locale: str) -> SearchHit:
    return SearchHit(
        id="",
        slug=promotion.slug or "",
        title=promotion.title,
        type=promotion.type or "",
        locale=locale,
        url=promotion.url,
        snippet=html.escape(promotion.description or "", quote=False),
        promoted=True,
    )


def run_search(text: str, locale: str, *, types=None, topics=None, limit=10, offset=0, log=True) -> SearchOutcome:
    """Search once: the engine's results with the best bets first (on the first page), logged."""
    # The engine's search() cleans and limits the query itself (SearchEngine's contract; a clean query stays
    # as it is). The service needs the same cleaned text for what it does around the engine: best bets are
    # looked up and the query is logged as the engine saw it, and input with no word left does neither.
    query = clean_query(text)
    if not query:
        return SearchOutcome(empty_results(text))
    engine = get_engine()
    if offset > MAX_OFFSET:
        probe = engine.search(query, locale, types=types, topics=topics, limit=1, offset=0)
        results = SearchResults(
            query=query, total=probe.total, hits=[], facets=probe.facets, suggestion=probe.suggestion
        )
    else:
        results = engine.search(query, locale, types=types, topics=topics, limit=limit, offset=offset)
    if offset == 0:
        promoted = [
            promoted_hit(p, locale)
            for p in promotions_for(query, locale)
            if not types or p.type in types  # an external link has no type: shown without a type filter only
        ]
        if promoted:
            urls = {hit.url for hit in promoted}
            extra = sum(1 for hit in promoted if hit.url not in {h.url for h in results.hits} and hit.type)
            results.hits = [*promoted, *(hit for hit in results.hits if hit.url not in urls)]
            results.total += extra
    log_id = log_query(query, locale, results.total) if log and offset == 0 else None
    return SearchOutcome(results, log_id)
