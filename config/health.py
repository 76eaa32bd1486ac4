"""Health endpoints for a load balancer or orchestrator.

`/healthz/` (liveness): the process answers; touches nothing else, so a database outage never gets
healthy app servers restarted. `/readyz/` (readiness): JSON with the database, the cache, the search
engine and the outbox backlog. Only an unreachable database makes it answer 503 (the instance cannot
serve forms): Redis, the search engine and the outbox are shared by every instance, so taking
instances out of the pool for them would turn a degraded site into no site; they are reported as
"degraded" for monitoring instead.
"""

from __future__ import annotations

import datetime
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from outbox.models import Message
from search.breaker import breaker_for
from search.engines import get_engine
from search.models import IndexTask

#: Messages due for longer than this count as a backlog (the mail server or the worker is down).
BACKLOG_AFTER = datetime.timedelta(minutes=10)


@never_cache
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


def _timed(check):
    started = time.monotonic()
    try:
        result = check()
    except Exception as error:  # noqa: BLE001 - any failure is the answer we report
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return {"ok": ok, **({} if ok else {"error": "the cache did not keep a value (unreachable?)"})}


def check_search():
    engine = get_engine()
    if breaker_for(engine.name).is_open:
        return {"ok": False, "engine": engine.name, "error": "circuit open: the engine failed just now"}
    client = getattr(engine, "query_client", None)
    ok = bool(client.ping()) if client is not None else engine.ping()
    return {"ok": ok, "engine": engine.name}


def check_outbox():
    overdue = Message.objects.filter(status=Message.Status.PENDING, next_try__lt=timezone.now() - BACKLOG_AFTER).count()
    pending = Message.objects.filter(status=Message.Status.PENDING).count()
    index_queue = IndexTask.objects.count()
    return {"ok": overdue == 0, "pending": pending, "overdue": overdue, "search_index_queue": index_queue}


@never_cache
def readyz(request):
    checks = {
        "database": _timed(check_database),
        "cache": _timed(check_cache),
        "search": _timed(check_search),
    }
    checks["outbox"] = _timed(check_outbox) if checks["database"]["ok"] else {"ok": False, "error": "no database"}
    ready = checks["database"]["ok"]
    status = "ok" if all(c["ok"] for c in checks.values()) else ("degraded" if ready else "unavailable")
    return JsonResponse({"status": status, "checks": checks}, status=200 if ready else 503)
