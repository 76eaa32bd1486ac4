"""Error pages in the reader's language (the language comes from the URL prefix)."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Keep the 500 page free of database work: whatever broke may be the database.
    language = translation.get_language_from_path(request.path_info) or "da"
    with translation.override(language):
        html = loader.get_template("500.html").render({"LANGUAGE_CODE": language})
    return HttpResponseServerError(html)
