"""The Elasticsearch engine.

Two layers:

* Pure parts, always run: analysis and mapping definitions, query building, snippets, the
  "did you mean" text, and the rebuild's alias swap against a recording fake client.
* Against a server, run when ELASTICSEARCH_URL is set (a real Elasticsearch 9 from
  site/compose.yaml, or the emulator in tests/search/es_emulator.py) and skipped otherwise. Each test
  uses its own index prefix and removes its indices and synonyms sets afterwards.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import uuid

import pytest
from elasticsearch import BadRequestError, NotFoundError

from search import ranking
from search.analysis import clean_query
from search.engines import elasticsearch as es_engine
from search.engines import es_analysis
from search.engines.base import SearchDocument
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    build_query,
    build_search,
    corrected_text,
    pick_snippet,
    safe_snippet,
)

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
needs_server = pytest.mark.skipif(
    not ES_URL,
    reason="ELASTICSEARCH_URL is not set: start Elasticsearch (docker compose -f site/compose.yaml up elasticsearch) "
    "or the emulator (python -m tests.search.es_emulator) and run ELASTICSEARCH_URL=http://localhost:9200 make test",
)


def doc(
    id,
    title,
    *,
    locale="da",
    type="guide",
    slug=None,
    summary="",
    headings=(),
    body="",
    topics=(),
    synonyms=(),
    date=None,
):
    return SearchDocument(
        id=str(id),
        locale=locale,
        type=type,
        slug=slug or f"side-{id}",
        url=f"/{locale}/side-{id}/",
        title=title,
        summary=summary,
        headings=list(headings),
        body=body,
        topics=list(topics),
        synonyms=list(synonyms),
        date=date,
    )


# --------------------------------------------------------------------------------------------------
# Analysis and mappings
# --------------------------------------------------------------------------------------------------


def test_folding_keeps_nordic_letters_and_maps_digraphs():
    assert es_analysis.fold("Rådgivning Ærø Øst") == "rådgivning ærø øst"
    assert es_analysis.fold("Raadgivning") == "rådgivning"
    assert es_analysis.fold("foraeldre") == "forældre"
    assert es_analysis.fold("boernehave") == "børnehave"
    assert es_analysis.fold("Idé, Köln, Gärtner") == "ide, køln, gærtner"


@pytest.mark.parametrize(("locale", "stemmer"), [("da", "danish"), ("nb", "norwegian")])
def test_each_locale_gets_its_language_analysis(locale, stemmer):
    from search.analysis import STOP_WORDS

    body = es_analysis.index_body(locale, f"test-synonyms-{locale}", ["special", "børnehave"])
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["stem_language"] == {"type": "stemmer", "language": stemmer}
    # one stop list, the embedded engine's (Snowball + question words + English), folded like the text
    stop = analysis["filter"]["stop_language"]["stopwords"]
    assert set(stop) == {es_analysis.fold(w) for w in STOP_WORDS[locale]}
    assert {"hvordan", "og", "how"} <= set(stop)
    assert "stop_language" in analysis["analyzer"]["spell"]["filter"]  # typo matching skips stop words
    for name, definition in analysis["analyzer"].items():
        assert definition["char_filter"] == ["nordic_fold"], name
        assert definition["filter"][0] == "lowercase", name
        assert "asciifolding" not in definition["filter"], name
    assert "aa=>å" in analysis["char_filter"]["nordic_fold"]["mappings"]
    assert "oe=>ø" in analysis["char_filter"]["nordic_fold"]["mappings"]


def test_synonyms_are_search_time_only_and_reloadable():
    body = es_analysis.index_body("da", "prod-synonyms-da", [])
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["synonyms"] == {
        "type": "synonym_graph",
        "synonyms_set": "prod-synonyms-da",
        "updateable": True,
        "lenient": True,
    }
    assert "synonyms" in analysis["analyzer"]["text_search"]["filter"]
    # The stemmer comes after the synonyms, so "ekstra udgifter" and "merudgifter" meet as stems.
    search_filters = analysis["analyzer"]["text_search"]["filter"]
    assert search_filters.index("synonyms") < search_filters.index("stem_language")
    for name, definition in analysis["analyzer"].items():
        if name != "text_search":
            assert "synonyms" not in definition["filter"], name


def test_autocomplete_uses_edge_ngrams_at_index_time_only_with_the_same_folding():
    analysis = es_analysis.index_body("da", "s", [])["settings"]["analysis"]
    index_side = analysis["analyzer"]["autocomplete_index"]
    search_side = analysis["analyzer"]["autocomplete_search"]
    assert index_side["filter"] == ["lowercase", "autocomplete_edge"]
    assert search_side["filter"] == ["lowercase"]
    assert index_side["char_filter"] == search_side["char_filter"] == ["nordic_fold"]
    assert analysis["filter"]["autocomplete_edge"]["type"] == "edge_ngram"
    assert analysis["filter"]["autocomplete_edge"]["preserve_original"] is True  # words > max_gram typed in full


def test_mappings_are_explicit():
    mappings = es_analysis.index_body("da", "s", [])["mappings"]
    properties = mappings["properties"]
    assert mappings["dynamic"] == "strict"
    for field in ("title", "summary", "headings", "body", "synonyms"):
        assert properties[field]["type"] == "text"
        assert properties[field]["analyzer"] == "text_index"
        assert properties[field]["search_analyzer"] == "text_search"
        assert properties[field]["fields"]["parts"]["analyzer"] == "parts"
    assert properties["title"]["fields"]["autocomplete"]["analyzer"] == "autocomplete_index"
    assert properties["title"]["fields"]["autocomplete"]["search_analyzer"] == "autocomplete_search"
    for field in ("type", "topics", "locale", "slug", "doc_id", "fingerprint"):
        assert properties[field]["type"] == "keyword"
    assert properties["date"]["type"] == "date"
    assert not any("copy_to" in definition for definition in properties.values())


def test_decompounder_word_list_comes_from_the_vocabulary():
    texts = [
        "Aflastning giver familien en pause. Tilbud om aflastning.",
        "Et tilbud fra kommunen om en specialbørnehave 2026.",
    ]
    words = es_analysis.build_word_list(texts, "da")
    assert {"aflastning", "tilbud", "kommunen", "pause"} <= set(words)
    assert "2026" not in words
    assert "fra" not in words and "om" not in words  # function words never become compound parts
    assert "handicap" in words  # curated seed parts are always there
    definition = es_analysis.index_body("da", "s", words)["settings"]["analysis"]["filter"]["decompound"]
    assert definition["type"] == "dictionary_decompounder"
    assert definition["word_list"] == words
    assert es_analysis.build_word_list(["ord " * 10, "andre ord her"], "da", limit=3)[:3]


def test_synonym_rules_from_editors_groups():
    rules = es_analysis.synonym_rules(
        [
            ["aflastning", "pusterum", "respite care"],
            ["klage", "Klage"],  # one word twice is not a synonym
            ["x, y => z", "v#w"],  # Solr operators never reach Elasticsearch
            ["alene"],
        ]
    )
    assert rules == [
        {"id": "rule-0001", "synonyms": "aflastning, pusterum, respite care"},
        {"id": "rule-0002", "synonyms": "x y z, v w"},
    ]


def test_synonym_phrases_starting_with_a_stop_word_are_left_out():
    rules = es_analysis.synonym_rules([["klage", "uenig", "ikke enig", "fik nej"], ["hvorfor", "begrundelse"]], "da")
    assert rules == [{"id": "rule-0001", "synonyms": "klage, uenig"}]
    assert es_analysis.synonym_rules([["avslag", "fikk nei"]], "nb") == []


# --------------------------------------------------------------------------------------------------
# Query building, snippets and suggestions
# --------------------------------------------------------------------------------------------------


def clauses_by_name(query_dict):
    bool_query = query_dict["function_score"]["query"]["bool"]
    named = {}
    for clause in bool_query["should"]:
        ((kind, body),) = clause.items()
        if kind == "multi_match":
            named[body["_name"]] = body
        else:
            ((field, options),) = body.items()
            named[options["_name"]] = {"field": field, **options}
    return named, bool_query


def test_query_weights_title_over_summary_over_headings_over_body():
    named, _ = clauses_by_name(build_query("aflastning", "da").to_dict())
    boosts = dict(field.split("^") for field in named["exact"]["fields"])
    assert float(boosts["title"]) > float(boosts["summary"]) > float(boosts["headings"]) > float(boosts["body"])


def test_exact_and_phrase_clauses_outweigh_the_fuzzy_one():
    named, bool_query = clauses_by_name(build_query("merudgiter", "da").to_dict())
    # the embedded engine's typo rule: exact below 4 letters, one edit below 8, two from 8 on
    assert named["fuzzy"]["fuzziness"] == f"AUTO:{ranking.TYPO_MIN_LENGTH},{ranking.TYPO_FAR_MIN_LENGTH}"
    assert named["fuzzy"]["prefix_length"] == 1
    assert "fuzziness" not in named["exact"] and "fuzziness" not in named["phrase"]
    assert named["exact"]["boost"] > named["fuzzy"]["boost"]
    assert named["phrase"]["boost"] > named["fuzzy"]["boost"]
    assert named["phrase"]["type"] == "phrase"
    assert all(
        field.startswith(("title.parts", "synonyms.parts", "summary.parts", "headings.parts", "body.parts"))
        for field in named["parts"]["fields"]
    )
    assert named["prefix"]["field"] == "title.autocomplete"
    assert bool_query["filter"] == [{"term": {"locale": "da"}}]


def test_guides_weigh_more_than_articles():
    functions = build_query("x", "da").to_dict()["function_score"]["functions"]
    weights = {f["filter"]["term"]["type"]: f["weight"] for f in functions}
    assert weights["guide"] > 1 > weights["article"]


def test_filters_and_facets_are_multi_select():
    body = build_search(
        es_engine.Search(), "aflastning", "da", types=["guide"], topics=["økonomi"], limit=5, offset=10
    ).to_dict()
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"type": ["guide"]}}, {"terms": {"topics": ["økonomi"]}}]}
    }
    # Each facet counts under the other facet's filter, so readers can switch type within a topic.
    assert body["aggs"]["type"]["filter"] == {"bool": {"filter": [{"terms": {"topics": ["økonomi"]}}]}}
    assert body["aggs"]["type"]["aggs"]["values"]["terms"]["field"] == "type"
    assert body["aggs"]["topic"]["filter"] == {"bool": {"filter": [{"terms": {"type": ["guide"]}}]}}
    assert body["aggs"]["topic"]["aggs"]["values"]["terms"]["field"] == "topics"
    assert body["from"] == 10 and body["size"] == 5 and body["track_total_hits"] is True
    assert body["suggest"]["spelling"]["term"]["field"] == "spell"
    assert set(body["highlight"]["fields"]) >= {"summary", "body"}


def test_snippets_highlight_words_parts_and_typos():
    body = build_search(es_engine.Search(), "merudgiter", "da").to_dict()
    highlight = body["highlight"]
    assert highlight["pre_tags"] == [es_analysis.MARK_START] and highlight["post_tags"] == [es_analysis.MARK_END]
    clauses = {
        next(iter(c["match"])): next(iter(c["match"].values())) for c in highlight["highlight_query"]["bool"]["should"]
    }
    assert set(clauses) == set(highlight["fields"]) == set(es_engine.SNIPPET_FIELDS)
    assert clauses["body.plain"]["fuzziness"] == f"AUTO:{ranking.TYPO_MIN_LENGTH},{ranking.TYPO_FAR_MIN_LENGTH}"
    assert "fuzziness" not in clauses["body"]


def test_unfiltered_facets_count_everything():
    body = build_search(es_engine.Search(), "aflastning", "da").to_dict()
    assert "post_filter" not in body
    assert body["aggs"]["type"]["filter"] == {"match_all": {}}


def test_query_text_is_bounded_and_never_parsed():
    assert clean_query("  kan   jeg\tfå  hjælp ") == "kan jeg få hjælp"
    assert len(clean_query("ord " * 500)) <= ranking.MAX_QUERY_CHARS
    assert len(clean_query("ord " * 500).split()) == ranking.MAX_QUERY_WORDS
    assert clean_query(es_analysis.MARK_START + "x" + es_analysis.MARK_END) == "x"
    body = build_query('" * ~ : ( AND', "da").to_dict()
    assert "query_string" not in str(body) and "simple_query_string" not in str(body)


def test_snippets_are_escaped_html_with_marks():
    fragment = f"Skriv til {es_analysis.MARK_START}kommunen{es_analysis.MARK_END} <script>alert(1)</script> & vent"
    assert safe_snippet(fragment) == "Skriv til <mark>kommunen</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; vent"
    hit = {"highlight": {"body": [fragment]}, "_source": {"summary": "Resumé"}}
    assert pick_snippet(hit).startswith("Skriv til <mark>kommunen</mark>")
    plain = pick_snippet({"_source": {"summary": "Børn <b>og</b> unge " + "ord " * 100}})
    assert plain.startswith("Børn &lt;b&gt;og&lt;/b&gt; unge") and plain.endswith("…")


def test_did_you_mean_replaces_only_the_misspelt_words():
    suggest = {
        "spelling": [
            {
                "text": "merudgiter",
                "offset": 0,
                "length": 10,
                "options": [{"text": "merudgifter", "score": 0.9, "freq": 3}],
            },
            {"text": "til", "offset": 11, "length": 3, "options": []},
            {"text": "Barn", "offset": 15, "length": 4, "options": [{"text": "barn", "score": 0.9, "freq": 3}]},
        ]
    }
    assert corrected_text("merudgiter til Barn", suggest) == "merudgifter til Barn"
    assert corrected_text("til", {"spelling": [{"text": "til", "offset": 0, "length": 3, "options": []}]}) is None


# --------------------------------------------------------------------------------------------------
# Alias swap, writes and ping with a recording fake client
# --------------------------------------------------------------------------------------------------


class FakeIndices:
    def __init__(self, client):
        self.client = client
        self.indices: dict[str, set[str]] = {}  # index name -> aliases
        self.settings: dict[str, dict] = {}
        self.blocked: set[str] = set()  # auto-created by a stray write (the template's write block)
        self.fail_update_aliases = False

    def _record(self, call, **kwargs):
        self.client.calls.append((call, kwargs))

    def create(self, index, settings, mappings):
        self._record("create", index=index, settings=settings)
        if index in self.indices:
            raise BadRequestError(
                "resource_already_exists_exception",
                meta=None,
                body={"error": {"type": "resource_already_exists_exception"}},
            )
        self.indices[index] = set()
        self.settings[index] = settings

    def get_alias(self, name):
        found = {index: {"aliases": {name: {}}} for index, aliases in self.indices.items() if name in aliases}
        if not found:
            raise NotFoundError("alias missing", meta=None, body={})
        return found

    def get(self, index, **kwargs):
        return {
            name: {
                "aliases": {alias: {} for alias in aliases},
                "settings": {"index": {"blocks": {"write": "true"}}} if name in self.blocked else {},
            }
            for name, aliases in self.indices.items()
            if fnmatch.fnmatch(name, index)
        }

    def put_index_template(self, name, **kwargs):
        self._record("put_index_template", name=name, **kwargs)

    def delete_index_template(self, name):
        self._record("delete_index_template", name=name)

    def update_aliases(self, actions):
        self._record("update_aliases", actions=actions)
        if self.fail_update_aliases:
            raise ConnectionError("timed out")
        for action in actions:
            ((kind, target),) = action.items()
            if kind == "add":
                self.indices[target["index"]].add(target["alias"])
            else:
                self.indices[target["index"]].discard(target["alias"])

    def delete(self, index):
        self._record("delete", index=index)
        self.indices.pop(index, None)

    def put_settings(self, index, settings):
        self._record("put_settings", index=index, settings=settings)

    def refresh(self, index):
        self._record("refresh", index=index)

    def reload_search_analyzers(self, index):
        self._record("reload_search_analyzers", index=index)


class FakeSynonyms:
    def __init__(self, client):
        self.client = client
        self.sets: dict[str, list] = {}

    def get_synonym(self, id, size=10):
        if id not in self.sets:
            raise NotFoundError("no set", meta=None, body={})
        return {"synonyms_set": sorted(self.sets[id], key=lambda rule: rule["id"])}  # as strings, like ES

    def put_synonym(self, id, synonyms_set):
        self.client.calls.append(("put_synonym", {"id": id}))
        self.sets[id] = synonyms_set

    def delete_synonym(self, id):
        self.sets.pop(id, None)


class FakeClient:
    def __init__(self, fail_ping=False):
        self.calls: list[tuple[str, dict]] = []
        self.indices = FakeIndices(self)
        self.synonyms = FakeSynonyms(self)
        self.fail_ping = fail_ping

    def options(self, **kwargs):
        self.calls.append(("options", kwargs))
        return self

    def ping(self):
        if self.fail_ping:
            raise ConnectionError("refused")
        return True


@pytest.fixture
def fake(monkeypatch):
    client = FakeClient()

    def fake_bulk(es, actions, **kwargs):
        actions = list(actions)
        client.calls.append(("bulk", {"actions": actions, "refresh": kwargs.get("refresh")}))
        return len(actions), []

    monkeypatch.setattr(es_engine.helpers, "bulk", fake_bulk)
    monkeypatch.setattr(es_engine, "synonym_groups", lambda locale: [["aflastning", "pusterum"]])
    return client


def test_first_rebuild_creates_prefixed_indices_behind_one_alias_per_locale(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da", "nb"])
    count = engine.rebuild([doc(1, "Aflastning"), doc(2, "Avlastning", locale="nb")])
    assert count == 2
    created = [kwargs["index"] for name, kwargs in fake.calls if name == "create"]
    assert [name.rsplit("-", 1)[0] for name in created] == ["dev-pages-da", "dev-pages-nb"]
    assert all(name.rsplit("-", 1)[1].isdigit() for name in created)
    assert fake.indices.indices == {created[0]: {"dev-pages-da"}, created[1]: {"dev-pages-nb"}}
    assert fake.synonyms.sets["dev-synonyms-da"] == [{"id": "rule-0001", "synonyms": "aflastning, pusterum"}]


def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically_then_drops_the_old(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    engine.rebuild([doc(1, "Gammel")])
    old = next(iter(fake.indices.indices))
    fake.calls.clear()

    engine.rebuild([doc(1, "Ny"), doc(2, "Også ny")])

    names = [name for name, _ in fake.calls]
    new = next(kwargs["index"] for name, kwargs in fake.calls if name == "create")
    assert new != old
    bulk = next(kwargs for name, kwargs in fake.calls if name == "bulk")
    assert {action["_index"] for action in bulk["actions"]} == {new}
    assert [action["_source"]["title"] for action in bulk["actions"]] == ["Ny", "Også ny"]
    swaps = [kwargs["actions"] for name, kwargs in fake.calls if name == "update_aliases"]
    assert swaps == [
        [{"remove": {"index": old, "alias": "dev-pages-da"}}, {"add": {"index": new, "alias": "dev-pages-da"}}]
    ]
    # Order: build, then one atomic swap, then delete — readers always have a full index.
    assert names.index("create") < names.index("bulk") < names.index("update_aliases") < names.index("delete")
    assert ("delete", {"index": old}) in fake.calls
    assert fake.indices.indices == {new: {"dev-pages-da"}}


def test_rebuild_reports_progress_per_batch(fake, monkeypatch):
    monkeypatch.setattr(es_engine, "BULK_CHUNK", 2)
    seen = []
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da", "nb"])
    count = engine.rebuild(
        [doc(i, f"Side {i}") for i in range(5)] + [doc(9, "Side", locale="nb")], progress=seen.append
    )
    assert count == 6
    assert seen == [2, 2, 1, 1]


def test_a_failed_rebuild_leaves_the_live_index_alone(fake, monkeypatch):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    engine.rebuild([doc(1, "Gammel")])
    old = next(iter(fake.indices.indices))

    def broken_bulk(es, actions, **kwargs):
        list(actions)
        raise ConnectionError("node left")

    monkeypatch.setattr(es_engine.helpers, "bulk", broken_bulk)
    with pytest.raises(ConnectionError):
        engine.rebuild([doc(1, "Ny")])
    assert fake.indices.indices == {old: {"dev-pages-da"}}


def test_writes_during_a_rebuild_reach_both_the_live_and_the_new_index(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])  # production default: wait_for
    engine.rebuild([doc(1, "Gammel")])
    live = next(iter(fake.indices.indices))
    building = "dev-pages-da-29991231000000000000"
    fake.indices.indices[building] = set()
    fake.calls.clear()

    engine.index([doc(3, "Ny side")])
    engine.delete(["1"])

    bulks = [kwargs for name, kwargs in fake.calls if name == "bulk"]
    assert [{(a["_index"], a["_op_type"], a["_id"]) for a in b["actions"]} for b in bulks] == [
        {(live, "index", "3")},
        {(building, "index", "3")},
        {(live, "delete", "1")},
        {(building, "delete", "1")},
    ]
    # The index being built has refresh_interval -1: waiting for a refresh there would stall the publish.
    assert [b["refresh"] for b in bulks] == ["wait_for", False, "wait_for", False]


def test_admin_calls_get_a_long_timeout_and_no_retries(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    engine.rebuild([doc(1, "Side")])
    options = [kwargs for name, kwargs in fake.calls if name == "options" and "request_timeout" in kwargs]
    assert options and all(
        o == {"request_timeout": es_engine.ADMIN_TIMEOUT, "max_retries": 0, "retry_on_timeout": False} for o in options
    )
    assert es_engine.ADMIN_TIMEOUT >= 60 > es_engine.SEARCH_TIMEOUT


def test_an_index_that_already_exists_under_our_own_name_is_a_success(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    name = engine.create_index("da", [doc(1, "Side")], name="dev-pages-da-00000000000000000001")
    assert engine.create_index("da", [doc(1, "Side")], name=name) == name  # e.g. a retry after a timeout
    assert list(fake.indices.indices) == [name]


def test_two_first_writes_create_one_index(fake):
    first = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    second = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    first_name = first.first_index_name("da")
    # the second process saw no index either, and creates the same fixed name a moment later
    first.create_index("da", [doc(1, "A")], name=first_name)
    second.index([doc(2, "B")])
    assert list(fake.indices.indices) == [first_name]
    assert fake.indices.indices[first_name] == {"dev-pages-da"}


def test_a_failed_alias_swap_removes_the_new_index(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    engine.rebuild([doc(1, "Gammel")])
    old = next(iter(fake.indices.indices))
    fake.indices.fail_update_aliases = True
    with pytest.raises(ConnectionError):
        engine.rebuild([doc(1, "Ny")])
    assert fake.indices.indices == {old: {"dev-pages-da"}}


def test_an_index_template_guards_the_prefix_and_stray_indices_are_ignored(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    engine.rebuild([doc(1, "Side")])
    ((_, template),) = [(n, kw) for n, kw in fake.calls if n == "put_index_template"]
    assert template["index_patterns"] == ["dev-pages-*"]
    assert template["template"]["mappings"]["dynamic"] == "strict"
    assert template["template"]["settings"]["index"]["blocks"]["write"] is True
    live = next(iter(fake.indices.indices))
    assert fake.indices.settings[live]["index"]["blocks"] == {"write": False}  # our own indices take writes
    # a write that raced a rebuild made the cluster auto-create an index: it gets the block, we skip it
    fake.indices.indices["dev-pages-da-20000101000000000000"] = set()
    fake.indices.blocked.add("dev-pages-da-20000101000000000000")
    assert engine.locale_indices("da") == [live]
    engine.rebuild([doc(1, "Side")])  # and the next rebuild removes it
    assert "dev-pages-da-20000101000000000000" not in fake.indices.indices


def test_synonym_rules_are_compared_as_a_mapping(fake, monkeypatch):
    """With ≥ 10 rules Elasticsearch's string order (rule-1, rule-10, …) must not look like a change."""
    groups = [[f"ord{i}", f"andet{i}"] for i in range(12)]
    monkeypatch.setattr(es_engine, "synonym_groups", lambda locale: groups)
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    monkeypatch.setattr("search.synonyms.version", lambda: 1)
    assert engine.refresh_synonyms() is True
    monkeypatch.setattr("search.synonyms.version", lambda: 2)
    fake.calls.clear()
    assert engine.refresh_synonyms() is False
    assert not [call for call in fake.calls if call[0] == "put_synonym"]


