"""The contract every public search engine keeps.

A document is one public page in one locale. Engines index documents, delete them, answer queries
with filters, facets, snippets and a spelling suggestion, suggest titles for autocomplete and rebuild
everything. The same test suite (tests/search/test_engines.py) runs against every engine.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field


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


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]  # {"type": {"guide": 3}, "topic": {"økonomi": 2}}
    suggestion: str | None = None


@dataclass
class Suggestion:
    title: str
    url: str


class SearchEngine:
    """Base class; subclasses implement every method."""

    name = "base"

    def index(self, documents: Iterable[SearchDocument]) -> None:
        raise NotImplementedError

    def delete(self, ids: Iterable[str]) -> None:
        raise NotImplementedError

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
        raise NotImplementedError

    def suggest(self, prefix: str, locale: str, limit: int = 10) -> list[Suggestion]:
        raise NotImplementedError

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Replace the whole index with these documents; returns how many were indexed."""
        raise NotImplementedError

    def document_ids(self, locale: str | None = None) -> dict[str, str]:
        """{id: fingerprint} of what is in the index, for the consistency check."""
        raise NotImplementedError

    def ping(self) -> bool:
        return True
