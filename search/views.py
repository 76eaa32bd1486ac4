"""The public search: JSON API (/api/search/, /api/search/suggest/), the click beacon and the results page."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from search.engines import get_engine
from search.service import LOCALES, MAX_LIMIT, known_types, merged_hits, run_search

logger = logging.getLogger(__name__)
PAGE_SIZE = 10


class BadRequest(ValueError):
    pass


def _int(value: str | None, default: int, name: str, minimum: int, maximum: int | None = None) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value.strip())
    except (TypeError, ValueError):
        number = None
    if number is None or number < minimum or (maximum is not None and number > maximum):
        if name == "limit":
            raise BadRequest(_("limit skal være et helt tal fra 1 til %(max)s.") % {"max": MAX_LIMIT})
        if name == "offset":
            raise BadRequest(_("offset skal være et helt tal, 0 eller større."))
        raise BadRequest(_("%(name)s er ugyldig.") % {"name": name})
    return number


def _locale(request, required: bool = False) -> str:
    locale = request.GET.get("locale")
    if locale is None or locale == "":
        return "da"
    if locale not in LOCALES:
        raise BadRequest(_("Ukendt sprog: %(locale)s. Brug da eller nb.") % {"locale": locale[:20]})
    return locale


def _list_param(request, name: str) -> list[str]:
    values = []
    for raw in request.GET.getlist(name):
        values.extend(v.strip() for v in raw.split(",") if v.strip())
    return values


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _message_language(request) -> str:
    locale = request.GET.get("locale")
    return locale if locale in LOCALES else translation.get_language_from_request(request) or "da"


@never_cache
@require_GET
def api_search(request):
    with translation.override(_message_language(request)):
        try:
            locale = _locale(request)
            limit = _int(request.GET.get("limit"), 10, "limit", 1, MAX_LIMIT)
            offset = _int(request.GET.get("offset"), 0, "offset", 0)
            types = _list_param(request, "type")
            allowed = known_types()
            unknown = [t for t in types if t not in allowed]
            if unknown:
                raise BadRequest(
                    _("Ukendt type: %(type)s. Mulige typer: %(types)s.")
                    % {"type": unknown[0][:50], "types": ", ".join(allowed)}
                )
            topics = _list_param(request, "topic")
        except BadRequest as error:
            return _error(str(error))
        query = request.GET.get("q", "")
        if not query.strip():
            return JsonResponse(
                {"query": query, "total": 0, "results": [], "facets": {"type": {}, "topic": {}}, "suggestion": None}
            )
        try:
            outcome = run_search(query, locale, types=types or None, topics=topics or None, limit=limit, offset=offset)
        except Exception:
            logger.exception("Search failed")
            return _error(_("Søgningen er midlertidigt utilgængelig. Prøv igen om lidt."), status=503)
    items = merged_hits(outcome, limit) if offset == 0 else outcome.results.hits
    results = []
    for item in items:
        if hasattr(item, "snippet"):
            results.append(
                {
                    "slug": item.slug,
                    "title": item.title,
                    "type": item.type,
                    "locale": item.locale,
                    "url": request.build_absolute_uri(item.url),
                    "snippet": item.snippet,
                }
            )
        elif item.type and item.slug:  # a promoted page (best bet)
            results.append(
                {
                    "slug": item.slug,
                    "title": item.title,
                    "type": item.type,
                    "locale": locale,
                    "url": request.build_absolute_uri(item.url),
                    "snippet": item.description,
                }
            )
    extra = sum(
        1
        for item in items
        if not hasattr(item, "snippet")
        and item.type
        and item.slug
        and item.url not in {h.url for h in outcome.results.hits}
    )
    return JsonResponse(
        {
            "query": query,
            "total": outcome.results.total + extra,
            "results": results,
            "facets": {
                "type": outcome.results.facets.get("type", {}),
                "topic": outcome.results.facets.get("topic", {}),
            },
            "suggestion": outcome.results.suggestion,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api_suggest(request):
    """Autocomplete: {"results": [{"title", "url"}, …]} (at most 10), titles matching what is typed so far."""
    with translation.override(_message_language(request)):
        try:
            locale = _locale(request)
        except BadRequest as error:
            return _error(str(error))
        query = request.GET.get("q", "")[:200]
        if not query.strip():
            return JsonResponse({"results": []})
        try:
            suggestions = get_engine().suggest(query, locale, limit=10)
        except Exception:
            logger.exception("Suggest failed")
            return _error(_("Søgningen er midlertidigt utilgængelig. Prøv igen om lidt."), status=503)
    response = JsonResponse(
        {"results": [{"title": s.title, "url": s.url} for s in suggestions[:10]]},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=60"
    return response


@csrf_exempt
@require_http_methods(["POST"])
def api_click(request):
    """Records which result of a logged search was followed (sent by the link's ping / a beacon).

    Buffered like the search itself: the database is written by the query log's flusher, not here.
    """
    from search import querylog

    ref = request.GET.get("log", "")
    try:
        rank = int(request.GET.get("rank", ""))
    except ValueError:
        return HttpResponse(status=400)
    if not re.fullmatch(r"[0-9a-f]{16}", ref) or rank < 1 or rank > 10_000:
        return HttpResponse(status=400)
    querylog.record_click(ref, rank)
    return HttpResponse(status=204)


# -- the HTML results page ----------------------------------------------------------------------

TYPE_LABELS = {
    "guide": translation.gettext_lazy("Vejledninger"),
    "principle": translation.gettext_lazy("Principper"),
    "position_paper": translation.gettext_lazy("Holdningspapirer"),
    "article": translation.gettext_lazy("Nyheder"),
    "glossary": translation.gettext_lazy("Ordbog"),
    "campaign": translation.gettext_lazy("Kampagner"),
    "event": translation.gettext_lazy("Arrangementer"),
}


def type_label(name: str) -> str:
    return str(TYPE_LABELS.get(name, name.replace("_", " ").capitalize()))


def _url(params: dict) -> str:
    return "?" + urlencode(
        [
            (k, v)
            for k, values in params.items()
            for v in (values if isinstance(values, list) else [values])
            if v not in ("", None)
        ]
    )


def _top_tasks(locale: str):
    from home.models import HomePage

    home = HomePage.objects.filter(locale__language_code=locale, live=True).first()
    if not home:
        return []
    from home.visibility import public_pages

    tasks = []
    visible = {page.pk for page in public_pages(block.value.get("page") for block in home.top_tasks)}
    for block in home.top_tasks:
        page = block.value.get("page")
        if page is not None and page.pk in visible:
            tasks.append(
                {"title": block.value.get("title"), "description": block.value.get("description"), "url": page.url}
            )
    return tasks


def search_page(request):
    locale = translation.get_language() or "da"
    locale = locale if locale in LOCALES else "da"
    query = request.GET.get("q", "")[:500]
    allowed = known_types()
    types = [t for t in _list_param(request, "type") if t in allowed]
    topics = _list_param(request, "topic")[:20]
    try:
        page_number = max(1, min(int(request.GET.get("side", "1")), 1000))
    except ValueError:
        page_number = 1
    context = {"search_query": query, "types": types, "topics": topics, "error": None}
    if query.strip():
        try:
            outcome = run_search(
                query,
                locale,
                types=types or None,
                topics=topics or None,
                limit=PAGE_SIZE,
                offset=(page_number - 1) * PAGE_SIZE,
            )
        except Exception:
            logger.exception("Search failed")
            context["error"] = _("Søgningen er midlertidigt utilgængelig. Prøv igen om lidt.")
            outcome = None
        if outcome:
            results = outcome.results
            paginator = Paginator(range(min(results.total, 1000 * PAGE_SIZE)), PAGE_SIZE)
            page_obj = paginator.get_page(page_number)
            base = {"q": query, "type": types, "topic": topics}
            facet_types = [
                {
                    "name": name,
                    "label": type_label(name),
                    "count": count,
                    "selected": name in types,
                    "url": _url({**base, "type": [t for t in types if t != name] if name in types else [*types, name]}),
                }
                for name, count in sorted(results.facets.get("type", {}).items(), key=lambda kv: (-kv[1], kv[0]))
            ]
            facet_topics = [
                {
                    "name": name,
                    "label": name,
                    "count": count,
                    "selected": name in topics,
                    "url": _url(
                        {**base, "topic": [t for t in topics if t != name] if name in topics else [*topics, name]}
                    ),
                }
                for name, count in sorted(results.facets.get("topic", {}).items(), key=lambda kv: (-kv[1], kv[0]))
            ]
            offset = (page_obj.number - 1) * PAGE_SIZE
            given = request.GET.get("log", "")
            log_id = outcome.log_id or (given if re.fullmatch(r"[0-9a-f]{16}", given) else "")
            context.update(
                {
                    "results": results,
                    "hits": [
                        {"hit": hit, "rank": offset + i + 1, "type_label": type_label(hit.type)}
                        for i, hit in enumerate(results.hits)
                    ],
                    "promotions": outcome.promotions if page_obj.number == 1 else [],
                    "log_id": log_id,
                    "facet_types": facet_types,
                    "facet_topics": facet_topics,
                    "page_obj": page_obj,
                    "paginator": paginator,
                    "previous_url": _url({**base, "side": page_obj.number - 1, "log": log_id})
                    if page_obj.has_previous()
                    else None,
                    "next_url": _url({**base, "side": page_obj.number + 1, "log": log_id})
                    if page_obj.has_next()
                    else None,
                    "suggestion_url": _url({"q": results.suggestion}) if results.suggestion else None,
                    "clear_filters_url": _url({"q": query}) if types or topics else None,
                }
            )
            if results.total == 0 and not outcome.promotions:
                context["top_tasks"] = _top_tasks(locale)
    return render(request, "search/search.html", context)
