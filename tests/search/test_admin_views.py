"""The editors' search report: top, zero-result and unclicked queries; synonym or best bet in one step."""

import datetime

import pytest
from django.utils import timezone

from search.models import QueryLog, SynonymList

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktoer", "r@example.org", "x")
    client.force_login(user)
    return user


def log(query, results, clicked=None, days_ago=0, locale="da"):
    return QueryLog.objects.create(
        query=query,
        locale=locale,
        results=results,
        clicked_rank=clicked,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def test_report_lists_top_zero_and_unclicked_queries_of_the_last_30_days(client, editor, site_tree, settings):
    settings.SEARCH_QUERY_LOG_MIN_SEARCHES = 1
    for _ in range(3):
        log("aflastning", 5, clicked=1)
    log("aflastning", 5)
    log("pusterum", 0)
    log("pusterum", 0)
    log("skema", 4)
    log("gammel søgning", 0, days_ago=40)
    response = client.get("/admin/search-report/")
    assert response.status_code == 200
    context = response.context
    assert [(r["query"], r["searches"], r["clicks"]) for r in context["top"]][:2] == [
        ("aflastning", 4, 3),
        ("pusterum", 2, 0),
    ]
    assert [r["query"] for r in context["zero"]] == ["pusterum"]
    assert [r["query"] for r in context["unclicked"]] == ["skema"]
    html = response.content.decode()
    assert "gammel søgning" not in html
    assert "Tilføj synonym" in html and "Tilføj anbefaling" in html


def test_menu_item_and_login_required(client, site_tree):
    assert client.get("/admin/search-report/").status_code == 302


def test_report_shows_only_queries_several_people_typed_and_the_retention(client, editor, site_tree):
    for _ in range(3):
        log("aflastning", 5)
    log("pusterum", 0)
    log("pusterum", 0)
    log("", 0)  # a query whose text was blanked because it did not recur
    response = client.get("/admin/search-report/")
    assert [r["query"] for r in response.context["top"]] == ["aflastning"]
    assert response.context["total"] == 6
    html = response.content.decode()
    assert "pusterum" not in html
    assert "Loggen slettes efter 90 dage." in html


def denied(response) -> bool:
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


@pytest.fixture
def reviewer(client, django_user_model, site_tree):
    """An admin user with admin access but none of the search report's permissions."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("laeser", "l@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return user


def test_report_and_its_actions_require_the_model_permissions(client, reviewer, sample_content):
    from django.contrib.auth.models import Permission
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from knowledge.models import GuidePage

    for _ in range(3):
        log("pusterum", 0)
    assert denied(client.get("/admin/search-report/"))
    assert "/admin/search-report/" not in client.get("/admin/").content.decode()
    synonym = {"action": "synonym", "query": "pusterum", "locale": "da", "word": "aflastning"}
    guide = GuidePage.objects.get(slug="aflastning")
    promotion = {"action": "promotion", "query": "pusterum", "locale": "da", "page": guide.pk}
    assert denied(client.post("/admin/search-report/", synonym))
    assert denied(client.post("/admin/search-report/", promotion))

    reviewer.user_permissions.add(Permission.objects.get(codename="view_querylog"))
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # drop the permission cache
    client.force_login(reviewer)
    response = client.get("/admin/search-report/")
    assert response.status_code == 200
    assert "Tilføj synonym" not in response.content.decode()
    assert denied(client.post("/admin/search-report/", synonym))
    assert denied(client.post("/admin/search-report/", promotion))
    assert not SynonymList.objects.filter(name="Tilføjet fra søgestatistikken").exists()
    assert not SearchPromotion.objects.exists()


def test_editors_group_may_use_the_report(client, django_user_model, sample_content):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup_editorial", stdout=open("/dev/null", "w"))
    user = django_user_model.objects.create_user("redaktoer2", "r2@example.org", "x")
    user.groups.add(Group.objects.get(name="Redaktører"))
    client.force_login(user)
    for _ in range(3):
        log("pusterum", 0)
    assert client.get("/admin/search-report/").status_code == 200
    response = client.post(
        "/admin/search-report/", {"action": "synonym", "query": "pusterum", "locale": "da", "word": "aflastning"}
    )
    assert response.status_code == 302


def test_a_zero_result_query_comes_with_the_word_the_search_now_proposes(client, editor, indexed_site):
    for _ in range(3):
        log("aflastnnig", 0)  # a typo nothing answered when it was typed
        log("bilforsikring", 0)  # a subject the site has no word for
    page = client.get("/admin/search-report/").content.decode()
    assert "Søgningen foreslår nu »aflastning«" in page
    assert 'name="word" value="aflastning"' in page  # the synonym form is filled in: one click to accept
    assert page.count("Søgningen foreslår nu") == 1  # nothing invented for the unknown subject
    from search import querylog

    querylog.flush()
    assert not QueryLog.objects.exclude(query__in=["aflastnnig", "bilforsikring"]).exists()  # not logged


def test_add_synonym_from_a_zero_result_query(client, editor, site_tree):
    response = client.post(
        "/admin/search-report/", {"action": "synonym", "query": "pusterum", "locale": "da", "word": "aflastning"}
    )
    assert response.status_code == 302
    added = SynonymList.objects.get(name="Tilføjet fra søgestatistikken", locale="da")
    assert ["aflastning", "pusterum"] in added.group_list()
    from search.synonyms import synonym_groups

    assert ["aflastning", "pusterum"] in synonym_groups("da")


def test_add_promotion_from_a_zero_result_query(client, editor, sample_content):
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="aflastning")
    response = client.post(
        "/admin/search-report/", {"action": "promotion", "query": "pusterum", "locale": "da", "page": guide.pk}
    )
    assert response.status_code == 302
    promotion = SearchPromotion.objects.get()
    assert (promotion.query.query_string, promotion.page_id) == ("pusterum", guide.pk)
    data = client.get("/api/search/", {"q": "Pusterum"}).json()
    assert data["results"][0]["slug"] == "aflastning"


def test_invalid_form_changes_nothing(client, editor, site_tree):
    response = client.post(
        "/admin/search-report/", {"action": "synonym", "query": "pusterum", "locale": "da", "word": ""}
    )
    assert response.status_code == 200
    assert not SynonymList.objects.filter(name="Tilføjet fra søgestatistikken").exists()


def test_editors_are_warned_about_synonyms_that_start_with_a_stop_word(client, editor, site_tree):
    response = client.post(
        "/admin/snippets/sitesearch/synonymlist/add/",
        {"name": "Klager", "locale": "da", "groups": "klage, ikke enig, fik nej\naflastning, pusterum"},
        follow=True,
    )
    assert response.status_code == 200
    saved = SynonymList.objects.get(name="Klager")
    assert saved.stop_word_terms() == ["ikke enig", "fik nej"]
    text = response.content.decode()
    assert "»ikke enig«, »fik nej«" in text
    assert "uden det lille ord" in text
    response = client.post(
        f"/admin/snippets/sitesearch/synonymlist/edit/{saved.pk}/",
        {"name": "Klager", "locale": "da", "groups": "klage, uenig"},
        follow=True,
    )
    assert "lille ord" not in response.content.decode()