def test_connection_settings_for_a_secured_cluster(settings):
    settings.ELASTICSEARCH_API_KEY = "a2V5OnNlY3JldA=="
    settings.ELASTICSEARCH_CA_CERTS = "/etc/ssl/es-ca.crt"
    settings.ELASTICSEARCH_SSL_FINGERPRINT = "ab" * 32
    assert es_engine.connection_options() == {
        "api_key": "a2V5OnNlY3JldA==",
        "ca_certs": "/etc/ssl/es-ca.crt",
        "ssl_assert_fingerprint": "ab" * 32,
    }
    assert es_engine.with_port("https://search.example.org") == "https://search.example.org:443"
    assert es_engine.with_port("http://es.internal") == "http://es.internal:80"
    assert es_engine.with_port("https://u:p@es.internal:9243") == "https://u:p@es.internal:9243"
    client = ElasticsearchEngine("https://search.example.org", prefix="x").client  # no connection is made
    assert client.transport.node_pool.get().config.port == 443


def test_long_queries_are_capped_for_the_clause_limit():
    named, _ = clauses_by_name(build_query(clean_query("ord " * 500), "da").to_dict())
    assert len(named["exact"]["query"].split()) == ranking.MAX_QUERY_WORDS
    assert named["fuzzy"]["max_expansions"] == ranking.FUZZY_MAX_EXPANSIONS <= 10


