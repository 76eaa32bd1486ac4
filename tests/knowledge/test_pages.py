"""What readers see on each knowledge page type, and how many queries it costs."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 15


def get(client, url, django_assert_max_num_queries, status=200):
    """GET a page and assert its steady-state query count (the per-language chrome cache already warm)."""
    client.get(url)
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture(autouse=True)
def warm(sample_content, client):
    """Pay one-off costs (site root cache, content types) before counting queries."""
    client.get("/")
    client.get("/nb/")


def test_guide_shows_summary_review_date_toc_and_blocks(client, django_assert_max_num_queries):
    soup = get(client, "/vejledninger/merudgifter/", django_assert_max_num_queries)
    assert soup.h1.get_text() == "Dækning af merudgifter til dit barn"
    summary = soup.select_one(".summary")
    assert "Kort fortalt" in summary.get_text() and "ekstra udgifter" in summary.get_text()
    meta = soup.select_one(".meta").get_text(" ", strip=True)
    assert "Senest gennemgået" in meta and "2026" in meta and "Rådgivningen" in meta
    toc = [a["href"] for a in soup.select(".toc a")]
    assert "#hvem-kan-fa-hjaelp" in toc or any(h.startswith("#hvem-kan") for h in toc)
    for href in toc:
        assert soup.find(id=href[1:]) is not None, f"TOC link {href} has no target"
    assert [li.get_text(" ", strip=True).split(" ")[0] for li in soup.select(".steps li")] == ["Saml", "Søg"]
    assert "Kvitteringer" in soup.select_one(".checklist").get_text()
    assert soup.select_one(".faq summary").get_text() == "Skal jeg gemme kvitteringer?"
    assert "§ 86" in soup.get_text()


def test_guide_print_view_lists_links_as_footnotes(client, django_assert_max_num_queries):
    soup = get(client, "/vejledninger/merudgifter/print/", django_assert_max_num_queries)
    footnotes = [li.get_text() for li in soup.select(".footnotes li")]
    assert "https://www.retsinformation.dk/eli/lta/2025/282" in footnotes
    assert soup.select_one("article sup").get_text().startswith("[")
    assert soup.find("header", class_="site-header") is None


def test_guide_index_lists_each_guide_once_and_filters_by_topic(client, django_assert_max_num_queries):
    soup = get(client, "/vejledninger/", django_assert_max_num_queries)
    assert [h.get_text() for h in soup.select('main section[aria-labelledby="guides-heading"] h2')] == [
        "Alle vejledninger (2)"
    ]
    titles = [a.get_text() for a in soup.select(".teasers .teaser > a")]
    assert titles == ["Aflastning: pause fra pasningen", "Dækning af merudgifter til dit barn"]  # once each, A–Z
    assert [a.get_text() for a in soup.select(".topic-filter a")] == ["Alle emner", "Aflastning", "Økonomi"]
    soup = get(client, "/vejledninger/?emne=økonomi", django_assert_max_num_queries)
    assert [h.get_text() for h in soup.select('main section[aria-labelledby="guides-heading"] h2')] == ["Økonomi (1)"]
    assert [a.get_text() for a in soup.select(".teasers .teaser > a")] == ["Dækning af merudgifter til dit barn"]
    soup = get(client, "/vejledninger/?emne=<script>", django_assert_max_num_queries)
    assert len(soup.select(".teasers .teaser")) == 2


def test_principles_page_lists_each_principle_with_anchor(client, django_assert_max_num_queries):
    soup = get(client, "/principper/", django_assert_max_num_queries)
    assert soup.find(id="princip-1") is not None
    assert "Pårørende er en ressource" in soup.find(id="princip-1").get_text()
    soup = get(client, "/principper/princip-1/", django_assert_max_num_queries)
    assert soup.h1.get_text() == "Pårørende er en ressource"


def test_position_paper_has_anchored_recommendations_and_citation(client, django_assert_max_num_queries):
    soup = get(client, "/holdningspapirer/retssikkerhed/", django_assert_max_num_queries)
    assert [li["id"] for li in soup.select(".recommendations li")] == ["anbefaling-1", "anbefaling-2", "anbefaling-3"]
    citation = soup.find("textarea").get_text()
    # APA 7 from the CSL style: an organisation author ends with a full stop, the genre in brackets
    assert "Foreningens sekretariat. (2026). Retssikkerhed for børn med handicap [Holdningspapir]." in citation
    permalink = urlsplit(citation.rsplit(" ", 1)[-1]).path
    landing = BeautifulSoup(client.get(permalink, follow=True).content, "html.parser")
    assert landing.h1.get_text() == "Retssikkerhed for børn med handicap"
    soup = get(client, "/holdningspapirer/", django_assert_max_num_queries)
    assert "Retssikkerhed for børn med handicap" in soup.get_text()


def test_article_index_paginates_and_survives_odd_page_numbers(client, django_assert_max_num_queries):
    for query in ["", "?side=1", "?side=999", "?side=abc", "?side=-1"]:
        soup = get(client, f"/nyheder/{query}", django_assert_max_num_queries)
        assert "Ny rådgivningslinje for forældre" in soup.get_text()
    soup = get(client, "/nyheder/ny-raadgivning/", django_assert_max_num_queries)
    assert soup.h1.get_text() == "Ny rådgivningslinje for forældre"


def test_glossary_is_alphabetical_and_term_shows_synonyms_and_guides(client, django_assert_max_num_queries):
    soup = get(client, "/ordbog/", django_assert_max_num_queries)
    assert [a.get_text() for a in soup.select(".az a")] == ["M"]
    soup = get(client, "/ordbog/merudgifter-ord/", django_assert_max_num_queries)
    text = soup.get_text()
    assert "ekstra udgifter" in text and "Dækning af merudgifter til dit barn" in text


def test_norwegian_guide_is_in_norwegian_chrome(client, django_assert_max_num_queries):
    soup = get(client, "/nb/veiledninger/avlastning/", django_assert_max_num_queries)
    assert soup.html["lang"] == "nb"
    assert soup.select_one(".summary h2").get_text() == "Kort fortalt"
    assert soup.select_one(".skip-link").get_text() == "Gå til innholdet"


def test_a_published_change_to_the_body_shows_at_once(client, tmp_path):
    """Bodies are rendered once per published revision; a new revision is never hidden by the cache."""
    from django.core.management import call_command

    from tests.conftest import SAMPLE_ITEMS, write_jsonl

    assert "En pause fra pasningen." in client.get("/vejledninger/aflastning/").content.decode()
    changed = dict(SAMPLE_ITEMS[1], body="## Hvad er aflastning?\n\nNu med weekendophold.")
    call_command("import_content", str(write_jsonl(tmp_path / "c.jsonl", [changed])), stdout=open("/dev/null", "w"))
    html = client.get("/vejledninger/aflastning/").content.decode()
    assert "Nu med weekendophold." in html and "En pause fra pasningen." not in html


def test_new_topics_show_as_soon_as_the_guide_is_published(client):
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="merudgifter")
    assert "økonomi" in client.get(guide.url).content.decode()
    guide.tags.add("kompensationsydelse")
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "økonomi, kompensationsydelse" in html or "kompensationsydelse, økonomi" in html
