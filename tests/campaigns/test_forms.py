"""'Bliv medlem' and 'Få rådgivning': saved, the organisation notified through the outbox, bad input explained."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.management.commands.purge_personal_data import Command
from campaigns.models import CounsellingRequest, MembershipApplication
from outbox.models import Message

pytestmark = pytest.mark.django_db


def test_membership_form_saves_and_notifies(client, sample_content, settings):
    html = client.get("/bliv-medlem/").content.decode()
    assert "Jeg giver samtykke" in html and 'href="/privatlivspolitik/"' in html
    response = client.post(
        "/bliv-medlem/",
        {
            "kind": "family",
            "name": "Anna",
            "email": "anna@example.org",
            "address": "Eksempelvej 1, 8000 Aarhus",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert "Tak for din ansøgning" in client.get(response["Location"]).content.decode()
    application = MembershipApplication.objects.get()
    assert application.consent_text.startswith("Jeg giver samtykke")
    notice = Message.objects.get(to=[settings.ORGANISATION_EMAIL])
    assert "Anna" in notice.subject and notice.reply_to == "anna@example.org"
    assert Message.objects.filter(to=["anna@example.org"]).exists()


def test_counselling_form_validation(client, sample_content):
    response = client.post(
        "/faa-raadgivning/",
        {
            "topic": "complaint",
            "message": "",
            "name": "Bo",
            "email": "bo@example.org",
            "preferred_contact": "phone",
            "consent": "on",
            "website": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv kort, hvad du gerne vil have hjælp til." in html
    assert "Skriv dit telefonnummer, hvis vi skal ringe til dig." in html
    assert not CounsellingRequest.objects.exists() and not Message.objects.exists()
    ok = client.post(
        "/faa-raadgivning/",
        {
            "topic": "complaint",
            "message": "Afslag på merudgifter",
            "name": "Bo",
            "email": "bo@example.org",
            "phone": "12345678",
            "preferred_contact": "phone",
            "consent": "on",
            "website": "",
        },
    )
    assert ok.status_code == 302 and CounsellingRequest.objects.get().topic == "complaint"


def test_norwegian_form(client, sample_content):
    response = client.post("/nb/fa-radgivning/", {"website": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv navnet ditt." in html and "samtykke" in html


def test_purge_personal_data_command(site_tree):
    old = MembershipApplication.objects.create(
        name="Gammel", email="g@example.org", address="x", consent_text="ja", handled=True
    )
    MembershipApplication.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    MembershipApplication.objects.create(name="Ny", email="n@example.org", address="x", consent_text="ja", handled=True)
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "1 membership applications" in out.getvalue()
    assert list(MembershipApplication.objects.values_list("name", flat=True)) == ["Ny"]


def test_purge_personal_data_help_names_the_periods_the_purge_uses(settings):
    def help_text():
        return " ".join(Command().create_parser("manage.py", "purge_personal_data").format_help().split())

    text = help_text()
    for option, days in (("registration", 90), ("signature", 30), ("form", 365), ("outbox", 30)):
        assert f"--{option}-days" in text and f"(default {days})" in text
    settings.CAMPAIGNS_KEEP_REGISTRATIONS_DAYS = 60
    settings.OUTBOX_KEEP_UNSENT_DAYS = 14
    text = help_text()
    assert "Days after an event's end (default 60)." in text
    assert "Days after an unsent e-mail was queued (default 14)." in text


def counselling_data(**extra):
    data = {
        "topic": "complaint",
        "message": "Afslag på merudgifter",
        "name": "Bo",
        "email": "bo@example.org",
        "preferred_contact": "email",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


def test_counselling_message_has_a_length_limit(client, site_tree):
    response = client.post("/faa-raadgivning/", counselling_data(message="x" * 5001))
    assert response.status_code == 400
    assert "Skriv højst 5000 tegn. Teksten har 5001 tegn." in response.content.decode()
    assert not CounsellingRequest.objects.exists() and not Message.objects.exists()
    assert 'maxlength="5000"' in client.get("/faa-raadgivning/").content.decode()
    norwegian = client.post("/nb/faa-raadgivning/", counselling_data(message="x" * 2_000_000))
    assert norwegian.status_code == 400 and "Skriv høyst 5000 tegn." in norwegian.content.decode()
    assert client.post("/faa-raadgivning/", counselling_data(message="x" * 5000)).status_code == 302


@pytest.mark.parametrize("url", ["/faa-raadgivning/", "/bliv-medlem/"])
def test_quoted_local_part_is_refused(client, site_tree, url):
    data = counselling_data(email='"a,victim1@evil.example,victim2@evil.example,"@example.org', kind="family")
    data["address"] = "Eksempelvej 1"
    response = client.post(url, data)
    assert response.status_code == 400 and "Skriv en gyldig e-mailadresse" in response.content.decode()
    assert not Message.objects.exists()


def test_a_name_with_line_breaks_does_not_break_the_notification(client, site_tree, settings, mailoutbox):
    from outbox.worker import process_due

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/faa-raadgivning/", counselling_data(name="Bo\r\nBcc: victim@evil.example\rHansen"))
    assert response.status_code == 302
    notice = Message.objects.get(to=[settings.ORGANISATION_EMAIL])
    assert "\r" not in notice.subject and "\n" not in notice.subject
    assert notice.subject == "Ny henvendelse om rådgivning: Bo Bcc: victim@evil.example Hansen"
    assert process_due() == {"sent": 2, "retry": 0, "failed": 0}
    assert all(mail.bcc == [] for mail in mailoutbox)
    assert sorted(address for mail in mailoutbox for address in mail.to) == sorted(
        [settings.ORGANISATION_EMAIL, "bo@example.org"]
    )
