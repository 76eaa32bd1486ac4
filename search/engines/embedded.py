"""The embedded engine (the default): tantivy indexes on local disk, one per locale, no server.

Text is analysed in Python (search/analysis.py) and handed to tantivy as whitespace-separated keys, so
the two engines share one notion of a word. Relevance comes from:

* BM25 per field, combined per query word with a dis-max over title > synonyms > summary > headings >
  body > compound parts;
* per query word, alternatives in a dis-max: the exact key, compound parts, prefix completions, typo
  corrections (from the index vocabulary, only for words the index does not know, so typos never
  drown exact matches) and synonym phrases;
* a small per-type prior (guides first: they are what parents come for).

One writer at a time across processes (an fcntl lock on a file in the index directory); readers
reload when the index's meta.json changes.
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import fcntl
import functools
import html
import json
import math
import os
import re
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from django.conf import settings
from rapidfuzz import process as fuzz_process
from rapidfuzz.distance import OSA

from search import analysis, ranking
from search.engines.base import (
    SearchDocument,
    SearchEngine,
    SearchHit,
    SearchResults,
    Suggestion,
    empty_results,
)
from search.fingerprint import document_fingerprint
from search.synonyms import synonym_groups

#: the weighted text fields (search.ranking.FIELD_BOOSTS) plus the compound parts of all of them
FIELD_BOOSTS = {**ranking.FIELD_BOOSTS, "parts": ranking.PARTS_BOOST}
SCHEMA_VERSION = "3"
WRITER_HEAP = 64_000_000
LOCK_TIMEOUT = 60.0


#: tantivy's weight_by_field multiplies by log2(2 + prior) ≥ 1, so weights below 1 are scaled up by this
#: (every score by the same factor: the order is what the weights say)
_WEIGHT_SCALE = 1 / min(ranking.DEFAULT_TYPE_WEIGHT, *ranking.TYPE_WEIGHTS.values())


def _prior_value(multiplier: float) -> float:
    """The stored prior whose tantivy weight (``weight_by_field``: log2(2 + prior)) is the scaled multiplier."""
    return max(0.0, 2 ** (multiplier * _WEIGHT_SCALE) - 2)


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("type", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("topic", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("fingerprint", stored=True, tokenizer_name="raw", index_option="basic")
    for name in FIELD_BOOSTS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("words", tokenizer_name="whitespace", index_option="basic")
    builder.add_text_field("title_words", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("title_skel", tokenizer_name="whitespace", index_option="freq")
    builder.add_float_field("prior", fast=True)
    builder.add_bytes_field("payload", stored=True, indexed=False)
    return builder.build()


SCHEMA = build_schema()


@functools.cache
def facet_pool() -> ThreadPoolExecutor:
    """Threads that count a search's facets while the search itself runs: tantivy releases the GIL, so
    the two passes over the matching documents overlap (at 100k documents a broad query's search and
    facets took 12.7 ms one after the other, 6.8 ms side by side). Made on first use, after any fork."""
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="search-facets")


# -- vocabulary ----------------------------------------------------------------------------


@dataclass
class Vocabulary:
    """Words of one locale's index: folded surface form -> document frequency, and keys -> frequency."""

    locale: str
    surface: dict[str, int] = field(default_factory=dict)
    original: dict[str, str] = field(default_factory=dict)  # folded -> lower-case as written
    key_df: dict[str, int] = field(default_factory=dict)
    sorted_surface: list[str] = field(default_factory=list)
    parts: frozenset[str] = frozenset()
    part_keys: frozenset[str] = frozenset()  # keys of the compound-parts field
    documents: int = 0

    @classmethod
    def from_terms(cls, locale: str, terms: Iterable[tuple[str, int]]) -> Vocabulary:
        vocabulary = cls(locale)
        words = []
        stop = analysis.STOP_WORDS[analysis.base_locale(locale)]
        for word, df in terms:
            if word in stop:  # never a correction, a completion or a match
                continue
            folded = analysis.fold(word)
            vocabulary.surface[folded] = vocabulary.surface.get(folded, 0) + df
            vocabulary.original.setdefault(folded, word)
            words.append((word, df))
        for (_word, df), word_key in zip(words, analysis.keys([w for w, _ in words], locale), strict=False):
            vocabulary.key_df[word_key] = vocabulary.key_df.get(word_key, 0) + df
        vocabulary.sorted_surface = sorted(vocabulary.surface)
        vocabulary.parts = frozenset(analysis.fold(p) for p in analysis.COMPOUND_PARTS[analysis.base_locale(locale)])
        return vocabulary

    def is_common(self, key: str) -> bool:
        """A key in at least ranking.COMMON_SHARE of the documents (with enough documents to tell)."""
        return self.documents >= ranking.COMMON_MIN_DOCUMENTS and self.key_df.get(key, 0) >= (
            ranking.COMMON_SHARE * self.documents
        )

    def has_key(self, key: str) -> bool:
        """Whether some document holds this key (as a word, or as a part of a closed compound)."""
        return key in self.key_df or key in self.part_keys

    def knows(self, folded: str) -> bool:
        return folded in self.surface or folded in self.parts

    def knows_part(self, folded: str) -> bool:
        """Whether a compound part is a word (as written, as a stem, or in the curated list)."""
        if folded in self.parts or self.surface.get(folded, 0) > 0:
            return True
        return (
            len(folded) >= analysis.MIN_STEM_PART and analysis.fold(analysis.stem(folded, self.locale)) in self.key_df
        )

    def completions(self, prefix: str, limit: int = ranking.MAX_COMPLETIONS) -> list[str]:
        start = bisect.bisect_left(self.sorted_surface, prefix)
        found = []
        for word in self.sorted_surface[start : start + 5000]:
            if not word.startswith(prefix):
                break
            if word != prefix:
                found.append(word)
        found.sort(key=lambda w: (-self.surface[w], len(w)))
        return found[:limit]

    def corrections(self, folded: str, limit: int = ranking.MAX_CORRECTIONS) -> list[tuple[str, int]]:
        """Nearby known words [(word, distance)] for a word the index does not know."""
        if len(folded) < ranking.TYPO_MIN_LENGTH or not self.sorted_surface:
            return []
        max_distance = 1 if len(folded) < ranking.TYPO_FAR_MIN_LENGTH else 2
        candidates = fuzz_process.extract(
            folded,
            self.sorted_surface,
            scorer=OSA.distance,
            score_cutoff=max_distance,
            limit=50,
        )
        scored = sorted(
            ((word, int(d)) for word, d, _ in candidates if word != folded),
            key=lambda c: (c[1], -self.surface[c[0]]),
        )
        return scored[:limit]


