"""Every knowledge page type in real Chromium: axe-core, keyboard, 320 px."""

import pytest

from tests.browser.conftest import check_page

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


@pytest.mark.parametrize("path", [
    "/", "/nb/", "/vejledninger/", "/vejledninger/merudgifter/", "/vejledninger/merudgifter/print/",
    "/principper/", "/principper/princip-1/", "/holdningspapirer/", "/holdningspapirer/retssikkerhed/",
    "/nyheder/", "/nyheder/ny-raadgivning/", "/ordbog/", "/ordbog/merudgifter-ord/", "/om-os/",
    "/nb/veiledninger/avlastning/", "/findes-ikke/",
])
def test_page_is_accessible(content, live_server, browser_page, path):
    if path.endswith("/print/"):
        browser_page.goto(live_server.url + path)
        from tests.browser.conftest import axe_violations

        assert axe_violations(browser_page) == []
        return
    if path == "/findes-ikke/":
        response = browser_page.goto(live_server.url + path)
        assert response.status == 404
        from tests.browser.conftest import axe_violations

        assert axe_violations(browser_page) == []
        return
    check_page(browser_page, live_server.url + path)
