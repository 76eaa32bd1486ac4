"""New public pages of issue 6 in real Chromium: the deadline calculator (also by keyboard), position papers, press."""

import datetime

import pytest

from tests.browser_tools import axe_violations, check_page, module_content


def _editorial():
    from django.core.management import call_command

    from knowledge.models import PressContact

    call_command("setup_editorial", stdout=open("/dev/null", "w"))
    from knowledge.models import PressPage

    PressContact.objects.create(
        page=PressPage.objects.get(locale__language_code="da"),
        name="Mette Holm",
        role="Formand",
        phone="+45 12 34 56 78",
        email="presse@example.org",
    )


content = module_content(_editorial)


@pytest.fixture
def transactional_db(content):
    """live_server asks for this: the module's content, built once (tests/browser_tools.py)."""
    return content


@pytest.mark.parametrize(
    "path",
    [
        "/klagefrist/",
        "/nb/klagefrist/",
        "/holdningspapirer/",
        "/holdningspapirer/?aar=1999",
        "/holdningspapirer/retssikkerhed/",
        "/presse/",
    ],
)
def test_page_is_accessible(content, live_server, browser_page, path):
    check_page(browser_page, live_server.url + path)


def test_calculator_result_and_errors_are_accessible(content, live_server, browser_page):
    from deadlines.models import DeadlineRule

    rule = DeadlineRule.objects.get(jurisdiction="dk")
    # The answer (or the error summary) takes focus, so it is announced and in view on a phone.
    check_page(browser_page, f"{live_server.url}/klagefrist/?rule={rule.pk}&received=2026-03-02", focus_on="resultat")
    check_page(browser_page, f"{live_server.url}/klagefrist/?rule=&received=nej", focus_on="form-errors")


def test_calculator_by_keyboard(content, live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/klagefrist/")
    # Tab from the top of the page until the decision list has focus, choose with the arrow key.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_rule":
            break
    assert page.evaluate("document.activeElement.id") == "id_rule"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_received"
    # Chromium's date field takes the digits in its UI locale's order (dd mm yyyy or mm dd yyyy): try both.
    for digits in ("02032026", "03022026"):
        page.keyboard.type(digits)
        if page.evaluate("document.activeElement.value") == "2026-03-02":
            break
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "2026-03-02"
    for _ in range(4):  # Tab may first visit the remaining date segments
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_selector(".deadline-result")
    assert page.inner_text(".deadline-date") == "mandag 30. marts 2026"
    assert axe_violations(page) == []
    # the calendar link is reachable by keyboard too
    link = page.locator("a[download]")
    assert "kalender/?rule=" in link.get_attribute("href")
    assert datetime.date.today() > datetime.date(2026, 3, 30) or "Der er" in page.inner_text(".deadline-result")


def test_position_paper_citation_is_near_the_top_and_copies_with_a_status(content, live_server, browser_page):
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/holdningspapirer/retssikkerhed/")
    # The citation box comes right after the summary, before the recommendations and the body.
    order = page.evaluate(
        """() => ['#summary-heading', '#cite-heading', '#recommendations-heading']
            .map((s) => document.querySelector(s).getBoundingClientRect().top + window.scrollY)"""
    )
    assert order[1] < order[2], "the citation box is not above the recommendations"
    # Recommendations are numbered once: by their "Anbefaling N" label, not also by the list.
    assert page.evaluate("getComputedStyle(document.querySelector('.recommendations ol')).listStyleType") == "none"
    button = page.get_by_role("button", name="Kopiér Harvard")
    assert button.is_visible()
    button.click()
    status = page.locator(".citation [role=status]")
    status.wait_for(state="visible")
    assert status.inner_text() == "Kildehenvisningen er kopieret."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.input_value("#citation-harvard") and "Tilgængelig hos:" in copied
    # Keyboard: the APA button is reachable and works with Enter.
    page.get_by_role("button", name="Kopiér APA").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#citation-apa")