# -- query plan ---------------------------------------------------------------------------


@dataclass
class Alternative:
    keys: tuple[str, ...]
    weight: float
    kind: str  # exact | compound | prefix | fuzzy | synonym


@dataclass
class Concept:
    word: str
    alternatives: list[Alternative]
    weight: float = 1.0
    common: bool = False  # a common word ("hjælp", "barn"): never carries a result on its own
    span: bool = False  # a multi-word synonym phrase standing for the words it covers
    covered: bool = False  # a word inside a span (the span is required instead, when the index knows it)
    members: list[Concept] = field(default_factory=list)  # a span's words
    matchable: bool = True  # some alternative's words are all in the index


@dataclass
class QueryPlan:
    concepts: list[Concept]
    corrected: str | None
    highlight_keys: set[str]
    required: list[Concept] = field(default_factory=list)  # a result matches all (or, for many, one) of these
    unmatched: list[str] = field(default_factory=list)  # distinctive words the index has nothing about


def _settle(plan: QueryPlan, vocabulary: Vocabulary) -> None:
    """Which concepts a result must match, and which distinctive words match nothing at all.

    Stop and question words are no concepts at all. Common words only count beside a distinctive word.
    A distinctive word that matches nothing, after compound, prefix, typo and synonym expansion, makes
    the answer "nothing" (the page then says what we have no guidance on), unless it is a stray word in
    a longer description of a situation (at least twice as many distinctive words do match).
    """
    for concept in plan.concepts:
        concept.matchable = any(all(vocabulary.has_key(k) for k in a.keys) for a in concept.alternatives)
    for concept in plan.concepts:
        for member in concept.members:
            member.covered = member.covered or concept.matchable
    for concept in plan.concepts:  # a word in (nearly) every document is common, whatever the list says
        if not concept.span and vocabulary.is_common(concept.alternatives[0].keys[0]):
            concept.common = True
    candidates = [c for c in plan.concepts if c.span and c.matchable]
    candidates += [c for c in plan.concepts if not c.span and not c.common and not c.covered]
    if not candidates:
        candidates = [c for c in plan.concepts if not c.span and not c.covered] or candidates
    known = [c for c in candidates if c.matchable]
    unknown = [c for c in candidates if not c.matchable]
    known_words = sum(len(c.members) or 1 for c in known)
    situation = known_words + len(unknown) >= ranking.SITUATION_MIN_WORDS and known_words >= len(unknown)
    if unknown and not situation:
        plan.unmatched = [c.word for c in unknown]
        plan.required = []
        return
    plan.required = known


