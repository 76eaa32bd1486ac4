"""A mail server that hangs never blocks the site: no database lock while sending, SIGTERM stops the worker,
and every e-mail goes out exactly once when the server answers again."""

import io
import os
import signal
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

import outbox
from outbox.models import Message
from outbox.worker import _claim, process_due
from tests.outbox.smtp_server import SMTPServer

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def smtp_settings(settings):
    def use(server, timeout=1):
        settings.EMAIL_BACKEND = SMTP
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_TIMEOUT = timeout
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    return use


@pytest.mark.django_db(transaction=True)
def test_a_hanging_mail_server_leaves_the_database_free_for_form_posts(smtp_settings):
    outbox.send("anna@example.org", "Kvittering", "Tak for din tilmelding")
    outbox.send("bo@example.org", "Kvittering", "Tak for din tilmelding")
    with SMTPServer(hang=True) as server:
        smtp_settings(server, timeout=2)
        result = {}
        worker = threading.Thread(target=lambda: result.update(counts=process_due()))
        worker.start()
        try:
            assert server.accepted.wait(5), "the worker never connected to the mail server"
            # While the worker waits for the server: a form post writes at once, it does not wait for the lock.
            started = time.monotonic()
            with transaction.atomic():
                outbox.send("carl@example.org", "Kvittering", "Tak")
            assert time.monotonic() - started < 1
        finally:
            worker.join(15)
        assert not worker.is_alive()
        # One timeout for the round, not one per message: the rest of the batch is given back, due at once.
        assert server.connections == 1
    assert result["counts"] == {"sent": 0, "retry": 1, "failed": 0}
    first, second, third = Message.objects.order_by("id")
    assert first.status == "pending" and first.attempts == 1 and "timed out" in first.last_error
    assert second.status == "pending" and second.attempts == 0 and second.next_try <= timezone.now()
    assert third.status == "pending"


@pytest.mark.django_db
def test_every_mail_goes_out_exactly_once_after_the_server_returns(smtp_settings):
    for name in ("anna", "bo", "carl"):
        outbox.send(f"{name}@example.org", "Kvittering", f"Hej {name}")
    with SMTPServer(hang=True) as hanging:
        smtp_settings(hanging, timeout=0.3)
        for _ in range(3):  # three rounds against a silent server: nothing is sent, nothing is lost
            Message.objects.update(next_try=timezone.now())
            process_due()
    assert Message.objects.filter(status="pending").count() == 3
    with SMTPServer() as server:
        smtp_settings(server)
        Message.objects.update(next_try=timezone.now())
        assert process_due() == {"sent": 3, "retry": 0, "failed": 0}
        Message.objects.update(next_try=timezone.now())  # even if the clock moved on
        assert process_due() == {"sent": 0, "retry": 0, "failed": 0}
        assert sorted(m["to"][0] for m in server.received) == [
            "anna@example.org",
            "bo@example.org",
            "carl@example.org",
        ]
    assert Message.objects.filter(status="sent").count() == 3


@pytest.mark.django_db
def test_a_claimed_message_is_not_claimed_again_until_its_lease_ends():
    outbox.send("anna@example.org", "Emne", "Tekst")
    assert len(_claim(10)) == 1
    assert _claim(10) == []  # a second worker (or the next round) leaves it alone
    assert not connection.in_atomic_block or connection.savepoint_ids == []
    Message.objects.update(next_try=timezone.now())  # the worker died mid-round: the lease ran out
    assert len(_claim(10)) == 1


@pytest.mark.django_db
def test_the_worker_stops_on_sigterm_while_the_mail_server_hangs(smtp_settings):
    outbox.send("anna@example.org", "Kvittering", "Tak")
    with SMTPServer(hang=True) as server:
        smtp_settings(server, timeout=1)

        def terminate_when_connected():
            if server.accepted.wait(10):
                os.kill(os.getpid(), signal.SIGTERM)

        killer = threading.Thread(target=terminate_when_connected)
        killer.start()
        out = io.StringIO()
        started = time.monotonic()
        call_command("run_worker", "--interval", "60", stdout=out)
        killer.join()
    assert time.monotonic() - started < 6  # bounded by EMAIL_TIMEOUT, not by the server
    assert "Outbox worker stopped" in out.getvalue()
    assert Message.objects.get().status == "pending"  # retried by the next worker


@pytest.mark.django_db
def test_the_worker_stops_on_sigterm_between_rounds():
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGTERM))
    timer.start()
    started = time.monotonic()
    call_command("run_worker", "--interval", "60", stdout=io.StringIO())
    assert time.monotonic() - started < 5
    assert signal.getsignal(signal.SIGTERM) is not None
