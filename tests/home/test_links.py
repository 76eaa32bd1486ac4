"""Menu and footer links: only web, e-mail, phone and site paths are accepted, and only they are rendered."""

import pytest
from django.core.exceptions import ValidationError

from home.links import is_safe_link
from home.models import NavigationLinkBlock

UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox",
    "//evil.example/",
    "file:///etc/passwd",
]
SAFE = [
    "https://example.org/kontakt",
    "http://example.org",
    "mailto:kontakt@example.org",
    "tel:+4512345678",
    "/faa-raadgivning/",
    "#indhold",
    "faa-raadgivning/",
    "",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_links_are_refused_when_saved(url):
    assert not is_safe_link(url)
    with pytest.raises(ValidationError):
        NavigationLinkBlock().clean({"label": "Klik", "page": None, "url": url})


@pytest.mark.parametrize("url", SAFE)
def test_ordinary_links_are_accepted(url):
    assert is_safe_link(url)
    NavigationLinkBlock().clean({"label": "Kontakt", "page": None, "url": url})


@pytest.mark.django_db
def test_a_stored_javascript_link_is_not_rendered(sample_content, client):
    from home.models import Footer, HeaderNavigation

    nav = HeaderNavigation.objects.get(locale__language_code="da")
    nav.links = [("link", {"label": "Klik her", "page": None, "url": "javascript:alert(document.cookie)"})]
    nav.save()
    footer = Footer.objects.get(locale__language_code="da")
    footer.links = [("link", {"label": "Mere", "page": None, "url": 'x" onmouseover="alert(1)'})]
    footer.save()
    html = client.get("/").content.decode()
    assert "javascript:" not in html
    assert 'onmouseover="alert(1)' not in html
    assert '<a href="#">Klik her</a>' in html
