"""What a person sees: the event page, registering, the receipt, cancelling via the signed link, bad input."""

import datetime

import pytest
from django.utils import timezone

from campaigns import services, tokens
from campaigns.models import Registration
from outbox.models import Message
from tests.campaigns.factories import EventPageFactory, event_index

pytestmark = pytest.mark.django_db


def form_data(n=1, **extra):
    data = {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "role": "parent",
        "organisation": "",
        "dietary": "",
        "accessibility_needs": "",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def event(sample_content):
    return EventPageFactory(
        capacity=1,
        title="Dialogmøde i Aarhus",
        online_url="https://meet.example.org/hemmelig",
        programme=[("item", {"time": "10.00", "title": "Velkomst", "speaker": "Formanden"})],
    )


def test_event_page_shows_facts_programme_and_form_but_not_the_online_link(
    client, event, django_assert_max_num_queries
):
    url = event.url
    client.get(url)  # warm the per-process caches (site root paths, privacy link)
    with django_assert_max_num_queries(15):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dialogmøde i Aarhus" in html and "Velkomst" in html and "Formanden" in html
    assert "Der er 1 ledig plads." in html
    assert "Eksempelvej 1" in html and "elevator" in html
    assert "meet.example.org" not in html
    assert 'href="/privatlivspolitik/"' in html and "Jeg giver samtykke" in html


def test_register_shows_receipt_then_cancel_frees_the_seat_for_the_waiting_list(client, event):
    response = client.post(event.url, form_data(1))
    assert response.status_code == 302 and "/tilmelding/" in response["Location"]
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert "Tak, vi har modtaget din tilmelding" in html and "Du har en plads." in html
    assert "meet.example.org/hemmelig" in html  # online link only for the confirmed person
    second = client.post(event.url, form_data(2))
    assert "Du er på ventelisten" in client.get(second["Location"]).content.decode()

    manage = response["Location"].split("?")[0]
    cancelled = client.post(manage, {"action": "cancel"}, follow=True)
    assert "Du er nu afmeldt" in cancelled.content.decode()
    assert Registration.objects.get(email="person2@example.org").state == "confirmed"
    assert Message.objects.filter(to=["person2@example.org"], topic="confirmed").exists()


def test_duplicate_email_gets_a_clear_message_and_no_second_row(client, event):
    client.post(event.url, form_data(1))
    response = client.post(event.url, form_data(1, name="Samme person"))
    assert response.status_code == 400
    assert "allerede tilmeldt" in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "data,message",
    [
        (form_data(1, name=""), "Skriv dit navn."),
        (form_data(1, email="ikke-en-mail"), "Skriv en gyldig e-mailadresse"),
        ({k: v for k, v in form_data(1).items() if k != "consent"}, "Du skal give samtykke"),
        (form_data(1, role="konge"), "Vælg en af mulighederne."),
    ],
)
def test_bad_input_shows_a_danish_message_and_saves_nothing(client, event, data, message):
    response = client.post(event.url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_honeypot_saves_nothing(client, event):
    response = client.post(event.url, form_data(1, website="http://spam.example"))
    assert response.status_code == 302
    assert not Registration.objects.exists() and not Message.objects.exists()


def test_rate_limit_per_ip(client, event, settings):
    settings.FORM_RATE_LIMIT = "3/60"
    for n in range(3):
        client.post(event.url, form_data(n, email="bad"))
    response = client.post(event.url, form_data(9))
    assert response.status_code == 429
    assert "Vent et minut" in response.content.decode()
    assert not Registration.objects.exists()
    other_ip = client.post(event.url, form_data(9), REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302


def test_closed_registration_is_not_a_500(client, site_tree):
    event = EventPageFactory(registration_closes=timezone.now() - datetime.timedelta(hours=1))
    assert "Tilmeldingen er lukket." in client.get(event.url).content.decode()
    response = client.post(event.url, form_data(1))
    assert response.status_code == 302 and not Registration.objects.exists()


def test_bad_or_tampered_link_is_a_friendly_404(client, event):
    registration = services.register(event.pk, services.RegistrationData(name="A", email="a@example.org"))
    token = tokens.registration_token(registration)
    response = client.get(f"/tilmelding/{token}x/")
    assert response.status_code == 404 and "Linket virker ikke" in response.content.decode()


def test_delete_my_data_through_the_link(client, event):
    registration = services.register(event.pk, services.RegistrationData(name="Anna", email="anna@example.org"))
    url = f"/tilmelding/{tokens.registration_token(registration)}/"
    response = client.post(url, {"action": "delete"})
    assert "Dine oplysninger er slettet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == "cancelled" and registration.name == ""
    assert client.get(url).status_code == 404


def test_event_ics_and_feed(client, event):
    response = client.get(event.url + "kalender/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "SUMMARY:Dialogmøde i Aarhus" in body
    assert "DTSTART:" + event.start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M") in body
    assert "hemmelig" not in body  # the public .ics has no online link
    feed = client.get(event.get_parent().url + "kalender/").content.decode()
    assert feed.count("BEGIN:VEVENT") == 1


def test_confirmation_mail_has_ics_with_online_link(event):
    registration = services.register(event.pk, services.RegistrationData(name="Anna", email="anna@example.org"))
    final = Message.objects.get(to=["anna@example.org"], topic="confirmed")
    assert final.subject == "Du har fået en plads: Dialogmøde i Aarhus"
    assert "Kære Anna" in final.body and "Eksempelvej 1, 8000 Aarhus C" in final.body
    assert tokens.registration_token(registration) in final.body
    assert final.attachments[0]["filename"].endswith(".ics") and "hemmelig" in final.attachments[0]["content"]


def test_event_index_filters_and_past(client, sample_content, django_assert_max_num_queries):
    EventPageFactory(title="Konference i Odense", kind="conference", region="Region Syddanmark")
    EventPageFactory(title="Dialogmøde i Aalborg", kind="dialogue_meeting", region="Region Nordjylland")
    past = EventPageFactory(title="Gammelt møde", start=timezone.now() - datetime.timedelta(days=10))
    index_url = past.get_parent().url
    client.get(index_url)
    with django_assert_max_num_queries(15):
        html = client.get(index_url).content.decode()
    assert "Konference i Odense" in html and "Dialogmøde i Aalborg" in html and "Gammelt møde" not in html
    html = client.get(index_url + "?region=Region+Syddanmark").content.decode()
    assert "Konference i Odense" in html and "Dialogmøde i Aalborg" not in html
    html = client.get(index_url + "?type=dialogue_meeting").content.decode()
    assert "Konference i Odense" not in html and "Dialogmøde i Aalborg" in html
    assert "Gammelt møde" in client.get(index_url + "?tidligere=1").content.decode()
    assert client.get(index_url + "?region=<script>&side=x").status_code == 200


def test_norwegian_messages(client, site_tree):
    event = EventPageFactory(parent=event_index("nb"), capacity=3)
    response = client.post(event.url, form_data(1, name=""))
    assert event.url.startswith("/nb/")
    assert "Skriv navnet ditt." in response.content.decode()
