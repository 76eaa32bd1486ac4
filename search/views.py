"""The public search: JSON API (/api/search/, /api/search/suggest/), the click beacon and the results page."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode, urlsplit

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from home.models import Footer, HomePage
from home.site_url import absolute
from home.visibility import public_pages
from search import querylog, ranking
from search.engines import get_engine
from search.service import LOCALES, MAX_LIMIT, known_types, run_search, type_label

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
                {
                    "query": query,
                    "total": 0,
                    "results": [],
                    "facets": {"type": {}, "topic": {}},
                    "suggestion": None,
                    "unmatched": [],
                }
            )
        try:
            outcome = run_search(query, locale, types=types or None, topics=topics or None, limit=limit, offset=offset)
        except Exception:
            logger.exception("Search failed")
            return _error(_("Søgningen er midlertidigt utilgængelig. Prøv igen om lidt."), status=503)
    results = [
        {
            "slug": hit.slug,
            "title": hit.title,
            "type": hit.type,
            "locale": hit.locale,
            "url": hit.url if urlsplit(hit.url).scheme else absolute(hit.url),  # the site's one base URL
            "snippet": hit.snippet,
        }
        for hit in outcome.results.hits
        if hit.type and hit.slug  # an external best bet has no page type: the results page shows it
    ][:limit]
    return JsonResponse(
        {
            "query": query,
            "total": outcome.results.total,
            "results": results,
            "facets": {
                "type": outcome.results.facets.get("type", {}),
                "topic": outcome.results.facets.get("topic", {}),
            },
            "suggestion": outcome.results.suggestion,
            "unmatched": outcome.results.unmatched,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api_suggest(request):
    """Autocomplete: {"results": [{"title", "url", "type", "label"}, …]} (at most 10), titles matching what is typed.

    ``label`` is the page type's name ("Vejledning", "Ordbog", "Arrangement"); no two suggestions
    share title and type.
    """
    with translation.override(_message_language(request)):
        try:
            locale = _locale(request)
        except BadRequest as error:
            return _error(str(error))
        query = request.GET.get("q", "")
        if not query.strip():
            return JsonResponse({"results": []})
        try:
            suggestions = get_engine().suggest(query, locale, limit=ranking.MAX_SUGGESTIONS)
        except Exception:
            logger.exception("Suggest failed")
            return _error(_("Søgningen er midlertidigt utilgængelig. Prøv igen om lidt."), status=503)
        results = [{"title": s.title, "url": s.url, "type": s.type, "label": type_label(s.type)} for s in suggestions]
    response = JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return response


@csrf_exempt
@require_http_methods(["POST"])
def api_click(request):
    """Records which result of a logged search was followed (sent by the link's ping / a beacon).

    Buffered like the search itself: the database is written by the query log's flusher, not here.
    """
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
    home = HomePage.objects.filter(locale__language_code=locale, live=True).first()
    if not home:
        return []
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
    query = request.GET.get("q", "")[: ranking.MAX_QUERY_CHARS]
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
                    "label": type_label(name, plural=True),
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
                        for i, hit in enumerate(outcome.found)
                    ],
                    "promotions": outcome.promoted,
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
            if not outcome.found and not outcome.promoted:
                context["top_tasks"] = _top_tasks(locale)
                context["counselling"] = Footer.objects.filter(locale__language_code=locale).first()
                try:
                    context["counselling_url"] = reverse("counselling")
                except NoReverseMatch:
                    context["counselling_url"] = None
    return render(request, "search/search.html", context)
