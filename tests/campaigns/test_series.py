"""Event series: one meeting per person, preferences, selection for breadth across the series, registering others."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone, translation

from campaigns import services
from campaigns.models import Registrant, Registration
from outbox.models import Message
from tests.campaigns.factories import EventSeriesFactory, meetings

pytestmark = pytest.mark.django_db


def mails_to(email):
    """The outbox messages addressed to one e-mail (whether `to` is stored as text or a list)."""
    return [m for m in Message.objects.order_by("id") if email in (m.to if isinstance(m.to, str) else ",".join(m.to))]


def person(n, **overrides):
    values = {"name": f"Person {n}", "email": f"person{n}@example.org", "role": "parent", "region": "dk-hovedstaden"}
    return services.RegistrationData(**(values | overrides))


def apply(series, preferences, *participants, registrant=None, guardian=False, language="da"):
    first = participants[0]
    name, email = registrant or (first.name, first.email)
    return services.register_series(
        series.pk,
        services.SeriesApplication(
            registrant_name=name,
            registrant_email=email,
            participants=list(participants),
            preferences=[m.pk for m in preferences],
            guardian=guardian,
            language=language,
        ),
    )


@pytest.fixture
def series(site_tree):
    return EventSeriesFactory()


# -- "kun ét møde" ------------------------------------------------------------------------


def test_one_person_holds_one_place_across_the_series_whatever_the_case_of_the_email(series):
    a, b = meetings(series)
    apply(series, [a], person(1))
    # The second application is not saved; the address (not the page) is told why, with its own link.
    assert apply(series, [b, a], person(1, email="PERSON1@Example.org")) == []
    assert Registration.objects.filter(series=series).count() == 1
    [_receipt, already] = mails_to("person1@example.org")
    assert already.topic == "already" and "man kan kun deltage i ét af møderne" in already.body
    assert a.title in already.body and "/tilmelding/" in already.body


def test_first_come_series_gives_the_first_preferred_meeting_with_a_seat(site_tree):
    series = EventSeriesFactory(mode="first_come")
    a, b = meetings(series, capacity=1)
    [first] = apply(series, [a, b], person(1))
    [second] = apply(series, [a, b], person(2))
    [third] = apply(series, [a, b], person(3))
    assert (first.state, first.event_id) == ("confirmed", a.pk)
    assert (second.state, second.event_id) == ("confirmed", b.pk)
    assert (third.state, third.event_id) == ("waitlisted", a.pk)  # the waiting list of the first choice
    assert apply(series, [b], person(2)) == []
    # Cancelling frees the person to apply again, and the seat goes to the waiting list.
    services.cancel(first.pk)
    third.refresh_from_db()
    assert third.state == "confirmed"
    [again] = apply(series, [a, b], person(1))
    assert again.state == "waitlisted"


def test_a_meeting_of_a_series_does_not_take_registrations_on_its_own(series):
    [a] = meetings(series, n=1)
    with pytest.raises(services.RegistrationClosed):
        services.register(a.pk, person(1))


def test_preferences_must_be_meetings_of_the_series(series):
    a, _b = meetings(series)
    other = meetings(EventSeriesFactory(), n=1)[0]
    with pytest.raises(services.RegistrationError):
        apply(series, [other], person(1))
    with pytest.raises(services.RegistrationError):
        apply(series, [], person(1))
    assert not Registration.objects.exists()
    [registration] = apply(series, [a], person(1))
    assert registration.state == "received" and registration.preferences == [a.pk]


def test_after_the_deadline_the_series_is_closed(series):
    a, _b = meetings(series)
    series.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    series.save()
    with pytest.raises(services.RegistrationClosed):
        apply(series, [a], person(1))


@pytest.mark.django_db(transaction=True)
def test_lock_event_refuses_to_run_outside_a_transaction(series):
    [a] = meetings(series, n=1)
    with pytest.raises(RuntimeError, match="transaction"):
        services.lock_event(a.pk)
    with pytest.raises(RuntimeError, match="transaction"):
        services.lock_series(series.pk)
    with transaction.atomic():
        assert services.lock_event(a.pk).pk == a.pk


# -- selection for breadth across the series --------------------------------------------------


def test_selection_honours_preferences_and_balances_breadth(series):
    a, b = meetings(series, capacity=2)
    p1, p2, p3 = (apply(series, [a, b], person(n))[0] for n in (1, 2, 3))  # same region and role, want A first
    [p4] = apply(series, [a], person(4, region="dk-nordjylland", role="caseworker"))  # can only come to A
    [p5] = apply(series, [b, a], person(5, region="dk-syddanmark", role="young"))

    proposal = services.propose_series_selection(series)

    # Plain first come would have given A to p1 and p2 and left p4, the only caseworker from the north, out.
    assert proposal.decisions == {p1.pk: a.pk, p4.pk: a.pk, p5.pk: b.pk, p2.pk: b.pk, p3.pk: "waitlisted"}
    seated = [r for r in proposal.applicants if isinstance(proposal.decisions[r.pk], int)]
    assert all(proposal.decisions[r.pk] in r.preferences for r in seated)
    regions = {row["value"]: row["selected"] for row in proposal.overall["region"]}
    assert regions == {"Region Hovedstaden": 2, "Region Nordjylland": 1, "Region Syddanmark": 1}
    assert [(row["meeting"].pk, row["used"], row["free"]) for row in proposal.per_meeting] == [
        (a.pk, 2, 2),
        (b.pk, 2, 2),
    ]
    assert proposal.preference_counts == [{"rank": 1, "count": 3}, {"rank": 2, "count": 1}, {"rank": None, "count": 1}]


def test_confirming_the_selection_settles_everyone_and_sends_final_mails(series):
    a, b = meetings(series, capacity=1)
    [p1] = apply(series, [a, b], person(1))
    [p2] = apply(series, [a, b], person(2))
    [p3] = apply(series, [a], person(3))
    Message.objects.all().delete()
    # The editor adjusts the proposal: p3 gets A, p1 goes to B, p2 waits for A.
    counts = services.apply_series_selection(series.pk, {p1.pk: b.pk, p2.pk: "waitlisted", p3.pk: a.pk})
    assert counts == {"confirmed": 2, "waitlisted": 1}
    states = {r.pk: (r.state, r.event_id) for r in Registration.objects.all()}
    assert states == {p1.pk: ("confirmed", b.pk), p2.pk: ("waitlisted", a.pk), p3.pk: ("confirmed", a.pk)}
    [seat] = mails_to("person1@example.org")
    assert b.title in seat.subject and seat.attachments  # the assigned meeting as .ics
    assert "Program" in seat.body or not b.programme
    [waiting] = mails_to("person2@example.org")
    assert "ikke fået en plads denne gang" in waiting.body and "nummer 1 på ventelisten" in waiting.body
    series.refresh_from_db()
    assert series.selection_done_at and series.registration_status() == "closed"


def test_selection_refuses_more_seats_than_a_meeting_has(series):
    a, _b = meetings(series, capacity=1)
    [p1] = apply(series, [a], person(1))
    [p2] = apply(series, [a], person(2))
    with pytest.raises(services.NoSeatsLeft):
        services.apply_series_selection(series.pk, {p1.pk: a.pk, p2.pk: a.pk})
    assert set(Registration.objects.values_list("state", flat=True)) == {"received"}


# -- registering others ----------------------------------------------------------------------


def test_a_parent_registers_herself_her_son_under_18_and_a_colleague(series):
    a, b = meetings(series, capacity=5)
    mother = person(1, name="Mor Hansen", email="mor@example.org")
    son = person(2, name="Søn Hansen", email="", role="young", under_18=True)
    colleague = person(3, name="Kollega", email="kollega@example.org", role="professional", region="dk-sjaelland")
    registrations = apply(
        series, [b, a], mother, son, colleague, registrant=("Mor Hansen", "mor@example.org"), guardian=True
    )

    assert len(registrations) == 3
    registrant = Registrant.objects.get()
    assert {r.registrant_id for r in registrations} == {registrant.pk}
    assert all(r.preferences == [b.pk, a.pk] for r in registrations)
    # The registrant gets one receipt for everyone; the colleague her own; the son has no address.
    [receipt] = mails_to("mor@example.org")
    assert (
        "Søn Hansen" in receipt.body and "Kollega" in receipt.body and "de 3 personer, du har meldt på" in receipt.body
    )
    [own] = mails_to("kollega@example.org")
    assert own.topic == "receipt"

    Message.objects.all().delete()
    services.apply_series_selection(series.pk, {r.pk: b.pk for r in registrations})
    [answer] = mails_to("mor@example.org")
    assert "Her er svaret for dig og dem, du har meldt på" in answer.body
    assert answer.body.count("Har fået en plads") == 3
    assert len(mails_to("kollega@example.org")) == 1

    # Cancelling the son does not cancel the others; the mother hears about it.
    Message.objects.all().delete()
    services.cancel(registrations[1].pk)
    assert [r.state for r in Registration.objects.order_by("id")] == ["confirmed", "cancelled", "confirmed"]
    [news] = mails_to("mor@example.org")
    assert "Søn Hansen" in news.subject and "Er afmeldt" in news.body


def test_young_people_under_18_must_be_registered_by_a_parent(series):
    [a] = meetings(series, n=1)
    with pytest.raises(services.RegistrationError, match="forælder eller værge"):
        apply(series, [a], person(1, under_18=True))
    with pytest.raises(services.RegistrationError, match="forælder eller værge"):
        apply(series, [a], person(1), person(2, email="", under_18=True), registrant=("Far", "far@example.org"))
    assert not Registration.objects.exists() and not Registrant.objects.exists()


def test_the_same_address_twice_in_one_application_is_refused(series):
    [a] = meetings(series, n=1)
    with pytest.raises(services.DuplicateRegistration):
        apply(series, [a], person(1), person(2, email="Person1@example.org"), registrant=("X", "x@example.org"))
    assert not Registration.objects.exists()


def test_each_participant_counts_for_one_seat_and_the_rule(series):
    [a] = meetings(series, n=1, capacity=5)
    apply(series, [a], person(1), person(2), registrant=("Tilmelder", "t@example.org"))
    assert apply(series, [a], person(2)) == []
    # In a group, a participant who already has a place is left out; the others are saved.
    saved = apply(series, [a], person(1), person(3), registrant=("Tilmelder", "t@example.org"))
    assert [r.name for r in saved] == ["Person 3"]
    assert Registration.objects.filter(series=series).count() == 3


def test_participants_data_follows_the_retention_rules(series):
    a, _b = meetings(series, capacity=5)
    registrations = apply(
        series, [a], person(1), person(2, email="", under_18=True), registrant=("Mor", "mor@example.org"), guardian=True
    )
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    type(a).objects.filter(pk=a.pk).update(
        start=timezone.now() - datetime.timedelta(days=100), end=timezone.now() - datetime.timedelta(days=100)
    )
    result = services.purge_personal_data()
    assert result["registrations"] == 2
    assert set(Registration.objects.values_list("name", flat=True)) == {""}
    assert not Registration.objects.filter(under_18=True).exists()
    registrant = Registrant.objects.get()
    assert registrant.name == "" and registrant.email.endswith("@invalid")


# -- the two-step mails in both languages ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "receipt_words", "answer_words"),
    [
        ("da", "Vi har modtaget din ansøgning", "Du har fået en plads"),
        ("nb", "Vi har mottatt søknaden din", "Du har fått en plass"),
    ],
)
def test_receipt_then_final_mail_in_the_persons_language(site_tree, language, receipt_words, answer_words):
    series = EventSeriesFactory(language=language)
    [a] = meetings(series, n=1, language=language)
    [registration] = apply(series, [a], person(1), language=language)
    [receipt] = mails_to("person1@example.org")
    assert receipt.subject.startswith(receipt_words)
    assert a.title in receipt.body  # the preferred meetings are listed
    services.apply_series_selection(series.pk, {registration.pk: a.pk})
    answer = mails_to("person1@example.org")[-1]
    assert answer.subject.startswith(answer_words)
    assert answer.attachments and "BEGIN:VCALENDAR" in str(answer.attachments)
    translation.activate("da")


def test_the_registrant_gets_norwegian_mails_for_everyone(site_tree):
    series = EventSeriesFactory(language="nb", title="Likeverdsreformen i hverdagen")
    [oslo] = meetings(series, n=1, language="nb", capacity=5)
    registrations = apply(
        series,
        [oslo],
        person(1, name="Kari", email="", region="no-ostlandet"),
        person(2, name="Ola", email="", role="young", region="no-ostlandet", under_18=True),
        registrant=("Kari Nordmann", "kari@example.org"),
        guardian=True,
        language="nb",
    )
    [receipt] = mails_to("kari@example.org")
    assert receipt.subject == "Vi har mottatt søknaden deres: Likeverdsreformen i hverdagen"
    assert "de 2 personene du har meldt på" in receipt.body and "Kjære Kari Nordmann" in receipt.body
    services.apply_series_selection(series.pk, {r.pk: oslo.pk for r in registrations})
    answer = mails_to("kari@example.org")[-1]
    assert answer.subject == "Svar på søknaden deres: Likeverdsreformen i hverdagen"
    assert answer.body.count("Har fått plass på") == 2 and "Her er svaret for deg og dem du har meldt på" in answer.body
    translation.activate("da")
