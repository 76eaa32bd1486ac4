"""Signed links expire: a registration link after the event plus the retention period, a sign-up link after 30 days."""

import datetime
import time
from unittest import mock

import pytest
from django.utils import timezone

from campaigns import services, tokens
from campaigns.models import EventPage, Signature
from tests.campaigns.factories import CampaignPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def ended(event, days_ago):
    end = timezone.now() - datetime.timedelta(days=days_ago)
    EventPage.objects.filter(pk=event.pk).update(start=end - datetime.timedelta(hours=3), end=end)


@pytest.fixture
def registration(site_tree):
    event = EventPageFactory(capacity=5)
    return services.register(event.pk, services.RegistrationData(name="Anna", email="anna@example.org"))


def test_registration_link_works_until_the_retention_period_after_the_event(registration, settings):
    settings.CAMPAIGNS_KEEP_REGISTRATIONS_DAYS = 90
    token = tokens.registration_token(registration)
    ended(registration.event, days_ago=89)
    assert tokens.registration_from_token(token).pk == registration.pk
    ended(registration.event, days_ago=91)
    with pytest.raises(tokens.LinkExpired):
        tokens.registration_from_token(token)
    settings.CAMPAIGNS_KEEP_REGISTRATIONS_DAYS = 120  # the period is read from the settings
    assert tokens.registration_from_token(token).pk == registration.pk


def test_expired_registration_link_shows_a_clear_page(client, registration, settings):
    settings.CAMPAIGNS_KEEP_REGISTRATIONS_DAYS = 90
    url = f"/tilmelding/{tokens.registration_token(registration)}/"
    ended(registration.event, days_ago=100)
    for response in (client.get(url), client.post(url, {"action": "cancel"})):
        assert response.status_code == 410
        assert "Linket er udløbet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == "confirmed"  # an expired link changes nothing
    norwegian = client.get("/nb" + url)
    assert norwegian.status_code == 410 and "Lenken har utløpt" in norwegian.content.decode()


def test_tampered_link_is_still_a_404(client, registration):
    token = tokens.registration_token(registration)
    assert tokens.registration_from_token(token + "x") is None
    assert client.get(f"/tilmelding/{token}x/").status_code == 404


def test_signature_link_expires_after_30_days(client, site_tree):
    campaign = CampaignPageFactory()
    signature = Signature.objects.create(campaign=campaign, name="Bo", email="bo@example.org", consent_text="ja")
    long_ago = time.time() - tokens.SIGNATURE_LINK_MAX_AGE - 60
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        token = tokens.signature_token(signature)
    with pytest.raises(tokens.LinkExpired):
        tokens.signature_pk_from_token(token)
    response = client.get(f"/underskrift/{token}/")
    assert response.status_code == 410 and "Linket er udløbet" in response.content.decode()
    assert client.post(f"/underskrift/{token}/").status_code == 410
    signature.refresh_from_db()
    assert signature.confirmed_at is None
    fresh = tokens.signature_token(signature)
    assert tokens.signature_pk_from_token(fresh) == signature.pk
