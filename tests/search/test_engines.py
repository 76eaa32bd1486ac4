"""One test suite for every engine (search/engines): the embedded engine always, Elasticsearch when
ELASTICSEARCH_URL is set. The tests speak only the SearchEngine contract (search/engines/base.py)."""

import pytest

from tests.search.factories import SearchDocumentFactory as Doc
from tests.search.factories import SynonymListFactory

pytestmark = pytest.mark.django_db


def guides():
    return [
        Doc(
            id="1",
            slug="aflastning",
            title="Aflastning: pause fra pasningen",
            summary="Aflastning giver familien en pause, mens barnet passes af andre.",
            headings=["Hvem kan få aflastning?"],
            body="Kommunen kan tilbyde aflastning i en aflastningsfamilie.",
            topics=["aflastning"],
        ),
        Doc(
            id="2",
            slug="merudgifter",
            title="Dækning af merudgifter til dit barn",
            summary="Kommunen kan dække ekstra udgifter, fordi barnet har en funktionsnedsættelse.",
            headings=["Sådan søger du"],
            body="Gem kvitteringer for medicin og særlig kost.",
            topics=["økonomi"],
        ),
        Doc(
            id="3",
            slug="klage",
            title="Sådan klager du over en afgørelse",
            summary="Er du uenig i kommunens afgørelse, kan du klage. Klagefristen er fire uger.",
            headings=["Klagefristen"],
            body="Skriv til kommunen, som genvurderer afgørelsen.",
            topics=["klage"],
        ),
        Doc(
            id="4",
            slug="specialboernehave",
            title="Særligt dagtilbud og specialbørnehave",
            summary="Nogle børn har brug for et særligt dagtilbud.",
            body="En specialbørnehave har færre børn pr. voksen.",
            topics=["dagtilbud"],
        ),
        Doc(
            id="5",
            slug="handicapbil",
            title="Bil til et barn med handicap",
            summary="Kommunen kan give støtte til køb af bil.",
            body="Bilen skal gøre hverdagen lettere.",
            topics=["transport"],
        ),
        Doc(
            id="6",
            slug="kvittering-artikel",
            type="article",
            title="Nyt om kost og medicin",
            summary="En artikel om merudgifter.",
            body="Artiklen nævner merudgifter i forbifarten.",
            topics=["økonomi"],
        ),
        Doc(
            id="7",
            slug="avlastning",
            locale="nb",
            title="Avlastning for familien",
            summary="Avlastning gir familien en pause.",
            body="Kommunen kan gi avlastning.",
            topics=["avlastning"],
        ),
        Doc(
            id="8",
            slug="foraeldremoede",
            title="Møde for forældre",
            summary="Forældre mødes og taler om deres børn.",
            body="Et møde for forældre og pårørende.",
            topics=["pårørende"],
        ),
    ]


@pytest.fixture
def loaded(engine):
    assert engine.rebuild(guides()) == 8
    return engine


def slugs(results):
    return [hit.slug for hit in results.hits]


def test_title_match_comes_first_and_locale_is_kept(loaded):
    results = loaded.search("aflastning", "da")
    assert slugs(results)[0] == "aflastning"
    assert all(hit.locale == "da" for hit in results.hits)
    assert "avlastning" not in slugs(results)
    assert slugs(loaded.search("avlastning", "nb")) == ["avlastning"]


def test_title_outranks_body(loaded):
    # "merudgifter" is in the guide's title and only in the article's body
    assert slugs(loaded.search("merudgifter", "da"))[:2] == ["merudgifter", "kvittering-artikel"]


def test_inflected_forms_match(loaded):
    assert slugs(loaded.search("aflastningen", "da"))[0] == "aflastning"
    assert slugs(loaded.search("merudgiften", "da"))[0] == "merudgifter"
    assert slugs(loaded.search("afgørelsen", "da"))[0] == "klage"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("specialbørnehave", "specialboernehave"),
        ("aflastningstilbud", "aflastning"),
        ("handicapbil", "handicapbil"),
        ("klagefristen", "klage"),
    ],
)
def test_closed_compounds_match_their_parts(loaded, query, expected):
    assert expected in slugs(loaded.search(query, "da"))[:2]


def test_folded_spelling_finds_danish_letters(loaded):
    assert slugs(loaded.search("foraeldre moede", "da"))[0] == "foraeldremoede"
    assert slugs(loaded.search("saerligt dagtilbud", "da"))[0] == "specialboernehave"


