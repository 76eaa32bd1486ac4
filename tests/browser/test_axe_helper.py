"""The accessibility check itself: axe_violations() reports a real violation, also when run twice on a page."""

from tests.browser_tools import axe_violations


def test_an_image_without_alt_text_is_reported_on_every_run(browser_page):
    browser_page.set_content(
        '<html lang="da"><head><title>Prøve</title></head><body><main><img src="x.png"></main></body></html>'
    )
    assert "image-alt" in [v["id"] for v in axe_violations(browser_page)]
    # The second run on the same document reuses the injected axe-core and still reports it.
    assert "image-alt" in [v["id"] for v in axe_violations(browser_page)]
