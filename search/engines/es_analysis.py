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

# Fields searched by the full-text query, with their boosts: title > synonyms > summary > headings > body.
FIELD_BOOSTS: dict[str, float] = {"title": 6.0, "synonyms": 4.0, "summary": 3.0, "headings": 2.0, "body": 1.0}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
# Score multipliers per page type: a parent's question is most often answered by a guide.
TYPE_WEIGHTS: dict[str, float] = {
    "guide": 1.3,
    "glossary": 0.9,
    "principle": 1.0,
    "position_paper": 1.0,
    "article": 0.95,
    "campaign": 1.0,
    "event": 1.0,
}

# Unicode private-use characters used as highlight tags; the engine escapes the fragment and then
# turns them into <mark>…</mark>, so the snippet is safe HTML whatever the server does.
MARK_START = "\ue000"
MARK_END = "\ue001"

FOLDING: dict[str, str] = {
    # Digraphs typed without a Nordic keyboard.
    "aa": "å",
    "Aa": "Å",
    "AA": "Å",
    "aA": "å",
    "ae": "æ",
    "Ae": "Æ",
    "AE": "Æ",
    "aE": "æ",
    "oe": "ø",
    "Oe": "Ø",
    "OE": "Ø",
    "oE": "ø",
    # Neighbouring languages' letters to their Danish/Norwegian twins.
    "ä": "æ",
    "Ä": "Æ",
    "ö": "ø",
    "Ö": "Ø",
    "ǿ": "ø",
    # Accents that are optional in Danish/Norwegian ("idé", "én") and in loan words.
    "é": "e",
    "É": "E",
    "è": "e",
    "È": "E",
    "ê": "e",
    "ë": "e",
    "á": "a",
    "à": "a",
    "â": "a",
    "ó": "o",
    "ò": "o",
    "ô": "o",
    "ú": "u",
    "ù": "u",
    "û": "u",
    "ü": "u",
    "Ü": "U",
    "í": "i",
    "ì": "i",
    "î": "i",
    "ï": "i",
    "ñ": "n",
    "ç": "c",
    "ß": "ss",
}

LANGUAGES: dict[str, dict] = {
    "da": {
        "stemmer": "danish",
        "stopwords": "_danish_",
        # Words of question-form queries that carry no topic ("kan jeg få hjælp til …").
        "question_words": [
            "hvordan",
            "hvorfor",
            "hvornår",
            "hvem",
            "hvilke",
            "hvilken",
            "hvilket",
            "kan",
            "jeg",
            "få",
            "får",
            "gør",
            "gøre",
            "min",
            "mit",
            "mine",
            "vores",
            "vi",
            "os",
            "noget",
            "nogen",
            "hjælpe",
            "how",
            "what",
            "when",
            "who",
            "why",
            "where",
            "can",
            "could",
            "do",
            "does",
            "i",
            "my",
            "me",
            "the",
            "a",
            "an",
            "to",
            "for",
            "of",
            "about",
            "is",
            "are",
            "get",
            "with",
            "and",
            "or",
            "in",
            "on",
        ],
        # Short or frequent compound parts worth splitting out even before they appear on their own.
        "seed_parts": [
            "aflastning",
            "afgørelse",
            "barn",
            "bil",
            "bolig",
            "børn",
            "børnehave",
            "dag",
            "familie",
            "forælder",
            "forældre",
            "handicap",
            "hjem",
            "hjælp",
            "hjælpemiddel",
            "job",
            "klage",
            "kommune",
            "merudgift",
            "pasning",
            "pleje",
            "plads",
            "ret",
            "sag",
            "skole",
            "special",
            "støtte",
            "tabt",
            "tilbud",
            "tilskud",
            "udgift",
            "ydelse",
            "arbejde",
            "fritid",
            "løn",
            "ophold",
            "bevilling",
            "behandling",
            "psykolog",
        ],
    },
    "nb": {
        "stemmer": "norwegian",
        "stopwords": "_norwegian_",
        "question_words": [
            "hvordan",
            "hvorfor",
            "når",
            "hvem",
            "hvilke",
            "hvilken",
            "hvilket",
            "kan",
            "jeg",
            "få",
            "får",
            "gjør",
            "gjøre",
            "min",
            "mitt",
            "mine",
            "vår",
            "vårt",
            "våre",
            "vi",
            "oss",
            "noe",
            "noen",
            "hjelpe",
            "how",
            "what",
            "when",
            "who",
            "why",
            "where",
            "can",
            "could",
            "do",
            "does",
            "i",
            "my",
            "me",
            "the",
            "a",
            "an",
            "to",
            "for",
            "of",
            "about",
            "is",
            "are",
            "get",
            "with",
            "and",
            "or",
            "in",
            "on",
        ],
        "seed_parts": [
            "avlastning",
            "vedtak",
            "barn",
            "bil",
            "bolig",
            "barnehage",
            "dag",
            "familie",
            "forelder",
            "foreldre",
            "funksjonshemming",
            "hjem",
            "hjelp",
            "hjelpemiddel",
            "jobb",
            "klage",
            "kommune",
            "merutgift",
            "omsorg",
            "pleie",
            "plass",
            "rett",
            "sak",
            "skole",
            "spesial",
            "støtte",
            "tapt",
            "tilbud",
            "tilskudd",
            "utgift",
            "ytelse",
            "stønad",
            "arbeid",
            "fritid",
            "lønn",
            "opphold",
            "behandling",
            "psykolog",
        ],
    },
}


