"""The Elasticsearch engine: for scale (many sites, a cluster), same contract as the embedded engine.

One index per locale, named ``<prefix>-pages-<locale>-<timestamp>`` and reached through the alias
``<prefix>-pages-<locale>`` (prefix from settings.SEARCH_INDEX_PREFIX, e.g. "dev", "prod").
``rebuild`` fills a fresh index and then moves the alias in one atomic ``update_aliases`` call, so
readers never see an empty or half-built index; the old index is deleted afterwards.

Analysis and mappings live in ``es_analysis``; this module builds queries (``elasticsearch.dsl``)
and talks to the cluster. Synonyms live in an Elasticsearch synonyms set per locale
(``<prefix>-synonyms-<locale>``), read by an updateable search-time ``synonym_graph`` filter:
``sync_synonyms()`` replaces the set from ``search.synonyms.synonym_groups`` and the search
analyzers reload without reindexing.
"""

from __future__ import annotations

import contextlib
import datetime
import html
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import DatabaseError
from elastic_transport import ConnectionTimeout
from elasticsearch import BadRequestError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import A, Q, Search

from search import analysis, ranking, synonyms
from search.breaker import guarded
from search.engines import es_analysis
from search.engines.base import (
    SearchDocument,
    SearchEngine,
    SearchHit,
    SearchResults,
    Suggestion,
    empty_results,
)
from search.fingerprint import document_fingerprint

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = 100_000  # below the highlighter's max_analyzed_offset, far above any real guide
SNIPPET_CHARS = 200
FACET_SIZE = 100
BULK_CHUNK = 500
MAX_RESULT_WINDOW = 10_000  # the index's max_result_window
#: searches keep the client's short timeout; admin calls (create, bulk loads, aliases, synonyms sets,
#: which can wait up to 30 s for an analyzer reload) get a long one and are never retried: a retried
#: create after a timeout that succeeded would fail with "already exists" and leave an orphan index
SEARCH_TIMEOUT = 5
ADMIN_TIMEOUT = 120
#: the first index of a locale has a fixed name, so two processes creating it at once create one
FIRST_STAMP = "0" * 20

# Named clauses of the full-text query. A hit that only the "weak" ones matched (typo-tolerant,
# compound parts, prefix) counts as a weak result, which is when "did you mean" is offered.
STRONG_CLAUSES = {"exact", "phrase"}
# Where a snippet comes from, best first: whole-word matches, then compound parts, then typo matches.
SNIPPET_FIELDS = ("summary", "body", "headings", "body.parts", "summary.parts", "summary.plain", "body.plain")
#: typo tolerance by word length, the embedded engine's rule (search.ranking): exact below TYPO_MIN_LENGTH
#: letters, one edit below TYPO_FAR_MIN_LENGTH, two from there (Elasticsearch's "AUTO:<low>,<high>")
FUZZINESS = f"AUTO:{ranking.TYPO_MIN_LENGTH},{ranking.TYPO_FAR_MIN_LENGTH}"


fingerprint = document_fingerprint  # the shared one: check_search_index compares either engine with the pages


def synonym_groups(locale: str) -> list[list[str]]:
    """The editors' synonyms for a locale (search.synonyms), or none while the tables are not migrated."""
    try:
        return [list(group) for group in synonyms.synonym_groups(locale)]
    except DatabaseError:  # tables not migrated yet: index without synonyms, sync_synonyms() later
        logger.warning("Synonyms for %s could not be read; the index starts without them", locale, exc_info=True)
        return []


def _strip_marks(text: str) -> str:
    return (text or "").replace(es_analysis.MARK_START, "").replace(es_analysis.MARK_END, "")


def safe_snippet(fragment: str) -> str:
    """Escape a highlighted fragment and turn the private-use marks into <mark> tags."""
    escaped = html.escape(fragment, quote=False)
    escaped = escaped.replace(es_analysis.MARK_START, "<mark>").replace(es_analysis.MARK_END, "</mark>")
    # Adjacent highlights read better as one: "<mark>a</mark> <mark>b</mark>" stays, "</mark><mark>" merges.
    return escaped.replace("</mark><mark>", "")


