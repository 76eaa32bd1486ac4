"""outbox.send: recipients are a list (never joined and split on ","), header values are single lines."""

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import outbox
from outbox.models import Message
from outbox.worker import process_due

pytestmark = pytest.mark.django_db

QUOTED = '"a,victim1@evil.example,victim2@evil.example,"@example.org'


def test_an_address_with_commas_stays_one_recipient():
    outbox.send(QUOTED, "Emne", "Tekst")
    message = Message.objects.get()
    assert message.to == [QUOTED] and message.recipients == [QUOTED]
    assert process_due()["sent"] == 1
    assert mail.outbox[0].to == [QUOTED]  # one recipient: the quoted address, not three


def test_recipients_are_stored_as_a_list():
    outbox.send(["a@example.org", "b@example.org"], "Emne", "Tekst")
    assert Message.objects.get().to == ["a@example.org", "b@example.org"]
    assert Message.objects.filter(to=["a@example.org", "b@example.org"]).exists()


def test_header_values_are_single_lines():
    outbox.send(
        "a@example.org", "Ny henvendelse: Bo\r\nBcc: x@evil.example\rHansen", "Tekst", reply_to="b@example.org\n"
    )
    message = Message.objects.get()
    assert message.subject == "Ny henvendelse: Bo Bcc: x@evil.example Hansen" and message.reply_to == "b@example.org"
    assert process_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert mail.outbox[0].bcc == [] and mail.outbox[0].reply_to == ["b@example.org"]


@pytest.mark.django_db(transaction=True)
def test_migration_turns_joined_recipients_into_lists():
    executor = MigrationExecutor(connection)
    executor.migrate([("outbox", "0001_initial")])
    old_apps = executor.loader.project_state([("outbox", "0001_initial")]).apps
    OldMessage = old_apps.get_model("outbox", "Message")
    OldMessage.objects.create(to="a@example.org, b@example.org", subject="s", body="b")
    executor = MigrationExecutor(connection)
    executor.migrate([("outbox", "0002_recipients_as_list")])
    assert list(Message.objects.values_list("to", flat=True)) == [["a@example.org", "b@example.org"]]
    # Leave the schema at the latest migration for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_admin_lists_and_searches_recipients(admin_client):
    from django.urls import reverse

    outbox.send(["anna@example.org", "bo@example.org"], "Din tilmelding", "Tekst")
    url = reverse("wagtailsnippets_outbox_message:list")
    html = admin_client.get(url).content.decode()
    assert "anna@example.org; bo@example.org" in html
    found = admin_client.get(url, {"q": "bo@example.org"})
    assert found.status_code == 200 and "Din tilmelding" in found.content.decode()
