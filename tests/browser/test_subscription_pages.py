"""Following a guide in real Chromium: the form on a guide at 320 px by keyboard, axe 0 on every new page."""

import re

import pytest

from tests.browser_tools import axe_violations, check_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(transactional_db, tmp_path):
    from django.core.management import call_command

    from home.demo import install_demo_chrome
    from home.site_setup import ensure_home
    from tests.conftest import SAMPLE_ITEMS, write_jsonl

    ensure_home("da")
    ensure_home("nb")
    call_command("import_content", str(write_jsonl(tmp_path / "s.jsonl", SAMPLE_ITEMS)), stdout=open("/dev/null", "w"))
    install_demo_chrome()


def test_follow_a_guide_by_keyboard_at_320px(content, live_server, browser_page):
    from outbox.models import Message
    from subscriptions.models import Subscription

    browser_page.set_viewport_size({"width": 320, "height": 700})
    browser_page.goto(live_server.url + "/vejledninger/merudgifter/")
    box = browser_page.locator("section.follow")
    assert box.locator("h2").inner_text() == "Få besked, når vejledningen ændres"
    overflow = browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert axe_violations(browser_page) == []
    # A mistake first: the error is shown, the typing kept.
    browser_page.locator("#follow-email").focus()
    browser_page.keyboard.type("mor@example")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url(re.compile(r"/foelg/$"))
    assert browser_page.locator(".error-summary").is_visible()
    assert browser_page.locator("#follow-email").input_value() == "mor@example"
    assert axe_violations(browser_page) == []
    browser_page.locator("#follow-email").fill("mor@example.org")
    browser_page.locator("#follow-email").focus()
    browser_page.keyboard.press("Tab")  # the first frequency choice
    browser_page.keyboard.press("ArrowDown")  # "Én gang om dagen"
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url(re.compile(r"/foelg/tjek-din-mail/"))
    assert browser_page.locator("h1").inner_text() == "Tjek din e-mail"
    assert axe_violations(browser_page) == []
    subscription = Subscription.objects.get()
    assert subscription.frequency == "daily" and subscription.confirmed_at is None
    body = Message.objects.get(topic="follow_confirm").body
    confirm_path = re.search(r"https?://[^/\s]+(/foelg/bekraeft/\S+)", body).group(1)
    check_page(browser_page, live_server.url + confirm_path)
    browser_page.get_by_role("button", name="Bekræft").click()
    assert browser_page.locator("h1").inner_text() == "Du følger nu vejledningen"
    assert axe_violations(browser_page) == []
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_topic_listing_and_unsubscribe_pages_are_accessible(content, live_server, browser_page):
    from knowledge.models import GuidePage
    from subscriptions.tokens import unsubscribe_token
    from tests.subscriptions.factories import make_subscription

    check_page(browser_page, live_server.url + "/vejledninger/?emne=økonomi")
    guide = GuidePage.objects.get(slug="merudgifter")
    path = f"/foelg/afmeld/{unsubscribe_token(make_subscription(guide))}/"
    check_page(browser_page, live_server.url + path)
    browser_page.get_by_role("button", name="Afmeld").click()
    assert browser_page.locator("h1").inner_text() == "Du er afmeldt"
    assert axe_violations(browser_page) == []
