"""The JSON API contract (/api/search/, /api/search/suggest/), the click beacon and the HTML results page."""

import pytest

from search.models import QueryLog

pytestmark = pytest.mark.django_db

RESULT_KEYS = {"slug", "title", "type", "locale", "url", "snippet"}


def api(client, **params):
    return client.get("/api/search/", params)


def test_api_contract(client, indexed_site):
    response = api(client, q="merudgifter", locale="da")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "total", "results", "facets", "suggestion", "unmatched"}
    assert data["query"] == "merudgifter"
    assert data["total"] >= 2
    assert all(set(result) == RESULT_KEYS for result in data["results"])
    first = next(r for r in data["results"] if r["type"] == "guide")
    assert data["results"].index(first) <= 1  # the guide (or its glossary term) leads
    assert (first["slug"], first["locale"]) == ("merudgifter", "da")
    assert first["url"].endswith("/vejledninger/merudgifter/")
    assert any("<mark>" in r["snippet"] for r in data["results"])
    assert set(data["facets"]) == {"type", "topic"}
    assert data["facets"]["type"]["guide"] >= 1
    assert data["suggestion"] is None


def test_api_locale_type_topic_limit_offset(client, indexed_site):
    nb = api(client, q="avlastning", locale="nb").json()
    assert [r["slug"] for r in nb["results"]] == ["avlastning"]
    assert nb["results"][0]["locale"] == "nb"
    only_glossary = api(client, q="merudgifter", type="glossary").json()
    assert {r["type"] for r in only_glossary["results"]} == {"glossary"}
    by_topic = api(client, q="merudgifter", topic="økonomi").json()
    assert by_topic["results"] and all(r["slug"] == "merudgifter" for r in by_topic["results"])
    everything = api(client, q="pårørende rådgivning afgørelser", limit=50).json()
    page = api(client, q="pårørende rådgivning afgørelser", limit=1, offset=1).json()
    assert len(page["results"]) == 1
    assert page["results"][0]["slug"] == everything["results"][1]["slug"]


