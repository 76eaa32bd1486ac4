"""Nothing an editor types is lost: the fields typed just before "Gem skitse" are in the latest revision.

The race of issue 12: the editor changes a field, Wagtail's autosave takes a snapshot of the form and
waits 500 ms (its debounce) before sending it; meanwhile the editor fills "Senest gennemgået" and
"Gennemgået af" and presses "Gem skitse". The autosave reaches the server while the editor's save is
being written. A save that takes a while (revision, reference index, search index) makes the window
wide; the test widens it on purpose by holding the editor's save for 1.5 s after the page row was
written, so the outcome does not depend on the machine's speed.
"""

import datetime
import threading
import time

import pytest
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_save

from tests.browser_tools import module_content

REVIEWER = "Rådgivningen, Mette Holm"


def _editor() -> int:
    """An administrator beside the sample content; the guide the tests edit (tests/conftest.py)."""
    from django.contrib.auth import get_user_model

    from knowledge.models import GuidePage

    get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", "hemmelig-kode-42")
    return GuidePage.objects.get(slug="aflastning", locale__language_code="da").pk


content = module_content(_editor)


@pytest.fixture
def transactional_db(content):
    """live_server asks for this: the module's content, built once (tests/browser_tools.py)."""
    return content


@pytest.fixture
def guide(content):
    from knowledge.models import GuidePage

    return GuidePage.objects.get(pk=content)


def log_in(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "hemmelig-kode-42")
    page.click("form button[type=submit]")
    page.wait_for_url(base_url + "/admin/")


@pytest.fixture
def slow_editor_save():
    """Hold the editor's save (the one carrying REVIEWER) for 1.5 s inside its transaction."""
    from knowledge.models import GuidePage

    def hold(sender, instance, update_fields=None, **kwargs):
        if instance.reviewed_by == REVIEWER and update_fields and "latest_revision" in update_fields:
            time.sleep(1.5)

    post_save.connect(hold, sender=GuidePage, weak=False)
    yield
    post_save.disconnect(hold, sender=GuidePage)


@pytest.fixture
def server_idle():
    """Waits until the live server has answered every request it received (counted by Django's signals)."""
    in_flight = [0]
    lock = threading.Lock()

    def started(**kwargs):
        with lock:
            in_flight[0] += 1

    def finished(**kwargs):
        with lock:
            in_flight[0] -= 1

    request_started.connect(started, weak=False)
    request_finished.connect(finished, weak=False)

    def wait(timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while in_flight[0] > 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert in_flight[0] <= 0, "the live server was still answering a request"

    yield wait
    request_started.disconnect(started)
    request_finished.disconnect(finished)


def test_the_admin_writes_the_same_ascii_slug_as_the_import(guide, live_server, browser_page):
    from home.slugs import ascii_slug

    page = browser_page
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/pages/add/knowledge/guidepage/{guide.get_parent().pk}/")
    title = "Støtte til søskende på Ærø – også når det går godt"
    page.fill("#id_title", title)
    page.locator("#id_title").blur()
    for _ in range(50):  # polled from Python: the admin's CSP forbids the eval behind wait_for_function
        if page.input_value("#id_slug"):
            break
        page.wait_for_timeout(100)
    assert (
        page.input_value("#id_slug") == ascii_slug(title) == "stoette-til-soeskende-paa-aeroe-ogsaa-naar-det-gaar-godt"
    )


#: English that Wagtail's JavaScript renders in the edit view (sidebar, minimap, block toolbar, autosave)
JS_ENGLISH = [
    "Collapse all",
    "Expand all",
    "Toggle sidebar",
    "Main menu",
    "Page explorer",
    "Insert a block",
    "Images",
    "Documents",
    "Reports",
    "Help",
    "Snippets",
    "Workflows",
    "Site history",
    "Shortcuts",
    "Toggle section",
    "Autosave in progress",
    "Changes have been autosaved",
]


def test_the_edit_view_rendered_by_javascript_is_danish(guide, live_server, browser_page):
    import re

    page = browser_page
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/pages/{guide.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # Open the "Rapporter" and "Hjælp" submenus of the sidebar so their items are rendered too.
    for name in ("Rapporter", "Hjælp"):
        page.get_by_role("button", name=name).first.click()
    text = page.evaluate(
        """() => [document.body.innerText,
                  ...[...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap(
                      (el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) || ''))
                 ].join(' ')"""
    )
    found = [phrase for phrase in JS_ENGLISH if re.search(rf"(?<![\\w-]){re.escape(phrase)}(?![\\w-])", text)]
    assert found == []
    assert "Fold alle sammen" in text or "Fold alle ud" in text


def test_fields_typed_just_before_saving_are_in_the_latest_revision(
    guide, slow_editor_save, server_idle, live_server, browser_page
):
    """Last in the module: it saves and publishes the guide the other tests open."""
    assert guide.last_reviewed is None and guide.reviewed_by == ""
    page = browser_page
    log_in(page, live_server.url)
    edit_url = f"{live_server.url}/admin/pages/{guide.pk}/edit/"
    page.goto(edit_url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2500)  # Wagtail records the form's initial state 2 s after load

    autosaves = []

    def note_autosave(request):
        if request.method == "POST" and request.headers.get("accept") == "application/json":
            autosaves.append(request)

    page.on("request", note_autosave)
    # The moment Wagtail's autosave takes its snapshot of the form (after a first change), the editor fills
    # the review fields and presses "Gem skitse": well inside the autosave's 500 ms debounce.
    page.evaluate(
        """(reviewer) => document.addEventListener('w-autosave:save', () => {
            if (window.__saved) return;
            window.__saved = true;
            setTimeout(() => {
                for (const [id, value] of [['id_last_reviewed', '2026-11-30'], ['id_reviewed_by', reviewer]]) {
                    const input = document.getElementById(id);
                    input.value = value;
                    input.dispatchEvent(new Event('input', {bubbles: true}));
                    input.dispatchEvent(new Event('change', {bubbles: true}));
                }
                document.querySelector('button.action-save').click();
            }, 30);
        })""",
        REVIEWER,
    )
    with page.expect_navigation(timeout=30_000):
        page.fill("#id_audience", "Forældre til børn med handicap")
    # Leave the page at once (its scripts stop), and let the server answer the racing autosave (sent
    # 500 ms after the snapshot, while the editor's save was held for 1.5 s, so it has arrived by now).
    page.goto("about:blank")
    page.remove_listener("request", note_autosave)
    server_idle()

    assert autosaves, "no autosave request was sent: the race was not exercised"
    guide.refresh_from_db()
    latest = guide.get_latest_revision_as_object()
    assert latest.reviewed_by == REVIEWER
    assert latest.last_reviewed == datetime.date(2026, 11, 30)
    assert latest.audience == "Forældre til børn med handicap"

    # Reload: the form shows what the editor typed; publish it, and readers see the review date.
    page.goto(edit_url)
    assert page.input_value("#id_reviewed_by") == REVIEWER
    assert page.input_value("#id_last_reviewed") == "2026-11-30"
    page.click("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle")
    with page.expect_navigation():
        page.click("button[name=action-publish]")
    guide.refresh_from_db()
    assert guide.live and not guide.has_unpublished_changes
    assert guide.reviewed_by == REVIEWER
    page.goto(live_server.url + guide.url)
    assert page.locator("time[datetime='2026-11-30']").count() == 1
