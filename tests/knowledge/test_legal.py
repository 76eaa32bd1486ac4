"""The legal reference register: import maps references onto it, changes flag citing pages, readers see the current law."""

import json

import pytest
from django.core.management import call_command
from django.utils import translation

from knowledge.models import GuidePage, LegalProvision, ReviewFlag
from tests.conftest import SAMPLE_ITEMS, write_jsonl
from tests.knowledge.legal_factories import LegalProvisionFactory

pytestmark = pytest.mark.django_db


def import_items(tmp_path, items):
    call_command("import_content", str(write_jsonl(tmp_path / "items.jsonl", items)), stdout=open("/dev/null", "w"))


def guide_item(**overrides):
    item = {
        "type": "guide",
        "locale": "da",
        "slug": "tabt-arbejdsfortjeneste",
        "title": "Tabt arbejdsfortjeneste",
        "intro": "Du kan få dækket tabt arbejdsfortjeneste.",
        "body": "## Hvem?\n\nForældre.",
        "legal": [{"law": "Serviceloven", "section": "§ 42", "url": "https://www.retsinformation.dk/sel42"}],
        "last_reviewed": "2026-01-10",
    }
    item.update(overrides)
    return item


def test_import_cites_register_provisions_reused_by_country_law_and_section(site_tree, tmp_path):
    import_items(
        tmp_path,
        [
            guide_item(),
            guide_item(slug="merudgifter", title="Merudgifter"),
            guide_item(locale="nb", slug="forvaltning", legal=[{"law": "Serviceloven", "section": "§ 42", "url": ""}]),
        ],
    )
    assert LegalProvision.objects.filter(law="Serviceloven", section="§ 42").count() == 2  # one Danish, one Norwegian
    danish = LegalProvision.objects.get(jurisdiction="dk", section="§ 42")
    assert danish.url == "https://www.retsinformation.dk/sel42"
    guide = GuidePage.objects.get(slug="tabt-arbejdsfortjeneste")
    assert [b.value for b in guide.body if b.block_type == "legal_provision"] == [danish]
    assert {p.slug for p in danish.citing_pages()} == {"tabt-arbejdsfortjeneste", "merudgifter"}


def test_reimport_of_unchanged_items_changes_nothing(site_tree, tmp_path):
    import_items(tmp_path, [guide_item()])
    guide = GuidePage.objects.get(slug="tabt-arbejdsfortjeneste")
    revisions = guide.revisions.count()
    import_items(tmp_path, [guide_item()])
    assert guide.revisions.count() == revisions
    assert LegalProvision.objects.filter(law="Serviceloven").count() == 1


def test_guide_shows_register_provision_with_link(site_tree, tmp_path, client):
    import_items(tmp_path, [guide_item()])
    html = client.get("/vejledninger/tabt-arbejdsfortjeneste/").content.decode()
    assert '<a href="https://www.retsinformation.dk/sel42">Serviceloven § 42</a>' in html


def test_renumbering_flags_citing_pages_and_readers_see_current_provision(site_tree, tmp_path, client):
    import_items(
        tmp_path,
        [
            guide_item(),
            guide_item(
                slug="aflastning", title="Aflastning", legal=[{"law": "Barnets lov", "section": "§ 32", "url": ""}]
            ),
        ],
    )
    old = LegalProvision.objects.get(section="§ 42")
    new = LegalProvisionFactory(law="Barnets lov", section="§ 87", url="https://www.retsinformation.dk/bl87")
    old.status = LegalProvision.Status.RENUMBERED
    old.replaced_by = new
    old.save()

    flags = ReviewFlag.objects.filter(resolved_at__isnull=True)
    assert [(f.page.slug, f.reason) for f in flags] == [
        ("tabt-arbejdsfortjeneste", "Serviceloven § 42 er flyttet til Barnets lov § 87.")
    ]
    html = client.get("/vejledninger/tabt-arbejdsfortjeneste/").content.decode()
    assert "<del>Serviceloven § 42</del>" in html
    assert '<a href="https://www.retsinformation.dk/bl87">Barnets lov § 87</a>' in html
    # saving again does not open a second flag
    old.status_note = "Reglerne om børn blev samlet i Barnets lov i 2024."
    old.save()
    assert ReviewFlag.objects.filter(resolved_at__isnull=True).count() == 1


