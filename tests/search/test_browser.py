"""The results page and the header combobox in real Chromium: axe-core, keyboard, 320 px."""

import pytest

from tests.browser_tools import check_page, module_content

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def module_search_index(tmp_path_factory):
    """One index for the module's content (the per-test private index of tests/search/conftest.py would be empty)."""
    from django.test import override_settings

    from tests.conftest import reset_search_state

    with override_settings(SEARCH_INDEX_DIR=tmp_path_factory.mktemp("browser-search-index")):
        reset_search_state()
        yield
    reset_search_state()


@pytest.fixture
def private_search_index(module_search_index):
    """Overrides the autouse per-test index of tests/search/conftest.py: these tests share the module's."""


def _index():
    from django.core.management import call_command

    with open("/dev/null", "w") as quiet:
        call_command("rebuild_search_index", stdout=quiet, stderr=quiet)


content = module_content(_index, after=["module_search_index"])


@pytest.fixture
def transactional_db(content):
    """live_server asks for this: the module's content and index, built once (tests/browser_tools.py)."""
    return content


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