def test_typo_is_tolerated_and_suggested(loaded):
    results = loaded.search("merudgiter", "da")
    assert slugs(results)[0] == "merudgifter"
    assert results.suggestion == "merudgifter"


def test_a_typo_is_forgiven_by_the_length_of_the_word(loaded):
    # one rule on both engines (search.ranking.TYPO_MIN_LENGTH, TYPO_FAR_MIN_LENGTH): a word of 3 letters
    # must be right, from 4 letters one edit is forgiven, from 8 two
    assert not loaded.search("bik", "da").hits  # one edit from "bil"
    assert "merudgifter" in slugs(loaded.search("medicn", "da"))  # one edit from "medicin"
    assert not loaded.search("mdeicni", "da").hits  # two edits from "medicin", 7 letters
    assert slugs(loaded.search("aflsatnign", "da"))[0] == "aflastning"  # two edits, 10 letters


def test_exact_matches_are_not_drowned_by_fuzzy_ones(loaded):
    # "bilen" is a real word of the index: no correction, no suggestion
    results = loaded.search("bil", "da")
    assert slugs(results)[0] == "handicapbil"
    assert results.suggestion is None


def test_prefix_finds_the_whole_word(loaded):
    assert slugs(loaded.search("aflast", "da"))[0] == "aflastning"
    assert slugs(loaded.search("specialbø", "da"))[0] == "specialboernehave"


def test_question_form_finds_the_guide(loaded):
    assert slugs(loaded.search("kan jeg få hjælp til aflastning?", "da"))[0] == "aflastning"
    assert slugs(loaded.search("hvordan klager jeg over en afgørelse", "da"))[0] == "klage"


def test_editor_synonyms_apply(loaded):
    SynonymListFactory(locale="da", groups="aflastning, pusterum, respite care")
    from search import synonyms

    synonyms.invalidate()
    if hasattr(loaded, "sync_synonyms"):
        loaded.sync_synonyms()
    assert slugs(loaded.search("respite care", "da"))[0] == "aflastning"
    assert slugs(loaded.search("pusterum", "da"))[0] == "aflastning"


def test_snippets_are_escaped_and_marked(engine):
    engine.index([Doc(id="9", slug="x", title="Tegn", summary="Brug <script>alert(1)</script> & aflastning")])
    hit = engine.search("aflastning", "da").hits[0]
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<mark>aflastning</mark>" in hit.snippet


def test_filters_and_facets(loaded):
    results = loaded.search("merudgifter", "da")
    assert results.facets["type"] == {"guide": 1, "article": 1}
    assert results.facets["topic"].get("økonomi") == 2
    only_articles = loaded.search("merudgifter", "da", types=["article"])
    assert slugs(only_articles) == ["kvittering-artikel"]
    assert only_articles.total == 1
    by_topic = loaded.search("kommunen", "da", topics=["klage"])
    assert slugs(by_topic) == ["klage"]


def test_pagination_with_limit_and_offset(loaded):
    everything = loaded.search("kommunen", "da", limit=50)
    assert everything.total >= 4
    first = loaded.search("kommunen", "da", limit=2, offset=0)
    second = loaded.search("kommunen", "da", limit=2, offset=2)
    assert len(first.hits) == 2
    assert slugs(first) + slugs(second) == slugs(everything)[:4]
    assert first.total == everything.total


def test_empty_and_unknown_queries_give_nothing(loaded):
    assert loaded.search("", "da").total == 0
    assert loaded.search("   ", "da").hits == []
    assert loaded.search("zzqxjv", "da").total == 0


def test_delete_and_reindex(loaded):
    loaded.delete(["1"])
    assert "aflastning" not in slugs(loaded.search("aflastning", "da"))
    loaded.index([Doc(id="2", slug="merudgifter", title="Ekstra udgifter", summary="Nyt indhold")])
    assert slugs(loaded.search("ekstra udgifter", "da"))[0] == "merudgifter"
    assert loaded.search("kvitteringer", "da").total == 0  # the old text is gone


def test_a_tool_that_is_not_a_page_is_indexed_found_and_deleted(loaded):
    """The counselling and membership forms have ids like "tool:counselling:da" (search/documents.py)."""
    form = Doc(
        id="tool:counselling:da", type="tool", slug="counselling", url="/faa-raadgivning/", title="Få rådgivning"
    )
    loaded.index([form])
    hits = loaded.search("rådgivning", "da").hits
    assert (hits[0].type, hits[0].url) == ("tool", "/faa-raadgivning/")
    assert "tool:counselling:da" in loaded.document_ids()
    loaded.delete(["tool:counselling:da"])
    assert "tool:counselling:da" not in loaded.document_ids()
    assert loaded.search("rådgivning", "da").total == 0


