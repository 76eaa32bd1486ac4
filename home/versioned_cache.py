"""Values cached under a version that one call retires: the one caching scheme of the site.

A `VersionedCache` keeps each value in Django's cache under a key that contains the current version;
`bump()` sets a new version, so every value cached before it is simply never read again (it expires
on its own). With a shared cache (Redis) every process sees a bump at once. With `local=True` a
value is also kept in this process's memory, so a hit costs one cache read (the version) instead of
unpickling the value; the process still checks the version on every call.

Used for the site chrome (home/chrome.py), the cited legal provisions (knowledge/models/legal.py),
the promoted search queries (search/service.py) and the synonyms (search/synonyms).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

logger = logging.getLogger(__name__)

_MISSING = object()


class VersionedCache:
    def __init__(self, name: str, *, timeout: int | None = 300, local_ttl: float | None = None):
        """`timeout`: seconds a value lives in Django's cache; `local_ttl`: seconds in this process's memory."""
        self.name = name
        self.version_key = f"{name}:version"
        self.timeout = timeout
        self.local_ttl = local_ttl
        self._local: dict[str, tuple[float, str, Any]] = {}

    def version(self) -> str:
        """The current version; created (once, even when processes race) on first use."""
        current = cache.get(self.version_key)
        if current is None:
            cache.add(self.version_key, uuid.uuid4().hex[:12], None)
            current = cache.get(self.version_key)
        return str(current)

    def bump(self, **signal_kwargs) -> None:
        """Retire every cached value. Usable as a signal receiver; a cache outage never breaks a save."""
        self._local.clear()
        try:
            cache.set(self.version_key, uuid.uuid4().hex[:12], None)
        except Exception:
            logger.warning("could not bump the cache version %s", self.version_key, exc_info=True)

    def get_or_build(self, key: str, build: Callable[[], Any]) -> Any:
        """The value for `key` under the current version, built by `build()` (and cached) when missing."""
        version = self.version()
        if self.local_ttl is not None:
            held = self._local.get(key)
            if held and held[1] == version and time.monotonic() - held[0] < self.local_ttl:
                return held[2]
        full_key = f"{self.name}:{version}:{key}"
        value = cache.get(full_key, _MISSING)
        if value is _MISSING:
            value = build()
            cache.set(full_key, value, self.timeout)
        if self.local_ttl is not None:
            self._local[key] = (time.monotonic(), version, value)
        return value

    def get(self, key: str) -> Any:
        """The value for `key` under the current version, or None (nothing is built)."""
        return cache.get(f"{self.name}:{self.version()}:{key}")

    def set(self, key: str, value: Any) -> None:
        cache.set(f"{self.name}:{self.version()}:{key}", value, self.timeout)
