"""The import_content contract: JSON Lines → live pages, idempotent, bad lines reported and skipped."""

import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from knowledge.models import ArticlePage, GlossaryPage, GuideIndexPage, GuidePage, PositionPaperPage, PrinciplePage
from tests.conftest import SAMPLE_ITEMS, write_jsonl

pytestmark = pytest.mark.django_db


def fresh(items, suffix="ny"):
    """SAMPLE_ITEMS with slugs outside the session's snapshot (which already holds the sample content)."""
    renamed = []
    for item in items:
        item = dict(item, slug=f"{item['slug']}-{suffix}")
        if "related" in item:
            item["related"] = [f"{slug}-{suffix}" for slug in item["related"]]
        renamed.append(item)
    return renamed


NEW_ITEMS = fresh(SAMPLE_ITEMS)


def run_import(*paths, dry_run=False):
    from io import StringIO

    out, err = StringIO(), StringIO()
    args = [str(p) for p in paths] + (["--dry-run"] if dry_run else [])
    try:
        call_command("import_content", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, out.getvalue(), err.getvalue()


def test_every_item_becomes_a_live_page_under_its_index(tmp_path):
    code, out, err = run_import(write_jsonl(tmp_path / "a.jsonl", NEW_ITEMS))
    assert code == 0, err
    assert "7 created" in out
    guide = GuidePage.objects.get(slug="merudgifter-ny", locale__language_code="da")
    assert guide.live and guide.title == "Dækning af merudgifter til dit barn"
    assert isinstance(guide.get_parent().specific, GuideIndexPage)
    assert guide.get_parent().get_parent().locale.language_code == "da"
    assert [tag.name for tag in guide.tags.all()] == ["økonomi"]
    # what to do first ("Sådan gør du", "Det skal du bruge"), then the background
    assert [b.block_type for b in guide.body][:5] == ["steps", "checklist", "heading", "paragraph", "heading"]
    assert guide.last_reviewed.isoformat() == "2026-09-01"
    nb_guide = GuidePage.objects.get(slug="avlastning-ny")
    assert nb_guide.locale.language_code == "nb"
    assert nb_guide.get_parent().get_parent().locale.language_code == "nb"
    paper = PositionPaperPage.objects.get(slug="retssikkerhed-ny")
    assert [r["anchor"] for r in paper.numbered_recommendations()] == ["anbefaling-1", "anbefaling-2", "anbefaling-3"]
    assert PrinciplePage.objects.get(slug="princip-1-ny").number == 1
    assert ArticlePage.objects.get(slug="ny-raadgivning-ny").published_at.isoformat() == "2026-05-01"
    term = GlossaryPage.objects.get(slug="merudgifter-ord-ny")
    assert term.synonym_list() == ["ekstra udgifter", "extra expenses"]
    assert list(term.related_guides.all()) == [guide]


def test_index_pages_in_both_languages_are_translations_of_each_other(tmp_path):
    run_import(write_jsonl(tmp_path / "a.jsonl", NEW_ITEMS))
    indexes = GuideIndexPage.objects.all()
    assert {i.locale.language_code for i in indexes} == {"da", "nb"}
    assert len({i.translation_key for i in indexes}) == 1


def test_unchanged_items_change_nothing_and_changed_items_get_a_new_revision(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", NEW_ITEMS)
    run_import(path)
    guide = GuidePage.objects.get(slug="merudgifter-ny")
    revisions = guide.revisions.count()
    pages = Page.objects.count()

    code, out, _ = run_import(path)
    assert code == 0 and "0 created, 0 updated, 7 unchanged" in out
    assert guide.revisions.count() == revisions and Page.objects.count() == pages

    changed = [dict(item) for item in NEW_ITEMS]
    changed[0]["title"] = "Merudgifter: sådan får du dækket ekstra udgifter"
    code, out, _ = run_import(write_jsonl(tmp_path / "b.jsonl", changed))
    assert "1 updated" in out and "6 unchanged" in out
    guide.refresh_from_db()
    assert guide.title == "Merudgifter: sådan får du dækket ekstra udgifter"
    assert guide.revisions.count() == revisions + 1
    assert guide.live and not guide.has_unpublished_changes
    assert Page.objects.count() == pages


def test_within_one_batch_a_repeated_item_is_unchanged_and_a_changed_one_updates_the_same_page(tmp_path):
    """A batch reads the existing slugs and hashes once; pages it creates itself must count as existing."""
    guide = fresh(SAMPLE_ITEMS, suffix="twice")[0]
    changed = dict(guide, title="Merudgifter, anden udgave")
    lines = [guide, guide, changed, {**guide, "slug": "merudgifter-twice-nb", "locale": "nb"}]
    code, out, err = run_import(write_jsonl(tmp_path / "a.jsonl", lines))
    assert code == 0, err
    assert "2 created, 1 updated, 1 unchanged" in out
    page = GuidePage.objects.get(slug="merudgifter-twice", locale__language_code="da")
    assert page.title == "Merudgifter, anden udgave" and page.revisions.count() == 2
    assert page.live and not page.has_unpublished_changes


def test_bad_lines_are_reported_with_file_line_and_reason_and_the_rest_imports(tmp_path):
    lines = [
        json.dumps(NEW_ITEMS[1], ensure_ascii=False),
        "{not json",
        json.dumps({"type": "recipe", "locale": "da", "slug": "x", "title": "X"}),
        json.dumps({"type": "guide", "locale": "sv", "slug": "x", "title": "X"}),
        json.dumps({"type": "guide", "locale": "da", "slug": "Not A Slug", "title": "X"}),
        json.dumps({"type": "guide", "locale": "da", "slug": "x"}),
        json.dumps({"type": "article", "locale": "da", "slug": "x", "title": "X", "published_at": "2026-13-45"}),
        json.dumps({"type": "guide", "locale": "da", "slug": "y", "title": "Y", "tags": "økonomi"}),
        "[1, 2]",
        "",
        json.dumps(NEW_ITEMS[5], ensure_ascii=False),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run_import(path)
    assert code == 1
    assert "2 created" in out and "8 failed" in out
    for number, reason in [
        (2, "not valid JSON"),
        (3, 'unknown "type"'),
        (4, '"locale"'),
        (5, '"slug"'),
        (6, '"title" is missing'),
        (7, "not a valid date"),
        (8, '"tags" must be a list'),
        (9, "JSON object"),
    ]:
        assert f"{path}:{number}: " in err and reason in err.split(f"{path}:{number}: ")[1].splitlines()[0]
    assert GuidePage.objects.filter(slug="aflastning-ny").exists()
    assert ArticlePage.objects.filter(slug="ny-raadgivning-ny").exists()
    assert not GuidePage.objects.filter(slug__in=["x", "y"]).exists()


def test_dry_run_reports_and_changes_nothing(tmp_path):
    pages = Page.objects.count()
    code, out, _ = run_import(write_jsonl(tmp_path / "a.jsonl", NEW_ITEMS), dry_run=True)
    assert code == 0 and "7 would be created" in out
    assert Page.objects.count() == pages


def test_missing_file_is_a_clear_error(tmp_path):
    code, _, err = run_import(tmp_path / "nope.jsonl")
    assert code == 1 and "cannot read the file" in err


def test_body_markup_is_escaped_not_executed(tmp_path):
    item = dict(SAMPLE_ITEMS[1], body="<script>alert(1)</script>\n\n- <b>fed</b>")
    run_import(write_jsonl(tmp_path / "a.jsonl", [item]))
    html = str(GuidePage.objects.get(slug="aflastning").body[0].value)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_an_unchanged_item_does_not_republish_a_page_an_editor_unpublished(tmp_path):
    """Issue 9 item 16: an unchanged item changes nothing, live or not."""
    path = write_jsonl(tmp_path / "a.jsonl", NEW_ITEMS[:1])
    run_import(path)
    guide = GuidePage.objects.get(slug="merudgifter-ny")
    guide.unpublish()
    revisions = guide.revisions.count()
    code, out, _ = run_import(path)
    assert code == 0 and "0 created, 0 updated, 1 unchanged" in out
    guide.refresh_from_db()
    assert not guide.live and guide.revisions.count() == revisions
    code, out, _ = run_import(path, dry_run=True)
    assert "1 unchanged" in out


def test_a_batch_indexes_each_page_once_for_search_and_references(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    """The importer defers the index updates to the end of its batch; they must still all happen."""
    from wagtail.models import ReferenceIndex

    from search.engines import get_engine, reset_engine

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    reset_engine()
    with django_capture_on_commit_callbacks(execute=True):
        code, out, err = run_import(write_jsonl(tmp_path / "a.jsonl", NEW_ITEMS))
    assert code == 0, err
    guide = GuidePage.objects.get(slug="merudgifter-ny")
    hits = get_engine().search("merudgifter", "da").hits
    assert "merudgifter-ny" in [hit.slug for hit in hits]
    assert get_engine().search("avlastning", "nb").total == 1
    cited = ReferenceIndex.get_references_for_object(guide).values_list("to_content_type__model", flat=True)
    assert "legalprovision" in list(cited)
    reset_engine()


def test_a_batch_updates_wagtails_admin_search_for_every_imported_page(tmp_path, settings):
    """The admin search is written in bulk at the end of a batch (per page type): every page must be found."""
    from wagtail.search.backends import get_search_backend

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    items = fresh(SAMPLE_ITEMS, suffix="admin")
    code, out, err = run_import(write_jsonl(tmp_path / "a.jsonl", items))
    assert code == 0, err
    backend = get_search_backend()
    for item in items:
        model = {"guide": GuidePage, "article": ArticlePage, "glossary": GlossaryPage}.get(item["type"])
        if model is None:
            continue
        found = backend.search(item["title"], model)
        assert item["slug"] in [page.slug for page in found], item["slug"]


def test_a_new_page_is_recorded_as_wagtails_own_publish_records_it(tmp_path):
    """The importer publishes a new page with fewer checks and writes (importing/registry.py `_publish`):
    the page, its one revision and its log must still be what `save_revision().publish()` leaves."""
    from wagtail.models import PageLogEntry

    item = fresh(SAMPLE_ITEMS, suffix="record")[0]
    code, out, err = run_import(write_jsonl(tmp_path / "a.jsonl", [item]))
    assert code == 0, err
    page = GuidePage.objects.get(slug="merudgifter-record")
    revision = page.revisions.get()
    assert page.live and not page.has_unpublished_changes and not page.expired
    assert page.live_revision == revision and page.latest_revision == revision
    assert page.first_published_at == page.last_published_at and page.first_published_at >= revision.created_at
    assert page.draft_title == page.title == revision.object_str == item["title"]
    assert page.url_path == page.get_parent().url_path + "merudgifter-record/"
    assert revision.as_object().body.get_prep_value() == page.body.get_prep_value()
    assert [tag.name for tag in revision.as_object().tags.all()] == ["økonomi"]
    log = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    assert [(e.action, e.revision_id) for e in log] == [("wagtail.create", None), ("wagtail.publish", revision.pk)]


def test_foreign_key_validation_skips_its_query_only_inside_a_batch():
    """A batch trusts the foreign keys Wagtail sets (importing/registry.py TRUSTED_FOREIGN_KEYS), nothing else."""
    from django.core.exceptions import ValidationError
    from wagtail.models import Locale

    from importing.registry import batch

    field = Page._meta.get_field("locale")
    missing = Locale.objects.order_by("-pk").first().pk + 1000
    with batch():
        field.validate(missing, Page())  # no query: the database checks it at commit
        with pytest.raises(ValidationError):
            Page._meta.get_field("owner").validate(10**9, Page())  # not a trusted field
    assert "validate" not in field.__dict__
    with pytest.raises(ValidationError):
        field.validate(missing, Page())


def test_a_new_page_is_still_validated_by_django_and_wagtail(tmp_path):
    """The batch skips only checks of what Wagtail sets; the slug a line brings is still checked (here against
    a page of another type under the same index, which the importer does not track)."""
    index = GuideIndexPage.objects.get(locale__language_code="da")
    index.add_child(instance=Page(title="Ikke en vejledning", slug="optaget-slug"))
    item = dict(fresh(SAMPLE_ITEMS, suffix="slug")[0], slug="optaget-slug")
    code, out, err = run_import(write_jsonl(tmp_path / "a.jsonl", [item, NEW_ITEMS[1]]))
    assert code == 1 and "1 created" in out and "1 failed" in out
    assert ":1: could not be imported: ValidationError" in err
    assert "The slug 'optaget-slug' is already in use" in err
    assert not GuidePage.objects.filter(slug="optaget-slug").exists()


def test_no_imported_page_type_overrides_what_the_importer_calls_around_wagtails_publish():
    """importing/registry.py `_publish` runs Wagtail's publish action itself (so it can skip checks that
    cannot apply to a page it has just created); a page type with its own `publish` would be bypassed."""
    from importing.registry import REGISTRY

    for content_type in REGISTRY.values():
        model = content_type.page_model()
        for method in ("publish", "with_content_json", "update_aliases", "validate_unique"):
            assert getattr(model, method) is getattr(Page, method), (model.__name__, method)
