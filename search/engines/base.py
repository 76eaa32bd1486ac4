"""The contract every public search engine keeps.

A document is one public page in one locale. Engines index documents, delete them, answer queries
with filters, facets, snippets and a spelling suggestion, suggest titles for autocomplete and rebuild
everything. The same test suite (tests/search/test_engines.py) runs against every engine.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from search import ranking
from search.analysis import clean_query


@dataclass
class SearchDocument:
    id: str  # stable id: the page's primary key as a string
    locale: str  # "da" | "nb"
    type: str  # import_content type name: guide, principle, position_paper, article, glossary, campaign, event
    slug: str
    url: str
    title: str
    summary: str = ""
    headings: list[str] = field(default_factory=list)
    body: str = ""
    topics: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)  # the page's own everyday words (glossary terms)
    date: datetime.date | None = None


@dataclass
class SearchHit:
    id: str
    slug: str
    title: str
    type: str
    locale: str
    url: str
    snippet: str  # safe HTML: text escaped, matches wrapped in <mark>
    score: float = 0.0
    promoted: bool = False  # a best bet (search promotion) placed first by search.service


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]  # {"type": {"guide": 3}, "topic": {"økonomi": 2}}
    suggestion: str | None = None
    #: distinctive words of the query that no document matches (the answer is then "nothing about X")
    unmatched: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    title: str
    url: str
    type: str = ""  # import_content type name, for the label shown beside the suggestion


def empty_results(text: str) -> SearchResults:
    return SearchResults(query=text, total=0, hits=[], facets={"type": {}, "topic": {}}, suggestion=None)


class SearchEngine(ABC):
    """Base class of the engines.

    ``search`` and ``suggest`` are concrete: they clean and limit the query once (search.analysis.clean_query,
    limits in search.ranking) and answer an empty query with nothing, so an engine's ``_search`` and
    ``_suggest`` only ever see a non-empty, bounded query.
    """

    name = "base"

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
        query = clean_query(text)
        if not query:
            return empty_results(text)
        results = self._search(
            query,
            locale,
            types=list(types or []),
            topics=list(topics or []),
            limit=max(0, limit),
            offset=max(0, offset),
        )
        results.query = text
        return results

    def suggest(self, prefix: str, locale: str, limit: int = ranking.MAX_SUGGESTIONS) -> list[Suggestion]:
        query = clean_query(prefix)
        if not query:
            return []
        query = " ".join(query.split()[: ranking.MAX_SUGGEST_WORDS])
        seen: set[tuple[str, str]] = set()
        unique = []
        for suggestion in self._suggest(query, locale, max(1, min(2 * limit, 50))):  # room for duplicates
            if (suggestion.title.casefold(), suggestion.type) not in seen:  # one title once per type
                seen.add((suggestion.title.casefold(), suggestion.type))
                unique.append(suggestion)
        return unique[:limit]

    @abstractmethod
    def _search(
        self, query: str, locale: str, *, types: list[str], topics: list[str], limit: int, offset: int
    ) -> SearchResults:
        """Answer a cleaned, non-empty query."""

    @abstractmethod
    def _suggest(self, query: str, locale: str, limit: int) -> list[Suggestion]:
        """Titles completing a cleaned, non-empty prefix, best first."""

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace these documents (a page that changed locale leaves its old locale)."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove these documents; unknown ids are ignored."""

    @abstractmethod
    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], object] | None = None) -> int:
        """Replace the whole index with these documents; returns how many were indexed.

        ``progress(n)`` is called as n more documents have been written (for a progress bar).
        """

    @abstractmethod
    def document_ids(self, locale: str | None = None) -> dict[str, str]:
        """{id: search.fingerprint.document_fingerprint(doc)} of what is in the index, for the consistency check."""

    def ping(self) -> bool:
        return True
