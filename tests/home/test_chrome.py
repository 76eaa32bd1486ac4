"""Site chrome: languages, hreflang, menus, error pages in the reader's language, odd input."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from tests.conftest import SAMPLE_ITEMS, write_jsonl

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_puts_search_first_then_top_tasks_and_news(sample_content, client, django_assert_max_num_queries):
    client.get("/")
    with django_assert_max_num_queries(15):
        response = client.get("/")
    soup = soup_of(response)
    assert soup.html["lang"] == "da"
    main = soup.find("main")
    assert main.find("form")["action"] == "/search/"
    tasks = [a.get_text() for a in soup.select(".cards a")]
    assert "Få dækket ekstra udgifter" in tasks
    assert "Ny rådgivningslinje for forældre" in soup.select_one("#news-heading").find_parent("section").get_text()


def test_language_switch_links_translations_with_hreflang(sample_content, client):
    soup = soup_of(client.get("/vejledninger/"))
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    assert alternates["da"].endswith("/vejledninger/") and alternates["nb"].endswith("/nb/veiledninger/")
    switch = {a["lang"]: a["href"] for a in soup.select(".language-switch a")}
    assert switch == {"da": "/vejledninger/", "nb": "/nb/veiledninger/"}


def test_page_without_translation_links_to_the_other_language_home_without_hreflang(sample_content, client):
    soup = soup_of(client.get("/vejledninger/merudgifter/"))
    assert {a["lang"]: a["href"] for a in soup.select(".language-switch a")}["nb"] == "/nb/"
    assert not soup.select('link[rel="alternate"][hreflang="nb"]')


def test_menu_and_footer_are_editable_snippets_per_language(sample_content, client):
    from home.models import HeaderNavigation

    soup = soup_of(client.get("/nb/"))
    assert "Veiledninger" in [a.get_text() for a in soup.select(".main-nav a")]
    assert "Rådgivningen har åpent" in soup.select_one(".site-footer").get_text()
    nav = HeaderNavigation.objects.get(locale__language_code="nb")
    nav.links = [("link", {"label": "Kontakt oss", "page": None, "url": "https://example.org/kontakt"})]
    nav.save()
    soup = soup_of(client.get("/nb/"))
    assert [a.get_text() for a in soup.select(".main-nav a")] == ["Kontakt oss"]


def test_publishing_a_page_refreshes_the_cached_menu(sample_content, client, tmp_path):
    client.get("/")
    item = dict(SAMPLE_ITEMS[5], title="Rådgivningen holder åbent hele sommeren")
    call_command("import_content", str(write_jsonl(tmp_path / "n.jsonl", [item])), stdout=open("/dev/null", "w"))
    assert "Rådgivningen holder åbent hele sommeren" in client.get("/").content.decode()


def test_not_found_page_is_in_the_readers_language(sample_content, client):
    for path, language, heading in [
        ("/findes-ikke/", "da", "Siden findes ikke"),
        ("/nb/finnes-ikke/", "nb", "Siden finnes ikke"),
    ]:
        response = client.get(path)
        assert response.status_code == 404
        soup = soup_of(response)
        assert soup.html["lang"] == language and soup.h1.get_text() == heading


def test_server_error_page_is_in_the_readers_language(rf):
    from home.views import server_error

    response = server_error(rf.get("/nb/noe/"))
    assert response.status_code == 500
    assert "Det oppstod en feil" in response.content.decode()
    assert "Der skete en fejl" in server_error(rf.get("/noget/")).content.decode()


ODD_PATHS = [
    "/?q=%00",
    "/vejledninger/?emne=%ff%fe",
    "/nyheder/?side=99999999999999999999",
    "/nyheder/?side=1e9",
    "/vejledninger/merudgifter/?%3Cscript%3E=1",
    "/vejledninger/merudgifter/print/?x=' OR 1=1",
    "/%E2%82%AC/",
    "/nb/veiledninger/../../admin/",
    "/vejledninger/merudgifter/print/extra/",
]


def test_odd_urls_never_give_a_server_error(sample_content, client):
    statuses = {path: client.get(path).status_code for path in ODD_PATHS}
    assert all(status in (200, 301, 302, 404) for status in statuses.values()), statuses
