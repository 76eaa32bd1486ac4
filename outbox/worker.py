"""Delivery of queued e-mails, and other periodic jobs the worker runs between deliveries."""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.utils import timezone

from outbox.models import Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 10)
BASE_DELAY = getattr(settings, "OUTBOX_BASE_DELAY_SECONDS", 30)
MAX_DELAY = getattr(settings, "OUTBOX_MAX_DELAY_SECONDS", 6 * 3600)


def backoff(attempts: int) -> datetime.timedelta:
    """30 s, 1 min, 2 min, 4 min … capped at 6 hours (attempt 1 is the first failure)."""
    return datetime.timedelta(seconds=min(BASE_DELAY * 2 ** max(attempts - 1, 0), MAX_DELAY))


def _claim(limit: int) -> list[Message]:
    """Due messages, locked so that two workers never send the same one (SKIP LOCKED on PostgreSQL)."""
    queryset = Message.objects.filter(status=Message.Status.PENDING, next_try__lte=timezone.now()).order_by(
        "next_try", "id"
    )
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True)
    return list(queryset[:limit])


def deliver(message: Message, mail_connection=None) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.recipients,
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=dict(message.headers or {}) or None,
        connection=mail_connection,
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments or []:
        email.attach(
            attachment["filename"], attachment["content"], attachment.get("mimetype") or "application/octet-stream"
        )
    email.send(fail_silently=False)


def process_due(limit: int = 50) -> dict[str, int]:
    """Send what is due; a failure is recorded on the message and retried later. Returns counts."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    with transaction.atomic():
        messages = _claim(limit)
        if not messages:
            return counts
        try:
            mail_connection = get_connection(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - a broken backend is just another failure to retry
            mail_connection = None
            logger.warning("outbox: cannot create a mail connection: %s", error)
        for message in messages:
            message.attempts += 1
            try:
                deliver(message, mail_connection)
            except Exception as error:  # noqa: BLE001 - any delivery error means: try again later
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = Message.Status.FAILED
                    counts["failed"] += 1
                    logger.error(
                        "outbox: giving up on message %s after %s attempts: %s", message.pk, message.attempts, error
                    )
                else:
                    message.next_try = timezone.now() + backoff(message.attempts)
                    counts["retry"] += 1
            else:
                message.status = Message.Status.SENT
                message.sent_at = timezone.now()
                message.last_error = ""
                counts["sent"] += 1
            message.save(update_fields=["attempts", "status", "next_try", "last_error", "sent_at"])
    return counts


# -- periodic jobs ------------------------------------------------------------------------


@dataclass
class PeriodicJob:
    name: str
    every: datetime.timedelta
    func: Callable[[], object]
    last_run: float = 0.0


PERIODIC: dict[str, PeriodicJob] = {}


def register_periodic(name: str, every: datetime.timedelta, func: Callable[[], object]) -> None:
    """Run `func` from the worker at most once per `every` (e.g. deleting old personal data)."""
    PERIODIC[name] = PeriodicJob(name, every, func)


def run_periodic(now: float | None = None) -> list[str]:
    now = time.monotonic() if now is None else now
    ran = []
    for job in PERIODIC.values():
        if job.last_run and now - job.last_run < job.every.total_seconds():
            continue
        job.last_run = now
        try:
            job.func()
        except Exception:
            logger.exception("periodic job %s failed", job.name)
        ran.append(job.name)
    return ran


def purge_sent(older_than_days: int = 30) -> int:
    """Sent e-mails contain personal data; keep them only as long as they help support."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    deleted, _ = Message.objects.filter(status=Message.Status.SENT, sent_at__lt=cutoff).delete()
    return deleted


register_periodic("outbox.purge_sent", datetime.timedelta(hours=24), purge_sent)
