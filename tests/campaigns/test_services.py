"""The registration state machine: every transition, seats, waiting list, promotion, selection for breadth."""

import datetime

import pytest
from django.utils import timezone

from campaigns import services, tokens
from campaigns.models import Registration
from outbox.models import Message
from tests.campaigns.factories import EventPageFactory, registration_in_state, registration_linked_in

pytestmark = pytest.mark.django_db


def topics(email):
    return [m.topic for m in Message.objects.filter(to=[email]).order_by("id")]


@pytest.fixture
def event(site_tree):
    return EventPageFactory(capacity=2)


def test_first_come_confirms_while_seats_remain_then_waitlists(event, person):
    first = services.register(event.pk, person(1))
    second = services.register(event.pk, person(2))
    third = services.register(event.pk, person(3))
    assert [first.state, second.state, third.state] == ["confirmed", "confirmed", "waitlisted"]
    assert services.seats_taken(event) == 2
    # First come is settled at once: one e-mail, the seat or the waiting list (no separate receipt).
    assert topics("person1@example.org") == ["confirmed"]
    assert topics("person3@example.org") == ["waitlisted"]


def test_companions_take_seats(event, person):
    event.max_companions = 2
    event.save()
    big = services.register(event.pk, person(1, companions=1))
    assert big.state == "confirmed" and services.seats_taken(event) == 2
    assert services.register(event.pk, person(2)).state == "waitlisted"


def test_companions_above_the_limit_are_refused(event, person):
    with pytest.raises(services.RegistrationError, match="højst tage 0 ledsagere"):
        services.register(event.pk, person(1, companions=1))
    assert not Registration.objects.exists()


def test_same_email_twice_gives_no_second_seat_and_tells_only_that_address(event, person):
    services.register(event.pk, person(1))
    with pytest.raises(services.DuplicateRegistration):
        services.register(event.pk, person(1, email="PERSON1@example.org", name="Igen"))
    assert Registration.objects.filter(event=event).count() == 1
    assert services.seats_taken(event) == 1
    assert topics("person1@example.org") == ["confirmed", "already_registered"]
    reminder = Message.objects.get(topic="already_registered")
    assert reminder.subject.startswith("Du er allerede tilmeldt")
    assert registration_linked_in(reminder.body) == Registration.objects.get()


def test_register_cancel_cycles_are_limited_per_address(event, person, settings):
    settings.CAMPAIGNS_ATTEMPTS_PER_ADDRESS = 3
    for _round in range(3):
        registration = services.register(event.pk, person(1))
        services.cancel(registration.pk)
    sent = Message.objects.count()
    with pytest.raises(services.TooManyAttempts):
        services.register(event.pk, person(1))
    with pytest.raises(services.TooManyAttempts):
        services.register(event.pk, person(1, email="Person1@Example.org"))
    assert Message.objects.count() == sent  # no more mail to that address today
    assert services.register(event.pk, person(2)).state == "confirmed"  # other addresses are not affected


def test_after_cancelling_the_same_email_may_register_again(event, person):
    first = services.register(event.pk, person(1))
    services.cancel(first.pk)
    again = services.register(event.pk, person(1))
    assert again.state == "confirmed"


def test_cancel_promotes_the_first_on_the_waiting_list(event, person):
    a = services.register(event.pk, person(1))
    services.register(event.pk, person(2))
    services.register(event.pk, person(3))
    d = services.register(event.pk, person(4))
    services.cancel(a.pk)
    states = {r.email: r.state for r in Registration.objects.all()}
    assert states == {
        "person1@example.org": "cancelled",
        "person2@example.org": "confirmed",
        "person3@example.org": "confirmed",
        "person4@example.org": "waitlisted",
    }
    assert topics("person3@example.org") == ["waitlisted", "confirmed"]
    promoted_mail = Message.objects.filter(to=["person3@example.org"], topic="confirmed").get()
    assert "Der er blevet en plads ledig" in promoted_mail.body
    assert topics("person1@example.org")[-1] == "cancelled"
    assert services.waiting_position(Registration.objects.get(pk=d.pk)) == 1


