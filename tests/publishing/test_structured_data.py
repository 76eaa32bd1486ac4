"""Open Graph and JSON-LD: parsed from the rendered page and checked against schema.org's required shapes."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def og(html: str) -> dict:
    return dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', html))


def test_guide_has_article_breadcrumbs_faq_and_open_graph(sample_content, client, django_assert_max_num_queries):
    client.get("/vejledninger/merudgifter/")
    with django_assert_max_num_queries(15):
        html = client.get("/vejledninger/merudgifter/").content.decode()
    nodes = json_ld(html)
    assert set(nodes) == {"Organization", "BreadcrumbList", "Article", "FAQPage"}
    assert nodes["Organization"]["url"] == "http://127.0.0.1:8000/"
    assert [i["name"] for i in nodes["BreadcrumbList"]["itemListElement"]] == [
        "Hjælp til familier med børn med særlige behov",
        "Vejledninger",
        "Dækning af merudgifter til dit barn",
    ]
    assert [i["position"] for i in nodes["BreadcrumbList"]["itemListElement"]] == [1, 2, 3]
    article = nodes["Article"]
    assert article["headline"] == "Dækning af merudgifter til dit barn"
    assert article["dateModified"] == "2026-09-01" and article["inLanguage"] == "da"
    assert article["publisher"] == {"@id": "http://127.0.0.1:8000/#organisation"}
    assert nodes["FAQPage"]["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Skal jeg gemme kvitteringer?",
            "acceptedAnswer": {"@type": "Answer", "text": "Ja, gem dem."},
        }
    ]
    tags = og(html)
    assert tags["og:type"] == "article" and tags["og:url"] == "http://127.0.0.1:8000/vejledninger/merudgifter/"
    assert tags["og:locale"] == "da_DK" and tags["og:title"] == "Dækning af merudgifter til dit barn"


def test_position_paper_is_a_report_with_authors(sample_content, client):
    nodes = json_ld(client.get("/holdningspapirer/retssikkerhed/").content.decode())
    assert nodes["Report"]["author"] == [{"@type": "Person", "name": "Foreningens sekretariat"}]
    assert nodes["Report"]["datePublished"] == "2026-03-01"


def test_home_page_has_organization_only(sample_content, client):
    html = client.get("/nb/").content.decode()
    assert set(json_ld(html)) == {"Organization"}
    assert og(html)["og:locale"] == "nb_NO"


def test_script_content_cannot_break_out(sample_content, client):
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="aflastning")
    guide.title = "Aflastning </script><script>alert(1)</script>"
    guide.save_revision().publish()
    html = client.get("/vejledninger/aflastning/").content.decode()
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    assert "<" not in ld  # every < in the JSON is escaped as \u003c
    assert json_ld(html)["Article"]["headline"].startswith("Aflastning </script>")


def test_event_json_ld_when_campaigns_define_events(rf):
    import datetime

    from django.apps import apps
    from django.utils import timezone

    from publishing.structured_data import event

    try:
        event_model = apps.get_model("campaigns", "EventPage")
    except LookupError:
        pytest.skip("campaigns.EventPage does not exist")
    start = timezone.make_aware(datetime.datetime(2027, 3, 4, 10, 0))
    page = event_model(
        title="Forældremøde",
        slug="foraeldremoede",
        intro="Mød andre forældre.",
        start=start,
        end=start + datetime.timedelta(hours=2),
        venue="Medborgerhuset",
        address="Torvet 1\n8000 Aarhus C",
        online_url="https://example.org/stream",
    )
    page.get_full_url = lambda request=None: "http://testserver/arrangementer/foraeldremoede/"
    data = event(page, rf.get("/"))
    assert data["@type"] == "Event" and data["startDate"] == start.isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0] == {"@type": "Place", "name": "Medborgerhuset", "address": "Torvet 1 8000 Aarhus C"}
    # The online link is sent to confirmed participants only; the public page's data never shows it.
    assert data["location"][1] == {"@type": "VirtualLocation", "url": "http://testserver/arrangementer/foraeldremoede/"}
    assert "example.org/stream" not in json.dumps(data)
