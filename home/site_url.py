"""One base URL: the address the public site is actually served at (scheme://host[:port], no trailing slash).

E-mails, .ics files, print views, JSON-LD, the sitemap, robots.txt and hreflang alternates all build their
absolute addresses from it, directly or through Wagtail's `Page.get_full_url()`, which uses the default Site.

- `PUBLIC_BASE_URL` (environment) when set: authoritative. `manage.py sync_site_url` writes it into the default
  Site, so Wagtail's own page URLs agree (`make run PORT=…` sets it to http://127.0.0.1:PORT and syncs).
- otherwise the default Site's hostname and port (Settings → Sites in the admin): production.
- otherwise `WAGTAILADMIN_BASE_URL`. Never Wagtail's placeholder Site, http://localhost on port 80.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

from home.chrome import cached

PLACEHOLDER = ("localhost", 80)


def base_url() -> str:
    configured = (getattr(settings, "PUBLIC_BASE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    return cached("base_url", "-", _from_site)  # saving a Site bumps the chrome version


def _from_site() -> str:
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is not None and (site.hostname, site.port) != PLACEHOLDER:
        return site.root_url.rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """`path` ("/klagefrist/") on the base URL."""
    return base_url() + "/" + path.lstrip("/")


def site_address(url: str) -> tuple[str, int]:
    """(hostname, port) of a base URL, for a Wagtail Site."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) address: {url!r}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(url: str | None = None) -> Site | None:
    """Point the default Site at `url` (default PUBLIC_BASE_URL); returns the Site if it changed."""
    url = (url or getattr(settings, "PUBLIC_BASE_URL", "") or "").rstrip("/")
    if not url:
        return None
    hostname, port = site_address(url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return None
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return site
