"""The series page and its application form in real Chromium: axe-core (WCAG 2.1 AA), keyboard, 320 px, and applying."""

import pytest

from tests.browser_tools import axe_violations, check_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(transactional_db):
    from django.core.cache import cache

    from home.demo import install_demo_chrome
    from home.site_setup import ensure_home
    from tests.campaigns.factories import EventSeriesFactory, meetings

    cache.clear()
    ensure_home("da")
    ensure_home("nb")
    install_demo_chrome()
    series = EventSeriesFactory(slug="tillidsbroen", title="Tillidsbroen: fire dialogmøder")
    meetings(series, n=3, capacity=5)
    nb_series = EventSeriesFactory(language="nb", slug="likeverdsreformen", title="Likeverdsreformen i hverdagen")
    meetings(nb_series, n=2, capacity=5, language="nb")
    return series


@pytest.mark.parametrize("path", ["/arrangementer/serie/tillidsbroen/", "/nb/arrangementer/serie/likeverdsreformen/"])
def test_series_page_is_accessible(content, live_server, browser_page, path):
    check_page(browser_page, live_server.url + path)


def test_application_form_errors_are_accessible_at_320_px(content, live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(live_server.url + "/arrangementer/serie/tillidsbroen/")
    page.get_by_role("button", name="Send ansøgning").click()
    assert page.get_by_text("Der er noget, du skal rette").is_visible()
    assert page.get_by_text("Skriv deltagerens navn.").first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert axe_violations(page) == []


def test_apply_for_myself_and_my_son_at_320_px(content, live_server, browser_page):
    from campaigns.models import Registration

    page = browser_page
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(live_server.url + "/arrangementer/serie/tillidsbroen/")
    meetings = list(content.meetings())
    page.get_by_label("Dit navn").fill("Anna Jensen")
    page.get_by_label("Din e-mail").fill("anna@example.org")
    page.get_by_label("Første ønske").select_option(str(meetings[1].pk))
    page.get_by_label("Andet ønske").select_option(str(meetings[0].pk))
    first = page.get_by_role("group", name="Deltager 1")
    first.get_by_label("Navn").fill("Anna Jensen")
    first.get_by_label("E-mail").fill("anna@example.org")
    first.get_by_label("Rolle").select_option("parent")
    first.get_by_label("Region eller landsdel").select_option("dk-midtjylland")
    second = page.get_by_role("group", name="Deltager 2")
    second.get_by_label("Navn").fill("Jonas Jensen")
    second.get_by_label("Rolle").select_option("young")
    second.get_by_label("Region eller landsdel").select_option("dk-midtjylland")
    second.get_by_label("Under 18 år").check()
    page.get_by_label("Jeg er forælder eller værge").check()
    page.get_by_label("Jeg giver samtykke").check()
    page.get_by_role("button", name="Send ansøgning").click()
    page.get_by_role("heading", name="Tak, vi har modtaget det").wait_for()
    assert axe_violations(page) == []
    saved = list(Registration.objects.order_by("id").values_list("name", "state", "preferences"))
    assert saved == [
        ("Anna Jensen", "received", [meetings[1].pk, meetings[0].pk]),
        ("Jonas Jensen", "received", [meetings[1].pk, meetings[0].pk]),
    ]