def test_document_ids_report_fingerprints(loaded):
    from search.fingerprint import document_fingerprint

    ids = loaded.document_ids()
    assert set(ids) == {str(i) for i in range(1, 9)}
    assert ids["1"] == document_fingerprint(guides()[0])
    assert set(loaded.document_ids("nb")) == {"7"}


def test_suggest_completes_titles_with_danish_letters(loaded):
    titles = [s.title for s in loaded.suggest("specialbø", "da")]
    assert titles == ["Særligt dagtilbud og specialbørnehave"]
    assert [s.title for s in loaded.suggest("Sær", "da")] == ["Særligt dagtilbud og specialbørnehave"]
    assert [s.title for s in loaded.suggest("saer", "da")] == ["Særligt dagtilbud og specialbørnehave"]
    assert loaded.suggest("møde for", "da")[0].url == "/da/foraeldremoede/"
    assert len(loaded.suggest("a", "da", limit=10)) <= 10
    assert loaded.suggest("", "da") == []


def test_rebuild_replaces_everything(loaded):
    assert loaded.rebuild([Doc(id="50", slug="ny", title="Helt ny side")]) == 1
    assert loaded.search("aflastning", "da").total == 0
    assert slugs(loaded.search("helt ny side", "da")) == ["ny"]


# -- honest results (issue 13) ------------------------------------------------------------------------


def test_a_distinctive_word_that_matches_nothing_gives_no_results(loaded):
    results = loaded.search("hjælp til barn med adhd", "da")
    assert results.total == 0 and results.hits == []
    assert results.unmatched == ["adhd"]
    assert loaded.search("opskrift på boller", "da").total == 0


def test_common_words_never_carry_a_result_alone(loaded):
    # "hjælp", "barn" and "kommunen" are everywhere; with "aflastning" only the page about it answers
    results = loaded.search("hjælp til barn i kommunen med aflastning", "da")
    assert slugs(results) == ["aflastning"]
    # on their own, common words are what the reader asked for
    assert loaded.search("kommunen", "da").total >= 4


def test_question_and_stop_words_never_make_a_document_match(loaded):
    for text in ("hvordan kan jeg", "hvad er det", "how do i", "hvordna kan jeg"):
        results = loaded.search(text, "da")
        assert results.total == 0, text
        assert results.suggestion is None, text


def test_did_you_mean_is_never_a_stop_word_and_finds_results(loaded):
    results = loaded.search("hvordan får jeg merudgiter", "da")
    assert slugs(results)[0] == "merudgifter"
    assert results.suggestion == "hvordan får jeg merudgifter"
    assert loaded.search(results.suggestion, "da").total > 0
    assert loaded.search("merudgiter zzqxjv", "da").suggestion is None  # the whole query still finds nothing


def test_a_guide_outranks_the_glossary_entry_article_and_event_about_it(engine):
    engine.rebuild(
        [
            Doc(
                id="1",
                slug="merudgifter-ord",
                type="glossary",
                title="Merudgifter",
                summary="Udgifter, som familien har på grund af barnets handicap.",
            ),
            Doc(id="2", slug="nyhed", type="article", title="Merudgifter", summary="Nyt om merudgifter."),
            Doc(id="3", slug="arrangement", type="event", title="Merudgifter", summary="Temaaften om merudgifter."),
            Doc(
                id="4",
                slug="merudgifter",
                title="Dækning af merudgifter til dit barn",
                summary="Kommunen kan dække merudgifter.",
            ),
        ]
    )
    assert slugs(engine.search("merudgifter", "da"))[0] == "merudgifter"


def test_suggestions_carry_their_type_and_never_repeat_title_and_type(engine):
    engine.rebuild(
        [
            Doc(id="1", slug="a", title="Aflastning"),
            Doc(id="2", slug="b", title="Aflastning", url="/da/b/"),
            Doc(id="3", slug="c", type="glossary", title="Aflastning"),
        ]
    )
    found = [(s.title, s.type) for s in engine.suggest("afla", "da")]
    assert sorted(found) == [("Aflastning", "glossary"), ("Aflastning", "guide")]


def test_a_word_longer_than_the_autocomplete_grams_completes_when_typed_in_full(engine):
    engine.rebuild([Doc(id="1", slug="p", title="Specialbørnehavepladser i kommunen")])
    assert [s.url for s in engine.suggest("specialbørnehavepladser", "da")] == ["/da/p/"]
