"""Campaign sign-up with double opt-in, the counter, share links and the partnership page."""

import re

import pytest

from campaigns.models import Signature
from outbox.models import Message
from tests.campaigns.factories import (
    CampaignPageFactory,
    OrganisationFactory,
    PartnershipPageFactory,
)

pytestmark = pytest.mark.django_db


def sign_data(**extra):
    data = {
        "name": "Anna Jensen",
        "email": "anna@example.org",
        "municipality": "Aarhus",
        "show_name": "on",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def campaign(sample_content):
    page = CampaignPageFactory(title="Ret til en fast sagsbehandler", goal=4)
    page.partners.add(OrganisationFactory(name="Ligeværd", url="https://www.ligevaerd.dk/"))
    page.save_revision().publish()
    return page


def test_campaign_page_shows_demands_counter_partners_form_and_share_links(
    client, campaign, django_assert_max_num_queries
):
    url = campaign.url
    client.get(url)
    with django_assert_max_num_queries(15):
        html = client.get(url).content.decode()
    assert 'id="krav-1"' in html and "Kortere sagsbehandling" in html
    assert "Ligeværd" in html and "https://www.ligevaerd.dk/" in html
    assert "<span data-count>0</span>" in html and 'max="4"' in html
    assert "facebook.com/sharer" in html and '<script src="https://' not in html
    assert 'href="/privatlivspolitik/"' in html


def test_double_opt_in_only_confirmed_sign_ups_count(client, campaign):
    response = client.post(campaign.url, sign_data())
    assert response.status_code == 302 and response["Location"].endswith("/tak/")
    assert "Tjek din e-mail" in client.get(response["Location"]).content.decode()
    assert campaign.confirmed_count() == 0
    mail = Message.objects.get(to=["anna@example.org"])
    link = re.search(r"https?://\S+/underskrift/\S+/", mail.body).group(0)
    path = "/" + link.split("/", 3)[3]
    assert "Bekræft min underskrift" in client.get(path).content.decode()
    assert campaign.confirmed_count() == 0  # opening the link (e.g. a mail scanner) does not sign
    confirmed = client.post(path)
    assert confirmed.status_code == 302 and "bekraeftet=1" in confirmed["Location"]
    assert campaign.confirmed_count() == 1
    client.post(path)
    assert campaign.confirmed_count() == 1
    html = client.get(campaign.url).content.decode()
    assert "<span data-count>1</span>" in html and "25" in html and "Anna Jensen, Aarhus" in html
    assert client.get(campaign.url + "antal/").json() == {"count": 1, "goal": 4, "percent": 25}


def confirm_path(email="anna@example.org"):
    body = Message.objects.filter(to=[email], topic="signature").latest("id").body
    return "/" + re.search(r"https?://\S+?/(underskrift/\S+/)", body).group(1)


def test_signing_again_replaces_unconfirmed_details_and_confirm_shows_what_is_published(client, campaign):
    # Someone else pre-seeds Anna's address with a false name, shown publicly …
    client.post(campaign.url, sign_data(name="Falsk Navn", municipality="Et sted"))
    # … Anna signs herself and does not want her name shown.
    client.post(campaign.url, sign_data(email="ANNA@example.org", show_name=""))
    assert Signature.objects.count() == 1 and Message.objects.count() == 2
    html = client.get(confirm_path()).content.decode()
    assert "Anna Jensen" in html and "Falsk Navn" not in html
    assert "Dit navn bliver ikke vist." in html
    client.post(confirm_path())
    assert "Falsk Navn" not in client.get(campaign.url).content.decode()
    assert campaign.confirmed_count() == 1


def test_confirm_page_shows_the_name_that_will_be_published(client, campaign):
    client.post(campaign.url, sign_data())
    html = client.get(confirm_path()).content.decode()
    assert "Det bliver vist offentligt" in html and "<strong>Anna Jensen</strong>, Aarhus" in html


def test_signing_again_after_confirming_is_answered_like_a_new_sign_up(client, campaign):
    new = client.post(campaign.url, sign_data())
    Signature.objects.update(confirmed_at="2026-11-01T10:00:00+01:00")
    again = client.post(campaign.url, sign_data(name="Nogen andens navn"))
    assert again.status_code == new.status_code == 302 and again["Location"] == new["Location"]
    assert "allerede" not in client.get(again["Location"]).content.decode()
    assert Signature.objects.get().name == "Anna Jensen"
    told = Message.objects.latest("id")
    assert told.to == ["anna@example.org"] and told.subject.startswith("Du har allerede skrevet under")


def test_quoted_local_part_is_refused(client, campaign):
    response = client.post(campaign.url, sign_data(email='"a,b@evil.example"@example.org'))
    assert response.status_code == 400 and "Skriv en gyldig e-mailadresse" in response.content.decode()
    assert not Signature.objects.exists()


def test_bad_input_and_tampered_link(client, campaign):
    response = client.post(campaign.url, sign_data(email="nope", consent=""))
    html = response.content.decode()
    assert response.status_code == 400 and "Skriv en gyldig e-mailadresse" in html and "Du skal give samtykke" in html
    assert not Signature.objects.exists()
    assert client.get("/underskrift/forkert:token/").status_code == 404


def test_honeypot_sign_up_is_not_saved(client, campaign):
    response = client.post(campaign.url, sign_data(website="spam"))
    assert response.status_code == 302 and not Signature.objects.exists()


def test_partnership_page_shows_partners_and_anchored_recommendations(
    client, sample_content, django_assert_max_num_queries
):
    page = PartnershipPageFactory(
        title="Tillidsbroen",
        recommendations=[("recommendation", "<p>Tal med familien tidligt.</p>")],
        press_contacts=[("contact", {"name": "Sekretariatet", "role": "", "phone": "", "email": "presse@example.org"})],
    )
    page.partners.add(OrganisationFactory(name="Bhov"))
    page.save_revision().publish()
    url = page.url
    client.get(url)
    with django_assert_max_num_queries(15):
        html = client.get(url).content.decode()
    assert 'id="anbefaling-1"' in html and "Tal med familien tidligt." in html and "Bhov" in html
    assert "presse@example.org" in html


def test_search_documents(campaign, site_tree):
    document = campaign.search_document()
    assert "Kortere sagsbehandling" in document["body"]
    assert campaign.content_type_name == "campaign"


def test_counter_is_hidden_until_the_editors_minimum(client, campaign):
    campaign.counter_minimum = 3
    campaign.signed_count_offset = 2
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert "<span data-count>" not in html and 'class="counter"' not in html
    assert "Skriv under og vær med fra starten." in html
    assert client.get(campaign.url + "antal/").json() == {"shown": False, "goal": campaign.goal}
    campaign.signed_count_offset = 3
    campaign.save_revision().publish()
    from django.core.cache import cache

    cache.clear()
    html = client.get(campaign.url).content.decode()
    assert "<span data-count>3</span>" in html
    assert client.get(campaign.url + "antal/").json()["count"] == 3