def test_writes_recreate_a_missing_index_instead_of_writing_to_a_bare_name(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    engine.index([doc(1, "Første")])
    first = next(iter(fake.indices.indices))
    fake.indices.indices.clear()  # someone deleted the indices behind our back
    engine.index([doc(2, "Anden")])
    ((second, aliases),) = fake.indices.indices.items()
    assert second == first == engine.first_index_name("da") and aliases == {"dev-pages-da"}
    last_bulk = [kwargs for name, kwargs in fake.calls if name == "bulk"][-1]
    assert {action["_index"] for action in last_bulk["actions"]} == {second}


def test_documents_carry_their_fields_and_fingerprint():
    document = doc(
        7,
        "Titel",
        summary="Resumé",
        headings=["Trin"],
        body="Brødtekst",
        topics=["økonomi"],
        synonyms=["ord"],
        date=datetime.date(2026, 3, 1),
    )
    source = ElasticsearchEngine.source(document)
    assert source["doc_id"] == "7" and source["type"] == "guide" and source["date"] == "2026-03-01"
    assert source["topics"] == ["økonomi"] and source["headings"] == ["Trin"] and source["synonyms"] == ["ord"]
    assert source["fingerprint"] == es_engine.fingerprint(document)
    assert source["fingerprint"] != es_engine.fingerprint(doc(7, "Anden titel"))
    assert "Brødtekst" in source["spell"] and "Titel" in source["spell"]


def test_editors_synonym_changes_are_pushed_once(fake, monkeypatch):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    monkeypatch.setattr("search.synonyms.version", lambda: 1)
    assert engine.refresh_synonyms() is True
    assert engine.refresh_synonyms() is False  # same version: nothing to do
    monkeypatch.setattr("search.synonyms.version", lambda: 2)
    assert engine.refresh_synonyms() is False  # new version but the same rules: no reload
    monkeypatch.setattr(es_engine, "synonym_groups", lambda locale: [["klage", "complain"]])
    monkeypatch.setattr("search.synonyms.version", lambda: 3)
    assert engine.refresh_synonyms() is True
    assert fake.synonyms.sets["dev-synonyms-da"] == [{"id": "rule-0001", "synonyms": "klage, complain"}]


def test_empty_or_punctuation_queries_do_not_reach_the_server(fake):
    engine = ElasticsearchEngine(client=fake, prefix="dev", locales=["da"])
    for text in ("", "   ", '" * ~ : ( )', "!!!"):
        results = engine.search(text, "da")
        assert results.total == 0 and results.hits == [] and results.suggestion is None
        assert engine.suggest(text, "da") == []
    assert fake.calls == []


def test_unknown_locale_is_refused(fake):
    with pytest.raises(ValueError):
        ElasticsearchEngine(client=fake, prefix="dev").search("x", "sv")


def test_ping_reports_an_unreachable_server():
    assert ElasticsearchEngine(client=FakeClient(), prefix="dev").ping() is True
    assert ElasticsearchEngine(client=FakeClient(fail_ping=True), prefix="dev").ping() is False


def test_prefix_and_url_come_from_settings(settings):
    settings.SEARCH_INDEX_PREFIX = "Staging"
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    engine = ElasticsearchEngine()
    assert engine.alias("da") == "staging-pages-da"
    assert engine.synonyms_set("nb") == "staging-synonyms-nb"
    assert engine.url == "http://search.internal:9200"


# --------------------------------------------------------------------------------------------------
# Against a server (real Elasticsearch or the emulator)
# --------------------------------------------------------------------------------------------------

GUIDES = [
    doc(
        1,
        "Dækning af merudgifter til dit barn",
        slug="merudgifter",
        topics=["økonomi"],
        summary="Har dit barn en varig funktionsnedsættelse, kan kommunen dække de ekstra udgifter.",
        headings=["Hvem kan få hjælp?", "Sådan søger du"],
        body="Skriv til kommunen og læg kvitteringer ved.",
    ),
    doc(
        2,
        "Aflastning: pause fra pasningen",
        slug="aflastning",
        topics=["aflastning"],
        summary="Aflastning giver familien en pause.",
        headings=["Hvad er aflastning?"],
        body="Aflastningstilbud kan være et døgnophold eller en weekend.",
    ),
    doc(
        3,
        "Plads i en specialbørnehave",
        slug="specialboernehave",
        topics=["skole"],
        summary="Børn med særlige behov kan få en plads.",
        body="Kommunen visiterer til specialbørnehaven.",
    ),
    doc(
        4,
        "Ny rådgivningslinje for forældre",
        slug="raadgivning",
        type="article",
        summary="Nu kan du ringe til rådgivningen.",
        body="Rådgivningen har flere åbningstimer <script>x</script>.",
    ),
    doc(
        5,
        "Klage over kommunens afgørelse",
        slug="klage",
        topics=["klage"],
        summary="Er du uenig i en afgørelse, kan du klage.",
        body="Klagen sendes til kommunen inden fire uger.",
        date=datetime.date(2026, 1, 5),
    ),
    doc(
        6,
        "Merudgifter",
        slug="merudgifter-ord",
        type="glossary",
        summary="Ekstra udgifter på grund af handicap.",
        synonyms=["ekstra udgifter"],
    ),
    doc(
        7,
        "Avlastning for familien",
        slug="avlastning",
        locale="nb",
        topics=["avlastning"],
        summary="Avlastning gir familien en pause.",
        body="Kommunen kan gi avlastningstilbud.",
    ),
    doc(
        8,
        "Bil til et barn med handicap",
        slug="bil",
        topics=["hjælpemidler"],
        summary="Støtte til køb af bil.",
        body="En handicapbil kan bevilges, når barnet har brug for kørsel.",
    ),
]


@pytest.fixture
def server(monkeypatch):
    groups = {"da": [["aflastning", "pusterum", "respite care"], ["klage", "complain"]], "nb": []}
    monkeypatch.setattr(es_engine, "synonym_groups", lambda locale: groups.get(locale, []))
    engine = ElasticsearchEngine(ES_URL, prefix=f"test-{uuid.uuid4().hex[:10]}", locales=["da", "nb"], refresh=True)
    engine.groups = groups
    yield engine
    engine.clear()


@pytest.fixture
def loaded(server):
    assert server.rebuild(GUIDES) == len(GUIDES)
    return server


def slugs(results):
    return [hit.slug for hit in results.hits]


def analyze(engine, locale, analyzer, text):
    response = engine.client.indices.analyze(index=engine.alias(locale), analyzer=analyzer, text=text)
    return [token["token"] for token in response["tokens"]]


@needs_server
def test_server_analyzers_fold_stem_and_split_compounds(loaded):
    assert analyze(loaded, "da", "text_search", "Raadgivningen") == ["rådgivning"]
    assert analyze(loaded, "da", "text_index", "Rådgivningen") == ["rådgivning"]
    parts = analyze(loaded, "da", "parts", "specialbørnehave aflastningstilbud handicapbil")
    assert {"børnehav", "aflastning", "tilbud", "handicap", "bil"} <= set(parts)
    assert analyze(loaded, "da", "autocomplete_index", "Øko")[:3] == ["ø", "øk", "øko"]
    assert analyze(loaded, "da", "autocomplete_search", "oeko") == ["øko"]
    assert analyze(loaded, "nb", "text_index", "avlastningen") == ["avlastning"]


@needs_server
def test_server_ranks_title_matches_first_and_filters_by_locale(loaded):
    results = loaded.search("aflastning", "da")
    assert slugs(results)[0] == "aflastning"
    assert "avlastning" not in slugs(loaded.search("avlastning", "da"))
    assert slugs(loaded.search("avlastning", "nb")) == ["avlastning"]


@needs_server
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aflastningen", "aflastning"),  # inflected
        ("raadgivning", "raadgivning"),  # aa for å
        ("specialbørnehaver", "specialboernehave"),  # inflected compound
        ("børnehave", "specialboernehave"),  # part of a compound
        ("kan jeg få hjælp til aflastning", "aflastning"),  # question form
        ("uenig i kommunens afgørelse", "klage"),
        ("aflast", "aflastning"),  # prefix
    ],
)
def test_server_finds_the_right_guide(loaded, query, expected):
    assert expected in slugs(loaded.search(query, "da"))[:3]


