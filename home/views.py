"""Error pages in the reader's language (the language comes from the URL prefix)."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Keep the 500 page free of database work: whatever broke may be the database.
    language = translation.get_language_from_path(request.path_info) or "da"
    if isinstance(sys.exc_info()[1], DatabaseError):
        return database_unavailable(request, language)
    with translation.override(language):
        html = loader.get_template("500.html").render({"LANGUAGE_CODE": language})
    return HttpResponseServerError(html)


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
    from django.conf import settings
    from django.http import Http404
    from django.views.static import serve

    if path.lstrip("/").startswith(PRIVATE_MEDIA_FOLDERS) or ".." in path:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