def plan_query(text: str, locale: str, vocabulary: Vocabulary, synonyms: analysis.SynonymIndex | None) -> QueryPlan:
    code = analysis.base_locale(locale)
    words = analysis.tokenize(text)[: ranking.MAX_QUERY_WORDS]
    content = [w for w in words if not analysis.is_stop(w, code) and w not in analysis.SYNTAX_WORDS]
    exact_keys = analysis.keys(content, code)
    concepts: list[Concept] = []
    corrected_words: list[str] = []
    any_correction = False
    for position, (word, word_key) in enumerate(zip(content, exact_keys, strict=False)):
        folded = analysis.fold(word)
        known = word_key in vocabulary.key_df or folded in vocabulary.surface
        alternatives = [Alternative((word_key,), ranking.EXACT, "exact")]
        seen = {word_key}
        is_last = position == len(content) - 1
        split = None
        if len(folded) >= 2 * analysis.MIN_PART and (not known or vocabulary.key_df.get(word_key, 0) <= 2):
            split = analysis.split_compound(folded, vocabulary.knows_part, code)
        completions = []
        if len(folded) >= ranking.PREFIX_MIN_LENGTH and (is_last or not known) and not folded.isdigit():
            completions = vocabulary.completions(folded)
        corrections = vocabulary.corrections(folded) if not known and not completions else []
        if split and corrections and len(split) > 2 and corrections[0][1] == 1:
            split = None  # one letter off a known word beats a three-part compound ("partshørring")
        if split:
            part_keys = tuple(analysis.keys([vocabulary.original.get(p, p) for p in split], code))
            weight = ranking.COMPOUND if not known else ranking.COMPOUND_OF_KNOWN
            alternatives.append(Alternative(part_keys, weight, "compound"))
        for completion in completions:
            completion_key = analysis.key(vocabulary.original.get(completion, completion), code)
            if completion_key in seen:
                continue
            seen.add(completion_key)
            weight = ranking.PREFIX if not known else ranking.PREFIX_OF_KNOWN
            alternatives.append(Alternative((completion_key,), weight, "prefix"))
        correction = None
        for candidate, distance in corrections:
            candidate_key = analysis.key(vocabulary.original.get(candidate, candidate), code)
            if correction is None and not split:
                correction = vocabulary.original.get(candidate, candidate)
            if candidate_key in seen:
                continue
            seen.add(candidate_key)
            weight = (ranking.TYPO if distance == 1 else ranking.TYPO_FAR) * (
                ranking.TYPO_BESIDE_COMPOUND if split else 1.0
            )
            alternatives.append(Alternative((candidate_key,), weight, "fuzzy"))
        if correction:
            any_correction = True
            corrected_words.append(correction)
        else:
            corrected_words.append(word)
        common = word in analysis.COMMON_WORDS[code] or word.isdigit()  # a number never stands alone
        concepts.append(Concept(word, alternatives, ranking.COMMON_WORD if common else 1.0, common=common))

    # Synonyms: phrases of the query that belong to a group add the group's other phrases.
    if synonyms is not None and concepts:
        for start, end, phrases in synonyms.find(exact_keys):
            for concept in concepts[start:end]:
                if end - start == 1:
                    for phrase in phrases[: ranking.MAX_SYNONYM_PHRASES]:
                        concept.alternatives.append(Alternative(phrase, ranking.SYNONYM, "synonym"))
            if end - start > 1:
                # a multi-word phrase: the whole span may be replaced by another phrase of its group
                span = concepts[start:end]
                merged = Concept(
                    " ".join(c.word for c in span),
                    [Alternative(tuple(k for c in span for k in c.alternatives[0].keys), ranking.EXACT, "exact")]
                    + [Alternative(p, ranking.SYNONYM, "synonym") for p in phrases[: ranking.MAX_SYNONYM_PHRASES]],
                    max(c.weight for c in span),
                    common=all(c.common for c in span),
                    span=True,
                    members=list(span),
                )
                # keep the words as separate concepts too (partial matches), and add the phrase concept
                concepts.append(merged)
    highlight = {k for c in concepts for a in c.alternatives for k in a.keys}
    corrected = None
    if any_correction:
        corrected = text
        for word, replacement in zip(content, corrected_words, strict=False):
            if replacement != word:
                corrected = re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", replacement, corrected, flags=re.I)
    plan = QueryPlan(concepts, corrected, highlight)
    _settle(plan, vocabulary)
    return plan


