"""import_content accepts campaign, partnership and event items, and explains what is wrong with a bad one."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from campaigns.models import CampaignPage, EventPage, EventSeries, PartnershipPage
from tests.conftest import write_jsonl

pytestmark = pytest.mark.django_db

EVENT = {
    "type": "event",
    "locale": "da",
    "slug": "dialogmoede-aarhus",
    "title": "Dialogmøde i Aarhus",
    "intro": "Et møde om tillid.",
    "start": "2027-03-09T16:00",
    "end": "2027-03-09T19:00+01:00",
    "venue": "Foreningshuset",
    "address": "Eksempelvej 1\n8000 Aarhus C",
    "accessibility": "Elevator.",
    "capacity": 30,
    "mode": "application",
    "opens": "2026-11-01T09:00",
    "closes": "2027-02-16T12:00",
    "region": "Region Midtjylland",
    "kind": "dialogue_meeting",
    "price_note": "Gratis",
    "programme": [{"time": "16.00", "title": "Velkomst", "speaker": "Formanden"}],
    "questions": ["role", "region"],
}
CAMPAIGN = {
    "type": "campaign",
    "locale": "da",
    "slug": "fast-sagsbehandler",
    "title": "Fast sagsbehandler",
    "intro": "Skriv under.",
    "goal": 5000,
    "demands": ["Én fast sagsbehandler", "Besked ved skift"],
    "partners": ["Ligeværd", {"name": "KL", "url": "https://www.kl.dk/"}],
    "problem": "For mange skift.",
}
PARTNERSHIP = {
    "type": "partnership",
    "locale": "da",
    "slug": "tillidsbroen",
    "title": "Tillidsbroen",
    "partners": ["Ligeværd", "Bhov"],
    "recommendations": ["Tal sammen tidligt."],
}


def run(tmp_path, items):
    err = io.StringIO()
    try:
        call_command(
            "import_content", str(write_jsonl(tmp_path / "items.jsonl", items)), stdout=io.StringIO(), stderr=err
        )
    finally:
        (tmp_path / "err").write_text(err.getvalue())
    return err.getvalue()


def test_import_event_campaign_and_partnership(site_tree, tmp_path):
    run(tmp_path, [EVENT, CAMPAIGN, PARTNERSHIP])
    event = EventPage.objects.get(slug="dialogmoede-aarhus")
    assert event.live and event.get_parent().slug == "arrangementer"
    assert event.start.isoformat() == "2027-03-09T15:00:00+00:00"  # Europe/Copenhagen when no offset is given
    assert event.capacity == 30 and event.mode == "application" and event.kind == "dialogue_meeting"
    assert event.ask_region and event.ask_role and not event.ask_dietary
    assert event.programme[0].value["speaker"] == "Formanden"
    campaign = CampaignPage.objects.get(slug="fast-sagsbehandler")
    assert campaign.goal == 5000 and [d["text"] for d in campaign.numbered_demands()] == [
        "Én fast sagsbehandler",
        "Besked ved skift",
    ]
    assert sorted(p.name for p in campaign.partners.all()) == ["KL", "Ligeværd"]
    partnership = PartnershipPage.objects.get(slug="tillidsbroen")
    assert partnership.get_parent().slug == "kampagner" and partnership.partners.count() == 2
    # Idempotent: the same file again changes nothing.
    run(tmp_path, [EVENT, CAMPAIGN, PARTNERSHIP])
    assert EventPage.objects.count() == 1 and CampaignPage.objects.count() == 1


@pytest.mark.parametrize(
    "change,message",
    [
        ({"start": "i morgen"}, '"start" is not a valid date and time'),
        ({"end": "2027-03-09T10:00"}, '"end" must be after "start"'),
        ({"capacity": -1}, '"capacity" must be a whole number'),
        ({"capacity": "30"}, '"capacity" must be a whole number'),
        ({"mode": "lottery"}, '"mode" must be one of first_come, application'),
        ({"kind": "party"}, '"kind" must be one of'),
        ({"programme": [{"speaker": "x"}]}, 'every item in "programme" needs "time"'),
        ({"questions": ["shoe_size"]}, 'unknown "questions": shoe_size'),
        ({"start": None}, '"start" is missing'),
        (
            {"start": "2027-04-06T16:00+01:00", "end": "2027-04-06T19:00"},
            "\"start\" '2027-04-06T16:00+01:00' has UTC offset +01:00, but Europe/Copenhagen is at +02:00 on 2027-04-06",
        ),
        ({"closes": "2027-02-16T12:00+02:00"}, "Europe/Copenhagen is at +01:00 on 2027-02-16: write +01:00"),
    ],
)
def test_bad_event_lines_are_explained(site_tree, tmp_path, change, message):
    with pytest.raises(CommandError):
        err = run(tmp_path, [EVENT | change])
    err = (tmp_path / "err").read_text()
    assert message in err
    assert not EventPage.objects.exists()


def test_bad_campaign_lines_are_explained(site_tree, tmp_path):
    with pytest.raises(CommandError):
        run(
            tmp_path,
            [
                CAMPAIGN | {"goal": 0},
                CAMPAIGN | {"slug": "b", "demands": "ét krav"},
                CAMPAIGN | {"slug": "c", "partners": [{"url": "x"}]},
            ],
        )
    err = (tmp_path / "err").read_text()
    assert '"goal" must be a whole number ≥ 1' in err
    assert '"demands" must be a list of strings' in err
    assert 'every item in "partners"' in err


def test_demo_content_imports(site_tree, settings):
    from pathlib import Path

    files = [str(Path(settings.BASE_DIR) / "demo_content" / name) for name in ("campaigns.jsonl", "events.jsonl")]
    call_command("import_content", *files, stdout=io.StringIO())
    assert CampaignPage.objects.count() == 2 and PartnershipPage.objects.count() == 2
    for language, series_slug in (
        ("da", "tillidsbroen-dialogmoeder-2027"),
        ("nb", "likeverdsreformen-dialogmoter-2027"),
    ):
        dialogue = EventPage.objects.filter(kind="dialogue_meeting", mode="application", locale__language_code=language)
        assert dialogue.count() == 4 and all(e.start.year == 2027 and e.capacity > 0 for e in dialogue)
        # The four meetings of each language form one series, in application mode, with its own deadline.
        series = EventSeries.objects.get(slug=series_slug, locale__language_code=language)
        assert set(series.events.all()) == set(dialogue)
        assert series.mode == "application" and series.registration_closes < min(e.start for e in dialogue)
    assert EventPage.objects.filter(kind="theme_day").get().stands
    assert EventPage.objects.filter(kind="conference").exists()
    # the Copenhagen dialogue meeting in April 2027 is in summer time: 16:00 local is 14:00 UTC
    assert EventPage.objects.get(slug="tillidsbroen-dialogmoede-koebenhavn").start.isoformat() == (
        "2027-04-06T14:00:00+00:00"
    )
    for line in Path(files[0]).read_text().splitlines():
        item = json.loads(line)
        assert "“" not in item.get("body", "")  # no invented quotes
