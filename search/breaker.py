"""A circuit breaker for the search engine: while it is down, searches fail at once instead of waiting.

After `SEARCH_BREAKER_FAILURES` failures in a row the breaker opens: every call raises
`SearchUnavailable` immediately (the search page shows its "temporarily unavailable" message, the API
answers 503, publishing queues the index update) for `SEARCH_BREAKER_RESET_SECONDS`. Then one call is
let through as a trial; success closes the breaker, failure opens it again. The state is per process:
each gunicorn worker finds out on its own after a few short timeouts, and no shared service (which
might itself be down) is needed to know it.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)


class SearchUnavailable(RuntimeError):
    """The search engine is down (or was a moment ago); try again later."""


class CircuitBreaker:
    def __init__(self, name: str, failures: int | None = None, reset_after: float | None = None):
        self.name = name
        self.failures = failures or getattr(settings, "SEARCH_BREAKER_FAILURES", 3)
        self.reset_after = reset_after or getattr(settings, "SEARCH_BREAKER_RESET_SECONDS", 30.0)
        self._lock = threading.Lock()
        self._failed = 0
        self._opened_at: float | None = None
        self._trial_running = False

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None

    def _admit(self) -> bool:
        """Whether a call may go to the engine now (closed, or the one trial call after the pause)."""
        with self._lock:
            if self._opened_at is None:
                return True
            if not self._trial_running and time.monotonic() - self._opened_at >= self.reset_after:
                self._trial_running = True
                return True
            return False

    def success(self) -> None:
        with self._lock:
            if self._opened_at is not None:
                logger.warning("search engine %s answers again; circuit closed", self.name)
            self._failed, self._opened_at, self._trial_running = 0, None, False

    def failure(self, error: BaseException) -> None:
        with self._lock:
            self._failed += 1
            if self._trial_running or (self._opened_at is None and self._failed >= self.failures):
                if self._opened_at is None:
                    logger.error(
                        "search engine %s is failing (%s); circuit open for %ss", self.name, error, self.reset_after
                    )
                self._opened_at = time.monotonic()
            self._trial_running = False

    def call(self, func, *args, **kwargs):
        if not self._admit():
            raise SearchUnavailable(f"search engine {self.name} is unavailable (circuit open)")
        try:
            result = func(*args, **kwargs)
        except (ValueError, TypeError):  # a bad argument says nothing about the engine's health
            with self._lock:
                self._trial_running = False
            raise
        except Exception as error:
            self.failure(error)
            raise
        self.success()
        return result

    def reset(self) -> None:
        self.success()


_breakers: dict[str, CircuitBreaker] = {}
_registry_lock = threading.Lock()


def breaker_for(name: str) -> CircuitBreaker:
    with _registry_lock:
        if name not in _breakers:
            _breakers[name] = CircuitBreaker(name)
        return _breakers[name]


def reset_all() -> None:
    with _registry_lock:
        _breakers.clear()


def guarded(method):
    """Run an engine method through the engine's circuit breaker."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        return breaker_for(self.name).call(method, self, *args, **kwargs)

    return wrapper