def test_repeal_without_replacement_says_so(site_tree, tmp_path, client):
    import_items(tmp_path, [guide_item()])
    provision = LegalProvision.objects.get(law="Serviceloven", section="§ 42")
    provision.status = LegalProvision.Status.REPEALED
    provision.save()
    assert ReviewFlag.objects.get().reason == "Serviceloven § 42 er ophævet."
    assert "Bestemmelsen er ophævet." in client.get("/vejledninger/tabt-arbejdsfortjeneste/").content.decode()


def test_the_flag_is_in_the_sites_language_whatever_language_is_active(site_tree, tmp_path):
    """The reason is stored for the editorial team; a Norwegian request or command does not change it."""
    import_items(tmp_path, [guide_item()])
    provision = LegalProvision.objects.get(law="Serviceloven", section="§ 42")
    provision.status = LegalProvision.Status.REPEALED
    with translation.override("nb"):
        provision.save()
    assert ReviewFlag.objects.get().reason == "Serviceloven § 42 er ophævet."


def test_current_follows_chain_and_survives_loops():
    a, b, c = (LegalProvisionFactory(section=s) for s in ("§ 1", "§ 2", "§ 3"))
    LegalProvision.objects.filter(pk=a.pk).update(status="renumbered", replaced_by=b)
    LegalProvision.objects.filter(pk=b.pk).update(status="renumbered", replaced_by=c)
    assert LegalProvision.objects.get(pk=a.pk).current() == c
    LegalProvision.objects.filter(pk=c.pk).update(status="renumbered", replaced_by=a)
    assert LegalProvision.objects.get(pk=a.pk).current() is None


def test_publishing_as_reviewed_closes_the_flag(site_tree, tmp_path):
    import_items(tmp_path, [guide_item()])
    provision = LegalProvision.objects.get(law="Serviceloven", section="§ 42")
    provision.status = LegalProvision.Status.REPEALED
    provision.save()
    guide = GuidePage.objects.get(slug="tabt-arbejdsfortjeneste")
    guide.save_revision().publish()  # published again, but not marked as reviewed
    assert ReviewFlag.objects.filter(resolved_at__isnull=True).count() == 1
    from django.utils import timezone

    guide.last_reviewed = timezone.localdate()
    guide.save_revision().publish()
    assert ReviewFlag.objects.filter(resolved_at__isnull=True).count() == 0


def test_data_migration_converts_free_text_references(site_tree, tmp_path):
    """Migration 0003 turns old `legal_reference` blocks (page and latest revision) into register citations."""
    import importlib

    from django.apps import apps

    import_items(tmp_path, [guide_item(legal=[])])
    guide = GuidePage.objects.get(slug="tabt-arbejdsfortjeneste")
    legacy = [
        {"type": "paragraph", "value": "<p>Tekst</p>", "id": "p1"},
        {
            "type": "legal_reference",
            "id": "l1",
            "value": {"law": "Barnets lov", "section": "§ 86", "url": "https://www.retsinformation.dk/bl86"},
        },
    ]
    GuidePage.objects.filter(pk=guide.pk).update(body=legacy)
    revision = guide.latest_revision
    revision.content["body"] = json.dumps(legacy)
    revision.save()

    migration = importlib.import_module("knowledge.migrations.0003_legal_references_to_register")
    migration.forwards(apps, None)

    provision = LegalProvision.objects.get(law="Barnets lov", section="§ 86", jurisdiction="dk")
    guide = GuidePage.objects.get(pk=guide.pk)
    assert [(b.block_type, b.value) for b in guide.body] == [
        ("paragraph", guide.body[0].value),
        ("legal_provision", provision),
    ]
    assert [b["type"] for b in json.loads(guide.latest_revision.content["body"])] == ["paragraph", "legal_provision"]


def test_citations_report_lists_where_each_provision_is_cited(site_tree, tmp_path, admin_client):
    import_items(tmp_path, [guide_item(), guide_item(slug="merudgifter", title="Merudgifter")])
    LegalProvisionFactory(law="Barnets lov", section="§ 99")
    response = admin_client.get("/admin/reports/lovhenvisninger/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Serviceloven § 42" in html and "Tabt arbejdsfortjeneste" in html and "Merudgifter" in html
    assert "Ingen sider" in html  # § 99 is cited nowhere
    csv = b"".join(admin_client.get("/admin/reports/lovhenvisninger/?export=csv").streaming_content).decode()
    assert "Merudgifter, Tabt arbejdsfortjeneste" in csv


def test_sample_content_still_imports(sample_content):
    guide = GuidePage.objects.get(slug="merudgifter")
    assert [str(b.value) for b in guide.body if b.block_type == "legal_provision"] == ["Barnets lov § 86"]
    assert SAMPLE_ITEMS  # the shared fixture items carry "legal" and import without error
