"""One base URL: e-mails, .ics, print views, JSON-LD, sitemap, robots.txt and hreflang all use the address
the site is served at, never Wagtail's placeholder localhost:80."""

import json

import pytest
from django.core.management import call_command
from wagtail.models import Site

from home.site_url import base_url, sync_default_site

pytestmark = pytest.mark.django_db


def test_the_site_is_never_left_at_localhost_port_80(site_tree):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)  # from WAGTAILADMIN_BASE_URL in tests
    assert base_url() == "http://127.0.0.1:8000"


def test_make_run_port_reaches_every_absolute_link(site_tree, sample_content, settings, client):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8123"
    call_command("sync_site_url", stdout=open("/dev/null", "w"))
    assert base_url() == "http://127.0.0.1:8123"
    html = client.get("/vejledninger/merudgifter/").content.decode()
    assert 'hreflang="da" href="http://127.0.0.1:8123/' in html or "http://127.0.0.1:8123/" in html
    graph = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert json.dumps(graph).count("http://127.0.0.1:8123/") >= 2 and "localhost" not in json.dumps(graph)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://127.0.0.1:8123/vejledninger/merudgifter/</loc>" in sitemap
    assert "http://127.0.0.1:8000" not in sitemap
    assert "Sitemap: http://127.0.0.1:8123/sitemap.xml" in client.get("/robots.txt").content.decode()
    assert (
        "http://127.0.0.1:8123/vejledninger/merudgifter/"
        in client.get("/vejledninger/merudgifter/print/").content.decode()
    )


def test_configured_site_is_the_base_url_in_production(site_tree, settings):
    settings.PUBLIC_BASE_URL = ""
    sync_default_site("https://familier.example.org")
    assert base_url() == "https://familier.example.org"


def test_bad_address_is_refused(site_tree):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not an http"):
        call_command("sync_site_url", "127.0.0.1:8000")
