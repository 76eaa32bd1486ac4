"""What a person sees: the event page, registering, the receipt, cancelling via the signed link, bad input."""

import datetime
import re

import pytest
from django.utils import timezone

from campaigns import services, tokens
from campaigns.models import Registration
from outbox.models import Message
from tests.campaigns.factories import EventPageFactory, event_index, registration_in_state, registration_linked_in

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


def manage_link(email, topic=None):
    """The personal link from the e-mail a person received (the only way to their registration page)."""
    mails = Message.objects.filter(to=[email])
    body = (mails.filter(topic=topic) if topic else mails).latest("id").body
    return "/" + re.search(r"https?://\S+?/(tilmelding/\S+/)", body).group(1)


def test_register_shows_a_receipt_then_the_mailed_link_shows_the_seat_and_cancels(client, event):
    response = client.post(event.url, form_data(1))
    assert response.status_code == 302 and response["Location"] == event.url + "tilmeldt/"
    receipt = client.get(response["Location"]).content.decode()
    assert "Tjek din e-mail" in receipt
    assert "Vi sender en e-mail til den adresse, du skrev" in receipt and "Vi har sendt" not in receipt  # not yet
    assert "hemmelig" not in receipt and "/tilmelding/" not in receipt  # nothing before the address is verified
    html = client.get(manage_link("person1@example.org")).content.decode()
    assert "Du har en plads." in html
    assert "meet.example.org/hemmelig" in html  # online link once the mailed link is followed
    second = client.post(event.url, form_data(2))
    assert second["Location"] == response["Location"]
    assert "Du er på ventelisten" in client.get(manage_link("person2@example.org")).content.decode()

    cancelled = client.post(manage_link("person1@example.org"), {"action": "cancel"}, follow=True)
    assert "Du er nu afmeldt" in cancelled.content.decode()
    assert Registration.objects.get(email="person2@example.org").state == "confirmed"
    assert Message.objects.filter(to=["person2@example.org"], topic="confirmed").exists()


def test_registering_again_is_answered_like_a_new_registration(client, event):
    first = client.post(event.url, form_data(1))
    again = client.post(event.url, form_data(1, name="Samme person"))
    assert again.status_code == first.status_code == 302 and again["Location"] == first["Location"]
    html = client.get(again["Location"]).content.decode()
    assert "allerede" not in html
    assert Registration.objects.count() == 1
    reminder = Message.objects.get(topic="already_registered")
    assert reminder.to == ["person1@example.org"] and "allerede tilmeldt" in reminder.subject


def test_too_many_attempts_for_one_address_are_answered_the_same_and_send_no_mail(client, event, settings):
    settings.CAMPAIGNS_ATTEMPTS_PER_ADDRESS = 2
    client.post(event.url, form_data(1))
    client.post(manage_link("person1@example.org"), {"action": "cancel"})
    client.post(event.url, form_data(1))
    client.post(manage_link("person1@example.org"), {"action": "cancel"})
    mails = Message.objects.count()
    response = client.post(event.url, form_data(1))
    assert response.status_code == 302 and response["Location"] == event.url + "tilmeldt/"
    assert Message.objects.count() == mails and Registration.objects.exclude(state="cancelled").count() == 0


@pytest.mark.parametrize("state", ["received", "confirmed", "waitlisted", "declined", "cancelled"])
def test_delete_my_data_works_in_every_state_and_never_answers_500(client, site_tree, person, state):
    registration = registration_in_state(state, person)
    url = f"/tilmelding/{tokens.registration_token(registration)}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "delete"})
    assert response.status_code == 200 and "Dine oplysninger er slettet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.anonymised_at is not None and registration.name == "" and registration.dietary == ""
    assert client.post(url, {"action": "delete"}).status_code == 404
    assert client.post(url, {"action": "cancel"}).status_code == 404


def test_quoted_local_part_is_refused(client, event):
    response = client.post(event.url, form_data(1, email='"a,victim1@evil.example,victim2@evil.example,"@example.org'))
    assert response.status_code == 400 and "Skriv en gyldig e-mailadresse" in response.content.decode()
    assert not Registration.objects.exists() and not Message.objects.exists()


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
    assert "hemmelig" not in client.get(event.url).content.decode()  # nor the page (its JSON-LD included)
    feed = client.get(event.get_parent().url + "kalender/").content.decode()
    assert feed.count("BEGIN:VEVENT") == 1


def test_confirmation_mail_has_ics_with_online_link(event):
    registration = services.register(event.pk, services.RegistrationData(name="Anna", email="anna@example.org"))
    final = Message.objects.get(to=["anna@example.org"], topic="confirmed")
    assert final.subject == "Du har fået en plads: Dialogmøde i Aarhus"
    assert "Kære Anna" in final.body and "Eksempelvej 1, 8000 Aarhus C" in final.body
    assert registration_linked_in(final.body) == registration
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
