"""Every home and knowledge page type in real Chromium: axe-core, keyboard, 320 px."""

import pytest

from tests.browser_tools import axe_violations, check_page, module_content

PAGES = [
    "/",
    "/nb/",
    "/vejledninger/",
    "/vejledninger/merudgifter/",
    "/principper/",
    "/principper/princip-1/",
    "/holdningspapirer/",
    "/holdningspapirer/retssikkerhed/",
    "/nyheder/",
    "/nyheder/ny-raadgivning/",
    "/ordbog/",
    "/ordbog/merudgifter-ord/",
    "/om-os/",
    "/nb/veiledninger/avlastning/",
    "/nb/om-oss/",
]


content = module_content()


@pytest.fixture
def transactional_db(content):
    """live_server asks for this: the module's content, built once (tests/browser_tools.py)."""
    return content


def test_every_page_type_is_accessible_by_keyboard_and_at_320px(content, live_server, browser_page):
    failures = {}
    for path in PAGES:
        try:
            check_page(browser_page, live_server.url + path)
        except AssertionError as error:
            failures[path] = str(error)
    assert failures == {}


def test_print_view_and_not_found_page_have_no_axe_violations(content, live_server, browser_page):
    browser_page.goto(live_server.url + "/vejledninger/merudgifter/print/")
    assert axe_violations(browser_page) == []
    response = browser_page.goto(live_server.url + "/findes-ikke/")
    assert response.status == 404
    assert browser_page.locator("h1").inner_text() == "Siden findes ikke"
    assert axe_violations(browser_page) == []


def test_table_of_contents_and_faq_work_by_keyboard(content, live_server, browser_page):
    browser_page.goto(live_server.url + "/vejledninger/merudgifter/")
    toc_link = browser_page.locator(".toc a").first
    toc_link.focus()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == toc_link.get_attribute("href")
    summary = browser_page.locator(".faq summary").first
    summary.focus()
    browser_page.keyboard.press("Enter")
    assert browser_page.locator(".faq details").first.get_attribute("open") is not None
