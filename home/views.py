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
