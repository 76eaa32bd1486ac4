"""RSS/Atom per locale, sitemap.xml with hreflang alternates, robots.txt and permalinks."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_news_rss_feed(sample_content, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get("/feeds/da/nyheder/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    channel = root.find("channel")
    assert channel.findtext("language") == "da"
    assert channel.findtext("link") == "http://127.0.0.1:8000/nyheder/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Ny rådgivningslinje for forældre"]
    assert items[0].findtext("link") == "http://127.0.0.1:8000/nyheder/ny-raadgivning/"
    assert items[0].findtext("description").startswith("Nu kan du ringe")
    assert "01 May 2026" in items[0].findtext("pubDate")


def test_position_paper_atom_feed(sample_content, client):
    response = client.get("/feeds/da/holdningspapirer/atom/")
    root = ET.fromstring(response.content)
    atom = {"a": "http://www.w3.org/2005/Atom"}
    assert root.attrib["{http://www.w3.org/XML/1998/namespace}lang"] == "da"
    entries = root.findall("a:entry", atom)
    assert [e.findtext("a:title", namespaces=atom) for e in entries] == ["Retssikkerhed for børn med handicap"]
    assert entries[0].find("a:author/a:name", atom).text == "Foreningens sekretariat"
    assert [c.attrib["term"] for c in entries[0].findall("a:category", atom)] == ["retssikkerhed"]


def test_norwegian_feed_has_only_norwegian_items(sample_content, client):
    root = ET.fromstring(client.get("/feeds/nb/nyheder/rss/").content)
    assert root.find("channel").findtext("language") == "nb"
    assert root.find("channel").findall("item") == []


def test_unknown_language_feed_is_404(sample_content, client):
    assert client.get("/feeds/xx/nyheder/rss/").status_code == 404


def test_index_pages_advertise_their_feeds(sample_content, client):
    html = client.get("/nyheder/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/feeds/da/nyheder/rss/"' in html
    assert 'href="/feeds/da/holdningspapirer/atom/"' in client.get("/holdningspapirer/").content.decode()


def test_sitemap_lists_every_locale_with_hreflang_alternates(sample_content, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get("/sitemap.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    urls = {u.findtext("s:loc", namespaces=SITEMAP_NS): u for u in root.findall("s:url", SITEMAP_NS)}
    assert "http://127.0.0.1:8000/" in urls and "http://127.0.0.1:8000/nb/" in urls
    assert "http://127.0.0.1:8000/vejledninger/merudgifter/" in urls
    assert "http://127.0.0.1:8000/nb/veiledninger/avlastning/" in urls
    alternates = {
        (link.attrib["hreflang"], link.attrib["href"])
        for link in urls["http://127.0.0.1:8000/vejledninger/"].findall("x:link", SITEMAP_NS)
    }
    assert alternates == {
        ("da", "http://127.0.0.1:8000/vejledninger/"),
        ("nb", "http://127.0.0.1:8000/nb/veiledninger/"),
        ("x-default", "http://127.0.0.1:8000/vejledninger/"),
    }
    assert urls["http://127.0.0.1:8000/vejledninger/merudgifter/"].findall("x:link", SITEMAP_NS) == []  # no translation
    assert urls["http://127.0.0.1:8000/vejledninger/merudgifter/"].findtext("s:lastmod", namespaces=SITEMAP_NS)


def test_sitemap_leaves_out_drafts_and_private_pages(sample_content, client):
    from wagtail.models import PageViewRestriction

    from knowledge.models import GuidePage

    GuidePage.objects.get(slug="aflastning").unpublish()
    PageViewRestriction.objects.create(page=GuidePage.objects.get(slug="merudgifter"), restriction_type="login")
    body = client.get("/sitemap.xml").content.decode()
    assert "/vejledninger/aflastning/" not in body and "/vejledninger/merudgifter/" not in body


def test_robots_txt(sample_content, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Sitemap: http://127.0.0.1:8000/sitemap.xml" in lines
