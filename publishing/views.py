"""Public views of the knowledge app that are not pages."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from wagtail.models import Page

from publishing.share_card import card_for


def permalink(request, page_id: int):
    """/p/<id>/: a stable link to a page, wherever it lives now (used in citations)."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return HttpResponseRedirect(page.get_url(request))


def share_card(request, page_id: int, revision_id: int):
    """/del/<page id>-<revision id>.png: the generated sharing picture of a public page's live revision.

    An older revision's URL redirects to the current one; a private or unpublished page answers 404."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    if (page.live_revision_id or 0) != revision_id:
        return HttpResponseRedirect(reverse("share_card", args=[page.pk, page.live_revision_id or 0]))
    response = HttpResponse(card_for(page.specific), content_type="image/png")
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # the URL changes with each revision
    return response
