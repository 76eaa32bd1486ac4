"""Keeps the index in step with publishing: publish, unpublish, move, delete and scheduled publishing.

Updates run after the database transaction commits. Indexing never breaks publishing: if the engine
fails, the update is stored in IndexTask and retried by `manage.py retry_search_index` (run it from
cron or with --loop as a worker) and after the next update that succeeds.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from outbox.worker import register_periodic
from search import synonyms
from search.documents import document_for_page, index_tools
from search.engines import get_engine
from search.models import IndexTask

logger = logging.getLogger(__name__)


def apply(action: str, page_id: int) -> None:
    """Bring the index in line with the page as it is in the database now (raises if the engine fails)."""
    engine = get_engine()
    page = Page.objects.filter(pk=page_id).first()  # the state now decides, whatever the signal was
    document = document_for_page(page) if page is not None else None
    if document is None:
        engine.delete([str(page_id)])
    else:
        engine.index([document])


def update(action: str, page_id: int) -> bool:
    """Apply one update now; on failure queue it. Returns whether it succeeded."""
    try:
        apply(action, page_id)
    except Exception as error:  # noqa: BLE001 - never let the search engine break publishing
        logger.warning("Search index update failed for page %s (%s); queued for retry: %s", page_id, action, error)
        try:
            task, created = IndexTask.objects.get_or_create(page_id=page_id, defaults={"action": action})
            if not created:
                task.action = action
            task.attempts += 1
            task.last_error = f"{type(error).__name__}: {error}"[:2000]
            task.save()
        except Exception:
            logger.exception("Could not queue the search index update for page %s", page_id)
        return False
    IndexTask.objects.filter(page_id=page_id).delete()
    if IndexTask.objects.exists():
        retry_pending(limit=50)
    return True


def retry_pending(limit: int | None = None) -> tuple[int, int]:
    """Retry queued updates, oldest first. Returns (done, still failing)."""
    done = failed = 0
    tasks = IndexTask.objects.order_by("created_at")
    for task in tasks[:limit] if limit else tasks:
        try:
            apply(task.action, task.page_id)
        except Exception as error:  # noqa: BLE001
            task.attempts += 1
            task.last_error = f"{type(error).__name__}: {error}"[:2000]
            task.save(update_fields=["attempts", "last_error", "updated_at"])
            failed += 1
            if failed >= 3 and done == 0:
                break  # the engine is down: stop hammering it, the next run retries
            continue
        IndexTask.objects.filter(pk=task.pk, updated_at=task.updated_at).delete()
        done += 1
    return done, failed


_batch = threading.local()


@contextlib.contextmanager
def batched():
    """Index updates scheduled inside are applied together at the end: one engine write, not one per page.

    Used by `import_content`; each page is indexed once, in its state after the batch.
    """
    if getattr(_batch, "pending", None) is not None:  # already inside a batch
        yield
        return
    _batch.pending = {}
    try:
        yield
    finally:
        pending, _batch.pending = _batch.pending, None
        if pending:
            transaction.on_commit(lambda: update_many(pending))


def update_many(pending: dict[int, str]) -> None:
    """Apply {page_id: action} in one engine write; if that fails, page by page (which queues failures)."""
    try:
        pages = {page.pk: page for page in Page.objects.filter(pk__in=list(pending)).specific()}
        documents = [document_for_page(pages[pk]) if pk in pages else None for pk in pending]
        engine = get_engine()
        engine.index([document for document in documents if document is not None])
        gone = [str(pk) for pk, document in zip(pending, documents, strict=True) if document is None]
        if gone:
            engine.delete(gone)
    except Exception as error:  # noqa: BLE001 - never let the search engine break publishing
        logger.warning("Batched search index update failed (%s); updating page by page", error)
        for page_id, action in pending.items():
            update(action, page_id)
        return
    IndexTask.objects.filter(page_id__in=list(pending)).delete()


def queue(action: str, page_id: int) -> None:
    """Store the update for the worker, in the caller's transaction (it commits or rolls back with the page)."""
    updated = IndexTask.objects.filter(page_id=page_id).update(action=action, updated_at=timezone.now())
    if not updated:
        IndexTask.objects.get_or_create(page_id=page_id, defaults={"action": action})


def in_worker() -> bool:
    """Index updates go through the worker (`make worker`) rather than the request that published.

    On by default with Elasticsearch: publishing, and a bulk unpublish of hundreds of pages, never waits
    for a network service. The embedded engine writes to local disk, fast and always there, so by
    default it updates at once (and development works without a worker running).
    """
    configured = getattr(settings, "SEARCH_INDEX_IN_WORKER", None)
    return settings.SEARCH_ENGINE != "embedded" if configured is None else bool(configured)


def schedule(action: str, page_id: int) -> None:
    if in_worker():
        queue(action, page_id)
        return
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending[page_id] = action
    else:
        transaction.on_commit(lambda: update(action, page_id))


def run_queue(limit: int = 500) -> tuple[int, int]:
    """The worker's job each round: apply queued updates (a down engine stops the round after 3 failures)."""
    return retry_pending(limit=limit)


# -- signal handlers --------------------------------------------------------------------------


def on_published(sender, instance, **kwargs):
    schedule("index", instance.pk)
    if getattr(instance.specific_class, "content_type_name", None) == "glossary":
        transaction.on_commit(synonyms.invalidate)


def on_unpublished(sender, instance, **kwargs):
    schedule("delete", instance.pk)
    if getattr(instance.specific_class, "content_type_name", None) == "glossary":
        transaction.on_commit(synonyms.invalidate)


def on_moved(sender, instance, **kwargs):
    """A move changes the URL of the page and of everything below it."""
    pages = Page.objects.filter(path__startswith=instance.path, live=True).values_list("pk", flat=True)
    for page_id in pages:
        schedule("index", page_id)


def on_view_restriction_changed(sender, instance, **kwargs):
    """A password, login or group restriction hides the page and everything below it, and lifting it shows them.

    `apply` decides from the state after the commit: a page under any restriction leaves the index,
    a page no longer restricted comes back (if it is live).
    """
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is None:
        return
    for page_id in Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True):
        schedule("index", page_id)


def on_locale_saved(sender, instance, created=False, **kwargs):
    """A new language brings its versions of the tools that are not pages (the forms) into the index."""
    if created:
        transaction.on_commit(index_tools_quietly)


def index_tools_quietly() -> None:
    try:
        index_tools()
    except Exception as error:  # noqa: BLE001 - never break the admin; check_search_index --fix adds them
        logger.warning("Indexing the tools that are not pages failed (%s)", error)


def on_pre_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule("delete", instance.pk)


def connect() -> None:
    # Every round of `manage.py run_worker` (`make worker`): apply queued and failed index updates.
    register_periodic("search.index_queue", datetime.timedelta(0), run_queue)
    page_published.connect(on_published, dispatch_uid="sitesearch_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sitesearch_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="sitesearch_moved")
    pre_delete.connect(on_pre_delete, dispatch_uid="sitesearch_pre_delete")
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="sitesearch_restriction")
    post_save.connect(on_locale_saved, sender=Locale, dispatch_uid="sitesearch_locale")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="sitesearch_restriction_deleted"
    )
