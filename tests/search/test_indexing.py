"""Publishing keeps the index true: publish, unpublish, delete, move; failures are queued and retried."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from home.pages import TAG_RE
from search.documents import live_documents
from search.engines import get_engine
from search.models import IndexTask

pytestmark = pytest.mark.django_db


def slugs(text, locale="da"):
    return [hit.slug for hit in get_engine().search(text, locale).hits]


def test_import_and_publish_index_the_page(sample_content, django_capture_on_commit_callbacks, tmp_path):
    from tests.conftest import write_jsonl

    item = {
        "type": "guide",
        "locale": "da",
        "slug": "tolk",
        "title": "Tolk til møder med kommunen",
        "intro": "Du kan få en tolk.",
        "body": "## Tolkebistand\n\nKommunen betaler tolken.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_content", str(write_jsonl(tmp_path / "one.jsonl", [item])), stdout=io.StringIO())
    assert slugs("tolk") == ["tolk"]


def test_unpublish_delete_and_move(indexed_site, django_capture_on_commit_callbacks):
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="aflastning")
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert "aflastning" not in slugs("aflastning")
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert slugs("aflastning")[0] == "aflastning"

    merudgifter = GuidePage.objects.get(slug="merudgifter")
    with django_capture_on_commit_callbacks(execute=True):
        merudgifter.slug = "ekstra-udgifter"
        merudgifter.save_revision().publish()
    hit = next(h for h in get_engine().search("merudgifter", "da").hits if h.type == "guide")
    assert hit.url.endswith("/ekstra-udgifter/")

    with django_capture_on_commit_callbacks(execute=True):
        guide.delete()
    assert "aflastning" not in slugs("aflastning")


def test_move_updates_the_url(indexed_site, django_capture_on_commit_callbacks):
    from home.models import StandardPage
    from knowledge.models import GuidePage

    home = indexed_site["da"]
    new_parent = StandardPage(title="Arkiv", slug="arkiv")
    home.add_child(instance=new_parent)
    new_parent.save_revision().publish()
    guide = GuidePage.objects.get(slug="merudgifter")
    with django_capture_on_commit_callbacks(execute=True):
        guide.move(new_parent, pos="last-child")
    hit = next(h for h in get_engine().search("merudgifter", "da").hits if h.slug == "merudgifter")
    assert hit.url == "/arkiv/merudgifter/"


class BrokenEngine:
    name = "broken"

    def index(self, documents):
        raise ConnectionError("engine is down")

    delete = index


def test_a_failing_engine_never_breaks_publishing_and_is_retried(
    indexed_site, django_capture_on_commit_callbacks, monkeypatch
):
    from knowledge.models import GuidePage
    from search import engines

    real = get_engine()
    guide = GuidePage.objects.get(slug="aflastning")
    guide.title = "Aflastning og weekendophold"
    monkeypatch.setattr(engines, "_engine", BrokenEngine())
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    guide.refresh_from_db()
    assert guide.live and guide.title == "Aflastning og weekendophold"  # published all the same
    task = IndexTask.objects.get(page_id=guide.pk)
    assert task.attempts == 1 and "engine is down" in task.last_error

    out = io.StringIO()
    call_command("retry_search_index", stdout=out)  # still down: stays queued
    assert IndexTask.objects.get(page_id=guide.pk).attempts == 2

    monkeypatch.setattr(engines, "_engine", real)
    call_command("retry_search_index", stdout=out)
    assert not IndexTask.objects.exists()
    assert get_engine().search("weekendophold", "da").hits[0].title == "Aflastning og weekendophold"


def test_rebuild_and_check_commands(sample_content):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_search_index", stdout=out)  # nothing indexed yet
    assert "missing:" in out.getvalue()
    assert "missing: nb tool membership (page tool:membership:nb)" in out.getvalue()  # a form, not a page
    call_command("rebuild_search_index", stdout=out, stderr=io.StringIO())
    assert "Indexed 11 documents" in out.getvalue()  # 7 pages + the counselling and membership forms in da and nb
    out = io.StringIO()
    call_command("check_search_index", stdout=out)
    assert "0 missing, 0 stale, 0 left behind" in out.getvalue()

    from knowledge.models import GuidePage

    GuidePage.objects.filter(slug="aflastning").update(title="Ny titel uden indeksering")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_search_index", stdout=out)
    assert "stale:   da guide aflastning" in out.getvalue()
    call_command("check_search_index", "--fix", stdout=io.StringIO())
    call_command("check_search_index", stdout=io.StringIO())


def test_setup_editorial_indexes_the_forms(sample_content):
    from search.engines import get_engine

    assert not get_engine().search("rådgivning", "da").hits
    out = io.StringIO()
    call_command("setup_editorial", stdout=out)
    assert "4 tool(s) that are not pages indexed" in out.getvalue()
    hits = get_engine().search("rådgivning", "da").hits
    assert (hits[0].type, hits[0].url) == ("tool", "/faa-raadgivning/")


def test_a_new_language_brings_its_forms_into_the_index(site_tree, settings, django_capture_on_commit_callbacks):
    from wagtail.models import Locale

    from search.engines import get_engine

    settings.LANGUAGES = [*settings.LANGUAGES, ("sv", "Svenska")]
    with django_capture_on_commit_callbacks(execute=True):
        Locale.objects.get_or_create(language_code="sv")
    assert {"tool:counselling:sv", "tool:membership:sv"} <= set(get_engine().document_ids())


def test_every_content_page_type_is_searchable():
    from home.pages import ContentPage
    from search.documents import searchable_models

    models = searchable_models()
    assert all(issubclass(m, ContentPage) and m.content_type_name for m in models)
    names = {m.content_type_name for m in models}
    assert {"guide", "principle", "position_paper", "article", "glossary"} <= names


def test_scheduled_publishing_and_expiry_update_the_index(indexed_site, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="aflastning")
    guide.title = "Aflastning i ferien"
    revision = guide.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    assert revision.approved_go_live_at
    assert get_engine().search("ferien", "da").total == 0  # not live yet
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert slugs("ferien") == ["aflastning"]

    GuidePage.objects.filter(pk=guide.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert "aflastning" not in slugs("ferien")


def test_search_documents_hold_no_markup(sample_content):
    """Every field of every page's search document is plain text (a position paper once showed "&lt;/p&gt;")."""
    documents = list(live_documents())
    assert {d.type for d in documents} >= {"guide", "position_paper", "glossary"}
    for document in documents:
        for text in [document.title, document.summary, document.body, *document.headings]:
            assert not TAG_RE.search(text), (document.slug, TAG_RE.search(text).group())
            assert "&lt;" not in text and "&amp;" not in text, document.slug