def plain_snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def distinctive_words(text: str, locale: str, synonym_index: analysis.SynonymIndex | None = None) -> list[str]:
    """The words (or synonym phrases) of a query a result must be about.

    Stop and question words are left out (and a query of nothing else finds nothing); common words
    ("hjælp", "barn", "kommunen") and numbers too, unless the query has nothing else. Words inside a phrase of a
    synonym group ("respite care") count as that one phrase.
    """
    code = analysis.base_locale(locale)
    words = [w for w in analysis.tokenize(text) if not analysis.is_stop(w, code) and w not in analysis.SYNTAX_WORDS]
    phrases, covered = [], set()
    if synonym_index is not None and words:
        for start, end, _ in synonym_index.find(analysis.keys(words, code)):
            if end - start > 1:
                phrases.append(" ".join(words[start:end]))
                covered.update(range(start, end))
    rest = [w for i, w in enumerate(words) if i not in covered]
    distinct = [w for w in rest if w not in analysis.COMMON_WORDS[code] and not w.isdigit()]
    return list(dict.fromkeys(phrases + (distinct or ([] if phrases else rest))))


def word_clause(word: str, *, last: bool = False) -> Q:
    """What matching one distinctive word means: the word (or its synonyms), its compound parts, a typo,
    or (for the word being typed) a title word it starts."""
    boosts = ranking.FIELD_BOOSTS
    options = [Q("multi_match", query=word, fields=list(boosts))]
    if " " in word:  # a synonym phrase ("respite care"): also as a whole, through the synonym graph
        options.append(Q("multi_match", query=word, fields=list(boosts), type="phrase"))
    options += [
        # any part: the decompounder emits the whole word and its parts ("aflastningstilbud", "aflastning", …)
        Q("multi_match", query=word, fields=[f"{name}.parts" for name in boosts]),
        Q(
            "multi_match",
            query=word,
            fields=[f"{name}.plain" for name in boosts],
            fuzziness=FUZZINESS,
            prefix_length=ranking.FUZZY_PREFIX_LENGTH,
            max_expansions=ranking.FUZZY_MAX_EXPANSIONS,
            operator="and",
        ),
    ]
    if last:
        options.append(
            Q("match", **{"title.autocomplete": {"query": word, "operator": "and", "analyzer": "autocomplete_query"}})
        )
    return Q("bool", should=options, minimum_should_match=1)


def build_relevance(text: str, locale: str, words: list[str] | None = None) -> Q:
    """The text query: exact > phrase > typo-tolerant, compound parts and prefix below.

    Boosts per field follow title > synonyms > summary > headings > body. Exact (stemmed, with
    synonyms) and phrase clauses outweigh the fuzzy clause by far, so a typo-tolerant match never
    drowns an exact one.
    """
    boosts = ranking.FIELD_BOOSTS
    fields = [f"{name}^{boost:g}" for name, boost in boosts.items()]
    parts = [f"{name}.parts^{boost:g}" for name, boost in boosts.items()]
    plain = [f"{name}.plain^{boost:g}" for name, boost in boosts.items()]
    tie = ranking.FIELD_TIE_BREAKER
    clauses = [
        Q(
            "multi_match",
            query=text,
            fields=fields,
            type="best_fields",
            tie_breaker=tie,
            boost=ranking.CLAUSE_EXACT,
            _name="exact",
        ),
        Q(
            "multi_match",
            query=text,
            fields=fields,
            type="phrase",
            slop=ranking.PHRASE_SLOP,
            boost=ranking.CLAUSE_PHRASE,
            _name="phrase",
        ),
        Q(
            "multi_match",
            query=text,
            fields=parts,
            type="best_fields",
            tie_breaker=tie,
            boost=ranking.CLAUSE_PARTS,
            _name="parts",
        ),
        Q(
            "multi_match",
            query=text,
            fields=plain,
            type="best_fields",
            tie_breaker=tie,
            fuzziness=FUZZINESS,
            prefix_length=ranking.FUZZY_PREFIX_LENGTH,
            max_expansions=ranking.FUZZY_MAX_EXPANSIONS,
            boost=ranking.CLAUSE_FUZZY,
            _name="fuzzy",
        ),
        Q(
            "match",
            **{
                "title.autocomplete": {
                    "query": text,
                    "operator": "and",
                    "analyzer": "autocomplete_query",
                    "boost": ranking.CLAUSE_PREFIX,
                    "_name": "prefix",
                }
            },
        ),
    ]
    filters = [Q("term", locale=locale)]
    if words:
        # a result is about at least one distinctive word: common words never carry it on their own
        last = words[-1]
        filters.append(Q("bool", should=[word_clause(w, last=w == last) for w in words], minimum_should_match=1))
    return Q("bool", should=clauses, minimum_should_match=1, filter=filters)


def build_query(text: str, locale: str, words: list[str] | None = None) -> Q:
    """The relevance query weighted per page type (guides answer most parents' questions)."""
    return Q(
        "function_score",
        query=build_relevance(text, locale, words),
        score_mode="multiply",
        boost_mode="multiply",
        functions=[
            {"filter": Q("term", type=name), "weight": weight}
            for name, weight in ranking.TYPE_WEIGHTS.items()
            if weight != 1.0
        ],
    )


