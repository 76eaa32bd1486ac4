"""Finds the Wagtail Site of a request from the cache instead of the database.

Wagtail looks the Site up (and then its root page) on every request; both change rarely, so they are
cached per host under the chrome version (home/chrome.py), which saving a Site or Locale, or
publishing, moving or deleting a page, bumps.
"""

import hashlib

from django.http.request import split_domain_port
from wagtail.models import Site

from home.chrome import cached

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/api/", "/healthz/", "/readyz/")


def cached_site(request):
    host = split_domain_port(request._get_raw_host())[0]
    key = hashlib.sha1(f"{host}:{request.get_port()}".encode()).hexdigest()

    def build():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    return cached(f"site-{key}", "all", build)


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(SKIP_PREFIXES):
            request._wagtail_site = cached_site(request)
        return self.get_response(request)
