"""What a searchable item looks like: a SearchDocument built from any public ContentPage.

Every ContentPage subclass with a `content_type_name` is searchable (guides, principles, position
papers, articles, glossary terms, campaigns, events, and whatever comes next): nothing here names
a page type. `build_document` is the one place a page becomes a search document; the text of every
field is plain (no markup: rich text and StreamField go through `home.pages.block_text`). Tools that
are views rather than pages (the counselling and membership forms) come from providers apps register
(`register_tools`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator

from django.apps import apps
from wagtail.models import Page, PageViewRestriction

from home.pages import ContentPage, html_to_text
from search.engines import get_engine
from search.engines.base import SearchDocument


def searchable_models() -> list[type]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ContentPage) and not model._meta.abstract and getattr(model, "content_type_name", None)
    ]


def is_searchable(page: Page) -> bool:
    page = page.specific
    return bool(getattr(page, "content_type_name", None)) and page.live and not page.expired and is_public(page)


def is_public(page: Page) -> bool:
    return not PageViewRestriction.objects.filter(page__path__in=_ancestor_paths(page)).exists()


def _ancestor_paths(page: Page) -> list[str]:
    step = page.steplen
    return [page.path[:i] for i in range(step, len(page.path) + 1, step)]


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def plain(value) -> str:
    """A field's text with any markup removed (a page type may hand over rendered or raw HTML)."""
    text = str(value or "")
    if "<" in text or "&" in text:
        return "\n".join(filter(None, (html_to_text(line) for line in text.splitlines())))
    return text


def build_document(page) -> SearchDocument | None:
    """The search document of a (specific, public) page; None when it has no URL."""
    url = page.get_url()
    if not url:
        return None
    data = page.search_document()
    return SearchDocument(
        id=str(page.pk),
        locale=page.locale.language_code,
        type=page.content_type_name,
        slug=page.slug,
        url=url,
        title=plain(data.get("title")) or page.title,
        summary=plain(data.get("summary")),
        headings=[plain(h) for h in data.get("headings") or [] if h],
        body=plain(data.get("body")),
        topics=sorted({t for t in data.get("topics") or [] if t}),
        synonyms=[plain(s) for s in data.get("synonyms") or [] if s],
        date=_as_date(data.get("date")),
    )


def document_for_page(page: Page) -> SearchDocument | None:
    """The search document of a page, or None if the page must not be in the public index."""
    page = page.specific
    if not is_searchable(page):
        return None
    return build_document(page)


def live_pages() -> Iterator[Page]:
    """Every live, public page of a searchable type (the specific instances)."""
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    for model in searchable_models():
        queryset = model.objects.live().select_related("locale").order_by("pk")
        if hasattr(model, "tags"):
            queryset = queryset.prefetch_related("tags")
        for page in queryset.iterator(chunk_size=500):  # prefetches per chunk (Django ≥ 4.1)
            if page.expired or any(page.path.startswith(path) for path in restricted):
                continue
            yield page


# -- tools outside the page tree ---------------------------------------------------------------
# Some of the site's tools are views, not pages (the counselling and membership forms). An app
# registers a provider that returns their search documents (type "tool", in every language the tool has);
# they are indexed with the pages: by rebuild_search_index, check_search_index --fix and setup_editorial
# (`index_tools`), and when a language is added (search/indexing.py). Their ids start with "tool:" so they
# never collide with a page id.

_tool_providers: list[Callable[[], Iterable[SearchDocument]]] = []


def register_tools(provider: Callable[[], Iterable[SearchDocument]]) -> None:
    if provider not in _tool_providers:
        _tool_providers.append(provider)


def tool_documents() -> list[SearchDocument]:
    documents = []
    for provider in _tool_providers:
        for document in provider():
            document.summary, document.body = plain(document.summary), plain(document.body)
            documents.append(document)
    return documents


def index_tools() -> int:
    """Put the tools that are not pages into the index (their text changes with a release, not on publish)."""
    documents = tool_documents()
    if documents:
        get_engine().index(documents)
    return len(documents)


def count_live_pages() -> int:
    return sum(model.objects.live().count() for model in searchable_models()) + len(tool_documents())


def live_documents() -> Iterator[SearchDocument]:
    for page in live_pages():
        document = build_document(page)
        if document is not None:
            yield document
    yield from tool_documents()