@needs_server
def test_server_typos_are_tolerated_without_drowning_exact_matches(loaded):
    fuzzy = loaded.search("merudgiter", "da")
    assert "merudgifter" in slugs(fuzzy)[:2]
    assert fuzzy.suggestion == "merudgifter"
    exact = loaded.search("merudgifter", "da")
    assert exact.suggestion is None
    assert exact.hits[0].score > fuzzy.hits[0].score


@needs_server
def test_server_synonyms_apply_and_reload_without_reindexing(loaded):
    assert slugs(loaded.search("pusterum", "da"))[0] == "aflastning"
    assert "klage" in slugs(loaded.search("complain", "da"))
    assert "aflastning" not in slugs(loaded.search("frikvarter", "da"))
    loaded.groups["da"].append(["aflastning", "frikvarter"])
    loaded.sync_synonyms(["da"])
    assert slugs(loaded.search("frikvarter", "da"))[0] == "aflastning"


@needs_server
def test_server_glossary_synonyms_field(loaded):
    assert "merudgifter-ord" in slugs(loaded.search("ekstra udgifter", "da"))


@needs_server
def test_server_snippets_are_safe_html_with_marks(loaded):
    hit = loaded.search("rådgivningen", "da").hits[0]
    assert "<mark>" in hit.snippet
    assert "<script>" not in hit.snippet


