"""0 Content-Security-Policy violations in a real browser: the admin's main screens, the header's suggestions,
and a check that the watch itself works. Every public page a browser test loads is checked too
(tests/browser_tools.py: `browser_page`)."""

import pytest

from tests.browser_tools import clear_csp_violations, csp_violations, module_content


def _content() -> dict:
    """A logged-in administrator's session beside the sample content."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from knowledge.models import GuidePage

    client = Client()
    client.force_login(get_user_model().objects.create_superuser("admin-csp", "a@example.org", "x"))
    guide = GuidePage.objects.get(slug="merudgifter")
    return {"session": client.cookies["sessionid"].value, "guide": guide.pk, "guides": guide.get_parent().pk}


content = module_content(_content)


@pytest.fixture
def transactional_db(content):
    """live_server asks for this: the module's content, built once (tests/browser_tools.py)."""
    return content


def visit(page, url):
    """Load `url`, wait for the requests its scripts make (the admin), and assert no CSP violation."""
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url} answered {response and response.status}"
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == [], f"CSP violations on {url}: {csp_violations(page)}"


def test_the_autocomplete_works_under_the_policy(content, live_server, browser_page):
    """Every page a browser test loads is checked for CSP violations (tests/browser_tools.py); here the
    header's suggestions, a script from a static file that fetches JSON, run under the policy."""
    browser_page.goto(live_server.url + "/")
    field = browser_page.get_by_role("combobox").first
    field.fill("dækn")
    browser_page.wait_for_selector("[role=option]", timeout=5000)
    assert csp_violations(browser_page) == []


def test_a_violation_is_caught(content, live_server, browser_page):
    """The check is live: an inline script on a public page (the policy forbids it) is reported."""
    browser_page.goto(live_server.url + "/")
    browser_page.evaluate(
        "() => { const script = document.createElement('script');"
        " script.textContent = 'window.__injected = 1'; document.head.append(script); }"
    )
    for _ in range(50):  # the report is an event queued after the script was refused
        if csp_violations(browser_page):
            break
        browser_page.wait_for_timeout(20)
    assert any("script-src" in violation for violation in csp_violations(browser_page))
    assert browser_page.evaluate("window.__injected === undefined")
    clear_csp_violations(browser_page)  # the test's own violation is not a failure


def test_admin_main_screens_have_no_csp_violations(content, live_server, browser_page):
    browser_page.context.add_cookies([{"name": "sessionid", "value": content["session"], "url": live_server.url}])
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
        visit(browser_page, live_server.url + path)