def test_cancelling_a_waitlisted_registration_promotes_nobody(event, person):
    for n in range(4):
        services.register(event.pk, person(n))
    services.cancel(Registration.objects.get(email="person2@example.org").pk)
    assert Registration.objects.filter(state="confirmed").count() == 2
    assert Registration.objects.get(email="person3@example.org").state == "waitlisted"


def test_promotion_keeps_strict_order_when_the_first_needs_more_seats(event, person):
    event.max_companions = 1
    event.save()
    a = services.register(event.pk, person(1))
    services.register(event.pk, person(2))
    services.register(event.pk, person(3, companions=1))  # needs 2 seats
    services.register(event.pk, person(4))
    services.cancel(a.pk)  # one seat free: not enough for person 3, and person 4 must not jump the queue
    assert Registration.objects.get(email="person3@example.org").state == "waitlisted"
    assert Registration.objects.get(email="person4@example.org").state == "waitlisted"


@pytest.mark.parametrize(
    "start,target,allowed",
    [
        ("received", "confirmed", True),
        ("received", "waitlisted", True),
        ("received", "declined", True),
        ("received", "cancelled", True),
        ("waitlisted", "confirmed", True),
        ("waitlisted", "declined", True),
        ("waitlisted", "cancelled", True),
        ("confirmed", "waitlisted", True),
        ("confirmed", "declined", True),
        ("confirmed", "cancelled", True),
        ("declined", "confirmed", True),
        ("declined", "waitlisted", True),
        ("cancelled", "confirmed", False),
        ("cancelled", "waitlisted", False),
        ("cancelled", "declined", False),
        ("declined", "cancelled", False),
    ],
)
def test_every_transition(site_tree, person, start, target, allowed):
    event = EventPageFactory(capacity=5, mode="application")
    registration = services.register(event.pk, person(1))
    assert registration.state == "received"
    path = {
        "received": [],
        "waitlisted": ["waitlisted"],
        "confirmed": ["confirmed"],
        "declined": ["declined"],
        "cancelled": ["cancelled"],
    }[start]
    for step in path:
        services.registrations._change(registration.pk, step)
    action = {
        "confirmed": services.confirm,
        "waitlisted": services.waitlist,
        "declined": services.decline,
        "cancelled": services.cancel,
    }[target]
    if allowed:
        action(registration.pk)
        assert Registration.objects.get(pk=registration.pk).state == target
    else:
        with pytest.raises(services.InvalidTransition):
            action(registration.pk)
        assert Registration.objects.get(pk=registration.pk).state == start


def test_confirming_beyond_capacity_is_refused(event, person):
    services.register(event.pk, person(1))
    services.register(event.pk, person(2))
    waiting = services.register(event.pk, person(3))
    with pytest.raises(services.NoSeatsLeft):
        services.confirm(waiting.pk)
    assert Registration.objects.get(pk=waiting.pk).state == "waitlisted"


