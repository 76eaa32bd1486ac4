"""A page made private (password, login or group restriction) is invisible on every public surface.

The same page is checked visible before the restriction, invisible while it holds, and visible again once
the restriction is lifted: saving or deleting a PageViewRestriction re-indexes the page and its descendants.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def surfaces(indexed_site, django_capture_on_commit_callbacks):
    """The guide "merudgifter" and the paper "retssikkerhed" linked from everywhere a page can be linked."""
    from knowledge.models import GuidePage, PositionPaperPage
    from tests.campaigns.factories import CampaignPageFactory

    guide = GuidePage.objects.get(slug="merudgifter")
    paper = PositionPaperPage.objects.get(slug="retssikkerhed")
    other = GuidePage.objects.get(slug="aflastning")
    with django_capture_on_commit_callbacks(execute=True):
        other.body.append(("related", {"heading": "Læs også", "pages": [guide, paper]}))
        other.save_revision().publish()
        campaign = CampaignPageFactory(title="Kampagne for retssikkerhed", slug="retssikkerhed-nu")
        campaign.related_pages = [("page", guide), ("page", paper)]
        campaign.save_revision().publish()
    SearchPromotion.objects.create(query=Query.get("kvitteringer"), page=guide, sort_order=1)
    return {"guide": guide, "paper": paper, "other": other.url, "campaign": campaign.url}


def visible(client, surfaces) -> dict[str, bool]:
    """Where the private pages can be seen by an anonymous reader."""
    guide, paper = surfaces["guide"], surfaces["paper"]
    guide_url, paper_url = guide.url, paper.url
    api = client.get("/api/search/", {"q": "merudgifter"}).json()
    best_bet = client.get("/api/search/", {"q": "kvitteringer"}).json()
    paper_api = client.get("/api/search/", {"q": "retssikkerhed"}).json()
    suggest = client.get("/api/search/suggest/", {"q": "Dækning af"}).json()
    api_v2 = client.get("/api/v2/pages/", {"type": "knowledge.GuidePage", "limit": 20}).json()
    return {
        "search page": guide.title in client.get("/search/", {"q": "merudgifter"}).content.decode(),
        "search page best bet": guide_url in client.get("/search/", {"q": "kvitteringer"}).content.decode(),
        "api search": "merudgifter" in [r["slug"] for r in api["results"] if r["type"] == "guide"],
        "api search paper": "retssikkerhed" in [r["slug"] for r in paper_api["results"]],
        "api best bet": any(r["url"].endswith(guide_url) for r in best_bet["results"]),
        "suggest": any(r["url"].endswith(guide_url) for r in suggest["results"]),
        "glossary related guides": guide_url in client.get("/ordbog/merudgifter-ord/").content.decode(),
        "related pages block": guide_url in client.get(surfaces["other"]).content.decode(),
        "related pages block paper": paper_url in client.get(surfaces["other"]).content.decode(),
        "campaign related pages": guide_url in client.get(surfaces["campaign"]).content.decode(),
        "sitemap": guide_url in client.get("/sitemap.xml").content.decode(),
        "feed": paper_url in client.get("/feeds/da/holdningspapirer/rss/").content.decode(),
        "api v2 listing": guide.pk in [item["id"] for item in api_v2["items"]],
        "api v2 detail": client.get(f"/api/v2/pages/{guide.pk}/").status_code == 200,
        "permalink": client.get(f"/p/{guide.pk}/").status_code == 302,
        "permalink paper": client.get(f"/p/{paper.pk}/").status_code == 302,
    }


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, "groups"])
def test_a_private_page_is_invisible_on_every_public_surface(
    restriction, surfaces, client, django_capture_on_commit_callbacks
):
    before = visible(client, surfaces)
    assert before == dict.fromkeys(before, True)

    restrictions = []
    with django_capture_on_commit_callbacks(execute=True):
        for page in (surfaces["guide"], surfaces["paper"]):
            if restriction == "groups":
                item = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
                item.groups.add(Group.objects.get_or_create(name="Bestyrelsen")[0])
            else:
                item = PageViewRestriction.objects.create(page=page, restriction_type=restriction, password="hemmelig")
            restrictions.append(item)
    from django.core.cache import cache

    cache.clear()  # what the page cache does on a restriction change is the page cache's own test
    private = visible(client, surfaces)
    assert [surface for surface, shown in private.items() if shown] == []

    with django_capture_on_commit_callbacks(execute=True):
        for item in restrictions:
            item.delete()
    cache.clear()
    after = visible(client, surfaces)
    assert after == dict.fromkeys(after, True)


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_restriction_on_a_section_hides_the_pages_below_it(
    restriction, indexed_site, django_capture_on_commit_callbacks
):
    from knowledge.models import GuideIndexPage
    from search.engines import get_engine

    index = GuideIndexPage.objects.get(locale__language_code="da")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=index, restriction_type=restriction, password="x")
    assert [h.slug for h in get_engine().search("aflastning", "da").hits if h.type == "guide"] == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "aflastning" in [h.slug for h in get_engine().search("aflastning", "da").hits]
