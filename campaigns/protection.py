"""Abuse protection shared by every public form: a honeypot field and a per-IP rate limit (cache based).

The limit is FORM_RATE_LIMIT = "attempts/seconds" (default 10/60, from the environment or settings;
"0" switches it off, e.g. for load tests). The client is found through TRUSTED_PROXY_COUNT proxies
(X-Forwarded-For). With the default local-memory cache the count is per process; with REDIS_URL set
(required in production) it is shared by all gunicorn workers.
"""

import os
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from home.client_address import client_address

HONEYPOT_FIELD = "website"


def _limit() -> tuple[int, int]:
    raw = str(getattr(settings, "FORM_RATE_LIMIT", os.environ.get("FORM_RATE_LIMIT", "10/60")))
    try:
        attempts, _sep, seconds = raw.partition("/")
        return int(attempts), int(seconds or 60)
    except ValueError:
        return 10, 60


def client_ip(request) -> str:
    """The client's address, read through TRUSTED_PROXY_COUNT proxies (home/client_address.py)."""
    return client_address(request)


def rate_limited(request, scope: str) -> bool:
    """Count one attempt for this IP and form; True once the limit for the current window is passed."""
    attempts, seconds = _limit()
    if attempts <= 0:
        return False
    window = int(time.time() // seconds)
    key = f"ratelimit:{scope}:{client_ip(request)}:{window}"
    cache.add(key, 0, seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds + 1)
        count = 1
    return count > attempts


RATE_LIMIT_MESSAGE = _("Du har sendt formularen mange gange på kort tid. Vent et minut, og prøv igen.")


class HoneypotMixin(forms.Form):
    """A field people never see (hidden with the `hidden` attribute); bots fill it in."""

    website = forms.CharField(
        required=False,
        label=_("Lad dette felt være tomt"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())