def build_highlight_query(text: str) -> Q:
    """What the snippet marks: the query's words per snippet field, typo-tolerant on the plain fields.

    Plain per-field ``match`` clauses rather than the scoring query, so every highlighter (and the
    emulator) finds the terms, and the page-type weights never reach the highlighter.
    """
    clauses = []
    for field in SNIPPET_FIELDS:
        options = {"query": text}
        if field.endswith(".plain"):
            options.update(
                fuzziness=FUZZINESS,
                prefix_length=ranking.FUZZY_PREFIX_LENGTH,
                max_expansions=ranking.FUZZY_MAX_EXPANSIONS,
            )
        clauses.append(Q("match", **{field: options}))
    return Q("bool", should=clauses)


def build_filters(types: list[str] | None, topics: list[str] | None) -> dict[str, Q | None]:
    return {
        "type": Q("terms", type=list(types)) if types else None,
        "topic": Q("terms", topics=list(topics)) if topics else None,
    }


def build_search(
    search: Search, text: str, locale: str, *, types=None, topics=None, limit=10, offset=0, words=None
) -> Search:
    """The whole request: query, post-filters, multi-select facets, highlighting and a spelling check.

    Filters go in ``post_filter`` and each facet counts with the *other* facet's filter only, so the
    reader sees how many results each type (topic) would give and can switch between them.
    """
    filters = build_filters(types, topics)
    s = search.query(build_query(text, locale, words))
    active = [f for f in filters.values() if f is not None]
    if active:
        s = s.post_filter(Q("bool", filter=active))
    for facet, field in (("type", "type"), ("topic", "topics")):
        others = [f for name, f in filters.items() if name != facet and f is not None]
        agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        agg.bucket("values", "terms", field=field, size=FACET_SIZE)
        s.aggs.bucket(facet, agg)
    s = s.highlight_options(
        pre_tags=[es_analysis.MARK_START],
        post_tags=[es_analysis.MARK_END],
        fragment_size=SNIPPET_CHARS,
        number_of_fragments=1,
        type="unified",
        highlight_query=build_highlight_query(text).to_dict(),
    )
    s = s.highlight(*SNIPPET_FIELDS)
    s = s.suggest(
        "spelling",
        text,
        term={
            "field": "spell",
            "suggest_mode": "missing",
            "size": 1,
            "prefix_length": 1,
            "max_edits": 2,
            "min_word_length": 4,
        },
    )
    return s.source(["doc_id", "slug", "title", "type", "locale", "url", "summary", "body"]).extra(
        from_=offset,
        size=limit,
        track_total_hits=True,
    )


def build_word_counts(words: list[str], locale: str) -> dict:
    """How many documents of the locale each distinctive word matches, whatever the rest of the query:
    a word that matches none is one we have nothing about. Asked after the search when the query has
    several distinctive words or found nothing (a separate request: the noida-db emulator's _msearch
    does not apply search-time synonyms)."""
    last = words[-1]
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"term": {"locale": locale}},
        "aggs": {
            "words": A("filters", filters={w: word_clause(w, last=w == last) for w in words}).to_dict(),
        },
    }


def pick_snippet(hit: dict) -> str:
    highlight = hit.get("highlight", {}) or {}
    for field in SNIPPET_FIELDS:
        fragments = highlight.get(field)
        if fragments:
            return safe_snippet(fragments[0])
    source = hit.get("_source", {})
    return plain_snippet(source.get("summary") or source.get("body") or "")


def corrected_text(text: str, suggest: dict) -> str | None:
    """The query with each unknown word replaced by the suggester's best option, or None."""
    entries = (suggest or {}).get("spelling") or []
    replacements = []
    for entry in entries:
        options = entry.get("options") or []
        original = text[entry["offset"] : entry["offset"] + entry["length"]]
        if options and " " not in original and options[0]["text"] != es_analysis.fold(original):
            replacements.append((entry["offset"], entry["length"], options[0]["text"]))
    if not replacements:
        return None
    out = text
    for offset, length, word in sorted(replacements, reverse=True):
        out = out[:offset] + word + out[offset + length :]
    return out if out.lower() != text.lower() else None


def error_type(error: Exception) -> str:
    """The Elasticsearch error type of an API error ("resource_already_exists_exception"), or ""."""
    body = getattr(error, "body", None)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("type", ""))
    return str(getattr(error, "message", ""))


