"""What a searchable item looks like: a SearchDocument built from any public ContentPage.

Every ContentPage subclass with a `content_type_name` is searchable (guides, principles, position
papers, articles, glossary terms, campaigns, events, and whatever comes next): nothing here names
a page type.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterator

from bs4 import BeautifulSoup
from django.apps import apps
from wagtail.models import Page, PageViewRestriction

from search.engines.base import SearchDocument


def searchable_models() -> list[type]:
    from home.pages import ContentPage

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


def plain_text(value) -> str:
    """Readable text of a StreamField value: rich text with spaces between blocks and list items."""
    from wagtail.blocks.list_block import ListValue
    from wagtail.blocks.stream_block import StreamValue
    from wagtail.blocks.struct_block import StructValue
    from wagtail.rich_text import RichText

    if value is None:
        return ""
    if isinstance(value, RichText):
        return BeautifulSoup(value.source, "html.parser").get_text("\n").strip()
    if isinstance(value, str):
        return value
    if isinstance(value, StreamValue):
        return "\n".join(filter(None, (plain_text(child.value) for child in value)))
    if isinstance(value, StructValue):
        return "\n".join(filter(None, (plain_text(v) for v in value.values())))
    if isinstance(value, (ListValue, list, tuple)):
        return "\n".join(filter(None, (plain_text(v) for v in value)))
    return ""


def page_data(page) -> dict:
    """page.search_document(), with the body's text taken block by block (so list items keep their spaces)."""
    data = page.search_document()
    body = getattr(page, getattr(page, "body_field", "body"), None)
    if body is not None and hasattr(body, "stream_block"):
        from home.pages import block_text

        if data.get("body") == block_text(body):  # not customised by the page type: use the spaced text
            data["body"] = plain_text(body)
    for name in ("title", "summary", "body"):
        if data.get(name):
            data[name] = html.unescape(data[name])
    return data


def document_for_page(page: Page) -> SearchDocument | None:
    """The search document of a page, or None if the page must not be in the public index."""
    page = page.specific
    if not is_searchable(page):
        return None
    url = page.get_url()
    if not url:
        return None
    data = page_data(page)
    return SearchDocument(
        id=str(page.pk),
        locale=page.locale.language_code,
        type=page.content_type_name,
        slug=page.slug,
        url=url,
        title=data.get("title") or page.title,
        summary=data.get("summary") or "",
        headings=[h for h in data.get("headings") or [] if h],
        body=data.get("body") or "",
        topics=sorted({t for t in data.get("topics") or [] if t}),
        synonyms=list(data.get("synonyms") or []),
        date=_as_date(data.get("date")),
    )


def live_pages() -> Iterator[Page]:
    """Every live, public page of a searchable type (the specific instances)."""
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    for model in searchable_models():
        queryset = model.objects.live().select_related("locale").order_by("pk")
        if "tags" in {f.name for f in model._meta.get_fields()} or hasattr(model, "tags"):
            try:
                queryset = queryset.prefetch_related("tags")
            except Exception:  # noqa: BLE001 - a model whose tags cannot be prefetched
                pass
        for page in queryset.iterator(chunk_size=500) if not queryset._prefetch_related_lookups else queryset:
            if page.expired or any(page.path.startswith(path) for path in restricted):
                continue
            yield page


def count_live_pages() -> int:
    return sum(model.objects.live().count() for model in searchable_models())


def live_documents() -> Iterator[SearchDocument]:
    for page in live_pages():
        url = page.get_url()
        if not url:
            continue
        data = page_data(page)
        yield SearchDocument(
            id=str(page.pk),
            locale=page.locale.language_code,
            type=page.content_type_name,
            slug=page.slug,
            url=url,
            title=data.get("title") or page.title,
            summary=data.get("summary") or "",
            headings=[h for h in data.get("headings") or [] if h],
            body=data.get("body") or "",
            topics=sorted({t for t in data.get("topics") or [] if t}),
            synonyms=list(data.get("synonyms") or []),
            date=_as_date(data.get("date")),
        )
