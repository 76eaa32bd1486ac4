"""0 Content-Security-Policy violations in a real browser: the public pages and the admin's main screens."""

import pytest

from tests.browser_tools import module_content


def _content() -> dict:
    """A campaign and an event beside the sample content, and a logged-in administrator's session."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from knowledge.models import GuidePage
    from tests.campaigns.factories import CampaignPageFactory, EventPageFactory

    campaign = CampaignPageFactory(slug="kampagne-csp")
    event = EventPageFactory(slug="arrangement-csp")
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("admin-csp", "a@example.org", "x"))
    guide = GuidePage.objects.get(slug="merudgifter")
    return {
        "pages": [campaign.url, event.url],
        "session": client.cookies["sessionid"].value,
        "guide": guide.pk,
        "guides": guide.get_parent().pk,
    }


content = module_content(_content)


@pytest.fixture
def transactional_db(content):
    """live_server asks for this: the module's content, built once (tests/browser_tools.py)."""
    return content


PUBLIC = [
    "/",
    "/nb/",
    "/vejledninger/",
    "/vejledninger/merudgifter/",
    "/holdningspapirer/retssikkerhed/",
    "/nyheder/",
    "/ordbog/",
    "/ordbog/merudgifter-ord/",
    "/search/?q=merudgifter",
    "/search/?q=aflast",
]


def watch_csp(page) -> list[str]:
    """Collects CSP violations reported on the console and through securitypolicyviolation events."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations


def visit(page, url, violations, settle: bool = False):
    """Load `url` and assert no violation; `settle` also waits for the requests its scripts make (the admin)."""
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url} answered {response and response.status}"
    if settle:
        page.wait_for_load_state("networkidle")
    events = page.evaluate("window.__csp")
    assert violations == [] and events == [], f"CSP violations on {url}: {violations} {events}"


def test_public_pages_have_no_csp_violations(content, live_server, browser_page):
    violations = watch_csp(browser_page)
    for path in [*PUBLIC, *content["pages"]]:
        visit(browser_page, live_server.url + path, violations)
    # the autocomplete (a script from a static file) works under the policy
    browser_page.goto(live_server.url + "/")
    field = browser_page.get_by_role("combobox").first
    field.fill("dækn")
    browser_page.wait_for_selector("[role=option]", timeout=5000)
    assert browser_page.evaluate("window.__csp") == [] and violations == []


def test_admin_main_screens_have_no_csp_violations(content, live_server, browser_page):
    browser_page.context.add_cookies([{"name": "sessionid", "value": content["session"], "url": live_server.url}])
    violations = watch_csp(browser_page)
    for path in (
        "/admin/",
        f"/admin/pages/{content['guides']}/",
        f"/admin/pages/{content['guide']}/edit/",
        "/admin/snippets/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/search-report/",
        "/admin/users/",
        "/admin/reports/site-history/",
    ):
        visit(browser_page, live_server.url + path, violations, settle=True)