# -- snippets ----------------------------------------------------------------------------------


def _written(letter: str) -> list[str]:
    """A Nordic letter and the letters folded to it (search.analysis.NEIGHBOUR_LETTERS): "æ" -> ["æ", "ä"]."""
    return [letter, *(other for other, twin in analysis.NEIGHBOUR_LETTERS.items() if twin == letter)]


#: a folded digraph as every way it is written in the text, from the folding table (search.analysis.DIGRAPHS):
#: "ae" -> "(?:ae|æ|ä)"
_UNFOLD = [(digraph, f"(?:{'|'.join([digraph, *_written(letter)])})") for digraph, letter in analysis.DIGRAPHS.items()]


def _unfold_last() -> dict[str, str]:
    """A prefix may stop inside a digraph: a last "a" also starts "æ", "ä" and "å", a last "o" also "ø" and "ö"."""
    options: dict[str, list[str]] = {}
    for digraph, letter in analysis.DIGRAPHS.items():
        options.setdefault(digraph[0], [digraph[0]]).extend(_written(letter))
    return {first: f"(?:{'|'.join(written)})" for first, written in options.items()}


_UNFOLD_LAST = _unfold_last()


@functools.lru_cache(maxsize=2048)
def _candidate_pattern(prefixes: frozenset[str]) -> re.Pattern | None:
    """A regex finding words that start like one of the (folded) key prefixes, in unfolded text."""
    alternatives = []
    for prefix in sorted(prefixes, key=len, reverse=True):
        pattern = re.escape(prefix)
        for folded, unfolded in _UNFOLD:
            pattern = pattern.replace(folded, unfolded)
        if pattern[-1:] in _UNFOLD_LAST:
            pattern = pattern[:-1] + _UNFOLD_LAST[pattern[-1]]
        alternatives.append(pattern)
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")[^\W_]*", re.IGNORECASE)


def highlight(text: str, keys: set[str], locale: str, length: int = 240) -> tuple[str, int]:
    """(safe HTML, number of distinct matched keys) for the best window of text.

    Only words that start like a query key are looked at (one regex pass), so long bodies stay cheap.
    """
    text = " ".join(text[:20_000].split())
    if not text:
        return "", 0
    pattern = _candidate_pattern(frozenset(k[:4] for k in keys if k))
    marks: list[tuple[int, int, str]] = []
    if pattern is not None:
        key_of: dict[str, str] = {}  # a body repeats its words: stem each spelling once
        for match in pattern.finditer(text):
            word = match.group().lower()
            word_key = key_of.get(word)
            if word_key is None:
                word_key = key_of[word] = analysis.key(word, locale)
            if word_key in keys:
                marks.append((match.start(), match.end(), word_key))
    if len(text) <= length:
        start, end = 0, len(text)
    else:
        # The window (starting at a mark) with the most distinct keys: one pass with two pointers.
        best_start, best_distinct = 0, 0
        in_window: dict[str, int] = {}
        j = 0
        for mark_start, _, mark_key in marks:
            while j < len(marks) and marks[j][0] < mark_start + length - 40:
                in_window[marks[j][2]] = in_window.get(marks[j][2], 0) + 1
                j += 1
            if len(in_window) > best_distinct:
                best_start, best_distinct = mark_start, len(in_window)
            in_window[mark_key] -= 1
            if not in_window[mark_key]:
                del in_window[mark_key]
        start = 0 if best_start <= 40 else text.rfind(" ", 0, best_start - 30) + 1
        end = start + length
        if end < len(text):
            cut = text.rfind(" ", start, end)
            end = cut if cut > start else end
        else:
            end = len(text)
    parts = ["…" if start > 0 else ""]
    cursor = start
    distinct_keys = set()
    for mark_start, mark_end, word_key in marks:
        if mark_start < start or mark_end > end:
            continue
        parts.append(html.escape(text[cursor:mark_start]))
        parts.append(f"<mark>{html.escape(text[mark_start:mark_end])}</mark>")
        distinct_keys.add(word_key)
        cursor = mark_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return "".join(parts).strip(), len(distinct_keys)


