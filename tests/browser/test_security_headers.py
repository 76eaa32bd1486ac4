"""0 Content-Security-Policy violations in a real browser: the public pages and the admin's main screens."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

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


def visit(page, url, violations):
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url} answered {response and response.status}"
    page.wait_for_load_state("networkidle")
    events = page.evaluate("window.__csp")
    assert violations == [] and events == [], f"CSP violations on {url}: {violations} {events}"


def test_public_pages_have_no_csp_violations(sample_content, live_server, browser_page):
    from tests.campaigns.factories import CampaignPageFactory, EventPageFactory

    campaign = CampaignPageFactory(slug="kampagne-csp")
    event = EventPageFactory(slug="arrangement-csp")
    violations = watch_csp(browser_page)
    for path in [*PUBLIC, campaign.url, event.url]:
        visit(browser_page, live_server.url + path, violations)
    # the autocomplete (a script from a static file) works under the policy
    browser_page.goto(live_server.url + "/")
    field = browser_page.get_by_role("combobox").first
    field.fill("dækn")
    browser_page.wait_for_selector("[role=option]", timeout=5000)
    assert browser_page.evaluate("window.__csp") == [] and violations == []


def test_admin_main_screens_have_no_csp_violations(sample_content, live_server, browser_page, django_user_model):
    from django.test import Client

    from knowledge.models import GuidePage

    user = django_user_model.objects.create_superuser("admin-csp", "a@example.org", "x")
    client = Client()
    client.force_login(user)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    guide = GuidePage.objects.get(slug="merudgifter")
    violations = watch_csp(browser_page)
    for path in (
        "/admin/",
        f"/admin/pages/{guide.get_parent().pk}/",
        f"/admin/pages/{guide.pk}/edit/",
        "/admin/snippets/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/search-report/",
        "/admin/users/",
        "/admin/reports/site-history/",
    ):
        visit(browser_page, live_server.url + path, violations)
