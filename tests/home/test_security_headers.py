"""Content-Security-Policy without inline scripts and a Permissions-Policy on every page type."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/nb/",
    "/vejledninger/",
    "/vejledninger/merudgifter/",
    "/holdningspapirer/retssikkerhed/",
    "/nyheder/",
    "/nyheder/ny-raadgivning/",
    "/ordbog/merudgifter-ord/",
    "/search/?q=merudgifter",
    "/search/?q=intet-der-findes",
    "/side-der-ikke-findes/",
    "/api/search/?q=merudgifter",
    "/sitemap.xml",
    "/feeds/da/nyheder/rss/",
]


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_response_has_csp_and_permissions_policy(sample_content, client, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("script-src", []) and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    if response["Content-Type"].startswith("text/html"):
        for script in BeautifulSoup(response.content, "html.parser").find_all("script"):
            # every executable script is a file from this site; JSON-LD is data, not script
            assert script.get("src") or script.get("type") == "application/ld+json", script


def test_campaign_and_event_pages_have_no_inline_script(sample_content, client):
    from tests.campaigns.factories import CampaignPageFactory, EventPageFactory

    for page in (CampaignPageFactory(slug="kampagne-csp"), EventPageFactory(slug="arrangement-csp")):
        response = client.get(page.url)
        assert response.status_code == 200
        assert directives(response)["script-src"] == ["'self'"]
        for script in BeautifulSoup(response.content, "html.parser").find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", script


def test_admin_has_its_own_policy(sample_content, admin_client):
    """Wagtail's admin writes inline scripts (date widgets, inline panels): only the admin allows them."""
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert "Permissions-Policy" in response
