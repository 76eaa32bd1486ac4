"""Public views of the knowledge app that are not pages."""

from django.http import Http404, HttpResponseRedirect
from wagtail.models import Page


def permalink(request, page_id: int):
    """/p/<id>/: a stable link to a page, wherever it lives now (used in citations)."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return HttpResponseRedirect(page.get_url(request))