def with_port(url: str) -> str:
    """The URL with an explicit port (the client requires one): 443 for https, 80 for http when none is given."""
    parts = urlsplit(url)
    if parts.port is not None or not parts.hostname:
        return url
    default = 443 if parts.scheme == "https" else 80
    return urlunsplit(parts._replace(netloc=f"{parts.netloc}:{default}"))


def connection_options() -> dict:
    """Authentication and TLS options from settings (each only when set)."""
    options = {}
    if getattr(settings, "ELASTICSEARCH_API_KEY", ""):
        options["api_key"] = settings.ELASTICSEARCH_API_KEY
    if getattr(settings, "ELASTICSEARCH_CA_CERTS", ""):
        options["ca_certs"] = settings.ELASTICSEARCH_CA_CERTS
    if getattr(settings, "ELASTICSEARCH_SSL_FINGERPRINT", ""):
        options["ssl_assert_fingerprint"] = settings.ELASTICSEARCH_SSL_FINGERPRINT
    return options


_budget = threading.local()


def query_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_QUERY_TIMEOUT", 1.5))


@contextlib.contextmanager
def reader_budget():
    """Every reader-facing request made inside shares one ELASTICSEARCH_QUERY_TIMEOUT (per thread)."""
    _budget.deadline = time.monotonic() + query_timeout()
    try:
        yield
    finally:
        _budget.deadline = None


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(
        self,
        url: str | None = None,
        *,
        client: Elasticsearch | None = None,
        prefix: str | None = None,
        locales: Iterable[str] | None = None,
        refresh: str | bool = "wait_for",
    ):
        self.url = with_port(url or getattr(settings, "ELASTICSEARCH_URL", "") or "http://localhost:9200")
        self._client = client
        self.prefix = (prefix or getattr(settings, "SEARCH_INDEX_PREFIX", "") or "dev").lower()
        self.locales = list(locales or [code for code, _ in settings.LANGUAGES])
        self.refresh = refresh
        self._synonyms_version: object = None
        self._synonym_index: dict[str, tuple[list, analysis.SynonymIndex]] = {}

    # -- names and plumbing -------------------------------------------------------------------

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            self._client = Elasticsearch(
                self.url,
                request_timeout=SEARCH_TIMEOUT,
                max_retries=1,
                retry_on_timeout=True,
                **connection_options(),
            )
        return self._client

    @property
    def admin(self) -> Elasticsearch:
        """The client for index, alias and synonyms management: long timeout, no retries."""
        return self.client.options(request_timeout=ADMIN_TIMEOUT, max_retries=0, retry_on_timeout=False)

    @property
    def query_client(self) -> Elasticsearch:
        """The client for reader-facing queries: a short timeout and no retry, so a hanging engine costs a
        reader at most ELASTICSEARCH_QUERY_TIMEOUT seconds (and the circuit breaker stops even that).

        Inside `reader_budget()` that is the time left for the whole search, not per request: one search
        may make up to four requests (synonyms, the query, word counts, the suggestion's check)."""
        timeout = query_timeout()
        deadline = getattr(_budget, "deadline", None)
        if deadline is not None:
            timeout = deadline - time.monotonic()
            if timeout <= 0.01:
                raise ConnectionTimeout(f"the search used up its {query_timeout():g} s")
        return self.client.options(request_timeout=timeout, max_retries=0, retry_on_timeout=False)

    def alias(self, locale: str) -> str:
        return f"{self.prefix}-pages-{locale}"

    def synonyms_set(self, locale: str) -> str:
        return f"{self.prefix}-synonyms-{locale}"

    def new_index_name(self, locale: str) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias(locale)}-{stamp}"

    def first_index_name(self, locale: str) -> str:
        return f"{self.alias(locale)}-{FIRST_STAMP}"

    def _check_locale(self, locale: str) -> None:
        es_analysis.language(locale)  # ValueError for locales without analysis

    def live_index(self, locale: str) -> str | None:
        """The concrete index behind the locale's alias, if any."""
        try:
            found = self.client.indices.get_alias(name=self.alias(locale))
        except NotFoundError:
            return None
        names = sorted(found.body if hasattr(found, "body") else found)
        return names[-1] if names else None

    def _locale_index_info(self, locale: str) -> dict[str, dict]:
        found = self.client.indices.get(
            index=f"{self.alias(locale)}-*", expand_wildcards="open", ignore_unavailable=True, allow_no_indices=True
        )
        found = found.body if hasattr(found, "body") else found
        # An index the cluster auto-created from a stray write gets the template's write block: not ours.
        return {
            name: info
            for name, info in found.items()
            if str(((info.get("settings") or {}).get("index") or {}).get("blocks", {}).get("write", "false")) != "true"
        }

    def locale_indices(self, locale: str) -> list[str]:
        """Every concrete index of the locale: the live one and any being rebuilt right now."""
        return sorted(self._locale_index_info(locale))

    def _write_groups(self, locale: str) -> tuple[list[str], list[str]]:
        """(indices behind the alias, indices being built): a write refreshes only the former."""
        live, building = [], []
        for name, info in sorted(self._locale_index_info(locale).items()):
            (live if self.alias(locale) in (info.get("aliases") or {}) else building).append(name)
        return live, building

    def ensure_template(self) -> None:
        """An index template for ``<prefix>-pages-*``: strict mappings and a write block.

        Our own indices are created with explicit mappings and ``index.blocks.write: false``. An index
        the cluster would auto-create from a write to a name a concurrent rebuild just deleted gets
        the block and no fields, so the write fails (and is retried by the queue) instead of creating a
        mapping-less index; such an index is ignored and removed by the next rebuild.
        """
        self.admin.indices.put_index_template(
            name=f"{self.prefix}-pages",
            index_patterns=[f"{self.prefix}-pages-*"],
            priority=100,
            template={
                "settings": {"index": {"blocks": {"write": True}}},
                "mappings": {"dynamic": "strict", "properties": {}},
            },
            meta={"managed_by": "sitesearch"},
        )

    def sync_synonyms(self, locales: Iterable[str] | None = None) -> dict[str, int]:
        """Replace each locale's synonyms set from the editors' synonyms; returns rule counts.

        Putting a synonyms set makes Elasticsearch reload the search analyzers that use it; the explicit
        ``reload_search_analyzers`` call covers file-based setups and older nodes.
        """
        counts = {}
        for locale in locales or self.locales:
            rules = es_analysis.synonym_rules(synonym_groups(locale), locale)
            self.admin.synonyms.put_synonym(id=self.synonyms_set(locale), synonyms_set=rules)
            counts[locale] = len(rules)
            if self.live_index(locale):
                self.admin.indices.reload_search_analyzers(index=self.alias(locale))
        return counts

    def refresh_synonyms(self) -> bool:
        """Sync the synonyms sets when editors changed synonyms since this process last looked.

        ``search.synonyms.version()`` changes whenever a synonym list or a glossary term is saved; the
        sets are only rewritten when their rules really differ, so a busy site does not reload the
        analyzers on every query. Never raises: a failure here must not break a search.
        """
        try:
            current = synonyms.version()
            if current == self._synonyms_version:
                return False
            changed = False
            for locale in self.locales:
                rules = es_analysis.synonym_rules(synonym_groups(locale), locale)
                try:
                    found = self.query_client.synonyms.get_synonym(id=self.synonyms_set(locale), size=10_000)
                    existing = {r["id"]: r["synonyms"] for r in found["synonyms_set"]}
                except NotFoundError:
                    existing = None
                # compared as a mapping: Elasticsearch returns the rules sorted by id as strings
                if existing != {r["id"]: r["synonyms"] for r in rules}:
                    self.sync_synonyms([locale])
                    changed = True
            self._synonyms_version = current
            return changed
        except Exception:  # a failed sync must not break the search
            logger.warning("Could not sync search synonyms to Elasticsearch", exc_info=True)
            return False

    def _ensure_synonyms_set(self, locale: str) -> None:
        try:
            self.client.synonyms.get_synonym(id=self.synonyms_set(locale), size=1)
        except NotFoundError:
            self.sync_synonyms([locale])

    def create_index(
        self, locale: str, documents: list[SearchDocument], *, name: str | None = None, bulk_loading: bool = False
    ) -> str:
        """Create a concrete index for the locale, its compound word list built from these documents."""
        self._ensure_synonyms_set(locale)
        name = name or self.new_index_name(locale)
        texts = [" ".join([d.title, d.summary, *d.headings, d.body[:MAX_BODY_CHARS], *d.synonyms]) for d in documents]
        # The thesaurus counts as vocabulary too, so a fresh index splits the domain's words from the start.
        texts.extend(" ".join(group) for group in synonym_groups(locale))
        word_list = es_analysis.build_word_list(texts, locale)
        body = es_analysis.index_body(locale, self.synonyms_set(locale), word_list)
        if bulk_loading:
            body["settings"]["refresh_interval"] = "-1"
        body["settings"].setdefault("index", {})["blocks"] = {"write": False}  # overrides the template's block
        try:
            self.admin.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
        except BadRequestError as error:
            if error_type(error) != "resource_already_exists_exception":
                raise
            # our own name: another process (or a timed-out attempt) created it, which is what we wanted
        return name

    def _write_targets(self, locale: str, documents: list[SearchDocument]) -> list[str]:
        """The concrete indices a write must reach; creates the locale's first index and alias if needed.

        Writes name concrete indices only (never the bare alias), so a missing index is never
        auto-created with dynamic mappings.
        """
        live, building = self._write_groups(locale)
        first = self.first_index_name(locale)
        if not live and (not building or first in building):
            # The first index has a fixed name: two processes doing this at once create one index (the
            # second create is "already exists", a success), and adding the alias twice is harmless.
            if not building:
                self.ensure_template()
                self.create_index(locale, documents, name=first)
            self.admin.indices.update_aliases(actions=[{"add": {"index": first, "alias": self.alias(locale)}}])
            live, building = [first], [name for name in building if name != first]
        return live, building

    @staticmethod
    def source(doc: SearchDocument) -> dict:
        body = _strip_marks(doc.body)[:MAX_BODY_CHARS]
        headings = [_strip_marks(h) for h in doc.headings]
        summary = _strip_marks(doc.summary)
        title = _strip_marks(doc.title)
        return {
            "doc_id": str(doc.id),
            "locale": doc.locale,
            "type": doc.type,
            "slug": doc.slug,
            "url": doc.url,
            "title": title,
            "summary": summary,
            "headings": headings,
            "body": body,
            "topics": list(doc.topics),
            "synonyms": [_strip_marks(s) for s in doc.synonyms],
            "date": doc.date.isoformat() if doc.date else None,
            "spell": "\n".join([title, summary, *headings, body]),
            "fingerprint": fingerprint(doc),
        }

    def _bulk(self, actions: Iterable[dict], refresh=None, client=None) -> int:
        ok, errors = helpers.bulk(
            client or self.client,
            actions,
            chunk_size=BULK_CHUNK,
            raise_on_error=False,
            refresh=self.refresh if refresh is None else refresh,
        )
        real_errors = [e for e in errors if next(iter(e.values())).get("status") != 404]
        if real_errors:
            raise RuntimeError(f"Elasticsearch bulk request failed for {len(real_errors)} item(s): {real_errors[:3]}")
        return ok

    # -- the contract -------------------------------------------------------------------------

    @guarded
    def index(self, documents: Iterable[SearchDocument]) -> None:
        by_locale: dict[str, list[SearchDocument]] = defaultdict(list)
        for doc in documents:
            self._check_locale(doc.locale)
            by_locale[doc.locale].append(doc)
        for locale, docs in by_locale.items():
            live, building = self._write_targets(locale, docs)
            # A page that moved from one locale to the other must not linger in the old one.
            other_live, other_building = [], []
            for other in self.locales:
                if other != locale:
                    groups = self._write_groups(other)
                    other_live += groups[0]
                    other_building += groups[1]
            self._write(
                [
                    {"_op_type": "delete", "_index": name, "_id": str(d.id)}
                    for names, is_live in ((other_live, True), (other_building, False))
                    for name in names
                    for d in docs
                ]
                + [
                    {"_op_type": "index", "_index": name, "_id": str(d.id), "_source": self.source(d)}
                    for name in live + building
                    for d in docs
                ],
                set(live + other_live),
            )

    def _write(self, actions: list[dict], live: set[str]) -> None:
        """Send writes: to live indices with the engine's refresh, to indices being built with none.

        An index being built has ``refresh_interval: -1``; ``refresh=wait_for`` there would wait until
        the rebuild's final refresh, stalling a publish until it times out.
        """
        to_live = [a for a in actions if a["_index"] in live]
        to_building = [a for a in actions if a["_index"] not in live]
        if to_live:
            self._bulk(to_live)
        if to_building:
            self._bulk(to_building, refresh=False)

    @guarded
    def delete(self, ids: Iterable[str]) -> None:
        ids = [str(i) for i in ids]
        if not ids:
            return
        live, building = [], []
        for locale in self.locales:
            groups = self._write_groups(locale)
            live += groups[0]
            building += groups[1]
        if live or building:
            self._write(
                [{"_op_type": "delete", "_index": n, "_id": i} for n in live + building for i in ids], set(live)
            )

    @guarded
    def _search(self, query: str, locale: str, *, types, topics, limit, offset) -> SearchResults:
        with reader_budget():
            return self._search_within_budget(query, locale, types=types, topics=topics, limit=limit, offset=offset)

    def _search_within_budget(self, query: str, locale: str, *, types, topics, limit, offset) -> SearchResults:
        self._check_locale(locale)
        empty = empty_results(query)
        words = distinctive_words(query, locale, self.synonym_index(locale))
        if not words or not es_analysis.words(query):
            return empty  # only stop and question words: they never make a document match
        self.refresh_synonyms()
        # Elasticsearch refuses from + size beyond max_result_window; past it, keep total and facets only.
        offset, limit = max(0, int(offset)), max(0, int(limit))
        limit = min(limit, max(0, MAX_RESULT_WINDOW - offset))
        if limit == 0:
            offset = 0
        s = build_search(
            Search(using=self.client, index=self.alias(locale)),
            query,
            locale,
            types=types,
            topics=topics,
            limit=limit,
            offset=offset,
            words=words,
        )
        alias = self.alias(locale)
        try:
            response = self.query_client.search(index=alias, body=s.to_dict())
        except NotFoundError:  # nothing indexed yet for this locale
            return empty
        body = response.body if hasattr(response, "body") else response
        aggregations = body.get("aggregations", {})
        total = body["hits"]["total"]["value"]
        unknown = []
        if total == 0 or len(words) > 1:  # one word that found something is known: no need to ask
            counted = self.query_client.search(index=alias, body=build_word_counts(words, locale))
            counted = counted.body if hasattr(counted, "body") else counted
            buckets = counted.get("aggregations", {}).get("words", {}).get("buckets", {})
            unknown = [w for w in words if not buckets.get(w, {}).get("doc_count", 0)]
        known_words = sum(len(w.split()) for w in words if w not in unknown)
        situation = known_words + len(unknown) >= ranking.SITUATION_MIN_WORDS and known_words >= len(unknown)
        if unknown and not situation:
            empty.unmatched = unknown  # honest: nothing about these words, whatever else matched
            return empty
        raw_hits = body["hits"]["hits"]
        hits = [
            SearchHit(
                id=h["_source"]["doc_id"],
                slug=h["_source"]["slug"],
                title=h["_source"]["title"],
                type=h["_source"]["type"],
                locale=h["_source"]["locale"],
                url=h["_source"]["url"],
                snippet=pick_snippet(h),
                score=float(h.get("_score") or 0.0),
            )
            for h in raw_hits
        ]
        facets = {
            facet: {b["key"]: b["doc_count"] for b in aggregations.get(facet, {}).get("values", {}).get("buckets", [])}
            for facet in ("type", "topic")
        }
        suggestion = None
        weak = total == 0 or (
            offset == 0 and raw_hits and not STRONG_CLAUSES & set(raw_hits[0].get("matched_queries") or [])
        )
        if weak:
            suggestion = corrected_text(query, body.get("suggest", {}))
            if suggestion and not self._finds_anything(suggestion, locale, types, topics):
                suggestion = None  # offered only when the corrected query, as a whole, finds something
        return SearchResults(query=query, total=total, hits=hits, facets=facets, suggestion=suggestion)

    def _finds_anything(self, text: str, locale: str, types, topics) -> bool:
        words = distinctive_words(text, locale, self.synonym_index(locale))
        if not words:
            return False
        filters = [f for f in build_filters(types, topics).values() if f is not None]
        query = Q("bool", must=[build_query(text, locale, words)], filter=filters)
        response = self.query_client.count(index=self.alias(locale), query=query.to_dict())
        return bool((response.body if hasattr(response, "body") else response)["count"])

    def synonym_index(self, locale: str) -> analysis.SynonymIndex | None:
        """The editors' synonym groups as phrases of keys (for finding synonym phrases in a query)."""
        groups = synonym_groups(locale)
        cached = self._synonym_index.get(locale)
        if cached is None or cached[0] != groups:
            cached = (groups, analysis.SynonymIndex.build(groups, locale))
            self._synonym_index[locale] = cached
        return cached[1]

    @guarded
    def _suggest(self, prefix: str, locale: str, limit: int) -> list[Suggestion]:
        self._check_locale(locale)
        text = prefix
        if not es_analysis.words(text):
            return []
        s = (
            Search(using=self.client, index=self.alias(locale))
            .query(
                Q(
                    "bool",
                    must=[Q("match", **{"title.autocomplete": {"query": text, "operator": "and"}})],
                    should=[
                        Q(
                            "match_phrase_prefix",
                            **{"title.autocomplete": {"query": text, "boost": ranking.ES_SUGGEST_PHRASE_PREFIX}},
                        ),
                        Q("match", title={"query": text, "boost": ranking.ES_SUGGEST_WHOLE_WORD}),
                    ],
                    filter=[Q("term", locale=locale)],
                )
            )
            .sort("_score", {"title.raw": "asc"})
            .source(["title", "url", "type"])
            .extra(size=max(1, min(int(limit), 50)))
        )
        try:
            response = self.query_client.search(index=self.alias(locale), body=s.to_dict())
        except NotFoundError:
            return []
        body = response.body if hasattr(response, "body") else response
        return [
            Suggestion(title=h["_source"]["title"], url=h["_source"]["url"], type=h["_source"].get("type", ""))
            for h in body["hits"]["hits"]
        ]

    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], object] | None = None) -> int:
        """Build a new index per locale, swap the alias atomically, then delete the old indices.

        ``progress(n)`` is called as each batch of n documents has been sent (for a progress bar).
        """
        by_locale: dict[str, list[SearchDocument]] = {locale: [] for locale in self.locales}
        for doc in documents:
            self._check_locale(doc.locale)
            by_locale.setdefault(doc.locale, []).append(doc)
        self.ensure_template()
        self.sync_synonyms(list(by_locale))  # a rebuild starts from the editors' current synonyms
        total = 0
        for locale, docs in by_locale.items():
            total += self.rebuild_locale(locale, docs, progress=progress)
        return total

    def rebuild_locale(self, locale: str, docs: list[SearchDocument], progress=None) -> int:
        alias = self.alias(locale)
        new = self.create_index(locale, docs, bulk_loading=True)
        count = 0
        try:
            for start in range(0, len(docs), BULK_CHUNK):
                chunk = docs[start : start + BULK_CHUNK]
                count += self._bulk(
                    ({"_op_type": "index", "_index": new, "_id": str(d.id), "_source": self.source(d)} for d in chunk),
                    refresh=False,
                    client=self.admin,
                )
                if progress is not None:
                    progress(len(chunk))
            self.admin.indices.put_settings(index=new, settings={"index": {"refresh_interval": None}})
            self.admin.indices.refresh(index=new)
            # every other index of the locale goes: the live one, and any a stray write auto-created
            found = self.client.indices.get(
                index=f"{alias}-*", expand_wildcards="open", ignore_unavailable=True, allow_no_indices=True
            )
            old = sorted(name for name in (found.body if hasattr(found, "body") else found) if name != new)
            try:
                aliased = self.client.indices.get_alias(name=alias)
                live = set(aliased.body if hasattr(aliased, "body") else aliased)
            except NotFoundError:
                live = set()
            actions = [{"remove": {"index": name, "alias": alias}} for name in sorted(live)]
            actions.append({"add": {"index": new, "alias": alias}})
            self.admin.indices.update_aliases(actions=actions)  # atomic: readers switch in one step
        except Exception:
            self.admin.options(ignore_status=404).indices.delete(index=new)  # never leave the new index behind
            raise
        for name in old:
            self.admin.options(ignore_status=404).indices.delete(index=name)
        return count

    def document_ids(self, locale: str | None = None) -> dict[str, str]:
        out: dict[str, str] = {}
        for loc in [locale] if locale else self.locales:
            self._check_locale(loc)
            after = None
            while True:
                body = {
                    "query": {"match_all": {}},
                    "sort": [{"doc_id": "asc"}],
                    "size": 1000,
                    "_source": ["doc_id", "fingerprint"],
                }
                if after is not None:
                    body["search_after"] = after
                try:
                    response = self.client.search(index=self.alias(loc), body=body)
                except NotFoundError:
                    break
                hits = (response.body if hasattr(response, "body") else response)["hits"]["hits"]
                for h in hits:
                    out[h["_source"]["doc_id"]] = h["_source"]["fingerprint"]
                if len(hits) < 1000:
                    break
                after = hits[-1]["sort"]
        return out

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:  # any transport failure means "not reachable"
            logger.warning("Elasticsearch at %s is not reachable", self.url, exc_info=True)
            return False

    def clear(self) -> None:
        """Delete every index, alias and synonyms set of this prefix (tests and teardown)."""
        for locale in self.locales:
            found = self.client.indices.get(
                index=f"{self.alias(locale)}-*", expand_wildcards="open", ignore_unavailable=True, allow_no_indices=True
            )
            for name in found.body if hasattr(found, "body") else found:
                self.admin.options(ignore_status=404).indices.delete(index=name)
            self.admin.options(ignore_status=404).synonyms.delete_synonym(id=self.synonyms_set(locale))
        self.admin.options(ignore_status=404).indices.delete_index_template(name=f"{self.prefix}-pages")


__all__ = ["ElasticsearchEngine", "build_query", "build_search", "fingerprint", "safe_snippet"]