def make_snippet(summary: str, body: str, keys: set[str], locale: str) -> str:
    summary_html, summary_hits = highlight(summary, keys, locale) if summary else ("", 0)
    if summary_hits >= 2:
        return summary_html
    body_html, body_hits = highlight(body, keys, locale) if body else ("", 0)
    if summary_html and summary_hits >= body_hits:
        return summary_html
    return body_html or summary_html


# -- the index of one locale -------------------------------------------------------------------


class LocaleIndex:
    def __init__(self, path: Path, locale: str):
        self.path = path
        self.locale = locale
        path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
        self._meta_mtime: tuple[int, int, int] | None = None
        self._vocabulary: Vocabulary | None = None
        self._lock = threading.Lock()

    def _meta_stamp(self) -> tuple[int, int, int]:
        """Changes when any process commits: tantivy replaces meta.json on every commit.

        The modification time alone is not enough: two commits within one tick of the file system's
        clock (a few milliseconds) leave it unchanged; the replaced file's inode and size tell them apart.
        """
        try:
            stat = os.stat(self.path / "meta.json")
        except FileNotFoundError:
            return (0, 0, 0)
        return (stat.st_mtime_ns, stat.st_ino, stat.st_size)

    def _reload(self, stamp) -> None:
        with self._lock:
            self.index.reload()
            self._vocabulary = None
            self._meta_mtime = stamp

    def searcher(self) -> tantivy.Searcher:
        stamp = self._meta_stamp()
        if stamp != self._meta_mtime:
            self._reload(stamp)
        return self.index.searcher()

    def vocabulary(self) -> Vocabulary:
        searcher = self.searcher()
        if self._vocabulary is None:
            with self._lock:
                if self._vocabulary is None:
                    terms = searcher.terms_with_prefix("words", "") if searcher.num_docs else []
                    vocabulary = Vocabulary.from_terms(self.locale, terms)
                    vocabulary.documents = searcher.num_docs
                    if searcher.num_docs:
                        vocabulary.part_keys = frozenset(t for t, _ in searcher.terms_with_prefix("parts", ""))
                    self._vocabulary = vocabulary
        return self._vocabulary

    @contextlib.contextmanager
    def writer(self):
        """The single writer of this index, across threads and processes."""
        lock_path = self.path / ".writer.lock"
        with open(lock_path, "a") as lock_file:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            try:
                writer = self.index.writer(WRITER_HEAP, 1)
                try:
                    yield writer
                    writer.commit()
                    writer.wait_merging_threads()
                except BaseException:
                    writer.rollback()
                    raise
                # Reload while still holding the lock, whatever meta.json's stamp says: this process
                # reads its own writes (an editor who publishes and searches at once finds the page).
                self._reload(self._meta_stamp())
            finally:
                fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)


# -- document analysis -------------------------------------------------------------------------


def analysed_document(document: SearchDocument, known) -> tantivy.Document:
    locale = analysis.base_locale(document.locale)
    headings = "\n".join(document.headings)
    synonyms = "\n".join(document.synonyms)
    fields_text = {
        "title": document.title,
        "summary": document.summary,
        "headings": headings,
        "body": document.body,
        "synonyms": synonyms,
    }
    stop = analysis.STOP_WORDS[locale]
    values = {}
    surface: set[str] = set()
    for name, text in fields_text.items():
        words = analysis.tokenize(text)
        surface.update(words)
        kept = [w for w in words if w not in stop]
        values[name] = " ".join(analysis.keys(kept, locale)) if kept else ""
    surface = {w for w in surface if len(w) < 40}
    parts: list[str] = []
    for word in surface:
        if len(word) >= 7 and not word.isdigit():
            split = _split_cached(analysis.fold(word), known, locale)
            if split:
                parts.extend(split)
    values["parts"] = " ".join(analysis.keys(parts, locale)) if parts else ""
    title_words = analysis.tokenize(document.title)
    payload = {
        "slug": document.slug,
        "url": document.url,
        "title": document.title,
        "type": document.type,
        "locale": document.locale,
        "summary": document.summary[:5000],
        "body": document.body[:60_000],
    }
    return tantivy.Document(
        id=document.id,
        type=document.type,
        topic=list(document.topics),
        fingerprint=document_fingerprint(document),
        words=" ".join(sorted(surface)),
        title_words=" ".join(analysis.fold(w) for w in title_words),
        title_skel=" ".join(analysis.skeleton(w) for w in title_words),
        prior=_prior_value(ranking.type_weight(document.type)),
        payload=json.dumps(payload, ensure_ascii=False).encode(),
        **values,
    )


