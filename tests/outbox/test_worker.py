"""The outbox: queued inside the caller's transaction, delivered by the worker, retried with backoff."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import outbox
from outbox.models import Message
from outbox.worker import (
    MAX_ATTEMPTS,
    PERIODIC,
    backoff,
    process_due,
    purge_sent,
    register_periodic,
    run_periodic,
)

pytestmark = pytest.mark.django_db
FAILING = "tests.outbox.failing_backend.FailingBackend"


def test_send_queues_and_the_worker_delivers_with_attachments():
    outbox.send("anna@example.org", "Emne", "Tekst", attachments=[("moede.ics", "BEGIN:VCALENDAR", "text/calendar")])
    assert len(mail.outbox) == 0  # nothing leaves before the worker runs
    assert process_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["anna@example.org"] and sent.subject == "Emne"
    assert sent.attachments[0][0] == "moede.ics"
    message = Message.objects.get()
    assert message.status == "sent" and message.attempts == 1 and message.sent_at is not None
    assert process_due() == {"sent": 0, "retry": 0, "failed": 0}  # never sent twice


def test_message_is_rolled_back_with_the_callers_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.send("anna@example.org", "Emne", "Tekst")
        raise RuntimeError("the registration failed")
    assert not Message.objects.exists()


def test_failure_is_recorded_and_retried_later_with_backoff(settings):
    settings.EMAIL_BACKEND = FAILING
    outbox.send("anna@example.org", "Emne", "Tekst")
    before = timezone.now()
    assert process_due() == {"sent": 0, "retry": 1, "failed": 0}
    message = Message.objects.get()
    assert message.status == "pending" and message.attempts == 1
    assert "Connection refused" in message.last_error
    assert message.next_try >= before + datetime.timedelta(seconds=29)
    # Not due yet: the next round leaves it alone.
    assert process_due() == {"sent": 0, "retry": 0, "failed": 0}
    # The mail server is back and the time has come: it goes out.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Message.objects.update(next_try=timezone.now())
    assert process_due() == {"sent": 1, "retry": 0, "failed": 0}
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2 and message.last_error == ""
    assert len(mail.outbox) == 1


def test_backoff_doubles_and_is_capped():
    assert backoff(1) == datetime.timedelta(seconds=30)
    assert backoff(2) == datetime.timedelta(seconds=60)
    assert backoff(3) == datetime.timedelta(seconds=120)
    assert backoff(30) == datetime.timedelta(hours=6)


def test_gives_up_after_max_attempts(settings):
    settings.EMAIL_BACKEND = FAILING
    outbox.send("anna@example.org", "Emne", "Tekst")
    for _ in range(MAX_ATTEMPTS):
        Message.objects.update(next_try=timezone.now())
        process_due()
    message = Message.objects.get()
    assert message.status == "failed" and message.attempts == MAX_ATTEMPTS


def test_run_worker_once_sends_due_mail():
    outbox.send(["a@example.org", "b@example.org"], "Emne", "Tekst")
    call_command("run_worker", "--once", stdout=io.StringIO())
    assert mail.outbox[0].to == ["a@example.org", "b@example.org"]


def test_old_sent_messages_are_purged():
    outbox.send("anna@example.org", "Emne", "Tekst")
    process_due()
    Message.objects.update(sent_at=timezone.now() - datetime.timedelta(days=31))
    outbox.send("bo@example.org", "Emne", "Tekst")
    assert purge_sent(30) == 1
    assert list(Message.objects.values_list("to", flat=True)) == [["bo@example.org"]]


def test_periodic_jobs_run_at_most_once_per_interval():
    calls = []
    register_periodic("test.job", datetime.timedelta(hours=1), lambda: calls.append(1))
    assert "test.job" in run_periodic(now=1000.0)
    assert "test.job" not in run_periodic(now=1000.0 + 60)
    assert "test.job" in run_periodic(now=1000.0 + 3601)
    assert len(calls) == 2
    PERIODIC.pop("test.job")
