"""Ranking rules of the public search, one copy for both engines.

The embedded engine (search/engines/embedded.py) and the Elasticsearch engine
(search/engines/elasticsearch.py, es_analysis.py) read every number here; neither keeps its own.
Values were chosen with benchmarks/relevance.py on both engines (see docs/search.md).
"""

from __future__ import annotations

# -- query limits ------------------------------------------------------------------------------
#: longer input is cut (by the engine base class, the service and the views alike): no question a
#: parent types needs more, and it bounds the number of clauses a query can produce
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 24
#: autocomplete looks at fewer words
MAX_SUGGEST_WORDS = 12
MAX_SUGGESTIONS = 10

# -- fields --------------------------------------------------------------------------------------
#: field -> boost: title above the page's own everyday words above summary above headings above body
FIELD_BOOSTS: dict[str, float] = {"title": 6.0, "synonyms": 4.0, "summary": 3.0, "headings": 2.0, "body": 1.0}
#: closed-compound parts of every field (the embedded `parts` field, Elasticsearch's `*.parts` clause)
PARTS_BOOST = 0.5
#: dis-max tie breaker between the fields of one word
FIELD_TIE_BREAKER = 0.25

# -- page types ------------------------------------------------------------------------------------
#: score multiplier per page type: a parent's question is most often answered by a guide, and a
#: guide outranks the glossary entry, article or event about the same subject
TYPE_WEIGHTS: dict[str, float] = {
    "guide": 1.5,
    "tool": 1.3,
    "glossary": 0.8,
    "principle": 1.0,
    "position_paper": 1.0,
    "article": 0.9,
    "campaign": 1.0,
    "event": 0.9,
}
DEFAULT_TYPE_WEIGHT = 1.0


def type_weight(name: str) -> float:
    return TYPE_WEIGHTS.get(name, DEFAULT_TYPE_WEIGHT)


# -- the query plan: how much each way of matching a query word counts -------------------------------
EXACT = 1.0  # the word's own stem
COMPOUND = 0.9  # an unknown closed compound, as its known parts
COMPOUND_OF_KNOWN = 0.5  # a rare known word, also as its parts
PREFIX = 0.8  # an unfinished word, as the index words it starts
PREFIX_OF_KNOWN = 0.35  # the last (known) word, also as a prefix
TYPO = 0.85  # one edit away from a known word (only for words the index does not know)
TYPO_FAR = 0.6  # two edits away (words of TYPO_FAR_MIN_LENGTH letters or more)
TYPO_BESIDE_COMPOUND = 0.6  # multiplier when the word also splits into known parts
SYNONYM = 0.75  # a synonym or glossary word of the same group
#: a common word ("hjælp", "barn", "kommunen") counts this much against a distinctive one
COMMON_WORD = 0.4
#: tie breaker between the alternatives of one word
ALTERNATIVE_TIE_BREAKER = 0.1
#: an unfinished word is completed from this many letters on (embedded; Elasticsearch's prefix clause is the
#: title's edge n-grams, see es_analysis)
PREFIX_MIN_LENGTH = 3
#: alternatives per word at most (typo corrections, completions, synonyms each)
MAX_COMPLETIONS = 8
MAX_CORRECTIONS = 3
MAX_SYNONYM_PHRASES = 12

# -- typo tolerance by word length, both engines -------------------------------------------------------
#: a shorter word must be spelled right; from this length one edit (a letter wrong, missing, extra, or two
#: neighbours swapped) is forgiven, and from TYPO_FAR_MIN_LENGTH two. Elasticsearch gets the same rule as
#: ``fuzziness="AUTO:<TYPO_MIN_LENGTH>,<TYPO_FAR_MIN_LENGTH>"`` (its AUTO:3,6 default forgave a typo in
#: three-letter words and two in six-letter ones). The lengths are counted on each engine's own spelling:
#: the embedded engine on the folded word ("børn" → "boern", 5), Elasticsearch on the term after its
#: folding char filter ("boern" → "børn", 4), so a word with æ/ø/å can sit one letter apart at a threshold.
TYPO_MIN_LENGTH = 4
TYPO_FAR_MIN_LENGTH = 8

# -- honest results ------------------------------------------------------------------------------------
#: up to this many distinctive words, a result must match each of them; beyond (two words, or a parent describing a
#: situation in a sentence), at least one, and the ranking sorts by how many
REQUIRE_ALL_UP_TO = 1
#: a distinctive word that matches nothing is a stray word (left out) only in a description of a situation:
#: at least this many distinctive words, at least as many of them matching as not; otherwise the answer
#: is "nothing about <word>"
SITUATION_MIN_WORDS = 3
#: a word in at least this share of a locale's documents is common (like search.analysis.COMMON_WORDS),
#: once the locale has enough documents to tell
COMMON_SHARE = 0.2
COMMON_MIN_DOCUMENTS = 30

# -- Elasticsearch: the named clauses of the bool query (their relative weights) ---------------------
CLAUSE_EXACT = 3.0
CLAUSE_PHRASE = 2.0
CLAUSE_PARTS = 1.0
CLAUSE_FUZZY = 0.4
CLAUSE_PREFIX = 2.0
PHRASE_SLOP = 2
#: typo tolerance on the unstemmed `.plain` subfields: at most this many terms per word, and the
#: first letter must be right
FUZZY_MAX_EXPANSIONS = 10
FUZZY_PREFIX_LENGTH = 1

# -- autocomplete (suggest()): extra weight for the better completions -------------------------------------
# Every typed word must match a title word (the last one as a prefix); these weights order the titles that
# do. The two engines have one number each, not a shared one, because their clauses score on different
# scales: the embedded engine's completion sets are constant-score (tantivy's term-set query scores each
# match 1 × boost, the ASCII-skeleton set counts 1) and only its whole-word clause is BM25, while every
# Elasticsearch clause is BM25 (the required match on edge n-grams counts too, with weight 1).
#: embedded: a title word the last typed word starts ("afl" → "aflastning"), on the folded title words
SUGGEST_PREFIX = 2.0
#: embedded: the last typed word is a whole title word (BM25 on the folded title words)
SUGGEST_WHOLE_WORD = 3.0
#: Elasticsearch: the typed words in the title's order, the last as a prefix (``match_phrase_prefix``)
ES_SUGGEST_PHRASE_PREFIX = 2.0
#: Elasticsearch: typed words that are whole title words (BM25 on the stemmed title)
ES_SUGGEST_WHOLE_WORD = 0.5
