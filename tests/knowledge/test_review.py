"""Guides due for review: the dashboard panel, the reminder digests and `send_review_reminders`."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from knowledge.models import GuidePage, LegalProvision
from knowledge.models.guides import add_months
from knowledge.review import guides_due
from tests.conftest import write_jsonl
from tests.knowledge.legal_factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def import_guides(tmp_path, *items):
    base = {"type": "guide", "locale": "da", "intro": "Kort.", "body": "Tekst."}
    call_command(
        "import_content",
        str(write_jsonl(tmp_path / "g.jsonl", [{**base, **i} for i in items])),
        stdout=open("/dev/null", "w"),
    )


@pytest.fixture
def guides(site_tree, tmp_path):
    import_guides(
        tmp_path,
        {"slug": "gammel", "title": "Gammel vejledning", "last_reviewed": "2025-10-01"},  # overdue
        {"slug": "snart", "title": "Snart forfalden", "last_reviewed": "2025-12-10"},  # due within 30 days
        {"slug": "frisk", "title": "Frisk vejledning", "last_reviewed": "2026-11-01"},  # fine
        {
            "slug": "lov",
            "title": "Lovvejledning",
            "last_reviewed": "2026-11-01",
            "legal": [{"law": "Serviceloven", "section": "§ 42", "url": ""}],
        },
    )
    owner = UserFactory(username="rikke", email="rikke@example.org", first_name="Rikke", last_name="Holm")
    GuidePage.objects.filter(slug__in=["gammel", "frisk"]).update(review_owner=owner)
    return owner


def test_add_months_clamps_to_month_end():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 11, 15), 12) == datetime.date(2026, 11, 15)
    assert add_months(datetime.date(2025, 12, 31), 2) == datetime.date(2026, 2, 28)


def test_guides_due_lists_overdue_soon_and_flagged(guides):
    provision = LegalProvision.objects.get(law="Serviceloven", section="§ 42")
    provision.status = LegalProvision.Status.REPEALED
    provision.save()
    items = guides_due(TODAY)
    assert [(i.page.slug, i.overdue) for i in items] == [("gammel", True), ("lov", True), ("snart", False)]
    assert items[0].due == datetime.date(2026, 10, 1)
    assert items[1].flags[0].reason == "Serviceloven § 42 er ophævet."


def test_review_interval_is_per_guide(guides):
    GuidePage.objects.filter(slug="gammel").update(review_interval_months=24)
    assert [i.page.slug for i in guides_due(TODAY)] == ["snart"]


def test_send_review_reminders_sends_one_digest_per_owner(guides, settings):
    settings.ORGANISATION_EMAIL = "redaktion@example.org"
    call_command("send_review_reminders", "--date", "2026-11-23", stdout=open("/dev/null", "w"))
    assert sorted(m.to[0] for m in mail.outbox) == ["redaktion@example.org", "rikke@example.org"]
    rikke = next(m for m in mail.outbox if m.to == ["rikke@example.org"])
    assert rikke.subject == "1 vejledning skal gennemgås"
    assert "Kære Rikke Holm" in rikke.body
    assert "Gammel vejledning" in rikke.body and "Skulle have været gennemgået 1. oktober 2026" in rikke.body
    assert "Frisk vejledning" not in rikke.body
    guide = GuidePage.objects.get(slug="gammel")
    assert f"/admin/pages/{guide.pk}/edit/" in rikke.body
    unowned = next(m for m in mail.outbox if m.to == ["redaktion@example.org"])
    assert "Snart forfalden" in unowned.body and "Skal gennemgås senest 10. december 2026" in unowned.body


def test_dry_run_sends_nothing(guides, capsys):
    call_command("send_review_reminders", "--dry-run", "--date", "2026-11-23")
    assert mail.outbox == []
    assert "would send rikke@example.org: 1 guide(s)" in capsys.readouterr().out


def test_bad_date_is_a_clear_error(guides):
    with pytest.raises(CommandError, match="--date must be YYYY-MM-DD"):
        call_command("send_review_reminders", "--date", "23/11/2026")


def test_dashboard_panel_lists_due_guides(guides, admin_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(60):  # the whole Wagtail dashboard, our panel adds 3 queries
        html = admin_client.get("/admin/").content.decode()
    assert "Vejledninger til faglig gennemgang" in html
    assert "Gammel vejledning" in html and "Overskredet" in html
    assert "Frisk vejledning" not in html


def test_guide_shows_last_reviewed_to_readers(guides, client):
    html = client.get("/vejledninger/gammel/").content.decode()
    assert '<time datetime="2025-10-01">1. oktober 2025</time>' in html
