"""Delivery of queued e-mails, and other periodic jobs the worker runs between deliveries."""

from __future__ import annotations

import datetime
import logging
import smtplib
import socket
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
LEASE_SECONDS = getattr(settings, "OUTBOX_LEASE_SECONDS", 300)


def backoff(attempts: int) -> datetime.timedelta:
    """30 s, 1 min, 2 min, 4 min … capped at 6 hours (attempt 1 is the first failure)."""
    return datetime.timedelta(seconds=min(BASE_DELAY * 2 ** max(attempts - 1, 0), MAX_DELAY))


def lease() -> datetime.timedelta:
    """How long a claimed message is reserved for the worker that claimed it.

    Longer than any one delivery can take (the SMTP timeout bounds each network wait), so two workers
    never send the same message; if a worker dies mid-round, its messages become due again after it.
    """
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 10
    return datetime.timedelta(seconds=max(LEASE_SECONDS, 6 * timeout))


def _claim(limit: int) -> list[Message]:
    """Reserve due messages in a short transaction of its own and commit before anything is sent.

    The claim moves `next_try` past the lease, so a concurrent worker (or the next round) skips them;
    on PostgreSQL SKIP LOCKED lets two workers claim different rows at once, on SQLite the claim
    is one short IMMEDIATE write transaction. No transaction is open while the mail server is talked to.
    """
    now = timezone.now()
    with transaction.atomic():
        queryset = Message.objects.filter(status=Message.Status.PENDING, next_try__lte=now).order_by("next_try", "id")
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        messages = list(queryset[:limit])
        if messages:
            reserved_until = now + lease()
            Message.objects.filter(pk__in=[m.pk for m in messages]).update(next_try=reserved_until)
            for message in messages:
                message.next_try = reserved_until
    return messages


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


def server_down(error: Exception) -> bool:
    """Whether the error says "the mail server cannot be reached or does not answer" (not: this message)."""
    if isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    if isinstance(error, smtplib.SMTPException):  # refused recipient, data error …: about this message
        return False
    return isinstance(error, (TimeoutError, ConnectionError, socket.gaierror))


def _record(message: Message, error: Exception | None, counts: dict[str, int]) -> None:
    """Store the outcome of one attempt (a short autocommit write, never inside the claim)."""
    message.attempts += 1
    if error is None:
        message.status = Message.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        counts["sent"] += 1
    else:
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = Message.Status.FAILED
            counts["failed"] += 1
            logger.error("outbox: giving up on message %s after %s attempts: %s", message.pk, message.attempts, error)
        else:
            message.next_try = timezone.now() + backoff(message.attempts)
            counts["retry"] += 1
    message.save(update_fields=["attempts", "status", "next_try", "last_error", "sent_at"])


def _release(messages: list[Message]) -> None:
    """Give back messages that were claimed but not tried (the round stopped early): due again at once."""
    if messages:
        Message.objects.filter(pk__in=[m.pk for m in messages], status=Message.Status.PENDING).update(
            next_try=timezone.now()
        )


def process_due(limit: int = 50, should_stop: Callable[[], bool] | None = None) -> dict[str, int]:
    """Send what is due; a failure is recorded on the message and retried later. Returns counts.

    Rows are claimed and committed first, then sent outside any transaction (a slow or hanging mail
    server never holds a database lock), each outcome is saved on its own. When the server does not
    answer, the rest of the batch is given back instead of waiting for the timeout once per message;
    `should_stop` (the worker's SIGTERM flag) is checked between messages.
    """
    counts = {"sent": 0, "retry": 0, "failed": 0}
    messages = _claim(limit)
    if not messages:
        return counts
    try:
        mail_connection = get_connection(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - a broken backend is just another failure to retry
        mail_connection = None
        logger.warning("outbox: cannot create a mail connection: %s", error)
    try:
        for index, message in enumerate(messages):
            if should_stop is not None and should_stop():
                _release(messages[index:])
                break
            try:
                deliver(message, mail_connection)
            except Exception as error:  # noqa: BLE001 - any delivery error means: try again later
                _record(message, error, counts)
                if server_down(error):
                    logger.warning("outbox: the mail server does not answer (%s); retrying later", error)
                    _release(messages[index + 1 :])
                    break
            else:
                _record(message, None, counts)
    finally:
        if mail_connection is not None:
            try:
                mail_connection.close()
            except Exception:  # noqa: BLE001 - closing a dead connection may fail; nothing to do
                pass
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