def _split_cached(folded: str, known, locale: str):
    """Compound split, memoised on the `known` function (one vocabulary = one cache)."""
    cache = getattr(known, "split_cache", None)
    if cache is None:
        cache = known.split_cache = {}
    if folded not in cache:
        cache[folded] = analysis.split_compound(folded, known, locale)
    return cache[folded]


# -- the engine --------------------------------------------------------------------------------


class EmbeddedEngine(SearchEngine):
    name = "embedded"

    def __init__(self, path: str | os.PathLike | None = None):
        self.root = Path(path or settings.SEARCH_INDEX_DIR) / f"embedded-v{SCHEMA_VERSION}"
        self._indexes: dict[str, LocaleIndex] = {}
        self._synonyms: dict[str, tuple[object, analysis.SynonymIndex]] = {}
        self._lock = threading.Lock()

    # -- plumbing ---------------------------------------------------------------------
    def _index(self, locale: str) -> LocaleIndex:
        code = analysis.base_locale(locale)
        if code not in self._indexes:
            with self._lock:
                if code not in self._indexes:
                    self._indexes[code] = LocaleIndex(self.root / code, code)
        return self._indexes[code]

    def _existing_locales(self) -> list[str]:
        if not self.root.exists():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir())

    def synonym_index(self, locale: str) -> analysis.SynonymIndex | None:
        code = analysis.base_locale(locale)
        try:
            groups = synonym_groups(code)
        except Exception:  # noqa: BLE001 - no database (e.g. a bare engine test): search without synonyms
            return None
        cached = self._synonyms.get(code)
        if cached is None or cached[0] is not groups:
            cached = (groups, analysis.SynonymIndex.build(groups, code))
            self._synonyms[code] = cached
        return cached[1]

    def _known_for_indexing(self, locale_index: LocaleIndex, extra: set[str] = frozenset()):
        vocabulary = locale_index.vocabulary()

        def known(folded: str) -> bool:
            return vocabulary.knows_part(folded) or folded in extra

        return known

    # -- contract ---------------------------------------------------------------------
    def index(self, documents: Iterable[SearchDocument]) -> None:
        by_locale: dict[str, list[SearchDocument]] = {}
        for document in documents:
            by_locale.setdefault(analysis.base_locale(document.locale), []).append(document)
        if not by_locale:
            return
        ids = [d.id for docs in by_locale.values() for d in docs]
        for code in self._existing_locales():
            if code not in by_locale:
                self._delete_from(code, ids)
        for code, docs in by_locale.items():
            locale_index = self._index(code)
            extra = {
                analysis.fold(w)
                for d in docs
                for w in analysis.tokenize(f"{d.title} {d.summary} {' '.join(d.headings)}")
            }
            known = self._known_for_indexing(locale_index, extra)
            analysed = [analysed_document(d, known) for d in docs]
            with locale_index.writer() as writer:
                for document, tantivy_document in zip(docs, analysed, strict=False):
                    writer.delete_documents_by_term("id", document.id)
                    writer.add_document(tantivy_document)

    def _delete_from(self, code: str, ids: list[str]) -> None:
        locale_index = self._index(code)
        searcher = locale_index.searcher()
        present = [i for i in ids if searcher.doc_freq("id", i)]
        if not present:
            return
        with locale_index.writer() as writer:
            for doc_id in present:
                writer.delete_documents_by_term("id", doc_id)

    def delete(self, ids: Iterable[str]) -> None:
        ids = [str(i) for i in ids]
        for code in self._existing_locales():
            self._delete_from(code, ids)

    def rebuild(self, documents: Iterable[SearchDocument], progress=None) -> int:
        """Two passes: learn the vocabulary (for compound parts), then write each locale's index at once."""
        documents = list(documents)
        by_locale: dict[str, list[SearchDocument]] = {code: [] for code in self._existing_locales()}
        for document in documents:
            by_locale.setdefault(analysis.base_locale(document.locale), []).append(document)
        count = 0
        for code, docs in by_locale.items():
            locale_index = self._index(code)
            vocabulary: dict[str, int] = {}
            for d in docs:
                for w in set(analysis.tokenize(f"{d.title} {d.summary} {' '.join(d.headings)} {d.body}")):
                    folded = analysis.fold(w)
                    vocabulary[folded] = vocabulary.get(folded, 0) + 1
            parts = {analysis.fold(p) for p in analysis.COMPOUND_PARTS[code]}
            stems = {analysis.key(w, code) for w in vocabulary}

            def known(folded: str, vocabulary=vocabulary, parts=parts, stems=stems, code=code) -> bool:
                return (
                    folded in parts
                    or folded in vocabulary
                    or (len(folded) >= analysis.MIN_STEM_PART and analysis.key(folded, code) in stems)
                )

            with locale_index.writer() as writer:
                writer.delete_all_documents()
                for d in docs:
                    writer.add_document(analysed_document(d, known))
                    count += 1
                    if progress:
                        progress(1)
        return count

    def document_ids(self, locale: str | None = None) -> dict[str, str]:
        codes = [analysis.base_locale(locale)] if locale else self._existing_locales()
        found: dict[str, str] = {}
        for code in codes:
            searcher = self._index(code).searcher()
            if not searcher.num_docs:
                continue
            result = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs, count=False)
            for _, address in result.hits:
                doc = searcher.doc(address)
                found[doc.get_first("id")] = doc.get_first("fingerprint")
        return found

    def ping(self) -> bool:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            return os.access(self.root, os.W_OK)
        except OSError:
            return False

    # -- queries ------------------------------------------------------------------------
    def _term(self, key: str, weight: float) -> tantivy.Query:
        queries = [
            tantivy.Query.boost_query(tantivy.Query.term_query(SCHEMA, name, key, index_option="freq"), boost * weight)
            for name, boost in FIELD_BOOSTS.items()
        ]
        return tantivy.Query.disjunction_max_query(queries, tie_breaker=ranking.FIELD_TIE_BREAKER)

    def _alternative(self, alternative: Alternative) -> tantivy.Query:
        if len(alternative.keys) == 1:
            return self._term(alternative.keys[0], alternative.weight)
        weight = alternative.weight / math.sqrt(len(alternative.keys))
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, self._term(k, weight)) for k in alternative.keys])

    def _concept(self, concept: Concept) -> tantivy.Query:
        alternatives = [self._alternative(a) for a in concept.alternatives]
        query = (
            alternatives[0]
            if len(alternatives) == 1
            else tantivy.Query.disjunction_max_query(alternatives, tie_breaker=ranking.ALTERNATIVE_TIE_BREAKER)
        )
        if concept.weight != 1.0:
            query = tantivy.Query.boost_query(query, concept.weight)
        return query

    def build_query(self, plan: QueryPlan) -> tantivy.Query | None:
        """All concepts score; a result must match every required concept (one of them, when there are many)."""
        if not plan.required:
            return None
        required = {id(c) for c in plan.required}
        all_required = len(plan.required) <= ranking.REQUIRE_ALL_UP_TO
        clauses = []
        for concept in plan.concepts:
            if not concept.matchable:
                continue
            occur = tantivy.Occur.Must if all_required and id(concept) in required else tantivy.Occur.Should
            clauses.append((occur, self._concept(concept)))
        if not all_required:
            any_required = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._concept(c)) for c in plan.required]
            )
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(any_required, 0.0)))
        return tantivy.Query.boolean_query(clauses)

    @staticmethod
    def _filtered(query: tantivy.Query, types, topics) -> tantivy.Query:
        clauses = [(tantivy.Occur.Must, query)]
        if types:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_set_query(SCHEMA, "type", list(types))))
        if topics:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_set_query(SCHEMA, "topic", list(topics))))
        return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)

    @staticmethod
    def _buckets(result: dict, name: str) -> dict[str, int]:
        return {b["key"]: int(b["doc_count"]) for b in result.get(name, {}).get("buckets", [])}

    def _search(self, text, locale, *, types, topics, limit, offset) -> SearchResults:
        empty = empty_results(text)
        code = analysis.base_locale(locale)
        locale_index = self._index(code)
        searcher = locale_index.searcher()
        if not searcher.num_docs:
            return empty
        vocabulary = locale_index.vocabulary()
        synonym_index = self.synonym_index(code)
        plan = plan_query(text, code, vocabulary, synonym_index)
        query = self.build_query(plan)
        if query is None:
            empty.unmatched = plan.unmatched
            return empty
        filtered = self._filtered(query, types, topics)
        counting = facet_pool().submit(self._facets, searcher, query, types, topics)
        # No count here: every document has exactly one type, so the type facet (counted anyway) gives the total.
        result = searcher.search(filtered, limit=limit, offset=offset, count=False, weight_by_field="prior")
        hits = []
        for score, address in result.hits:
            doc = searcher.doc(address)
            payload = json.loads(doc.get_first("payload"))
            hits.append(
                SearchHit(
                    id=doc.get_first("id"),
                    slug=payload["slug"],
                    title=payload["title"],
                    type=payload["type"],
                    locale=payload["locale"],
                    url=payload["url"],
                    snippet=make_snippet(payload["summary"], payload["body"], plan.highlight_keys, code),
                    score=score,
                )
            )
        facets = counting.result()
        total = sum(n for kind, n in facets["type"].items() if not types or kind in types)
        suggestion = None
        if plan.corrected and plan.corrected.lower() != text.strip().lower():
            # offered only when the corrected query, as a whole, finds something
            corrected = self.build_query(plan_query(plan.corrected, code, vocabulary, synonym_index))
            if corrected is not None and searcher.search(self._filtered(corrected, types, topics), limit=1).hits:
                suggestion = plan.corrected
        return SearchResults(query=text, total=total, hits=hits, facets=facets, suggestion=suggestion)

    def _facets(self, searcher, query, types, topics) -> dict[str, dict[str, int]]:
        aggregation = {"terms": {"size": 100}}
        if not types and not topics:
            result = searcher.aggregate(
                query,
                {
                    "type": {"terms": {**aggregation["terms"], "field": "type"}},
                    "topic": {"terms": {**aggregation["terms"], "field": "topic"}},
                },
            )
            return {"type": self._buckets(result, "type"), "topic": self._buckets(result, "topic")}
        # Each facet counts with the other facet's filter, so a reader can widen a choice.
        by_type = searcher.aggregate(
            self._filtered(query, None, topics), {"type": {"terms": {"size": 100, "field": "type"}}}
        )
        by_topic = searcher.aggregate(
            self._filtered(query, types, None), {"topic": {"terms": {"size": 100, "field": "topic"}}}
        )
        return {"type": self._buckets(by_type, "type"), "topic": self._buckets(by_topic, "topic")}

    def _suggest(self, prefix: str, locale: str, limit: int) -> list[Suggestion]:
        code = analysis.base_locale(locale)
        words = analysis.tokenize(prefix)
        if not words:
            return []
        locale_index = self._index(code)
        searcher = locale_index.searcher()
        if not searcher.num_docs:
            return []
        clauses = []
        for position, word in enumerate(words):
            folded, skel = analysis.fold(word), analysis.skeleton(word)
            if position == len(words) - 1:
                values = [t for t, _ in searcher.terms_with_prefix("title_words", folded, limit=64)]
                skel_values = [t for t, _ in searcher.terms_with_prefix("title_skel", skel, limit=64)]
                options = []
                if values:
                    options.append(
                        tantivy.Query.boost_query(
                            tantivy.Query.term_set_query(SCHEMA, "title_words", values), ranking.SUGGEST_PREFIX
                        )
                    )
                if skel_values:
                    options.append(tantivy.Query.term_set_query(SCHEMA, "title_skel", skel_values))
                if folded:
                    options.append(
                        tantivy.Query.boost_query(
                            tantivy.Query.term_query(SCHEMA, "title_words", folded, index_option="freq"),
                            ranking.SUGGEST_WHOLE_WORD,
                        )
                    )
                if not options:
                    return []
                query = tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in options])
            else:
                query = tantivy.Query.boolean_query(
                    [
                        (
                            tantivy.Occur.Should,
                            tantivy.Query.term_query(SCHEMA, "title_words", folded, index_option="freq"),
                        ),
                        (
                            tantivy.Occur.Should,
                            tantivy.Query.term_query(SCHEMA, "title_skel", skel, index_option="freq"),
                        ),
                    ]
                )
            optional = analysis.is_stop(word, code) and position != len(words) - 1
            clauses.append((tantivy.Occur.Should if optional else tantivy.Occur.Must, query))
        result = searcher.search(
            tantivy.Query.boolean_query(clauses), limit=limit, count=False, weight_by_field="prior"
        )
        suggestions = []
        for _, address in result.hits:
            payload = json.loads(searcher.doc(address).get_first("payload"))
            suggestions.append(Suggestion(title=payload["title"], url=payload["url"], type=payload["type"]))
        return suggestions
