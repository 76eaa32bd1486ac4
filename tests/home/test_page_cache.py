"""The full-page cache: anonymous readers get stored pages; every change that shows on a page shows at once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db
GUIDE = "/vejledninger/merudgifter/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_S_MAXAGE = 120


def read(client, url):
    response = client.get(url)
    return response, response.content.decode()


def guide():
    from knowledge.models import GuidePage

    return GuidePage.objects.get(slug="merudgifter")


def test_an_anonymous_reader_gets_the_stored_page_with_its_headers(
    client, sample_content, page_cache, django_assert_num_queries
):
    first, body = read(client, GUIDE)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second, again = read(client, GUIDE)
    assert second["X-Page-Cache"] == "hit" and again == body
    assert second["X-Frame-Options"] == first["X-Frame-Options"]
    assert "s-maxage=120" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert second["Content-Type"].startswith("text/html")


def test_each_language_is_stored_apart(client, sample_content, page_cache):
    read(client, "/")
    read(client, "/nb/")
    da, da_body = read(client, "/")
    nb, nb_body = read(client, "/nb/")
    assert da["X-Page-Cache"] == nb["X-Page-Cache"] == "hit"
    assert 'lang="da"' in da_body and 'lang="nb"' in nb_body


def test_readers_with_a_session_and_search_results_are_never_served_from_the_cache(
    client, admin_client, sample_content, page_cache
):
    read(client, GUIDE)
    response, body = read(admin_client, GUIDE)
    assert "X-Page-Cache" not in response  # a logged-in editor sees the page rendered for them
    read(client, "/search/?q=merudgifter")
    response, _ = read(client, "/search/?q=merudgifter")
    assert "X-Page-Cache" not in response


def test_a_page_with_a_form_is_not_shared(client, sample_content, page_cache):
    from tests.campaigns.factories import EventPageFactory

    event = EventPageFactory(title="Dialogmøde om aflastning", slug="dialog-aflastning")
    url = event.url
    first, body = read(client, url)
    assert first.status_code == 200 and "csrfmiddlewaretoken" in body
    second, _ = read(client, url)
    assert "X-Page-Cache" not in second  # each reader gets a page with their own CSRF token


def publish_new_title():
    page = guide()
    page.title = "Merudgifter: sådan søger du"
    page.save_revision().publish()
    return "Merudgifter: sådan søger du", 200


def unpublish():
    guide().unpublish()
    return None, 404


def move():
    from home.models import StandardPage

    page = guide()
    archive = StandardPage(title="Arkiv", slug="arkiv")
    page.get_parent().get_parent().add_child(instance=archive)
    archive.save_revision().publish()
    page.move(archive, pos="last-child")
    return None, 301  # Wagtail's automatic redirect to the new address


def delete():
    guide().delete()
    return None, 404


def restrict():
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=guide(), restriction_type=PageViewRestriction.LOGIN)
    return None, 302


def scheduled_publishing():
    page = guide()
    page.title = "Merudgifter (opdateret efter planen)"
    revision = page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    assert revision.approved_go_live_at is not None
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    return "Merudgifter (opdateret efter planen)", 200


def header_menu():
    from home.models import HeaderNavigation

    menu = HeaderNavigation.objects.get(locale__language_code="da")
    menu.links = [("link", {"label": "Nyt menupunkt om kørsel", "page": guide(), "url": ""})]
    menu.save()
    return "Nyt menupunkt om kørsel", 200


def footer():
    from home.models import Footer

    footer = Footer.objects.get(locale__language_code="da")
    footer.counselling_hours = "Mandag til torsdag kl. 9-15 (ny tid)"
    footer.save()
    return "Mandag til torsdag kl. 9-15 (ny tid)", 200


@pytest.mark.parametrize(
    "change",
    [publish_new_title, unpublish, move, delete, restrict, scheduled_publishing, header_menu, footer],
)
def test_a_change_shows_to_the_next_anonymous_reader_at_once(client, sample_content, page_cache, change):
    before, _ = read(client, GUIDE)
    assert read(client, GUIDE)[0]["X-Page-Cache"] == "hit"
    expected_text, expected_status = change()
    after, body = read(client, GUIDE)
    assert after.status_code == expected_status
    assert after.get("X-Page-Cache") != "hit"
    if expected_text:
        assert expected_text in body


def test_a_synonym_list_saved_invalidates_cached_pages(client, sample_content, page_cache):
    from search.models import SynonymList

    read(client, GUIDE)
    assert read(client, GUIDE)[0]["X-Page-Cache"] == "hit"
    SynonymList.objects.create(name="Kørsel", locale="da", groups="kørsel, befordring")
    assert read(client, GUIDE)[0]["X-Page-Cache"] == "miss"


def test_redis_down_only_means_pages_are_rendered(client, sample_content, page_cache, settings):
    from tests.outbox.smtp_server import free_port

    settings.CACHES = {  # nothing listens on this port: every cache call fails at once
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    for _ in range(2):
        response, body = read(client, GUIDE)
        assert response.status_code == 200 and "Dækning af merudgifter" in body
        assert response.get("X-Page-Cache") != "hit"


def test_after_one_failed_call_redis_is_left_alone_for_a_moment(settings, monkeypatch):
    """A page makes several cache calls: while Redis is down only the first one may wait for it."""
    from redis.exceptions import TimeoutError as RedisTimeoutError

    from config.cache import ResilientRedisCache

    settings.REDIS_RETRY_SECONDS = 60
    calls = []

    def hanging(*args, **kwargs):
        calls.append(args)
        raise RedisTimeoutError("Timeout reading from socket")

    monkeypatch.setattr(ResilientRedisCache, "_resting_until", 0.0)
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {})
    cache._cache.get = hanging  # the redis client under Django's cache: every read times out
    assert [cache.get("a"), cache.get("b", "fallback"), cache.get("c")] == [None, "fallback", None]
    assert len(calls) == 1
    assert cache.get_many(["a"]) == {} and cache.add("a", 1) is False

    monkeypatch.setattr(ResilientRedisCache, "_resting_until", 0.0)  # the moment has passed: Redis is tried again
    cache.get("d")
    assert len(calls) == 2
