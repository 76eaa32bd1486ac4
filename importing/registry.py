"""Import of content items from JSON Lines (`manage.py import_content`).

One item a line: {"type", "locale", "slug", "title", "intro", "body", "tags", ...}. Each type is
registered (by its app's content_types.py) with the page model it becomes, the index page it lives
under and a function that sets its extra fields. Import is idempotent by (locale, type, slug): a hash of the item is stored on the
page, so an unchanged item changes nothing and a changed one gets a new published revision.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import json
import logging
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import ForeignKey
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import index as admin_search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler as admin_search_on_save
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.site_setup import ensure_index
from home.slugs import ascii_slug
from search import indexing as public_search

logger = logging.getLogger(__name__)

LOCALES = ("da", "nb")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ImportError_(ValueError):
    """A line that cannot be imported; the message is shown to the person importing."""


@dataclass
class ContentType:
    name: str
    page_model: Callable[[], type]
    index_model: Callable[[], type]
    index_titles: dict[str, str]
    index_slugs: dict[str, str]
    apply: Callable[[Any, dict], None]
    validate: Callable[[dict], None] | None = None


REGISTRY: dict[str, ContentType] = {}


def register(content_type: ContentType) -> None:
    REGISTRY[content_type.name] = content_type


# -- validation -----------------------------------------------------------------------


def _require_str(item: dict, key: str, *, required: bool = False, max_length: int | None = None) -> str:
    value = item.get(key)
    if value is None:
        if required:
            raise ImportError_(f'"{key}" is missing')
        return ""
    if not isinstance(value, str):
        raise ImportError_(f'"{key}" must be a string')
    value = value.strip()
    if required and not value:
        raise ImportError_(f'"{key}" is empty')
    if max_length and len(value) > max_length:
        raise ImportError_(f'"{key}" is longer than {max_length} characters')
    return value


def str_list(item: dict, key: str) -> list[str]:
    value = item.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ImportError_(f'"{key}" must be a list of strings')
    return [v.strip() for v in value if v.strip()]


def dict_list(item: dict, key: str, fields: tuple[str, ...], required: tuple[str, ...] = ()) -> list[dict]:
    value = item.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ImportError_(f'"{key}" must be a list of objects')
    result = []
    for entry in value:
        for name in required:
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                raise ImportError_(f'every item in "{key}" needs "{name}"')
        result.append({name: str(entry.get(name) or "").strip() for name in fields})
    return result


def parse_date(item: dict, key: str) -> datetime.date | None:
    value = item.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ImportError_(f'"{key}" must be a date as YYYY-MM-DD')
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ImportError_(f'"{key}" is not a valid date (YYYY-MM-DD): {value!r}') from None


def parse_datetime(item: dict, key: str, *, required: bool = False) -> datetime.datetime | None:
    value = item.get(key)
    if value in (None, ""):
        if required:
            raise ImportError_(f'"{key}" is missing')
        return None
    if not isinstance(value, str):
        raise ImportError_(f'"{key}" must be a date and time as YYYY-MM-DDTHH:MM')
    try:
        parsed = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ImportError_(f'"{key}" is not a valid date and time (YYYY-MM-DDTHH:MM): {value!r}') from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def validate_common(item: Any) -> dict:
    if not isinstance(item, dict):
        raise ImportError_("a line must be a JSON object")
    kind = item.get("type")
    if not isinstance(kind, str) or kind not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        raise ImportError_(f'unknown "type" {kind!r} (known types: {known})')
    if item.get("locale") not in LOCALES:
        raise ImportError_(f'"locale" must be one of {", ".join(LOCALES)}, not {item.get("locale")!r}')
    slug = _require_str(item, "slug", required=True, max_length=200)
    if not SLUG_RE.match(slug):
        raise ImportError_(
            f'"slug" must be lowercase letters, digits and hyphens (like {ascii_slug(slug)!r}), not {slug!r}'
        )
    _require_str(item, "title", required=True, max_length=255)
    _require_str(item, "intro")
    _require_str(item, "body")
    str_list(item, "tags")
    str_list(item, "synonyms")
    parse_date(item, "published_at")
    content_type = REGISTRY[kind]
    if content_type.validate:
        content_type.validate(item)
    return item


# -- import ----------------------------------------------------------------------------


def item_hash(item: dict) -> str:
    return hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def find_page(item: dict):
    content_type = REGISTRY[item["type"]]
    return (
        content_type.page_model()
        .objects.filter(locale__language_code=item["locale"], slug=item["slug"].strip())
        .order_by("path")
        .first()
    )


def planned_action(item: dict) -> str:
    page = find_page(item)
    if page is None:
        return "created"
    return "unchanged" if page.import_hash == item_hash(item) else "updated"


# -- a batch of items: the indexes are updated once per page, at the end ----------------------------

_batch = threading.local()


@contextlib.contextmanager
def batch():
    """Import many items as one transaction, and index each touched page once, at the end.

    A new page is saved three times (added to the tree, revision, publish); each save would update
    Wagtail's admin search index and reference index, and each publish the public search index (one
    engine commit per page). Inside a batch those updates wait for the end and run once per page, in
    its final state. Each item still has its own savepoint, so a failing item changes nothing.
    Meant for `import_content` (one command process): pausing the admin search's signal is process-wide.
    """
    if getattr(_batch, "touched", None) is not None:
        yield
        return
    _batch.touched, _batch.indexes, _batch.known = set(), {}, {}
    paused = [model for model in admin_search_index.get_indexed_models() if issubclass(model, Page)]
    for model in paused:
        post_save.disconnect(admin_search_on_save, sender=model)
    try:
        with (
            public_search.batched(),
            disable_reference_index_auto_update(),
            _trusted_foreign_keys(),
            transaction.atomic(),
        ):
            yield
            pages = list(Page.objects.filter(pk__in=_batch.touched).specific())
            for page in pages:
                ReferenceIndex.create_or_update_for_object(page)
            _update_admin_search(pages)
    finally:
        for model in paused:
            post_save.connect(admin_search_on_save, sender=model)
        _batch.touched = _batch.indexes = _batch.known = None


#: Foreign keys that only Wagtail sets while importing (never a value from an import line): a page's
#: locale (its index page's), content type and revisions, and what a page log entry points at.
TRUSTED_FOREIGN_KEYS = (
    (Page, ("locale", "content_type", "latest_revision", "live_revision")),
    (PageLogEntry, ("content_type", "page", "revision")),
)


@contextlib.contextmanager
def _trusted_foreign_keys():
    """Within the batch (this thread only), model validation of TRUSTED_FOREIGN_KEYS skips its exists() query.

    Safe: their values are rows that exist in this transaction (the index page's locale, Wagtail's content
    types, the revision and page just written), and the database's own foreign-key constraints check them
    again at commit. Every other check of these fields (null, blank, choices) and every other field still
    validates as usual. Saves some ten queries per new page (two full_cleans and two log entries).
    """
    fields = [model._meta.get_field(name) for model, names in TRUSTED_FOREIGN_KEYS for name in names]
    for field in fields:
        field.validate = functools.partial(_trusted_validate, field)  # on the field object: removed below
    try:
        yield
    finally:
        for field in fields:
            del field.validate


def _trusted_validate(field, value, model_instance):
    if not in_batch():  # another thread, outside the import
        return ForeignKey.validate(field, value, model_instance)
    return super(ForeignKey, field).validate(value, model_instance)  # Field.validate: no query


def in_batch() -> bool:
    """Whether an import batch runs in this thread: work a publish does ahead for readers (warming caches) can wait."""
    return getattr(_batch, "touched", None) is not None


def _update_admin_search(pages) -> None:
    """Wagtail's admin search index for these (specific) pages: one bulk write per page type.

    What `insert_or_update_object` does page by page, in bulk: the database backend recomputes its
    title norms over the whole index table after every write, once per page that is quadratic in the
    size of the site; here it is once per type and batch.
    """
    by_model = defaultdict(list)
    for page in pages:
        indexed = page.get_indexed_instance()
        if indexed is not None:
            by_model[type(indexed)].append(indexed)
    for model, objects in by_model.items():
        indexable = set(model.get_indexed_objects().filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True))
        objects = [o for o in objects if o.pk in indexable]
        if not objects:
            continue
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(model, objects)
            except Exception:  # as insert_or_update_object: a search backend never breaks the import
                logger.exception(
                    "Could not add %d %s pages to the %r search backend", len(objects), model.__name__, name
                )


def _index_page(content_type: ContentType, locale: str):
    """The index page of a type in a locale (remembered for the rest of a batch)."""
    indexes = getattr(_batch, "indexes", None)
    key = (content_type.name, locale)
    if indexes is not None and key in indexes:
        return indexes[key]
    page = ensure_index(content_type.index_model(), locale, content_type.index_titles, content_type.index_slugs)
    if indexes is not None:
        indexes[key] = page
    return page


def _known_pages(content_type: ContentType, locale: str) -> dict[str, tuple[int, str]] | None:
    """{slug: (page id, import hash)} of a type's pages in a locale, read once per batch (None outside one).

    Saves a query per line: a new item needs none to know it is new, an unchanged one none to be skipped.
    """
    known = getattr(_batch, "known", None)
    if known is None:
        return None
    key = (content_type.name, locale)
    if key not in known:
        rows = (
            content_type.page_model()
            .objects.filter(locale__language_code=locale)
            .order_by("-path")  # the first by path wins, as in find_page
            .values_list("slug", "pk", "import_hash")
        )
        known[key] = {slug: (pk, digest) for slug, pk, digest in rows}
    return known[key]


#: The page fields publishing sets (PublishRevisionAction._publish_revision); the rest is the revision's content.
PUBLISH_FIELDS = (
    "live",
    "has_unpublished_changes",
    "expired",
    "first_published_at",
    "last_published_at",
    "live_revision",
)


def _publish(revision, created: bool) -> None:
    """`revision.publish()` (the same action; no page model overrides `publish`), minus checks that cannot
    find anything for the page this item has just saved."""
    action = PublishPageRevisionAction(revision)
    page = action.object  # the page as in the revision, which the action saves once
    # Validated a moment ago in this transaction (add_child or save_revision) with this revision's content;
    # publishing only sets Wagtail's own fields (live, dates, live revision): no second full_clean.
    save = functools.partial(page.save, clean=False)
    if created:
        # The row add_child wrote holds this revision's content (save_revision recorded it unchanged): write
        # what publishing changes, not the whole page, its tags and comments again (nor read it back first).
        save = functools.partial(save, update_fields=PUBLISH_FIELDS)
        page._is_site_root = False  # Wagtail's own shortcut; a new page's translation key is new: no Site's root
        page._current_workflow_states = []  # Wagtail's own shortcut; nothing started a workflow on a new page
        _once(page, "update_aliases", lambda **kwargs: None)  # a page created in this transaction has no aliases
        # A new page's one revision, just written by save_revision: the latest, with none before it.
        _once(revision, "is_latest_revision", lambda: True)
        _once(revision, "get_previous", _no_previous_revision)
    _once(page, "save", save)
    try:
        action.execute()
    finally:  # whatever the action did not call (it returns early when publishing is scheduled for later)
        for obj in (page, revision):
            for method in ("save", "update_aliases", "is_latest_revision", "get_previous"):
                obj.__dict__.pop(method, None)


def _no_previous_revision():
    raise Revision.DoesNotExist


def _validate_unique_but(page, skipped: set[str], exclude=None) -> None:
    """Django's unique checks of `page`, except those that involve the `skipped` fields."""
    type(page).validate_unique(page, exclude={*(exclude or ()), *skipped})


