"""Routing by full URL path: one query on a first visit, none after, and never an old answer."""

import pytest

pytestmark = pytest.mark.django_db
GUIDE = "/vejledninger/merudgifter/"


def guide():
    from knowledge.models import GuidePage

    return GuidePage.objects.get(slug="merudgifter")


def test_a_guide_read_again_costs_few_queries(client, sample_content, django_assert_max_num_queries):
    client.get(GUIDE)
    # the page itself, Wagtail's view-restriction check and the guide's own related rows
    with django_assert_max_num_queries(6):
        assert client.get(GUIDE).status_code == 200


def test_a_renamed_unpublished_or_moved_page_is_found_where_it_is_now(client, sample_content):
    page = guide()
    assert client.get(GUIDE).status_code == 200
    page.slug = "kompensationsydelse"
    page.save_revision().publish()
    assert client.get("/vejledninger/kompensationsydelse/").status_code == 200
    assert client.get(GUIDE).status_code == 404
    page.refresh_from_db()
    page.unpublish()
    assert client.get("/vejledninger/kompensationsydelse/").status_code == 404
    page.save_revision().publish()
    page.refresh_from_db()
    page.move(page.get_parent().get_parent(), pos="last-child")
    assert client.get("/kompensationsydelse/").status_code == 200
    old_address = client.get("/vejledninger/kompensationsydelse/")  # Wagtail keeps a redirect for a moved page
    assert (old_address.status_code, old_address["Location"]) == (301, "/kompensationsydelse/")


def test_a_page_read_before_it_was_made_private_asks_for_a_login_at_once(client, sample_content):
    from wagtail.models import PageViewRestriction

    page = guide()
    assert client.get(GUIDE).status_code == 200
    restriction = PageViewRestriction.objects.create(page=page.get_parent(), restriction_type="login")
    response = client.get(GUIDE)
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert client.get(GUIDE).status_code == 200


def test_an_alias_of_a_private_page_is_private_too(client, sample_content):
    from wagtail.models import PageViewRestriction

    page = guide()
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    home = page.get_parent().get_parent()
    alias = page.create_alias(parent=home, update_slug="merudgifter-kopi")
    assert client.get("/merudgifter-kopi/").status_code == 302
    assert alias.get_view_restrictions().exists()