@needs_server
def test_server_snippet_marks_the_word_a_typo_found(loaded):
    hit = loaded.search("kvitteringr", "da").hits[0]
    assert hit.slug == "merudgifter"
    assert "<mark>kvitteringer</mark>" in hit.snippet


@needs_server
def test_server_facets_filters_and_pagination(loaded):
    everything = loaded.search("kommunen", "da")
    assert everything.facets["type"]["guide"] >= 3
    only_articles = loaded.search("kommunen", "da", types=["article"])
    assert {hit.type for hit in only_articles.hits} <= {"article"}
    assert only_articles.facets["type"] == everything.facets["type"]  # multi-select: other types stay visible
    topic = loaded.search("kommunen", "da", topics=["klage"])
    assert slugs(topic) == ["klage"]
    first, second = loaded.search("kommunen", "da", limit=1), loaded.search("kommunen", "da", limit=1, offset=1)
    assert first.total == second.total == everything.total
    assert slugs(first) != slugs(second)


@needs_server
def test_server_autocomplete_is_correct_with_nordic_letters(loaded):
    assert [s.title for s in loaded.suggest("rådg", "da")] == ["Ny rådgivningslinje for forældre"]
    assert [s.title for s in loaded.suggest("raadg", "da")] == ["Ny rådgivningslinje for forældre"]
    assert [s.title for s in loaded.suggest("Dæk", "da")] == ["Dækning af merudgifter til dit barn"]
    assert [s.title for s in loaded.suggest("daek", "da")] == ["Dækning af merudgifter til dit barn"]
    assert loaded.suggest("rad", "da") == []  # "a" is not "å": no false friends
    assert loaded.suggest("avl", "da") == []  # the Norwegian page stays in its own index
    assert [s.url for s in loaded.suggest("avl", "nb")] == ["/nb/side-7/"]


