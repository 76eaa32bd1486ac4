"""The read-only Wagtail API v2: live public pages, images, documents; public fields only."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_listing_and_filters(sample_content, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get("/api/v2/pages/", {"type": "knowledge.GuidePage", "fields": "intro,last_reviewed"})
    data = response.json()
    assert data["meta"]["total_count"] == 3
    titles = {item["title"] for item in data["items"]}
    assert "Dækning af merudgifter til dit barn" in titles and "Avlastning for familien" in titles
    item = next(i for i in data["items"] if i["meta"]["slug"] == "merudgifter")
    assert item["last_reviewed"] == "2026-09-01" and item["meta"]["locale"] == "da"


def test_page_detail_has_public_fields_only(sample_content, client):
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="merudgifter")
    data = client.get(f"/api/v2/pages/{guide.pk}/").json()
    assert data["intro"].startswith("Har dit barn")
    assert any(block["type"] == "legal_provision" for block in data["body"])
    for private in ("review_owner", "review_interval_months", "import_hash", "owner"):
        assert private not in data and private not in data["meta"]
    response = client.get("/api/v2/pages/", {"type": "knowledge.GuidePage", "fields": "import_hash"})
    assert response.status_code == 400 and "import_hash" in response.json()["message"]


def test_unpublished_and_private_pages_are_hidden(sample_content, client):
    from wagtail.models import PageViewRestriction

    from knowledge.models import GuidePage

    draft = GuidePage.objects.get(slug="aflastning")
    draft.unpublish()
    private = GuidePage.objects.get(slug="merudgifter")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404
    slugs = {i["meta"]["slug"] for i in client.get("/api/v2/pages/", {"type": "knowledge.GuidePage"}).json()["items"]}
    assert slugs == {"avlastning"}


def test_api_is_read_only(sample_content, client):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405


def test_documents_in_restricted_collections_are_hidden(sample_content, client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    internal = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    Document.objects.create(title="Årsrapport", file=ContentFile(b"%PDF-1.4", name="aarsrapport.pdf"))
    Document.objects.create(title="Bestyrelsesnotat", collection=internal, file=ContentFile(b"x", name="notat.txt"))
    titles = [d["title"] for d in client.get("/api/v2/documents/").json()["items"]]
    assert titles == ["Årsrapport"]
    assert client.get("/api/v2/images/").json()["meta"]["total_count"] == 0


def test_bad_parameters_get_a_clear_400(sample_content, client):
    response = client.get("/api/v2/pages/", {"limit": "mange"})
    assert response.status_code == 400 and "limit" in response.json()["message"]
    assert client.get("/api/v2/pages/", {"type": "nope.Nope"}).status_code == 400


@pytest.mark.parametrize("term", ['"', "\x00", 'merud"gifter', "(", "AND", "*", "'", "-", "NEAR(", "ab\x00cd", "^"])
def test_search_with_special_characters_never_answers_500(sample_content, client, term):
    response = client.get("/api/v2/pages/", {"search": term})
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 400:
        assert response.json()["message"]


def test_search_with_quotes_answers_as_without_them(sample_content, client):
    quoted = client.get("/api/v2/pages/", {"search": '"merudgifter'})
    plain = client.get("/api/v2/pages/", {"search": "merudgifter"})
    assert quoted.status_code == plain.status_code == 200
    assert quoted.json() == plain.json()
    response = client.get("/api/v2/pages/", {"search": '" \x00'})
    assert response.status_code == 400 and response.json()["message"]
