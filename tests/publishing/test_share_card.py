"""og:image on every page (its own picture, or a generated card per revision), og:url and canonical links."""

import io
import re

import pytest
from PIL import Image

from publishing import share_card

BASE = "http://127.0.0.1:8000"  # home.site_url.base_url() in the test settings


def meta(html):
    return dict(re.findall(r'<meta property="(og:[a-z_:]+)" content="([^"]*)">', html))


@pytest.fixture
def guide(sample_content):
    from knowledge.models import GuidePage

    return GuidePage.objects.get(slug="merudgifter")


@pytest.mark.parametrize(
    "path",
    ["/", "/nb/", "/vejledninger/", "/vejledninger/merudgifter/", "/principper/princip-1/", "/nyheder/ny-raadgivning/"],
)
def test_every_page_has_an_absolute_og_image_and_canonical_link(client, sample_content, path):
    html = client.get(path).content.decode()
    tags = meta(html)
    assert tags["og:image"].startswith(BASE + "/del/") and tags["og:image"].endswith(".png")
    assert tags["og:image:width"] == "1200" and tags["og:image:height"] == "630"
    assert f'<link rel="canonical" href="{BASE}{path}">' in html
    assert tags["og:url"] == f"{BASE}{path}"
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_the_card_is_a_png_with_the_title_cached_per_revision(client, guide, monkeypatch):
    url = meta(client.get(guide.url).content.decode())["og:image"].removeprefix(BASE)
    assert url == f"/del/{guide.pk}-{guide.live_revision_id}.png"
    calls = []
    real = share_card.render_card
    monkeypatch.setattr(share_card, "render_card", lambda *args: calls.append(args) or real(*args))
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "image/png"
    assert "immutable" in first["Cache-Control"]
    image = Image.open(io.BytesIO(first.content))
    assert image.size == (1200, 630)
    assert len(image.getcolors(1_000_000)) > 2  # text drawn on the brand colour
    assert calls == [("Dækning af merudgifter til dit barn", "Familier med særlige behov")]
    assert client.get(url).content == first.content and len(calls) == 1  # from the cache
    # A new revision gets a new URL (and a new card); the old URL redirects to it.
    guide.title = "Merudgifter: sådan søger du"
    guide.save_revision().publish()
    guide.refresh_from_db()
    new_url = f"/del/{guide.pk}-{guide.live_revision_id}.png"
    assert meta(client.get(guide.url).content.decode())["og:image"] == BASE + new_url
    assert client.get(url)["Location"] == new_url
    assert client.get(new_url).status_code == 200
    assert calls[-1] == ("Merudgifter: sådan søger du", "Familier med særlige behov")


def test_norwegian_card_names_the_organisation_in_norwegian(client, sample_content, monkeypatch):
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="avlastning")
    calls = []
    monkeypatch.setattr(share_card, "render_card", lambda *args: calls.append(args) or b"png")
    client.get(f"/del/{guide.pk}-{guide.live_revision_id}.png")
    assert calls == [("Avlastning for familien", "Familier med særlige behov")]


def test_long_titles_wrap_and_never_overflow():
    png = share_card.render_card("Ord " * 80, "Familier med særlige behov")
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


def test_private_pages_have_no_og_image_and_no_card(client, guide, django_user_model):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_user("medlem", password="x"))
    html = client.get(guide.url).content.decode()
    assert "og:image" not in html and '<meta name="twitter:card" content="summary">' in html
    assert client.get(f"/del/{guide.pk}-{guide.live_revision_id}.png").status_code == 404


def test_a_page_made_private_after_it_was_read_loses_its_og_image_at_once(client, guide, django_user_model):
    from wagtail.models import PageViewRestriction

    assert "og:image" in client.get(guide.url).content.decode()  # the tags are now cached
    restriction = PageViewRestriction.objects.create(page=guide.get_parent(), restriction_type="login")
    client.force_login(django_user_model.objects.create_user("medlem", password="x"))
    assert "og:image" not in client.get(guide.url).content.decode()
    restriction.delete()
    client.logout()
    assert "og:image" in client.get(guide.url).content.decode()


def test_a_new_title_shows_in_the_shared_tags_at_once(client, guide):
    client.get(guide.url)
    guide.title = "Kompensationsydelse til dit barn"
    guide.save_revision().publish()
    tags = meta(client.get(guide.url).content.decode())
    assert tags["og:title"] == "Kompensationsydelse til dit barn"


def test_a_page_with_its_own_image_shares_that_image(client, guide):
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image as WagtailImage

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 30, 30)).save(buffer, format="PNG")
    picture = WagtailImage.objects.create(title="Familie ved bordet", file=ImageFile(buffer, name="familie.png"))
    guide.body = [("image", {"image": picture, "alt_text": "Familie ved bordet", "decorative": False})]
    guide.save_revision().publish()
    tags = meta(client.get(guide.url).content.decode())
    assert re.fullmatch(re.escape(BASE) + r"/media/images/familie[^/]*\.fill-1200x630-c100\.png", tags["og:image"])
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == "Familie ved bordet"