def test_registration_outside_the_window_is_refused(site_tree, person):
    not_yet = EventPageFactory(registration_opens=timezone.now() + datetime.timedelta(days=1))
    closed = EventPageFactory(registration_closes=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(services.RegistrationClosed, match="ikke åbnet"):
        services.register(not_yet.pk, person(1))
    with pytest.raises(services.RegistrationClosed, match="lukket"):
        services.register(closed.pk, person(1))
    assert not Registration.objects.exists()


def test_application_mode_only_sends_a_receipt(site_tree, person):
    event = EventPageFactory(capacity=2, mode="application")
    registration = services.register(event.pk, person(1))
    assert registration.state == "received"
    assert topics("person1@example.org") == ["receipt"]
    receipt = Message.objects.get(to=["person1@example.org"])
    assert "ansøgning" in receipt.subject and "fordeler vi pladserne" in receipt.body


def test_selection_for_breadth_spreads_seats_and_is_deterministic(site_tree, person):
    event = EventPageFactory(capacity=4, mode="application")
    # Five early applicants from the same region and role, then three from elsewhere.
    for n in range(5):
        services.register(event.pk, person(n, region="Region Hovedstaden", role="parent", organisation="A"))
    services.register(event.pk, person(10, region="Region Nordjylland", role="parent", organisation="B"))
    services.register(
        event.pk, person(11, region="Region Syddanmark", role="caseworker", organisation="Odense Kommune")
    )
    services.register(event.pk, person(12, region="Region Sjælland", role="professional", organisation="C"))
    proposal = services.propose_selection(event)
    chosen = sorted(r.email for r in proposal.applicants if proposal.decisions[r.pk] == "confirmed")
    assert chosen == ["person0@example.org", "person10@example.org", "person11@example.org", "person12@example.org"]
    assert proposal.seats_used == 4
    assert proposal.distinct_selected["region"] == 4 and proposal.distinct_first_come["region"] == 1
    regions = {row["value"]: (row["applied"], row["selected"]) for row in proposal.balance["region"]}
    assert regions["Region Hovedstaden"] == (5, 1)
    # Same input, same answer.
    again = services.propose_selection(event)
    assert again.decisions == proposal.decisions


def test_apply_selection_sends_final_mails_and_opens_promotion(site_tree, person):
    event = EventPageFactory(capacity=2, mode="application")
    regs = [services.register(event.pk, person(n, region=f"R{n}")) for n in range(4)]
    proposal = services.propose_selection(event)
    decisions = dict(proposal.decisions)
    decisions[regs[3].pk] = "declined"  # the editor adjusts the proposal
    counts = services.apply_selection(event.pk, decisions)
    assert counts == {"confirmed": 2, "waitlisted": 1, "declined": 1}
    assert topics("person0@example.org") == ["receipt", "confirmed"]
    assert topics("person2@example.org") == ["receipt", "waitlisted"]
    assert topics("person3@example.org") == ["receipt", "declined"]
    event.refresh_from_db()
    assert event.selection_done_at is not None and event.registration_status() == "closed"
    services.cancel(regs[0].pk)
    assert Registration.objects.get(pk=regs[2].pk).state == "confirmed"


def test_apply_selection_refuses_too_many_seats(site_tree, person):
    event = EventPageFactory(capacity=1, mode="application")
    regs = [services.register(event.pk, person(n)) for n in range(2)]
    with pytest.raises(services.NoSeatsLeft):
        services.apply_selection(event.pk, {r.pk: "confirmed" for r in regs})
    assert set(Registration.objects.values_list("state", flat=True)) == {"received"}


def test_registration_is_saved_even_when_mail_is_down(event, person, settings):
    settings.EMAIL_BACKEND = "tests.outbox.failing_backend.FailingBackend"
    from outbox.worker import process_due

    registration = services.register(event.pk, person(1))
    assert Registration.objects.get(pk=registration.pk).state == "confirmed"
    assert process_due() == {"sent": 0, "retry": 1, "failed": 0}
    assert Message.objects.filter(to=["person1@example.org"], status="pending").count() == 1


def test_cancel_and_forget_removes_personal_data_and_frees_the_seat(event, person):
    a = services.register(event.pk, person(1, dietary="Vegetar"))
    services.register(event.pk, person(2))
    waiting = services.register(event.pk, person(3))
    services.cancel_and_forget(a.pk)
    a.refresh_from_db()
    assert a.state == "cancelled" and a.name == "" and a.dietary == "" and "example.org" not in a.email
    assert Registration.objects.get(pk=waiting.pk).state == "confirmed"
    assert tokens.registration_from_token(tokens.registration_token(a)) is None


@pytest.mark.parametrize("state", [state for state, _label in Registration._meta.get_field("state").choices])
def test_erasure_works_in_every_state(site_tree, person, state):
    registration = registration_in_state(state, person)
    services.cancel_and_forget(registration.pk)
    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert registration.name == "" and registration.dietary == "" and "example.org" not in registration.email
    assert registration.state in ("cancelled", "declined")
    services.cancel_and_forget(registration.pk)  # twice changes nothing and raises nothing


def test_purge_removes_forms_and_unsent_mail_by_age_whatever_their_state(site_tree, settings):
    from campaigns.models import CounsellingRequest, MembershipApplication
    from outbox import send

    old = timezone.now() - datetime.timedelta(days=400)
    for handled in (True, False):
        CounsellingRequest.objects.create(
            name="Gammel", email="g@example.org", message="Min søn …", consent_text="ja", handled=handled
        )
        MembershipApplication.objects.create(
            name="Gammel", email="g@example.org", address="x", consent_text="ja", handled=handled
        )
    CounsellingRequest.objects.update(created_at=old)
    MembershipApplication.objects.update(created_at=old)
    fresh = CounsellingRequest.objects.create(name="Ny", email="n@example.org", message="Hjælp", consent_text="ja")
    failed, pending, recent, sent = (send("g@example.org", "Henvendelse", "Min søn …") for _ in range(4))
    Message.objects.filter(pk=failed.pk).update(status="failed")
    Message.objects.filter(pk=sent.pk).update(status="sent", sent_at=timezone.now())
    Message.objects.exclude(pk=recent.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))

    result = services.purge_personal_data()

    assert result["counselling_requests"] == 2 and result["membership_applications"] == 2
    assert list(CounsellingRequest.objects.all()) == [fresh] and not MembershipApplication.objects.exists()
    assert result["outbox_messages"] == 2
    assert set(Message.objects.values_list("pk", flat=True)) == {recent.pk, sent.pk}  # sent: the worker's job


