"""A Redis cache that keeps the site up while Redis is down or restarting.

Everything the site caches can be rebuilt from the database, so an unreachable Redis must not turn
pages into 500s: reads miss, writes are dropped, counters count nothing (rate limits let requests
through) until Redis answers again. Short socket timeouts (REDIS_TIMEOUT, default 0.5 s) keep a
hanging Redis from holding requests, and after a failed call the process leaves Redis alone for
REDIS_RETRY_SECONDS (default 1 s): a page makes several cache calls, and each one waiting out its own
timeout would add up to seconds. Outages are logged once a minute per process, not per call.
"""

from __future__ import annotations

import functools
import logging
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUTAGE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)

#: method → what it returns while Redis is down (None: the caller's default where there is one)
FALLBACKS = {
    "get": None,
    "get_many": {},
    "set": None,
    "set_many": [],
    "add": False,
    "touch": False,
    "delete": False,
    "delete_many": None,
    "has_key": False,
    "incr": 0,
    "decr": 0,
    "clear": None,
}


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0
    _resting_until = 0.0  # monotonic time before which this process does not call Redis

    @classmethod
    def _resting(cls) -> bool:
        return time.monotonic() < cls._resting_until

    @classmethod
    def _rest(cls) -> None:
        cls._resting_until = time.monotonic() + float(getattr(settings, "REDIS_RETRY_SECONDS", 1.0))

    @classmethod
    def _warn(cls, method: str, error: Exception) -> None:
        now = time.monotonic()
        if now - cls._last_warning > 60:
            cls._last_warning = now
            logger.warning("Redis unavailable (%s: %s); serving without the cache", method, error)


def _wrap(name: str, fallback):
    original = getattr(RedisCache, name)

    @functools.wraps(original)
    def method(self, *args, **kwargs):
        if not self._resting():
            try:
                return original(self, *args, **kwargs)
            except OUTAGE as error:
                self._warn(name, error)
                self._rest()
        if name == "get":
            return kwargs.get("default", args[1] if len(args) > 1 else None)
        return type(fallback)() if isinstance(fallback, (dict, list)) else fallback

    return method


for _name, _fallback in FALLBACKS.items():
    setattr(ResilientRedisCache, _name, _wrap(_name, _fallback))
