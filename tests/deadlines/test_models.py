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
    return DeadlineRule.objects.get(jurisdiction="dk", name__startswith="Afgørelse fra kommunen om hjælp til dit barn")


def rule_facts(jurisdiction):
    return {
        (
            rule.duration_value,
            rule.duration_unit,
            str(rule.legal_basis),
            rule.legal_basis.url,
            rule.non_working_day_rule,
        )
        for rule in DeadlineRule.objects.filter(jurisdiction=jurisdiction).select_related("legal_basis")
    }


def test_danish_rule_is_four_weeks_under_retssikkerhedsloven_67():
    assert rule_facts("dk") == {
        (4, "weeks", "Retssikkerhedsloven § 67", "https://www.retsinformation.dk/eli/lta/2024/261", "none")
    }
    rule = seeded_danish_rule()
    # "received" is the day the letter arrived, not the day it was opened: Digital Post and paper post
    assert "ikke den dag, du åbnede den" in rule.notes
    assert "Digital Post er det den dag, brevet kom i din indbakke" in rule.notes
    assert "6 hverdage efter datoen i brevet" in rule.notes
    assert "til den næste hverdag" in rule.notes  # weekends and holidays: what the law says, with its source
    assert "Justitsministeriets vejledning om beregning af klagefrister" in rule.notes
    assert "ikke direkte til Ankestyrelsen" in rule.next_steps


def test_norwegian_rules_are_three_four_and_six_weeks_each_with_its_legal_basis():
    assert rule_facts("no") == {
        (4, "weeks", "Pasient- og brukerrettighetsloven § 7-5", "https://lovdata.no/lov/1999-07-02-63/§7-5", "none"),
        (6, "weeks", "Folketrygdloven § 21-12", "https://lovdata.no/lov/1997-02-28-19/§21-12", "none"),
        (3, "weeks", "Forvaltningsloven § 29", "https://lovdata.no/lov/1967-02-10/§29", "none"),
    }
    names = {rule.legal_basis.section: rule.name for rule in DeadlineRule.objects.filter(jurisdiction="no")}
    assert "avlastning, omsorgsstønad, BPA" in names["§ 7-5"]
    assert "Nav" in names["§ 21-12"]
    assert "skole og barnehage" in names["§ 29"]
    for rule in DeadlineRule.objects.filter(jurisdiction="no"):
        assert "ikke dagen du åpnet det" in rule.notes
        assert "kan fristen etter loven være neste virkedag" in rule.notes


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
    assert "Andre enkeltvedtak fra kommunen (for eksempel skole og barnehage)" in html
    assert "Vedtak fra Nav" in html
    assert "hjælp til dit barn" not in html
    assert "selected" not in html.split('name="rule"')[1].split("</select>")[0]  # three rules: the parent chooses


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
    assert (
        "SUMMARY:Sidste dag at klage: Afgørelse fra kommunen om hjælp til dit barn (fx kompensationsydelse\\, tabt"
        in unfolded
    )


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
    assert "4 uger fra den dag, afgørelsen kom frem til dig." in html


def test_norwegian_page_is_in_norwegian(site_tree, client):
    ensure_calculator_page("nb")
    rule = DeadlineRule.objects.get(jurisdiction="no", legal_basis__section="§ 29")
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


def test_norwegian_care_decision_is_counted_four_weeks_not_three(site_tree, client):
    ensure_calculator_page("nb")
    rule = DeadlineRule.objects.get(jurisdiction="no", legal_basis__section="§ 7-5")
    html = client.get("/nb/klagefrist/", {"rule": rule.pk, "received": "2026-03-02"}).content.decode()
    assert 'datetime="2026-03-30"' in html  # 4 weeks, not the 3 weeks of forvaltningsloven § 29


def test_single_danish_rule_is_preselected_and_the_hint_says_what_received_means(calculator, client):
    html = client.get("/klagefrist/").content.decode()
    select = html.split('name="rule"')[1].split("</select>")[0]
    assert f'<option value="{seeded_danish_rule().pk}" selected>' in select
    assert "Vælg …" not in select
    assert "ikke den dag, du åbnede den" in html
    assert "dd-mm-åååå" not in html  # the browser's date control decides the format; the hint does not contradict it


def test_result_takes_focus_and_names_the_counselling_phone(calculator, client):
    from home.models import Footer

    Footer.objects.update_or_create(
        locale=calculator.locale, defaults={"organisation": "Familier", "phone": "70 20 30 40"}
    )
    html = client.get("/klagefrist/", {"rule": seeded_danish_rule().pk, "received": "2026-03-02"}).content.decode()
    assert 'action="/klagefrist/#resultat"' in html
    assert 'id="resultat" tabindex="-1"' in html
    assert "deadlines/calculator.js" in html and "<script>" not in html
    assert 'Er du i tvivl, så ring til os. <a href="tel:70203040">70 20 30 40</a>' in html
