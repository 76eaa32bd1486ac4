"""The answer in a phone's first screen (360 × 800) and no sideways scrolling at 320 px, on the demo content.

Every published page of the shipped demo content is walked at 320 px (not a sample): the facts list of a
guide once made 14 Danish guides 368 px wide.
"""

import pytest

from tests.browser_tools import axe_violations, module_content

FIRST_SCREEN = ["/", "/vejledninger/merudgifter/", "/search/?q=klage", "/nb/", "/nb/veiledninger/klage-pa-vedtak/"]


def _demo() -> list[str]:
    """The shipped demo content, loaded once for the module; returns the paths of its published pages."""
    from django.core.management import call_command
    from wagtail.models import Page

    with open("/dev/null", "w") as quiet:
        call_command("load_demo", "--no-admin", stdout=quiet, stderr=quiet)
    paths = [p.get_url() for p in Page.objects.live().public().filter(depth__gt=1).specific()]
    return [path for path in paths if path]


demo = module_content(_demo, sample=False)


@pytest.fixture
def transactional_db(demo):
    """live_server asks for this: the module's demo content, loaded once (tests/browser_tools.py)."""
    return demo


def test_heading_in_the_top_third_menu_by_keyboard_and_axe_clean_at_360(demo, live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    failures = {}
    for path in FIRST_SCREEN:
        page.goto(live_server.url + path)
        top = page.evaluate("document.querySelector('main h1').getBoundingClientRect().top")
        if top > 300:
            failures[path] = f"h1 starts at {top}px"
        button = page.locator(".menu-toggle")
        assert button.is_visible(), path
        assert button.get_attribute("aria-expanded") == "false" and not page.locator("#site-menu").is_visible()
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true" and page.locator("#site-menu").is_visible(), path
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false" and not page.locator("#site-menu").is_visible(), path
        assert page.evaluate("document.activeElement.classList.contains('menu-toggle')"), path
        page.keyboard.press("Space")
        assert button.get_attribute("aria-expanded") == "true", path
        violations = axe_violations(page)
        if violations:
            failures[f"{path} axe"] = violations
    assert failures == {}
    # the home page has one search box, with suggestions
    page.goto(live_server.url + "/")
    assert page.locator("input[type=search]").count() == 1
    assert page.locator("form.site-search[data-suggest-url] #site-search-q").count() == 1


def test_results_come_before_the_filters_on_a_phone(demo, live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + "/search/?q=klage")
    results = page.locator(".search-results").bounding_box()
    filters = page.locator(".facets-disclosure").bounding_box()
    assert results and filters and results["y"] < filters["y"]
    assert not page.locator(".facets").is_visible()  # in a closed disclosure until opened


#: Opens each path in a frame 320 px wide, one after the other, and reads how far its document scrolls
#: sideways. A frame is a viewport of its own (the same media queries and layout as a phone's screen);
#: loading a page into it cost Chromium about 60 % of the CPU of a tab navigating to it.
WALK_AT_320 = """async (paths) => {
    const out = {};
    for (const path of paths) {
        const frame = document.createElement('iframe');
        frame.style.border = '0';
        frame.width = 320;
        frame.height = 700;
        const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
        frame.src = path;
        document.body.append(frame);
        await loaded;
        const root = frame.contentDocument && frame.contentDocument.documentElement;
        out[path] = root ? [root.clientWidth, root.scrollWidth - root.clientWidth] : null;
        frame.remove();
    }
    return out;
}"""


def test_no_published_page_scrolls_sideways_at_320(demo, live_server, browser_page):
    paths = demo
    assert len(paths) > 80  # every guide, glossary term, article, campaign, event … in both languages
    page = browser_page
    failed = {}

    def note_status(response):
        if response.request.resource_type == "document" and response.status >= 400:
            failed[response.url] = response.status

    page.on("response", note_status)
    page.goto(live_server.url + "/")
    page.evaluate("document.body.replaceChildren()")
    measured = page.evaluate(WALK_AT_320, paths)
    page.remove_listener("response", note_status)
    assert failed == {}
    assert {path: widths for path, widths in measured.items() if not widths or widths[0] != 320} == {}
    assert {path: overflow for path, (_, overflow) in measured.items() if overflow > 0} == {}