def test_typo_gives_suggestion_and_results(client, indexed_site):
    data = api(client, q="merudgiter").json()
    assert data["suggestion"] == "merudgifter"
    assert data["results"][0]["slug"] in {"merudgifter", "merudgifter-ord"}


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "x", "limit": "0"}, "limit"),
        ({"q": "x", "limit": "51"}, "limit"),
        ({"q": "x", "limit": "ti"}, "limit"),
        ({"q": "x", "offset": "-1"}, "offset"),
        ({"q": "x", "offset": "1.5"}, "offset"),
        ({"q": "x", "locale": "sv"}, "sv"),
        ({"q": "x", "type": "recipe"}, "recipe"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, indexed_site, params, message):
    response = api(client, **params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_error_message_is_translated_for_norwegian(client, indexed_site):
    response = api(client, q="x", locale="nb", limit="0")
    assert response.json()["error"] == "limit må være et heltall fra 1 til 50."


def test_empty_query_is_200_with_no_results(client, indexed_site):
    data = api(client, q="   ").json()
    assert data == {
        "query": "   ",
        "total": 0,
        "results": [],
        "facets": {"type": {}, "topic": {}},
        "suggestion": None,
        "unmatched": [],
    }
    assert not QueryLog.objects.exists()


def test_best_bets_come_first(client, indexed_site):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from knowledge.models import PrinciplePage

    principle = PrinciplePage.objects.get(slug="princip-1")
    SearchPromotion.objects.create(query=Query.get("merudgifter"), page=principle, sort_order=1)
    data = api(client, q="Merudgifter").json()
    assert data["results"][0]["slug"] == "princip-1"
    html = client.get("/search/", {"q": "merudgifter"}).content.decode()
    assert html.index("Pårørende er en ressource") < html.index("Dækning af merudgifter til dit barn")


def test_suggest_returns_titles_and_urls(client, indexed_site):
    data = client.get("/api/search/suggest/", {"q": "dækn", "locale": "da"}).json()
    assert data["results"][0] == {
        "title": "Dækning af merudgifter til dit barn",
        "url": "/vejledninger/merudgifter/",
        "type": "guide",
        "label": "Vejledning",
    }
    labels = [(r["title"], r["type"]) for r in data["results"]]
    assert len(labels) == len(set(labels))  # never the same title and type twice
    assert len(data["results"]) <= 10
    assert client.get("/api/search/suggest/", {"q": ""}).json() == {"results": []}
    assert client.get("/api/search/suggest/", {"q": "a", "locale": "xx"}).status_code == 400


def test_queries_are_logged_without_personal_data_and_clicks_recorded(client, indexed_site):
    from search import querylog

    html = client.get("/search/", {"q": "  Merudgifter  til børn "}, REMOTE_ADDR="10.1.2.3").content.decode()
    assert not QueryLog.objects.exists()  # written after the request, by the query log's flusher
    querylog.flush()
    log = QueryLog.objects.get()
    assert log.query == "merudgifter til børn"
    assert log.results > 0
    assert {f.name for f in QueryLog._meta.get_fields()} == {
        "id",
        "query",
        "locale",
        "results",
        "clicked_rank",
        "date",
        "ref",
    }
    assert f"log={log.ref}" in html
    assert client.post(f"/api/search/click/?log={log.ref}&rank=2").status_code == 204
    querylog.flush()
    log.refresh_from_db()
    assert log.clicked_rank == 2
    assert client.post("/api/search/click/?log=x&rank=2").status_code == 400


def test_results_page(client, indexed_site, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get("/search/", {"q": "merudgifter"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="status"' in html and "resultater for “merudgifter”" in html
    assert "<mark>" in html
    assert 'name="type" value="guide"' in html  # facet checkbox
    assert "Dækning af merudgifter til dit barn" in html


def test_results_page_filters_and_norwegian(client, indexed_site):
    html = client.get("/search/", {"q": "merudgifter", "type": "glossary"}).content.decode()
    assert "Dækning af merudgifter til dit barn" not in html
    assert "Fjern alle filtre" in html
    nb = client.get("/nb/search/", {"q": "avlastning"}).content.decode()
    assert "Avlastning for familien" in nb
    assert "Søk" in nb


def test_did_you_mean_and_zero_results_help(client, indexed_site):
    html = client.get("/search/", {"q": "merudgiter"}).content.decode()
    assert "Mente du" in html and "?q=merudgifter" in html
    zero = client.get("/search/", {"q": "zzqxjv"}).content.decode()
    assert "Vi har ingen vejledning om »zzqxjv«" in zero
    filtered = client.get("/search/", {"q": "merudgifter", "type": "event"}).content.decode()
    assert "Vi fandt ingen sider, der passer" in filtered  # known words, nothing of that type
    assert "Det søger andre forældre hjælp til" in zero  # top tasks from the home page
    assert "Få dækket ekstra udgifter" in zero
    assert "tel:+4570000000" in zero  # counselling contact from the footer


def test_every_page_has_the_search_box(client, indexed_site):
    html = client.get("/vejledninger/merudgifter/").content.decode()
    assert 'role="search"' in html and 'action="/search/"' in html
    assert "search-combobox.js" in html


def test_api_query_budget(client, indexed_site, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # synonyms and promoted queries (cached), the log row
        assert api(client, q="aflastning").status_code == 200
    with django_assert_max_num_queries(2):
        assert api(client, q="merudgifter").status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get("/api/search/suggest/", {"q": "afla"}).status_code == 200


def test_no_answer_is_said_plainly_with_the_counselling_and_top_tasks(client, indexed_site):
    data = api(client, q="hjælp til barn med adhd", locale="da").json()
    assert data["total"] == 0 and data["results"] == [] and data["unmatched"] == ["adhd"]
    html = client.get("/search/", {"q": "hjælp til barn med adhd"}).content.decode()
    assert "Vi har ingen vejledning om »adhd«" in html
    assert 'href="tel:' in html  # the counselling phone number from the footer snippet
    assert "/faa-raadgivning/" in html  # the counselling form
    assert "Det søger andre forældre hjælp til" in html or "zero-results" in html
    nb = client.get("/nb/search/", {"q": "hjelp til barn med adhd"}).content.decode()
    assert "Vi har ingen veiledning om" in nb


def test_the_complaint_deadline_calculator_is_a_result(client, indexed_site, django_capture_on_commit_callbacks):
    from deadlines.setup import ensure_calculator_page

    with django_capture_on_commit_callbacks(execute=True):
        ensure_calculator_page("da")
    data = api(client, q="beregn klagefrist", locale="da").json()
    assert data["results"][0]["type"] == "tool"
    assert data["results"][0]["url"].endswith("/klagefrist/")
    suggestion = client.get("/api/search/suggest/", {"q": "beregn", "locale": "da"}).json()["results"][0]
    assert suggestion["label"] == "Værktøj"


def test_a_glossary_terms_search_words_join_its_synonym_group(client, indexed_site, django_capture_on_commit_callbacks):
    """A word only in a glossary term's hidden search words finds the guide about the term too."""
    from knowledge.models import GlossaryPage
    from search.synonyms import synonym_groups

    term = GlossaryPage.objects.get(locale__language_code="da", slug="merudgifter-ord")
    term.search_words = "ekstraregningen\nmerudgiftsydelse\nhvad får vi dækket"
    with django_capture_on_commit_callbacks(execute=True):
        term.save_revision().publish()
    group = next(g for g in synonym_groups("da") if g[0] == "Merudgifter")
    # a whole question stays out of the group (it would shrink to its last word); it still finds the term
    assert group == ["Merudgifter", "ekstra udgifter", "extra expenses", "ekstraregningen", "merudgiftsydelse"]
    slugs = [r["slug"] for r in api(client, q="ekstraregningen", locale="da").json()["results"]]
    assert "merudgifter" in slugs  # the guide, found through the term's group


def test_a_glossary_suggestion_is_labelled_ordbog(client, indexed_site):
    from django.utils import translation

    from search.service import type_label

    results = client.get("/api/search/suggest/", {"q": "merudg", "locale": "da"}).json()["results"]
    assert {"title": "Merudgifter", "type": "glossary", "label": "Ordbog"} in [
        {k: r[k] for k in ("title", "type", "label")} for r in results
    ]
    with translation.override("nb"):
        assert type_label("glossary") == "Ordbok"
    html = client.get("/search/", {"q": "merudgifter"}).content.decode()
    assert '<span class="result-type">Ordbog</span>' in html


@pytest.mark.parametrize(
    ("query", "locale", "form"),
    [
        ("rådgivning", "da", "counselling"),
        ("blive medlem", "da", "membership"),
        ("råd og veiledning", "nb", "counselling"),
        ("bli medlem", "nb", "membership"),
    ],
)
def test_the_counselling_and_membership_forms_are_tools(client, indexed_site, query, locale, form):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(locale):
        url = reverse(f"campaigns:{form}")  # /faa-raadgivning/, /nb/bli-medlem/, …
    data = api(client, q=query, locale=locale).json()
    first = data["results"][0]
    assert first["type"] == "tool"
    assert first["url"].startswith("http") and first["url"].endswith(url)
    assert data["facets"]["type"]["tool"] >= 1
    html = client.get(("/nb" if locale == "nb" else "") + "/search/", {"q": query}).content.decode()
    assert f'href="{url}"' in html or f'href="http://testserver{url}"' in html
    assert ("Verktøy" if locale == "nb" else "Værktøj") in html
