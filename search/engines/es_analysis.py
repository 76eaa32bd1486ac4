"""Elasticsearch analysis and mappings for one locale's index, built with ``elasticsearch.dsl``.

Pure definitions (no server needed), so they are unit-tested on their own.

Per locale (``da`` → Danish, ``nb`` → Norwegian bokmål) the index has:

* ``nordic_fold`` char filter: keeps æ/ø/å (no asciifolding, which would turn "ø" into "o"),
  maps the digraphs people type without a Nordic keyboard (aa → å, ae → æ, oe → ø) and folds
  foreign accents (é → e, ä → æ, ö → ø, ü → u). The same char filter sits in every analyzer, so
  index and query are normalised alike ("raadgivning" finds "rådgivning").
* ``text_index`` / ``text_search``: standard tokenizer, lowercase, the language's stop words plus
  question words ("hvordan", "kan jeg få …"), Snowball stemmer. Only the search analyzer carries the
  ``synonym_graph`` filter, reading an updateable synonyms set, so editors' synonyms apply without
  reindexing (the Synonyms API reloads it; ``reload_search_analyzers`` does too).
* ``parts``: the same chain with a ``dictionary_decompounder`` whose word list is built from the
  indexed vocabulary plus a short seed list of domain words, so closed compounds
  ("specialbørnehave", "aflastningstilbud", "handicapbil") match their parts, linking -s-/-e-
  included. Used on ``<field>.parts`` subfields, ranked below the plain fields.
* ``autocomplete_index`` (edge n-grams at index time only) with ``autocomplete_search`` (no n-grams,
  no stop words, for the suggest endpoint) and ``autocomplete_query`` (plus stop words, for prefix
  matching inside a full search). Lowercase + the same folding on both sides, so "Øko", "oeko" and
  "øko" all complete "Økonomi".
* ``spell``: lowercase + folding, no stemming, for the term suggester ("did you mean").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from elasticsearch.dsl import (
    Date,
    Index,
    Keyword,
    Mapping,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search import analysis as analysis_rules
from search import ranking

TEXT_FIELDS = tuple(ranking.FIELD_BOOSTS)

# Unicode private-use characters used as highlight tags; the engine escapes the fragment and then
# turns them into <mark>…</mark>, so the snippet is safe HTML whatever the server does.
MARK_START = "\ue000"
MARK_END = "\ue001"

#: the shared folding table (search.analysis) as char filter rules: æ ≡ ae ≡ ä, ø ≡ oe ≡ ö, å ≡ aa, é ≡ e
FOLDING: dict[str, str] = analysis_rules.es_char_mappings()

#: Snowball stemmer per locale with its own word lists (search.analysis: stop words, compound parts)
STEMMERS: dict[str, str] = {code: analysis_rules.LANGUAGES[code] for code in analysis_rules.STOP_WORDS}

MAX_WORD_LIST = 20_000  # keeps the index settings (and cluster state) small at 100k documents

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_FOLD_RE = re.compile("|".join(sorted(map(re.escape, FOLDING), key=len, reverse=True)))


def fold(text: str) -> str:
    """The ``nordic_fold`` char filter in Python, followed by lowercasing (same result as ES)."""
    return _FOLD_RE.sub(lambda m: FOLDING[m.group(0)], text).lower()


def words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


def language(locale: str) -> str:
    """The Snowball stemmer of a locale; ValueError for a locale without analysis."""
    try:
        return STEMMERS[locale]
    except KeyError:
        raise ValueError(f"No Elasticsearch analysis defined for locale {locale!r}") from None


def stop_words(locale: str) -> list[str]:
    """search.analysis.STOP_WORDS (Snowball, question words, English), folded as the char filter folds."""
    language(locale)
    return sorted({fold(w) for w in analysis_rules.STOP_WORDS[locale]})


def seed_parts(locale: str) -> list[str]:
    """search.analysis.COMPOUND_PARTS, folded: always in the decompounder's word list."""
    language(locale)
    return sorted({fold(w) for w in analysis_rules.COMPOUND_PARTS[locale] if len(w) >= analysis_rules.MIN_PART})


def build_word_list(texts: Iterable[str], locale: str, limit: int = MAX_WORD_LIST) -> list[str]:
    """The decompounder's dictionary: words that occur on their own in the corpus, most frequent first.

    Function words are left out (they would split "afgørelse" into nonsense); seed parts are always in.
    Counting is by document so one long page cannot crowd out the rest.
    """
    stop = set(stop_words(locale))
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(
            {w for w in words(text) if analysis_rules.ES_MIN_VOCABULARY_PART <= len(w) <= 30 and w not in stop}
        )
    seeds = seed_parts(locale)
    ranked = [w for w, _ in counts.most_common() if w not in seeds]
    return sorted(set(seeds) | set(ranked[: max(0, limit - len(seeds))]))


