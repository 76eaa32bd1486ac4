"""The public calculator page, its .ics reminder, the guide block and the seeded rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from deadlines.models import DeadlineRule
from deadlines.setup import ensure_calculator_page
from tests.deadlines.factories import DeadlineRuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calculator(site_tree):
    return ensure_calculator_page("da")


def seeded_danish_rule():
    return DeadlineRule.objects.get(jurisdiction="dk", name__startswith="Afgørelse fra kommunen om social hjælp")


def test_default_rules_are_seeded_with_their_legal_basis():
    danish = seeded_danish_rule()
    assert (danish.duration_value, danish.duration_unit, str(danish.legal_basis)) == (
        4,
        "weeks",
        "Retssikkerhedsloven § 67",
    )
    norwegian = DeadlineRule.objects.get(jurisdiction="no")
    assert (norwegian.duration_value, norwegian.duration_unit, str(norwegian.legal_basis)) == (
        3,
        "weeks",
        "Forvaltningsloven § 29",
    )
    assert {danish.non_working_day_rule, norwegian.non_working_day_rule} == {"none"}


def test_moving_a_deadline_needs_a_legal_basis():
    rule = DeadlineRuleFactory.build(
        non_working_day_rule="next_working_day", legal_basis=seeded_danish_rule().legal_basis
    )
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "non_working_day_basis" in error.value.message_dict


def test_calculator_shows_the_last_day_and_how_it_was_counted(calculator, client, django_assert_max_num_queries):
    rule = seeded_danish_rule()
    client.get("/klagefrist/")  # warm the site-root cache, as a running site has
    with django_assert_max_num_queries(15):
        response = client.get("/klagefrist/", {"rule": rule.pk, "received": "2026-03-02"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<time datetime="2026-03-30">mandag 30. marts 2026</time>' in html
    assert "Fristen er 4 uger. Regnet fra den dag, du modtog afgørelsen, slutter den mandag 30. marts 2026." in html
    assert "Retssikkerhedsloven § 67" in html
    assert "Send klagen til kommunen" in html  # what to do next
    assert "Fristen er overskredet." in html
    assert f"kalender/?rule={rule.pk}&amp;received=2026-03-02" in html


def test_calculator_shows_only_its_countrys_rules(site_tree, client):
    ensure_calculator_page("nb")
    html = client.get("/nb/klagefrist/").content.decode()
    assert "Enkeltvedtak fra kommunen (forvaltningsloven)" in html
    assert "social hjælp" not in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"rule": "", "received": "2026-03-02"}, "Vælg, hvilken slags afgørelse du har fået."),
        ({"rule": "999999", "received": "2026-03-02"}, "Vælg en af afgørelserne på listen."),
        ({"rule": "abc", "received": "2026-03-02"}, "Vælg en af afgørelserne på listen."),
        ({"received": "31-02-2026"}, "Det er ikke en dato, vi kan læse."),
        ({"received": "i går"}, "Det er ikke en dato, vi kan læse."),
        ({"received": "9999-12-31"}, "Datoen ligger i fremtiden."),
        ({"received": "1801-01-01"}, "Datoen er for langt tilbage"),
        ({"received": ""}, "Skriv den dag, du modtog afgørelsen."),
    ],
)
def test_bad_input_gets_a_clear_message(calculator, client, params, message):
    params = {"rule": str(seeded_danish_rule().pk), **params}
    response = client.get("/klagefrist/", params)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'role="alert"' in html and "Sidste dag at klage" not in html


def test_danish_date_formats_are_accepted(calculator, client):
    html = client.get("/klagefrist/", {"rule": seeded_danish_rule().pk, "received": "02-03-2026"}).content.decode()
    assert 'datetime="2026-03-30"' in html


def test_ics_reminder(calculator, client):
    rule = seeded_danish_rule()
    response = client.get("/klagefrist/kalender/", {"rule": rule.pk, "received": "2026-03-02"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="klagefrist-2026-03-30.ics"' in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20260330\r\n" in body and "DTEND;VALUE=DATE:20260331\r\n" in body
    assert "TRIGGER:-P2D" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:Sidste dag at klage: Afgørelse fra kommunen om social hjælp (fx merudgifter\\, tabt" in unfolded


def test_ics_with_bad_input_is_a_400_with_the_message(calculator, client):
    response = client.get("/klagefrist/kalender/", {"rule": seeded_danish_rule().pk, "received": "nej"})
    assert response.status_code == 400
    assert "Det er ikke en dato, vi kan læse." in response.content.decode()


def test_guide_block_links_to_the_calculator(calculator, sample_content, client):
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="merudgifter")
    rule = seeded_danish_rule()
    guide.body.append(("deadline_calculator", {"heading": "Beregn din klagefrist", "rule": rule}))
    guide.save_revision().publish()
    html = client.get("/vejledninger/merudgifter/").content.decode()
    assert '<form method="get" action="/klagefrist/">' in html
    assert f'<input type="hidden" name="rule" value="{rule.pk}">' in html
    assert "4 uger fra den dag, du fik afgørelsen." in html


def test_norwegian_page_is_in_norwegian(site_tree, client):
    ensure_calculator_page("nb")
    rule = DeadlineRule.objects.get(jurisdiction="no")
    html = client.get("/nb/klagefrist/", {"rule": rule.pk, "received": "2025-04-26"}).content.decode()
    assert 'datetime="2025-05-17"' in html  # 3 weeks; 17 May is a holiday but the rule does not move it
    assert "Siste dag for å klage" in html
    assert "Grunnlovsdag" in html


def test_today_is_accepted(calculator, client):
    from django.utils import timezone

    today = timezone.localdate()
    html = client.get("/klagefrist/", {"rule": seeded_danish_rule().pk, "received": today.isoformat()}).content.decode()
    assert f'datetime="{(today + datetime.timedelta(weeks=4)).isoformat()}"' in html
    assert "Der er 28 dage tilbage." in html
