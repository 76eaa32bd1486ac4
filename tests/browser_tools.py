"""Real-browser test support: Debian's Chromium driven by Playwright, checked with axe-core.

The fixtures `chromium` (one browser for the whole session), `browser_context` (one per module) and
`browser_page` (the module's tab, reset for each test) are registered once,
in tests/conftest.py; use them with `live_server`, and `check_page(page, url)` to assert 0 axe
violations (WCAG 2.1 AA), no horizontal scroll at 320 px and a working skip link. Every page a browser
test loads is also checked for Content-Security-Policy violations.

A live-server test commits to the database, so pytest-django would flush it after every test and each
test would rebuild its content. `module_content(build)` builds it once per module instead:

    content = module_content(_extras)   # the sample content plus what _extras() adds

    @pytest.fixture
    def transactional_db(content):      # live_server asks for this fixture: hand it the module's content
        return content

The module's tests then share the committed content (write them so that their order does not
matter, or leave the test that changes data last); the database is flushed once, after the module.
"""

import functools
import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the Django ORM calls in fixtures are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _flush() -> None:
    """Empty every table as pytest-django's transactional tests leave it (content types and permissions kept)."""
    call_command("flush", interactive=False, verbosity=0)


def module_content(build=None, *, after=(), sample=True):
    """A module-scoped fixture: the sample content (tests/conftest.py) and `build()`'s extras, committed once.

    Its value is what `build()` returns; `after` names module fixtures to set up first (a search index
    folder); `sample=False` starts from an empty database instead (when `build()` loads the demo content).
    The sample content is the session's snapshot, put back in milliseconds (tests/db_template.py) with
    a copy of its search index; when the module ends the snapshot is put back again, as a transactional
    test leaves the database.
    """

    @pytest.fixture(scope="module")
    def content(request, django_db_setup, django_db_blocker, sample_index_template):
        from django.conf import settings
        from django.core.cache import cache

        from tests import db_template
        from tests.conftest import copy_sample_index, reset_search_state

        for name in after:
            request.getfixturevalue(name)
        with django_db_blocker.unblock():
            if sample:
                db_template.restore_snapshot()
                copy_sample_index(sample_index_template, settings.SEARCH_INDEX_DIR)
            else:
                _flush()
            reset_search_state()
            cache.clear()
            extras = build() if build else None
            try:
                yield extras
            finally:
                if not db_template.restore_snapshot():
                    _flush()

    return content


#: Collects the Content-Security-Policy violations of each document the tab loads (window.__csp).
CSP_WATCH = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


@pytest.fixture(scope="module")
def browser_context(chromium):
    """One browser context, and one tab in it, per module.

    A new context cost Chromium ~0.35 s of CPU and a new tab ~0.15 s, more than loading a page; reusing
    the tab also keeps the site's CSS and scripts in its memory cache. The whole browser part of the
    suite went from 155 to 105 CPU-seconds.
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    context.add_init_script(CSP_WATCH)
    yield context
    context.close()


class CspConsole:
    """The CSP violations Chromium reports on a tab's console (also those of documents already left);
    kept on the tab itself as `page.csp_console`."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on("console", self.note)

    def note(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.messages.append(message.text)


def csp_violations(page) -> list[str]:
    """The CSP violations of the document on the tab, and those on its console since the test began."""
    console = getattr(page, "csp_console", None)
    events = page.evaluate("window.__csp || []") if page.url.startswith("http") else []
    return [*(console.messages if console else []), *events]


def clear_csp_violations(page) -> None:
    """Forget the violations seen so far (a test that causes one on purpose)."""
    if hasattr(page, "csp_console"):
        page.csp_console.messages.clear()
    if page.url.startswith("http"):
        page.evaluate("window.__csp = []")


@pytest.fixture
def browser_page(browser_context):
    """The module's tab, at 1280 × 900 on a blank document, with no cookies (no login, no session).

    Every browser test fails on a Content-Security-Policy violation in any page it loads (checked by
    `check_page` and when the test ends). When the test ends the tab goes back to about:blank and the
    context forgets its cookies and permissions. Listeners a test adds stay on the tab for the rest of
    the module: remove one (`page.remove_listener`) when a later test could trip over it. The site
    keeps nothing in web storage.
    """
    open_pages = [page for page in browser_context.pages if not page.is_closed()]
    page = open_pages[0] if open_pages else browser_context.new_page()
    if not hasattr(page, "csp_console"):  # a new tab
        page.csp_console = CspConsole(page)
    page.csp_console.messages.clear()
    page.set_viewport_size({"width": 1280, "height": 900})
    yield page
    violations = []
    if not page.is_closed():
        violations = csp_violations(page)
        page.goto("about:blank")
    browser_context.clear_cookies()
    browser_context.clear_permissions()
    assert violations == [], f"Content-Security-Policy violations: {violations}"


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Full details for violations only (one node per passed or inapplicable rule): halves a check's time;
    # every rule of the tags still runs.
    "resultTypes": ["violations"],
}


@functools.cache
def axe_source() -> str:
    """axe-core's script as shipped by axe-playwright-python (read once)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (injected once per loaded document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    results = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
    ]


def check_page(page, url: str, focus_on: str | None = None) -> None:
    """The page loads, has 0 axe violations, a keyboard-reachable skip link, and no horizontal scroll at 320 px.

    ``focus_on``: the id of the element a page moves focus to on load (an answer, an error summary); then
    that is checked instead of the skip link, which the reader has already passed.
    """
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url} answered {response and response.status}"
    violations = axe_violations(page)
    assert violations == [], f"axe violations on {url}: {violations}"
    assert csp_violations(page) == [], f"Content-Security-Policy violations on {url}: {csp_violations(page)}"
    if focus_on:
        page.wait_for_timeout(100)  # the page's script runs on DOMContentLoaded
        assert page.evaluate("document.activeElement.id") == focus_on, f"focus not on #{focus_on} on {url}"
    else:
        _check_skip_link(page, url)
    page.set_viewport_size({"width": 320, "height": 700})  # the layout follows the new width at once
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320 px"
    violations = axe_violations(page)
    assert violations == [], f"axe violations on {url} at 320 px: {violations}"


def _check_skip_link(page, url: str) -> None:
    """Keyboard: the first Tab lands on the skip link, and Enter moves focus to the main content."""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')"), (
        f"skip link not first on {url}: {page.evaluate('document.activeElement.outerHTML.slice(0, 200)')}"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