def synonym_rules(groups: Iterable[Iterable[str]], locale: str = "da") -> list[dict]:
    """Synonyms API rules ({"id", "synonyms"}) from groups of equivalent words or phrases.

    Ids are zero-padded (``rule-0001``) so their string order is their number order. A term that is
    a stop word or a phrase starting with one ("ikke enig", "fik nej") is left out: the stop filter
    would drop its first word, and the rule would silently mean something else (editors are told when
    they save, see search.models.SynonymList.clean).
    """
    rules = []
    for group in groups:
        terms = []
        for term in group:
            # Commas, arrows and hashes are Solr-syntax operators; strip them out of editors' words.
            clean = " ".join(re.sub(r"[,#=>\\]", " ", str(term)).split())
            if not clean or starts_with_stop_word(clean, locale):
                continue
            if clean.lower() not in (t.lower() for t in terms):
                terms.append(clean)
        if len(terms) > 1:
            rules.append({"id": f"rule-{len(rules) + 1:04d}", "synonyms": ", ".join(terms)})
    return rules


def starts_with_stop_word(term: str, locale: str) -> bool:
    """Whether a synonym term's first word is a stop word (it would be lost after the stop filter)."""
    first = analysis_rules.tokenize(term)[:1]
    return bool(first) and analysis_rules.is_stop(first[0], locale)


def analysis(locale: str, synonyms_set: str, word_list: list[str]) -> dict:
    """The analyzers of one locale's index, as ``elasticsearch.dsl`` objects keyed by role."""
    nordic_fold = char_filter("nordic_fold", "mapping", mappings=[f"{k}=>{v}" for k, v in FOLDING.items()])
    stop = token_filter("stop_language", "stop", stopwords=stop_words(locale))
    stem = token_filter("stem_language", "stemmer", language=language(locale))
    synonyms = token_filter(
        "synonyms",
        "synonym_graph",
        synonyms_set=synonyms_set,
        updateable=True,
        lenient=True,
    )
    decompound = token_filter(
        "decompound",
        "dictionary_decompounder",
        word_list=word_list or seed_parts(locale),
        min_subword_size=analysis_rules.MIN_PART,
        min_word_size=2 * analysis_rules.MIN_PART,
        max_subword_size=20,
        only_longest_match=False,
    )
    # preserve_original: a word longer than max_gram typed in full ("specialbørnehavepladser") still matches
    edge = token_filter("autocomplete_edge", "edge_ngram", min_gram=1, max_gram=20, preserve_original=True)

    def custom(name, filters):
        return analyzer(name, tokenizer="standard", char_filter=[nordic_fold], filter=filters)

    return {
        "text_index": custom("text_index", ["lowercase", stop, stem]),
        "text_search": custom("text_search", ["lowercase", synonyms, stop, stem]),
        "parts": custom("parts", ["lowercase", decompound, stop, stem]),
        "autocomplete_index": custom("autocomplete_index", ["lowercase", edge]),
        "autocomplete_search": custom("autocomplete_search", ["lowercase"]),
        "autocomplete_query": custom("autocomplete_query", ["lowercase", stop]),
        # Unstemmed words (typo tolerance, "did you mean"); stop words never match, nor their one-edit
        # neighbours, and are never proposed as a correction.
        "spell": custom("spell", ["lowercase", stop]),
    }


def mapping(analyzers: dict) -> Mapping:
    """Explicit field mappings; unknown fields are rejected (``dynamic: strict``)."""
    m = Mapping()
    m.meta("dynamic", "strict")

    def text(norms=True, **extra_fields):
        return Text(
            analyzer=analyzers["text_index"],
            search_analyzer=analyzers["text_search"],
            norms=norms,
            fields={
                "parts": Text(analyzer=analyzers["parts"], norms=norms),
                # Unstemmed words for typo tolerance: a typo changes the stem ("ankestyrelssen" stems
                # to "ankestyrelss", "ankestyrelsen" to "ankestyr"), the word itself only by one edit.
                "plain": Text(analyzer=analyzers["spell"], norms=norms),
                **extra_fields,
            },
        )

    # No length norms on titles: "Klagefrist" (a glossary term) must not beat "Klagefrister og
    # Ankestyrelsen" (the guide) only for being shorter; the page-type weight decides instead.
    m.field(
        "title",
        text(
            norms=False,
            autocomplete=Text(
                analyzer=analyzers["autocomplete_index"], search_analyzer=analyzers["autocomplete_search"]
            ),
            raw=Keyword(ignore_above=512),
        ),
    )
    m.field("synonyms", text())
    m.field("summary", text())
    m.field("headings", text())
    m.field("body", text())
    m.field("spell", Text(analyzer=analyzers["spell"]))  # title + summary + headings + body, for "did you mean"
    for name in ("doc_id", "locale", "type", "slug", "topics", "fingerprint"):
        m.field(name, Keyword())
    m.field("url", Keyword(index=False))
    m.field("date", Date())
    return m


def index_body(locale: str, synonyms_set: str, word_list: list[str], *, replicas: str = "0-1") -> dict:
    """``{"settings": …, "mappings": …}`` for a new index of this locale."""
    analyzers = analysis(locale, synonyms_set, word_list)
    idx = Index("unused")
    idx.settings(number_of_shards=1, auto_expand_replicas=replicas, max_result_window=10_000)
    for a in analyzers.values():  # analyzers not used in a mapping (autocomplete_query) need registering too
        idx.analyzer(a)
    idx.mapping(mapping(analyzers))
    return idx.to_dict()