# Snowball stop words (Lucene's lists) for excluding function words from the compound word list.
def _wordset(text: str) -> set[str]:
    return set(text.split())


_STOP_DA = _wordset(
    "og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham "
    "hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når "
    "være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt "
    "meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan"
)
_STOP_NB = _wordset(
    "og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi min "
    "mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her "
    "alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere som deres kun ja etter ned skulle "
    "denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken "
    "hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært være båe begge "
    "siden dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes "
    "hoss hossen ikkje ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no "
    "nokon noka nokor noko nokre si sia sidan so somt somme um upp vere vore verte vort varte vart"
)
STOPWORDS = {"da": _STOP_DA, "nb": _STOP_NB}

MIN_PART = 4  # shortest vocabulary word used as a compound part (seed parts may be shorter)
MAX_WORD_LIST = 20_000  # keeps the index settings (and cluster state) small at 100k documents

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_FOLD_RE = re.compile("|".join(sorted(map(re.escape, FOLDING), key=len, reverse=True)))


def fold(text: str) -> str:
    """The ``nordic_fold`` char filter in Python, followed by lowercasing (same result as ES)."""
    return _FOLD_RE.sub(lambda m: FOLDING[m.group(0)], text).lower()


def words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


def language(locale: str) -> dict:
    try:
        return LANGUAGES[locale]
    except KeyError:
        raise ValueError(f"No Elasticsearch analysis defined for locale {locale!r}") from None


def stop_words(locale: str) -> list[str]:
    """Extra stop words: question words and English function words, shared with the embedded engine."""
    words_ = set(language(locale)["question_words"])
    try:
        from search.analysis import STOP_WORDS
    except ImportError:
        STOP_WORDS = {}
    words_ |= set(STOP_WORDS.get(locale, ()))
    return sorted(fold(w) for w in words_)


def seed_parts(locale: str) -> list[str]:
    """Curated compound parts of the domain, shared with the embedded engine when it has a list."""
    parts = set(language(locale)["seed_parts"])
    try:
        from search.analysis import COMPOUND_PARTS
    except ImportError:
        COMPOUND_PARTS = {}
    parts |= set(COMPOUND_PARTS.get(locale, ()))
    return sorted({fold(w) for w in parts if len(w) >= 3})


def build_word_list(texts: Iterable[str], locale: str, limit: int = MAX_WORD_LIST) -> list[str]:
    """The decompounder's dictionary: words that occur on their own in the corpus, most frequent first.

    Function words are left out (they would split "afgørelse" into nonsense); seed parts are always in.
    Counting is by document so one long page cannot crowd out the rest.
    """
    stop = STOPWORDS.get(locale, set()) | set(stop_words(locale))
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in words(text) if MIN_PART <= len(w) <= 30 and w not in stop})
    seeds = seed_parts(locale)
    ranked = [w for w, _ in counts.most_common() if w not in seeds]
    return sorted(set(seeds) | set(ranked[: max(0, limit - len(seeds))]))


def synonym_rules(groups: Iterable[Iterable[str]]) -> list[dict]:
    """Synonyms API rules ({"id", "synonyms"}) from groups of equivalent words or phrases."""
    rules = []
    for group in groups:
        terms = []
        for term in group:
            # Commas, arrows and hashes are Solr-syntax operators; strip them out of editors' words.
            clean = " ".join(re.sub(r"[,#=>\\]", " ", str(term)).split())
            if clean and clean.lower() not in (t.lower() for t in terms):
                terms.append(clean)
        if len(terms) > 1:
            rules.append({"id": f"rule-{len(rules) + 1}", "synonyms": ", ".join(terms)})
    return rules


def analysis(locale: str, synonyms_set: str, word_list: list[str]) -> dict:
    """The analyzers of one locale's index, as ``elasticsearch.dsl`` objects keyed by role."""
    lang = language(locale)
    nordic_fold = char_filter("nordic_fold", "mapping", mappings=[f"{k}=>{v}" for k, v in FOLDING.items()])
    stop = token_filter("stop_language", "stop", stopwords=lang["stopwords"])
    stop_questions = token_filter("stop_questions", "stop", stopwords=stop_words(locale))
    stem = token_filter("stem_language", "stemmer", language=lang["stemmer"])
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
        min_subword_size=3,
        min_word_size=6,
        max_subword_size=20,
        only_longest_match=False,
    )
    edge = token_filter("autocomplete_edge", "edge_ngram", min_gram=1, max_gram=20)

    def custom(name, filters):
        return analyzer(name, tokenizer="standard", char_filter=[nordic_fold], filter=filters)

    return {
        "text_index": custom("text_index", ["lowercase", stop, stop_questions, stem]),
        "text_search": custom("text_search", ["lowercase", synonyms, stop, stop_questions, stem]),
        "parts": custom("parts", ["lowercase", decompound, stop, stop_questions, stem]),
        "autocomplete_index": custom("autocomplete_index", ["lowercase", edge]),
        "autocomplete_search": custom("autocomplete_search", ["lowercase"]),
        "autocomplete_query": custom("autocomplete_query", ["lowercase", stop, stop_questions]),
        "spell": custom("spell", ["lowercase"]),
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
