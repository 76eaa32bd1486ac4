"""The address of the person making a request, also behind TLS proxies and load balancers.

Behind a proxy every request comes from the proxy's address (REMOTE_ADDR). Each proxy appends the address
it received the request from to X-Forwarded-For, so with TRUSTED_PROXY_COUNT = N proxies in front of the
app, the client is the N-th address from the right. Addresses further left were written by the client
itself and are never trusted. With TRUSTED_PROXY_COUNT = 0 (the default: the app faces the internet)
the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # not through the configured proxies (or misconfigured): never trust the header
    return _valid(forwarded[-count]) or remote


def client_ip_or_none(request) -> str | None:
    """For django-axes, whose log stores an IP address field: None when the request has no usable address
    (a login made without a real request, e.g. the test client's login()); PostgreSQL refuses "unknown"."""
    return _valid(client_address(request))
