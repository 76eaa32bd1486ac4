"""Apps register how their personal data is purged; `manage.py purge_personal_data` runs them all.

Each purge function takes `now` (a datetime, or None for the current time) and returns {what: count}.
Kept here, in the app every other app may depend on, so no app has to import another to take part.
"""

from __future__ import annotations

from collections.abc import Callable

PURGES: dict[str, Callable[..., dict[str, int]]] = {}


def register_purge(name: str, func: Callable[..., dict[str, int]]) -> None:
    PURGES[name] = func


def run_registered_purges(now=None) -> dict[str, int]:
    result: dict[str, int] = {}
    for name, func in PURGES.items():
        for key, count in (func(now=now) or {}).items():
            result[f"{name}.{key}"] = count
    return result
