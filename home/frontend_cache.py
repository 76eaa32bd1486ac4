"""Purging pages from a CDN or Varnish in front of the site (wagtail.contrib.frontend_cache).

Wagtail's HTTP purger waits for the cache server without a time limit; publishing must never wait
for a slow server, so this one gives up after FRONTEND_CACHE_TIMEOUT seconds (the page's `s-maxage`
then bounds how long the CDN may show the old version).
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")


class TimeoutHTTPBackend(HTTPBackend):
    def purge(self, url):
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache"},
        )
        try:
            urlopen(request, timeout=getattr(settings, "FRONTEND_CACHE_TIMEOUT", 2)).close()
        except HTTPError as error:
            logger.error("Could not purge %s from the HTTP cache: %s %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from the HTTP cache: %s", url, error)