def _once(obj, method: str, replacement) -> None:
    """The next call of `obj.<method>(…)` runs `replacement(…)` instead; later calls run the method itself."""

    def once(*args, **kwargs):
        del obj.__dict__[method]
        return replacement(*args, **kwargs)

    obj.__dict__[method] = once


@transaction.atomic
def import_item(item: dict) -> str:
    """Create or update the page for one validated item; returns "created", "updated" or "unchanged"."""
    content_type = REGISTRY[item["type"]]
    digest = item_hash(item)
    known = _known_pages(content_type, item["locale"])
    if known is None:
        page = find_page(item)
    else:
        pk, stored = known.get(item["slug"].strip(), (None, None))
        if pk is not None and stored == digest:
            return "unchanged"
        page = content_type.page_model().objects.get(pk=pk) if pk is not None else None
    if page is not None and page.import_hash == digest:
        return "unchanged"  # live or not: an editor may have unpublished it, and that stands
    created = page is None
    if created:
        index = _index_page(content_type, item["locale"])
        page = content_type.page_model()(slug=item["slug"].strip(), locale=index.locale)
    page.title = item["title"].strip()
    page.intro = (item.get("intro") or "").strip()
    page.import_hash = digest
    content_type.apply(page, item)
    tags = str_list(item, "tags")
    if hasattr(page, "tags"):
        page.tags.set(tags)
    if created:
        page._is_site_root = False  # Wagtail's own shortcut; a new page's translation key is new: no Site's root
        # Its translation key is a new UUID and treebeard gives it the next free path: those two unique
        # checks (queries) cannot fail, and the database's unique constraints enforce them anyway.
        _once(page, "validate_unique", functools.partial(_validate_unique_but, page, {"translation_key", "path"}))
        index.add_child(instance=page)  # validates the page (a new page is live, so full_clean)
    # A new page was validated by add_child just now, unchanged since: no second full_clean for its revision.
    _publish(page.save_revision(clean=not created), created)
    touched = getattr(_batch, "touched", None)
    if touched is not None:
        touched.add(page.pk)
    if known is not None:
        known[page.slug] = (page.pk, digest)
    return "created" if created else "updated"
