"""The 404 page offers guides matching the address; the favicon is everywhere."""

import pytest

from home.views import address_words

pytestmark = pytest.mark.django_db


def test_address_words_skip_the_section_and_fold_danish_letters():
    assert address_words("/vejledninger/merudgifer/") == ["merudgifer"]
    assert address_words("/nb/veiledninger/avlastnin/print/") == ["avlastnin"]
    assert address_words("/vejledninger/søger-hjælp/") == ["soeger", "hjaelp"]


def test_not_found_offers_the_guide_the_address_meant(sample_content, client):
    response = client.get("/vejledninger/merudgifer/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Mente du en af disse vejledninger?" in html
    assert '<a href="/vejledninger/merudgifter/">Dækning af merudgifter til dit barn</a>' in html
    assert "Aflastning: pause fra pasningen" not in html


def test_not_found_without_a_match_keeps_the_search(sample_content, client):
    html = client.get("/vejledninger/xyzzy/").content.decode()
    assert "Mente du" not in html and 'id="notfound-q"' in html


def test_norwegian_not_found_suggests_norwegian_guides(sample_content, client):
    html = client.get("/nb/veiledninger/avlastnig/").content.decode()
    assert "Avlastning for familien" in html and "Mente du en av disse veiledningene?" in html


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")


def test_norwegian_form_addresses_are_norwegian(site_tree, client):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("nb"):
        assert reverse("campaigns:membership") == "/nb/bli-medlem/"
        assert reverse("campaigns:counselling") == "/nb/fa-radgivning/"
    with translation.override("da"):
        assert reverse("campaigns:membership") == "/bliv-medlem/"
    old = client.get("/nb/bliv-medlem/")
    assert old.status_code == 301 and old["Location"] == "/nb/bli-medlem/"
