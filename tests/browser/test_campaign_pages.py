"""Campaign, partnership and event pages in real Chromium (axe-core, keyboard, 320 px), and register → receipt →
the e-mailed link → cancel."""

import pytest

from tests.browser_tools import axe_violations, check_page, module_content


def _campaigns():
    from tests.campaigns.factories import (
        CampaignPageFactory,
        EventPageFactory,
        OrganisationFactory,
        PartnershipPageFactory,
    )

    partner = OrganisationFactory(name="Ligeværd")
    campaign = CampaignPageFactory(slug="fast-sagsbehandler", title="Ret til en fast sagsbehandler")
    campaign.partners.add(partner)
    campaign.save_revision().publish()
    partnership = PartnershipPageFactory(
        slug="tillidsbroen",
        title="Tillidsbroen",
        recommendations=[("recommendation", "<p>Tal med familien tidligt.</p>")],
    )
    partnership.partners.add(partner)
    partnership.save_revision().publish()
    EventPageFactory(
        slug="temadag",
        title="Temadag om overgangen til voksenlivet",
        capacity=1,
        max_companions=1,
        online_url="https://online.example.org/rum",
        programme=[("item", {"time": "10.00", "title": "Velkomst", "speaker": "Formanden"})],
        stands=[("stand", {"name": "Rådgivningen", "description": "Spørg om din sag"})],
    )
    EventPageFactory(slug="dialogmoede", title="Dialogmøde i Aarhus", mode="application", ask_region=True)


content = module_content(_campaigns)


@pytest.fixture
def transactional_db(content):
    """live_server asks for this: the module's content, built once (tests/browser_tools.py).

    test_register_receipt_cancel takes the only seat and gives it back, so the pages look the same after it.
    """
    return content


@pytest.mark.parametrize(
    "path",
    [
        "/kampagner/",
        "/kampagner/fast-sagsbehandler/",
        "/kampagner/fast-sagsbehandler/tak/",
        "/kampagner/tillidsbroen/",
        "/arrangementer/",
        "/arrangementer/?tidligere=1",
        "/arrangementer/temadag/",
        "/arrangementer/dialogmoede/",
        "/bliv-medlem/",
        "/faa-raadgivning/",
        "/nb/bli-medlem/",
    ],
)
def test_page_is_accessible(content, live_server, browser_page, path):
    check_page(browser_page, live_server.url + path)


def test_form_errors_are_accessible(content, live_server, browser_page):
    browser_page.goto(live_server.url + "/arrangementer/temadag/")
    browser_page.get_by_role("button", name="Tilmeld mig").click()
    assert browser_page.get_by_text("Der er noget, du skal rette").is_visible()
    assert browser_page.get_by_text("Skriv dit navn.").first.is_visible()
    assert axe_violations(browser_page) == []


def test_register_receipt_mail_link_cancel(content, live_server, browser_page):
    import re

    from campaigns.models import Registration
    from outbox.models import Message

    page = browser_page
    page.goto(live_server.url + "/arrangementer/temadag/")
    page.get_by_label("Navn").fill("Anna Jensen")
    page.get_by_label("E-mail").fill("anna@example.org")
    page.get_by_label("Din rolle").select_option("parent")
    page.get_by_label("Jeg giver samtykke").check()
    page.get_by_role("button", name="Tilmeld mig").click()
    # The receipt says: check your e-mail. No state, no online link before the address is verified.
    page.get_by_role("heading", name="Tjek din e-mail").wait_for()
    assert page.get_by_text("https://online.example.org/rum").count() == 0
    check_page(page, page.url)
    # The link in the receipt e-mail leads to the seat and the online link.
    body = Message.objects.get(to=["anna@example.org"], topic="confirmed").body  # first come: one e-mail
    personal = live_server.url + "/" + re.search(r"https?://\S+?/(tilmelding/\S+/)", body).group(1)
    check_page(page, personal)
    page.goto(personal)
    assert page.get_by_text("Du har en plads.").is_visible()
    assert page.get_by_role("link", name="https://online.example.org/rum").is_visible()
    page.get_by_role("button", name="Afmeld mig").click()
    page.get_by_text("Du er nu afmeldt").wait_for()
    assert page.get_by_text("Du er afmeldt.").is_visible()
    assert Registration.objects.get(email="anna@example.org").state == "cancelled"
    assert axe_violations(page) == []


def test_signature_confirm_page_shows_what_is_published(content, live_server, browser_page):
    from campaigns import tokens
    from campaigns.models import CampaignPage, Signature

    campaign = CampaignPage.objects.get(slug="fast-sagsbehandler")
    signature = Signature.objects.create(
        campaign=campaign, name="Anna Jensen", email="anna@example.org", municipality="Aarhus", show_name=True,
        consent_text="ja",
    )  # fmt: skip
    url = live_server.url + f"/underskrift/{tokens.signature_token(signature)}/"
    check_page(browser_page, url)
    assert browser_page.get_by_role("heading", name="Det bliver vist offentligt").is_visible()
    assert browser_page.get_by_text("Anna Jensen, Aarhus").is_visible()
