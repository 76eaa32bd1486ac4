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

import datetime
import hashlib
import html
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import DatabaseError
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import A, Q, Search

from search.breaker import guarded
from search.engines import es_analysis
from search.engines.base import (
    SearchDocument,
    SearchEngine,
    SearchHit,
    SearchResults,
    Suggestion,
)

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200  # longer input is cut: no query needs more, and it bounds the clause count
MAX_QUERY_WORDS = 24
MAX_BODY_CHARS = 100_000  # below the highlighter's max_analyzed_offset, far above any real guide
SNIPPET_CHARS = 200
FACET_SIZE = 100
BULK_CHUNK = 500
MAX_RESULT_WINDOW = 10_000  # the index's max_result_window

# Named clauses of the full-text query. A hit that only the "weak" ones matched (typo-tolerant,
# compound parts, prefix) counts as a weak result, which is when "did you mean" is offered.
STRONG_CLAUSES = {"exact", "phrase"}
# Where a snippet comes from, best first: whole-word matches, then compound parts, then typo matches.
SNIPPET_FIELDS = ("summary", "body", "headings", "body.parts", "summary.parts", "summary.plain", "body.plain")


def fingerprint(doc: SearchDocument) -> str:
    """A hash of everything the index holds for a document, for the consistency check.

    The shared ``search.fingerprint.document_fingerprint`` (the embedded engine stores the same), so
    ``check_search_index`` compares either engine with the pages.
    """
    try:
        from search.fingerprint import document_fingerprint
    except ImportError:
        document_fingerprint = None
    if document_fingerprint is not None:
        return document_fingerprint(doc)
    payload = json.dumps(
        [
            doc.locale,
            doc.type,
            doc.slug,
            doc.url,
            doc.title,
            doc.summary,
            doc.headings,
            doc.body,
            sorted(doc.topics),
            doc.synonyms,
            str(doc.date or ""),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha1(payload.encode()).hexdigest()


def synonym_groups(locale: str) -> list[list[str]]:
    """The editors' synonyms for a locale; empty until the synonyms module exists."""
    try:
        from search.synonyms import synonym_groups as groups
    except ImportError:
        return []
    try:
        return [list(group) for group in groups(locale)]
    except DatabaseError:  # tables not migrated yet: index without synonyms, sync_synonyms() later
        logger.warning("Synonyms for %s could not be read; the index starts without them", locale, exc_info=True)
        return []


def clean_query(text: str) -> str:
    """Whitespace-collapsed, length-bounded query text (never parsed as query syntax)."""
    text = " ".join((text or "").replace(es_analysis.MARK_START, " ").replace(es_analysis.MARK_END, " ").split())
    return " ".join(text[:MAX_QUERY_CHARS].split()[:MAX_QUERY_WORDS])


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


def build_relevance(text: str, locale: str) -> Q:
    """The text query: exact > phrase > typo-tolerant, compound parts and prefix below.

    Boosts per field follow title > synonyms > summary > headings > body. Exact (stemmed, with
    synonyms) and phrase clauses outweigh the fuzzy clause by far, so a typo-tolerant match never
    drowns an exact one.
    """
    fields = [f"{name}^{boost:g}" for name, boost in es_analysis.FIELD_BOOSTS.items()]
    parts = [f"{name}.parts^{boost:g}" for name, boost in es_analysis.FIELD_BOOSTS.items()]
    plain = [f"{name}.plain^{boost:g}" for name, boost in es_analysis.FIELD_BOOSTS.items()]
    clauses = [
        Q("multi_match", query=text, fields=fields, type="best_fields", tie_breaker=0.3, boost=3.0, _name="exact"),
        Q("multi_match", query=text, fields=fields, type="phrase", slop=2, boost=2.0, _name="phrase"),
        Q("multi_match", query=text, fields=parts, type="best_fields", tie_breaker=0.3, boost=1.0, _name="parts"),
        Q(
            "multi_match",
            query=text,
            fields=plain,
            type="best_fields",
            tie_breaker=0.3,
            fuzziness="AUTO",
            prefix_length=1,
            max_expansions=25,
            boost=0.4,
            _name="fuzzy",
        ),
        Q(
            "match",
            **{
                "title.autocomplete": {
                    "query": text,
                    "operator": "and",
                    "analyzer": "autocomplete_query",
                    "boost": 2.0,
                    "_name": "prefix",
                }
            },
        ),
    ]
    return Q("bool", should=clauses, minimum_should_match=1, filter=[Q("term", locale=locale)])


def build_query(text: str, locale: str) -> Q:
    """The relevance query weighted per page type (guides answer most parents' questions)."""
    return Q(
        "function_score",
        query=build_relevance(text, locale),
        score_mode="multiply",
        boost_mode="multiply",
        functions=[
            {"filter": Q("term", type=name), "weight": weight}
            for name, weight in es_analysis.TYPE_WEIGHTS.items()
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
            options.update(fuzziness="AUTO", prefix_length=1, max_expansions=25)
        clauses.append(Q("match", **{field: options}))
    return Q("bool", should=clauses)


def build_filters(types: list[str] | None, topics: list[str] | None) -> dict[str, Q | None]:
    return {
        "type": Q("terms", type=list(types)) if types else None,
        "topic": Q("terms", topics=list(topics)) if topics else None,
    }


def build_search(search: Search, text: str, locale: str, *, types=None, topics=None, limit=10, offset=0) -> Search:
    """The whole request: query, post-filters, multi-select facets, highlighting and a spelling check.

    Filters go in ``post_filter`` and each facet counts with the *other* facet's filter only, so the
    reader sees how many results each type (topic) would give and can switch between them.
    """
    filters = build_filters(types, topics)
    s = search.query(build_query(text, locale))
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
        self.url = url or getattr(settings, "ELASTICSEARCH_URL", "") or "http://localhost:9200"
        self._client = client
        self.prefix = (prefix or getattr(settings, "SEARCH_INDEX_PREFIX", "") or "dev").lower()
        self.locales = list(locales or [code for code, _ in settings.LANGUAGES])
        self.refresh = refresh
        self._synonyms_version: object = None

    # -- names and plumbing -------------------------------------------------------------------

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            self._client = Elasticsearch(self.url, request_timeout=5, max_retries=1, retry_on_timeout=True)
        return self._client

    @property
    def query_client(self) -> Elasticsearch:
        """The client for reader-facing queries: a short timeout and no retry, so a hanging engine costs a
        reader at most ELASTICSEARCH_QUERY_TIMEOUT seconds (and the circuit breaker stops even that)."""
        timeout = float(getattr(settings, "ELASTICSEARCH_QUERY_TIMEOUT", 1.5))
        return self.client.options(request_timeout=timeout, max_retries=0, retry_on_timeout=False)

    def alias(self, locale: str) -> str:
        return f"{self.prefix}-pages-{locale}"

    def synonyms_set(self, locale: str) -> str:
        return f"{self.prefix}-synonyms-{locale}"

    def new_index_name(self, locale: str) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias(locale)}-{stamp}"

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

    def locale_indices(self, locale: str) -> list[str]:
        """Every concrete index of the locale: the live one and any being rebuilt right now."""
        found = self.client.indices.get(
            index=f"{self.alias(locale)}-*", expand_wildcards="open", ignore_unavailable=True, allow_no_indices=True
        )
        return sorted(found.body if hasattr(found, "body") else found)

    def sync_synonyms(self, locales: Iterable[str] | None = None) -> dict[str, int]:
        """Replace each locale's synonyms set from the editors' synonyms; returns rule counts.

        Putting a synonyms set makes Elasticsearch reload the search analyzers that use it; the explicit
        ``reload_search_analyzers`` call covers file-based setups and older nodes.
        """
        counts = {}
        for locale in locales or self.locales:
            rules = es_analysis.synonym_rules(synonym_groups(locale))
            self.client.synonyms.put_synonym(id=self.synonyms_set(locale), synonyms_set=rules)
            counts[locale] = len(rules)
            if self.live_index(locale):
                self.client.indices.reload_search_analyzers(index=self.alias(locale))
        return counts

    def refresh_synonyms(self) -> bool:
        """Sync the synonyms sets when editors changed synonyms since this process last looked.

        ``search.synonyms.version()`` changes whenever a synonym list or a glossary term is saved; the
        sets are only rewritten when their rules really differ, so a busy site does not reload the
        analyzers on every query. Never raises: a failure here must not break a search.
        """
        try:
            from search.synonyms import version
        except ImportError:
            return False
        try:
            current = version()
            if current == self._synonyms_version:
                return False
            changed = False
            for locale in self.locales:
                rules = es_analysis.synonym_rules(synonym_groups(locale))
                try:
                    found = self.query_client.synonyms.get_synonym(id=self.synonyms_set(locale), size=10_000)
                    existing = [{"id": r["id"], "synonyms": r["synonyms"]} for r in found["synonyms_set"]]
                except NotFoundError:
                    existing = None
                if existing != rules:
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
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
        return name

    def _write_targets(self, locale: str, documents: list[SearchDocument]) -> list[str]:
        """The concrete indices a write must reach; creates the locale's first index and alias if needed.

        Writes name concrete indices only (never the bare alias), so a missing index is never
        auto-created with dynamic mappings.
        """
        targets = self.locale_indices(locale)
        if not targets:
            name = self.create_index(locale, documents)
            self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias(locale)}}])
            targets = [name]
        return targets

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

    def _bulk(self, actions: Iterable[dict], refresh=None) -> int:
        ok, errors = helpers.bulk(
            self.client,
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
            targets = self._write_targets(locale, docs)
            # A page that moved from one locale to the other must not linger in the old one.
            stale = [
                {"_op_type": "delete", "_index": name, "_id": str(d.id)}
                for other in self.locales
                if other != locale
                for name in self.locale_indices(other)
                for d in docs
            ]
            self._bulk(
                stale
                + [
                    {"_op_type": "index", "_index": name, "_id": str(d.id), "_source": self.source(d)}
                    for name in targets
                    for d in docs
                ]
            )

    @guarded
    def delete(self, ids: Iterable[str]) -> None:
        ids = [str(i) for i in ids]
        if not ids:
            return
        targets = [name for locale in self.locales for name in self.locale_indices(locale)]
        if targets:
            self._bulk({"_op_type": "delete", "_index": name, "_id": i} for name in targets for i in ids)

    @guarded
    def search(
        self,
        text: str,
        locale: str,
        *,
        types: list[str] | None = None,
        topics: list[str] | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> SearchResults:
        self._check_locale(locale)
        query = clean_query(text)
        empty = SearchResults(query=text, total=0, hits=[], facets={"type": {}, "topic": {}}, suggestion=None)
        if not query or not es_analysis.words(query):
            return empty
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
        )
        try:
            response = self.query_client.search(index=self.alias(locale), body=s.to_dict())
        except NotFoundError:  # nothing indexed yet for this locale
            return empty
        body = response.body if hasattr(response, "body") else response
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
        total = body["hits"]["total"]["value"]
        facets = {
            facet: {
                b["key"]: b["doc_count"]
                for b in body.get("aggregations", {}).get(facet, {}).get("values", {}).get("buckets", [])
            }
            for facet in ("type", "topic")
        }
        suggestion = None
        weak = total == 0 or (
            offset == 0 and raw_hits and not STRONG_CLAUSES & set(raw_hits[0].get("matched_queries") or [])
        )
        if weak:
            suggestion = corrected_text(query, body.get("suggest", {}))
        return SearchResults(query=text, total=total, hits=hits, facets=facets, suggestion=suggestion)

    @guarded
    def suggest(self, prefix: str, locale: str, limit: int = 10) -> list[Suggestion]:
        self._check_locale(locale)
        text = clean_query(prefix)
        if not text or not es_analysis.words(text):
            return []
        s = (
            Search(using=self.client, index=self.alias(locale))
            .query(
                Q(
                    "bool",
                    must=[Q("match", **{"title.autocomplete": {"query": text, "operator": "and"}})],
                    should=[
                        Q("match_phrase_prefix", **{"title.autocomplete": {"query": text, "boost": 2.0}}),
                        Q("match", title={"query": text, "boost": 0.5}),
                    ],
                    filter=[Q("term", locale=locale)],
                )
            )
            .sort("_score", {"title.raw": "asc"})
            .source(["title", "url"])
            .extra(size=max(1, min(int(limit), 50)))
        )
        try:
            response = self.query_client.search(index=self.alias(locale), body=s.to_dict())
        except NotFoundError:
            return []
        body = response.body if hasattr(response, "body") else response
        seen, out = set(), []
        for h in body["hits"]["hits"]:
            if h["_source"]["url"] not in seen:
                seen.add(h["_source"]["url"])
                out.append(Suggestion(title=h["_source"]["title"], url=h["_source"]["url"]))
        return out[:limit]

    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], object] | None = None) -> int:
        """Build a new index per locale, swap the alias atomically, then delete the old indices.

        ``progress(n)`` is called as each batch of n documents has been sent (for a progress bar).
        """
        by_locale: dict[str, list[SearchDocument]] = {locale: [] for locale in self.locales}
        for doc in documents:
            self._check_locale(doc.locale)
            by_locale.setdefault(doc.locale, []).append(doc)
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
                )
                if progress is not None:
                    progress(len(chunk))
            self.client.indices.put_settings(index=new, settings={"index": {"refresh_interval": None}})
            self.client.indices.refresh(index=new)
        except Exception:
            self.client.options(ignore_status=404).indices.delete(index=new)
            raise
        old = [name for name in self.locale_indices(locale) if name != new]
        try:
            found = self.client.indices.get_alias(name=alias)
            live = set(found.body if hasattr(found, "body") else found)
        except NotFoundError:
            live = set()
        actions = [{"remove": {"index": name, "alias": alias}} for name in sorted(live)]
        actions.append({"add": {"index": new, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)  # atomic: readers switch in one step
        for name in old:
            self.client.options(ignore_status=404).indices.delete(index=name)
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
            for name in self.locale_indices(locale):
                self.client.options(ignore_status=404).indices.delete(index=name)
            self.client.options(ignore_status=404).synonyms.delete_synonym(id=self.synonyms_set(locale))


__all__ = ["ElasticsearchEngine", "build_query", "build_search", "clean_query", "fingerprint", "safe_snippet"]
