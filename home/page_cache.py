"""A full-page cache for anonymous readers, and Cache-Control for a CDN or Varnish in front.

A page is stored when a reader without a session or pending messages gets a plain 200 HTML answer
that sets no cookie, used no CSRF token (so pages with a form are never shared: the form's token
belongs to one reader) and did not ask not to be cached. It is stored with its headers (X-Frame-Options,
Content-Security-Policy, …) under the host, the language and the full path, and under the chrome
version (home/chrome.py): every change that can show on a page bumps that version, so the next reader
gets a freshly rendered page at once, in every process (with Redis). Bumped by: publishing (also
scheduled), unpublishing, moving and deleting pages, view restrictions, saving a menu, footer or other
content snippet, synonym lists, images and documents, sites and locales.

Search results (`?q=`) are never cached: they are answered fresh and count in the search statistics.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from home import chrome

logger = logging.getLogger(__name__)

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/api/", "/healthz/", "/readyz/", "/django-admin/")
#: Query parameters that make a page personal or fresh by nature (search text, preview tokens …).
UNCACHED_PARAMETERS = {"q", "token", "preview"}
HIT_HEADER = "X-Page-Cache"


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


def shared_seconds() -> int:
    """How long a CDN or Varnish may keep a page (`s-maxage`); purged on publish (frontend_cache)."""
    return int(getattr(settings, "PAGE_CACHE_S_MAXAGE", 300))


def is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def request_is_cacheable(request) -> bool:
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith(SKIP_PREFIXES)
        and is_anonymous(request)
        and not (UNCACHED_PARAMETERS & set(request.GET))
    )


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page carries a CSRF token (a form): it belongs to this reader only
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store", "max-age=0")):
        return False
    if getattr(request, "_messages", None) is not None and len(request._messages._queued_messages):
        return False
    return True


def key_for(request) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    digest = hashlib.sha1(f"{request.get_host()}|{request.get_full_path()}".encode()).hexdigest()
    return f"page:{chrome.version()}:{language}:{digest}"


class PageCacheMiddleware:
    """Place after LocaleMiddleware (the language is part of the key) and before everything page-specific."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        try:
            key = key_for(request)
            stored = cache.get(key)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            return self.rebuild(stored)
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=shared_seconds())
            try:
                cache.set(key, self.freeze(response), seconds())
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def freeze(response) -> tuple:
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in ("set-cookie", HIT_HEADER.lower())]
        return (response.status_code, headers, response.content)

    @staticmethod
    def rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response


# -- what else shows on a page: bump the version when it changes ------------------------------------


def _bump_on(model) -> None:
    uid = f"page-cache-{model._meta.label_lower}"
    post_save.connect(lambda **kw: chrome.bump(), sender=model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(lambda **kw: chrome.bump(), sender=model, weak=False, dispatch_uid=uid + "-delete")


bump_on = _bump_on  # for the apps above home: their models whose changes show on cached pages


def connect() -> None:
    """Called from HomeConfig.ready(): models whose changes show on cached pages beyond home/chrome.py's."""
    for model in (PageViewRestriction, Tag, get_image_model(), get_document_model()):
        _bump_on(model)
    # Apps above home add their own models with `bump_on` (search: the synonym lists).
