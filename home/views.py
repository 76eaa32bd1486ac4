"""Error pages in the reader's language (the language comes from the URL prefix)."""

import re
import sys
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.views.static import serve
from rapidfuzz import fuzz

from home.pages import DANISH_LETTERS

#: words of an address that say nothing about what the reader wanted
ADDRESS_WORDS = {"nb", "vejledninger", "veiledninger", "print", "www", "html", "index", "side", "sider"}


def address_words(path: str) -> list[str]:
    words = re.split(r"[^0-9a-zæøå]+", unquote(path).lower())
    return [w.translate(DANISH_LETTERS) for w in words if len(w) > 3 and w not in ADDRESS_WORDS]


def suggested_guides(path: str, language: str, limit: int = 3) -> list:
    """Guides whose address or title matches the words of an address that was not found, best first:
    /vejledninger/merudgifer/ → "Dækning af merudgifter til dit barn"."""
    words = address_words(path)
    if not words:
        return []
    guide_model = apps.get_model("knowledge", "GuidePage")
    scored = []
    for guide in guide_model.objects.live().public().filter(locale__language_code=language).specific():
        haystack = f"{guide.slug} {guide.title.lower().translate(DANISH_LETTERS)}"
        score = max(fuzz.partial_ratio(word, haystack) for word in words)
        if score >= 80:
            scored.append((-score, guide.title, guide))
    return [guide for _score, _title, guide in sorted(scored, key=lambda item: item[:2])[:limit]]


def page_not_found(request, exception=None):
    language = translation.get_language() or "da"
    return render(request, "404.html", {"suggestions": suggested_guides(request.path, language)}, status=404)


def server_error(request):
    # Keep the 500 page free of database work: whatever broke may be the database.
    language = translation.get_language_from_path(request.path_info) or "da"
    if isinstance(sys.exc_info()[1], DatabaseError):
        return database_unavailable(request, language)
    with translation.override(language):
        html = loader.get_template("500.html").render({"LANGUAGE_CODE": language})
    return HttpResponseServerError(html)


def favicon(request):
    """/favicon.ico, which browsers ask for on pages without a <link rel="icon">: the site's icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def database_unavailable(request, language: str):
    """The database is down or restarting: a translated 503 that says whether anything was saved."""
    with translation.override(language):
        html = loader.get_template("503.html").render(
            {"LANGUAGE_CODE": language, "submitted": request.method == "POST"}
        )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


#: folders under MEDIA_ROOT that are never served as files: documents go through Wagtail's serve view
#: (collection privacy), and nothing else under them is public.
PRIVATE_MEDIA_FOLDERS = ("documents/",)


def development_media(request, path):
    """Serves MEDIA_ROOT in development (DEBUG), except documents, exactly as a production web server must."""
    if path.lstrip("/").startswith(PRIVATE_MEDIA_FOLDERS) or ".." in path:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
