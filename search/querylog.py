"""The query log: what people search for, never who they are.

- Only topic-like queries are kept: a query with a likely personal name, a group of digits (CPR parts, phone
  numbers, dates, post codes), an e-mail address (also written "navn at domæne dk"), or a street address is
  not logged at all.
- A search never writes to the database: the entry is buffered in the web process's memory and written by
  a background thread every few seconds (`SEARCH_QUERY_LOG_FLUSH_SECONDS`), outside the request. The click
  beacon is buffered the same way; a search and its click are linked by a random reference, not a row id.
- The text of a query is kept only if it recurs: after a day, the text of a query searched fewer than
  `SEARCH_QUERY_LOG_MIN_SEARCHES` times in the retention period is blanked (the row still counts in the
  totals), and the report never shows a query below that threshold.
- Rows are deleted after `SEARCH_QUERY_LOG_RETENTION_DAYS` (90 by default): `purge_query_log`, run daily by
  the worker and by `manage.py purge_personal_data`-style cron through `manage.py purge_query_log`.
"""

from __future__ import annotations

import atexit
import datetime
import logging
import re
import secrets
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Count
from django.utils import timezone

from search.analysis import normalise_query
from search.models import QueryLog

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_searches: list[dict] = []
_clicks: list[dict] = []
_thread: threading.Thread | None = None
MAX_BUFFER = 10_000  # a flusher that cannot reach the database drops statistics rather than memory
CLICK_PATIENCE = 12  # flush rounds a click waits for its search (written by another process) to appear


def retention_days() -> int:
    return int(getattr(settings, "SEARCH_QUERY_LOG_RETENTION_DAYS", 90))


def min_searches() -> int:
    return int(getattr(settings, "SEARCH_QUERY_LOG_MIN_SEARCHES", 3))


# -- what may be logged ---------------------------------------------------------------------------

_NAMES_FILE = Path(__file__).with_name("personal_names.txt")
_names: frozenset[str] | None = None

_DIGIT_GROUP = re.compile(r"\d")
_EMAIL = re.compile(
    r"@|\S+\s*(?:\(at\)|\[at\]|\{at\}|\bat\b|\bsnabel-?a\b)\s*\S+\s*(?:\(dot\)|\[dot\]|\bdot\b|\bpunktum\b|\.|\s)\s*"
    r"(?:dk|no|com|net|org|se|eu|info)\b",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\b[\w-]+\s*(?:\.|\(dot\)|\[dot\]|\bdot\b|\bpunktum\b)\s*(?:dk|no|com|net|org)\b", re.I)
_STREET = re.compile(
    r"\b\w*(?:vej|vejen|gade|gaden|allé|alle|stræde|strædet|plads|vænget|vang|boulevard|torv|vei|veien|gate|gata|gaten)"
    r"\b\s*\d",
    re.IGNORECASE,
)


def personal_names() -> frozenset[str]:
    """Common Danish and Norwegian given names and surnames (lower case) that are not also ordinary words."""
    global _names
    if _names is None:
        words = set()
        for line in _NAMES_FILE.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip().lower()
            if line:
                words.update(line.split())
        _names = frozenset(words)
    return _names


def is_topic_like(text: str) -> bool:
    """Whether a query may be logged: no digits, e-mail, web or street address, or likely personal name."""
    if _DIGIT_GROUP.search(text) or _EMAIL.search(text) or _DOMAIN.search(text) or _STREET.search(text):
        return False
    words = re.findall(r"\w+", text.lower())
    return not any(word in personal_names() for word in words)


# -- buffering (no database write in the request) ---------------------------------------------------


def record_search(text: str, locale: str, total: int) -> str | None:
    """Buffer one search; returns the reference its click beacon carries, or None if it is not logged."""
    if not is_topic_like(text):
        return None
    normalised = normalise_query(text)
    if not normalised:
        return None
    ref = secrets.token_hex(8)
    entry = {"ref": ref, "query": normalised, "locale": locale, "results": total, "date": timezone.localdate()}
    with _lock:
        if len(_searches) < MAX_BUFFER:
            _searches.append(entry)
    _ensure_flusher()
    return ref


def record_click(ref: str, rank: int) -> None:
    with _lock:
        if len(_clicks) < MAX_BUFFER:
            _clicks.append({"ref": ref, "rank": rank, "tries": 0})
    _ensure_flusher()


def discard() -> None:
    """Forget what the buffer holds without writing it (the tests' searches are not to be kept)."""
    with _lock:
        _searches.clear()
        _clicks.clear()


def flush() -> int:
    """Write the buffered searches and clicks (called by the background thread, and by tests). Returns rows written."""
    with _lock:
        searches, clicks = _searches[:], _clicks[:]
        _searches.clear()
        _clicks.clear()
    written = 0
    if searches:
        try:
            QueryLog.objects.bulk_create([QueryLog(**entry) for entry in searches])
            written = len(searches)
        except Exception:
            logger.warning("Could not write %s query-log rows; they are dropped", len(searches), exc_info=True)
    waiting = []
    for click in clicks:
        try:
            updated = QueryLog.objects.filter(ref=click["ref"], clicked_rank__isnull=True).update(
                clicked_rank=click["rank"]
            )
        except Exception:
            logger.warning("Could not record a search click", exc_info=True)
            continue
        exists = updated or QueryLog.objects.filter(ref=click["ref"]).exists()
        if not exists and click["tries"] < CLICK_PATIENCE:  # its search may still sit in another process's buffer
            waiting.append({**click, "tries": click["tries"] + 1})
    if waiting:
        with _lock:
            _clicks.extend(waiting)
    return written


def _flush_forever(interval: float) -> None:
    while True:
        time.sleep(interval)
        if float(getattr(settings, "SEARCH_QUERY_LOG_FLUSH_SECONDS", 5)) <= 0:
            return  # switched off (tests)
        try:
            flush()
            close_old_connections()
            if not _searches and not _clicks:
                connection.close()  # an idle thread keeps no database connection open
        except Exception:
            logger.exception("query log flush failed")


def _ensure_flusher() -> None:
    global _thread
    interval = float(getattr(settings, "SEARCH_QUERY_LOG_FLUSH_SECONDS", 5))
    if interval <= 0 or (_thread is not None and _thread.is_alive()):
        return
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _thread = threading.Thread(target=_flush_forever, args=(interval,), name="query-log-flush", daemon=True)
        _thread.start()


@atexit.register
def _flush_at_exit() -> None:  # a gunicorn worker that is recycled writes what it holds
    if _searches or _clicks:
        try:
            flush()
        except Exception:  # noqa: BLE001
            pass


# -- retention ------------------------------------------------------------------------------------


def purge_query_log(today: datetime.date | None = None) -> dict[str, int]:
    """Delete rows past the retention period; blank the text of queries that did not recur (after a day)."""
    today = today or timezone.localdate()
    deleted, _ = QueryLog.objects.filter(date__lte=today - datetime.timedelta(days=retention_days())).delete()
    rare = (
        QueryLog.objects.exclude(query="")
        .values("locale", "query")
        .annotate(searches=Count("id"))
        .filter(searches__lt=min_searches())
    )
    blanked = 0
    for row in rare:
        blanked += QueryLog.objects.filter(
            locale=row["locale"], query=row["query"], date__lt=today - datetime.timedelta(days=1)
        ).update(query="")
    QueryLog.objects.filter(date__lt=today - datetime.timedelta(days=1)).exclude(ref="").update(ref="")
    return {"deleted": deleted, "blanked": blanked}
