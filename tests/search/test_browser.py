"""The results page and the header combobox in real Chromium: axe-core, keyboard, 320 px."""

import pytest

from tests.browser_tools import check_page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


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


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=merudgifter",
        "/search/?q=merudgiter",
        "/search/?q=zzqxjv",
        "/search/",
        "/search/?q=merudgifter&type=guide&topic=%C3%B8konomi",
        "/nb/search/?q=avlastning",
    ],
)
def test_results_pages_are_accessible(content, live_server, browser_page, path):
    check_page(browser_page, live_server.url + path)


def test_result_count_is_announced(content, live_server, browser_page):
    browser_page.goto(live_server.url + "/search/?q=merudgifter")
    status = browser_page.locator(".search-count-region[role=status]")
    assert "resultater for “merudgifter”" in status.inner_text()


def test_combobox_by_keyboard(content, live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/om-os/")
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.focus()
    page.keyboard.type("dækn")
    page.wait_for_selector("#site-search-listbox [role=option]")
    assert box.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    option = page.locator(f"#{active}")
    assert option.get_attribute("aria-selected") == "true"
    assert option.inner_text() == "Dækning af merudgifter til dit barn"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vejledninger/merudgifter/")


def test_enter_without_choosing_searches(content, live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    page.locator("#site-search-q").fill("aflastning")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=aflastning")
    assert page.locator(".search-result").count() >= 1