@needs_server
def test_server_rebuild_swaps_the_alias_and_drops_the_old_index(loaded):
    before = loaded.live_index("da")
    assert loaded.rebuild(GUIDES[:2]) == 2
    after = loaded.live_index("da")
    assert after != before
    assert loaded.locale_indices("da") == [after]
    assert set(loaded.document_ids("da")) == {"1", "2"}


@needs_server
def test_server_index_update_delete_and_document_ids(loaded):
    ids = loaded.document_ids()
    assert set(ids) == {str(d.id) for d in GUIDES}
    assert ids["1"] == es_engine.fingerprint(GUIDES[0])
    changed = doc(1, "Dækning af merudgifter – opdateret", slug="merudgifter", topics=["økonomi"])
    loaded.index([changed])
    assert loaded.document_ids("da")["1"] == es_engine.fingerprint(changed)
    loaded.delete(["1", "does-not-exist"])
    assert "1" not in loaded.document_ids("da")
    assert "merudgifter" not in slugs(loaded.search("merudgifter", "da"))


@needs_server
def test_server_document_ids_pages_through_large_indices(server):
    documents = [doc(i, f"Side nummer {i}") for i in range(2_345)]
    assert server.rebuild(documents) == 2_345
    ids = server.document_ids("da")
    assert len(ids) == 2_345 and ids["2344"] == es_engine.fingerprint(documents[-1])


@needs_server
def test_server_first_index_call_creates_the_alias(server):
    server.index([doc(11, "Søskende til et barn med handicap", summary="Også søskende har brug for støtte.")])
    assert server.live_index("da").startswith(server.alias("da") + "-")
    assert slugs(server.search("søskende", "da")) == ["side-11"]


@needs_server
def test_server_survives_hostile_input(loaded):
    for text in ['" * ~ : ( AND', "a" * 5000, "🙂 ∑ ß 中文", "kommunen AND (klage OR", "\x00\x01"]:
        results = loaded.search(text, "da")
        assert results.total >= 0
        loaded.suggest(text, "da")
    far = loaded.search("kommunen", "da", offset=50_000, limit=50)
    assert far.hits == [] and far.total == loaded.search("kommunen", "da").total


@needs_server
def test_server_ping(server):
    assert server.ping() is True
    assert ElasticsearchEngine("http://127.0.0.1:9", prefix="x").ping() is False