def test_consent_texts_promise_what_the_purge_does(site_tree, settings):
    from campaigns.forms import CounsellingForm
    from tests.campaigns.factories import CampaignPageFactory

    event, campaign = EventPageFactory(), CampaignPageFactory()
    assert "senest 90 dage efter arrangementet" in event.consent()
    assert "senest 30 dage efter, at kampagnen er slut" in campaign.consent()
    assert "senest 365 dage efter, at vi har modtaget dem" in CounsellingForm().fields["consent"].label
    settings.CAMPAIGNS_KEEP_REGISTRATIONS_DAYS = 60
    settings.CAMPAIGNS_KEEP_FORMS_DAYS = 180
    assert "senest 60 dage efter arrangementet" in event.consent()
    assert "senest 180 dage" in CounsellingForm().fields["consent"].label


def test_purge_personal_data_anonymises_after_the_retention_time(site_tree, person):
    old = EventPageFactory(capacity=5)
    recent = EventPageFactory(capacity=5)
    services.register(old.pk, person(1))
    services.register(recent.pk, person(2))
    from campaigns.models import EventPage

    EventPage.objects.filter(pk=old.pk).update(end=timezone.now() - datetime.timedelta(days=100))
    result = services.purge_personal_data(registration_days=90)
    assert result["registrations"] == 1
    assert Registration.objects.get(event=old).name == ""
    assert Registration.objects.get(event=recent).name == "Person 2"
    assert services.seats_taken(old) == 1  # figures are kept, people are not


def test_signing_again_replaces_the_details_of_an_unconfirmed_sign_up(site_tree):
    from campaigns.models import Signature
    from tests.campaigns.factories import CampaignPageFactory

    campaign = CampaignPageFactory()
    services.sign(campaign, name="Falsk Navn", email="anna@example.org", municipality="Et sted", show_name=True)
    services.sign(campaign, name="Anna Jensen", email="ANNA@example.org", municipality="", show_name=False)
    signature = Signature.objects.get()
    assert (signature.name, signature.municipality, signature.show_name) == ("Anna Jensen", "", False)
    assert Message.objects.filter(topic="signature").count() == 2
    services.confirm_signature(tokens.signature_token(signature))
    services.sign(campaign, name="Igen", email="anna@example.org", show_name=True)
    signature.refresh_from_db()
    assert signature.name == "Anna Jensen" and not signature.show_name  # a confirmed sign-up is not changed
    assert Message.objects.order_by("-id").first().subject.startswith("Du har allerede skrevet under")
